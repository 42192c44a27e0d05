#!/usr/bin/env python3
"""Draws a horizontal bar chart, for figures that are not a curve (CPU per vote before and after).

usage: tools/plot-bars.py OUT.png "TITLE" "UNIT" "LABEL=VALUE" ["LABEL=VALUE" ...]
Writes an SVG beside OUT.png and renders it to PNG with headless Chromium (no Python packages needed).
"""
import sys, os, html
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import svg_to_png

out_png, title, unit = sys.argv[1:4]
bars = [(a.rsplit('=', 1)[0], float(a.rsplit('=', 1)[1])) for a in sys.argv[4:]]
W, L, R, T, row = 960, 380, 90, 60, 40
H = T + row * len(bars) + 50
vmax = max(v for _, v in bars) or 1
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="14">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="{W/2}" y="30" font-size="18" text-anchor="middle">{html.escape(title)}</text>']
for i, (label, value) in enumerate(bars):
    y = T + i * row
    width = (W - L - R) * value / vmax
    svg.append(f'<text x="{L-10}" y="{y+20}" text-anchor="end">{html.escape(label)}</text>')
    svg.append(f'<rect x="{L}" y="{y+4}" width="{width:.1f}" height="{row-12}" fill="{"#c2255c" if "before" in label else "#1864ab"}"/>')
    svg.append(f'<text x="{L+width+6:.1f}" y="{y+20}">{value:g} {html.escape(unit)}</text>')
svg.append('</svg>')
svg_to_png.write(out_png, svg, W, H)
