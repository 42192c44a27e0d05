#!/usr/bin/env python3
"""Draws a horizontal bar chart, for figures that are not a curve (CPU per vote before and after).

usage: tools/plot-bars.py OUT.png "TITLE" "UNIT" "LABEL=VALUE" ["LABEL=VALUE" ...]
Writes an SVG beside OUT.png and renders it to PNG with headless Chromium (no Python packages needed).
"""
import subprocess, sys, os, html

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
out_svg = os.path.splitext(out_png)[0] + '.svg'
open(out_svg, 'w').write('\n'.join(svg))
chromium = os.environ.get('SMA_TEST_CHROMIUM', '/usr/bin/chromium')
subprocess.run([chromium, '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
                '--disable-component-update', '--disable-sync', '--no-first-run', '--hide-scrollbars',
                f'--screenshot={os.path.abspath(out_png)}', f'--window-size={W},{H}', 'file://' + os.path.abspath(out_svg)],
               check=True, capture_output=True)
print(f'wrote {out_png} and {out_svg}')
