"""Log-log line charts of the scaling curves, written as plain SVG (no plotting library).

Each chart shows measured points joined by lines and, dashed, the reference growth the curve
should follow (linear, or n log n), anchored at the first point, so that a departure is visible.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

WIDTH, HEIGHT = 640, 420
LEFT, RIGHT, TOP, BOTTOM = 80, 180, 40, 60
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd"]


def _ticks(low: float, high: float) -> list[float]:
    return [10.0 ** e for e in range(math.floor(math.log10(low)), math.ceil(math.log10(high)) + 1)]


def _label(value: float) -> str:
    exponent = round(math.log10(value))
    if -3 <= exponent <= 3:
        return f"{value:g}"
    return f"1e{exponent}"


def chart(title: str, x_label: str, y_label: str, series: list[tuple[str, list[float], list[float], bool]]) -> str:
    """series: (name, xs, ys, dashed)."""
    xs = [x for _, sx, _, _ in series for x in sx]
    ys = [y for _, _, sy, _ in series for y in sy if y > 0]
    x_ticks, y_ticks = _ticks(min(xs), max(xs)), _ticks(min(ys), max(ys))
    x0, x1 = math.log10(x_ticks[0]), math.log10(x_ticks[-1])
    y0, y1 = math.log10(y_ticks[0]), math.log10(y_ticks[-1])
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def px(x: float) -> float:
        return LEFT + (math.log10(x) - x0) / (x1 - x0) * plot_w

    def py(y: float) -> float:
        return TOP + plot_h - (math.log10(y) - y0) / (y1 - y0) * plot_h

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" '
           f'font-family="sans-serif" font-size="12">',
           f'<rect width="{WIDTH}" height="{HEIGHT}" fill="white"/>',
           f'<text x="{LEFT}" y="22" font-size="15" font-weight="bold">{title}</text>']
    for t in x_ticks:
        out.append(f'<line x1="{px(t):.1f}" y1="{TOP}" x2="{px(t):.1f}" y2="{TOP + plot_h}" stroke="#ddd"/>')
        out.append(f'<text x="{px(t):.1f}" y="{TOP + plot_h + 18}" text-anchor="middle">{_label(t)}</text>')
    for t in y_ticks:
        out.append(f'<line x1="{LEFT}" y1="{py(t):.1f}" x2="{LEFT + plot_w}" y2="{py(t):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{LEFT - 6}" y="{py(t) + 4:.1f}" text-anchor="end">{_label(t)}</text>')
    out.append(f'<rect x="{LEFT}" y="{TOP}" width="{plot_w}" height="{plot_h}" fill="none" stroke="#333"/>')
    out.append(f'<text x="{LEFT + plot_w / 2}" y="{HEIGHT - 18}" text-anchor="middle">{x_label}</text>')
    out.append(f'<text transform="translate(18 {TOP + plot_h / 2}) rotate(-90)" text-anchor="middle">{y_label}</text>')
    for k, (name, sx, sy, dashed) in enumerate(series):
        colour = COLOURS[k % len(COLOURS)] if not dashed else "#888"
        points = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(sx, sy) if y > 0)
        dash = ' stroke-dasharray="6 4"' if dashed else ""
        out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>')
        if not dashed:
            out += [f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3" fill="{colour}"/>' for x, y in zip(sx, sy) if y > 0]
        ly = TOP + 14 + 20 * k
        out.append(f'<line x1="{LEFT + plot_w + 12}" y1="{ly - 4}" x2="{LEFT + plot_w + 36}" y2="{ly - 4}" '
                   f'stroke="{colour}" stroke-width="2"{dash}/>')
        out.append(f'<text x="{LEFT + plot_w + 40}" y="{ly}">{name}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def _read(path: Path) -> dict[str, list[float]]:
    with open(path) as f:
        rows = list(csv.DictReader(f))
    return {key: [float(r[key]) for r in rows] for key in rows[0]}


def _reference(xs: list[float], y0: float, growth) -> list[float]:
    return [y0 * growth(x) / growth(xs[0]) for x in xs]


def draw_all(results: Path) -> None:
    c = _read(results / "scaling-candidates.csv")
    n = c["candidates"]
    (results / "scaling-candidates.svg").write_text(chart(
        "Time vs candidates (32 indicators)", "candidates", "seconds (median)", [
            ("score()", n, c["score_seconds"], False),
            ("ranking alone", n, c["rank_seconds"], False),
            ("∝ n", n, _reference(n, c["score_seconds"][0], lambda x: x), True),
            ("∝ n log n", n, _reference(n, c["rank_seconds"][0], lambda x: x * math.log(x)), True),
        ]))
    l = _read(results / "scaling-leaves.csv")
    leaves = l["leaves"]
    (results / "scaling-leaves.svg").write_text(chart(
        "Time vs leaves", "leaves", "seconds (median)", [
            ("score(), 100,000 cand.", leaves, l["score_100000_seconds"], False),
            ("batched 193 × 4,096 w.", leaves, l["batched_193x4096_seconds"], False),
            ("∝ leaves", leaves, _reference(leaves, l["score_100000_seconds"][0], lambda x: x), True),
        ]))
    s = _read(results / "scaling-samples.csv")
    samples = s["samples"]
    (results / "scaling-samples.svg").write_text(chart(
        "SMAA time vs samples (193 candidates)", "samples", "seconds (median)", [
            ("rank acceptability", samples, s["smaa_seconds"], False),
            ("∝ samples", samples, _reference(samples, s["smaa_seconds"][-1], lambda x: x), True),
        ]))
    print(f"wrote {results}/scaling-*.svg")
