"""Whole-process latency of `visitplan plan` for one or more binaries, run alternately (A B A B …)
so that the machine's load falls on each alike: what a user waits for at the prompt.

Usage: python3 Benchmarks/Planning/plan-latency.py [--runs N] [--dataset DIR] BINARY [BINARY …]
Prints each binary's median and fastest wall time in milliseconds, after one untimed warm-up run.
"""
import argparse
import statistics
import subprocess
import time


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=31)
    parser.add_argument("--dataset", default="datasets/cycle-2023")
    parser.add_argument("binaries", nargs="+")
    args = parser.parse_args()
    command = {b: [b, "plan", args.dataset] for b in args.binaries}
    for b in args.binaries:
        subprocess.run(command[b], stdout=subprocess.DEVNULL, check=True)
    times = {b: [] for b in args.binaries}
    for _ in range(args.runs):
        for b in args.binaries:
            start = time.perf_counter()
            subprocess.run(command[b], stdout=subprocess.DEVNULL, check=True)
            times[b].append((time.perf_counter() - start) * 1000)
    for b in args.binaries:
        print(f"{b}: median {statistics.median(times[b]):.1f} ms, fastest {min(times[b]):.1f} ms ({args.runs} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
