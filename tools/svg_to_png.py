"""Writes an SVG beside a PNG path and renders it to that PNG with headless Chromium (no Python packages needed).
Shared by tools/plot-benchmarks.py and tools/plot-bars.py."""
import os, subprocess


def write(out_png, svg_lines, width, height):
    out_svg = os.path.splitext(out_png)[0] + '.svg'
    with open(out_svg, 'w') as f:
        f.write('\n'.join(svg_lines))
    chromium = os.environ.get('SMA_TEST_CHROMIUM', '/usr/bin/chromium')
    subprocess.run([chromium, '--headless', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking',
                    '--disable-component-update', '--disable-sync', '--no-first-run', '--hide-scrollbars',
                    f'--screenshot={os.path.abspath(out_png)}', f'--window-size={width},{height}', 'file://' + os.path.abspath(out_svg)],
                   check=True, capture_output=True)
    print(f'wrote {out_png} and {out_svg}')
