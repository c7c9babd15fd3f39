"""Writes a scenarios file for `visitplan batch` with N scenarios of random raw weights for the
shipped cycle's top-level criteria (threat, gaps, engagement): the input of the batch timings in
Benchmarks/README.md.

Usage: python3 batch_scenarios.py N OUTPUT.yaml [SEED]
"""
import random
import sys


def main() -> int:
    count, output = int(sys.argv[1]), sys.argv[2]
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 21)
    with open(output, "w") as f:
        f.write("scenarios:\n")
        for i in range(count):
            threat, gaps, engagement = (rng.randint(1, 60) for _ in range(3))
            f.write(f"  - id: w{i:04d}\n    weights: {{threat: {threat}, gaps: {gaps}, engagement: {engagement}}}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
