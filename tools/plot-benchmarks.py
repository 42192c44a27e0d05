#!/usr/bin/env python3
"""Plots vote->projector latency percentiles (or, with --rss, server memory) against room size from the load tool's JSON files.

usage: tools/plot-benchmarks.py [--rss] [--log] OUT.png LABEL=file1.json,file2.json,... [LABEL=...]
With --rss the three lines are the servers' memory before the phones, with the phones idle, and at the peak (MiB,
summed over the run's servers); --log draws the y axis on a log scale. Writes an SVG beside OUT.png and renders it to PNG with headless Chromium (no
Python packages needed).
"""
import json, sys, os, html
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import svg_to_png

args = sys.argv[1:]
rss = '--rss' in args
log = '--log' in args
args = [a for a in args if a not in ('--rss', '--log')]
out_png = args[0]
series = []
for arg in args[1:]:
    label, files = arg.split('=', 1)
    points = []
    for f in files.split(','):
        r = json.load(open(f))
        if rss:
            servers = r.get('servers') or []
            mib = lambda key: sum((s.get(key) or 0) for s in servers) / 1048576
            points.append((r['connected'], mib('rssBeforePhonesBytes'), mib('rssPhonesIdleBytes'), mib('peakRssBytes') if servers else r['serverPeakRssBytes'] / 1048576))
        else:
            lat = r['voteToProjectorMs']
            points.append((r['connected'], lat['p50'], lat['p95'], lat['p99']))
    points.sort()
    series.append((label, points))
keys = ('before phones', 'phones idle', 'peak') if rss else ('p50', 'p95', 'p99')

W, H, L, R, T, B = 960, 520, 80, 260, 50, 70
xs = sorted({p[0] for _, pts in series for p in pts})
ymax = max(p[3] for _, pts in series for p in pts) * 1.15 or 1
ymin = max(1, min(v for _, pts in series for p in pts for v in p[1:] if v > 0) / 1.5) if log else 0
def X(n): return L + (W - L - R) * (xs.index(n) / max(1, len(xs) - 1))
import math
def Y(v):
    if log:
        return H - B - (H - T - B) * (math.log10(max(v, ymin) / ymin) / math.log10(ymax / ymin))
    return H - B - (H - T - B) * (v / ymax)
colors = dict(zip(keys, ('#1864ab', '#b35c00', '#c2255c')))
dashes = ['', '6,4', '2,3']
title = 'Server memory (RSS)' if rss else 'Vote → projector latency'
unit = ('MiB' if rss else 'milliseconds') + (' (log scale)' if log else '')
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="14">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="{(L + W - R)/2}" y="28" font-size="18" text-anchor="middle">{title} by room size (x: sizes measured)</text>']
for i in range(6):
    v = ymin * (ymax / ymin) ** (i / 5) if log else ymax * i / 5
    svg.append(f'<line x1="{L}" x2="{W-R}" y1="{Y(v)}" y2="{Y(v)}" stroke="#ddd"/>')
    svg.append(f'<text x="{L-8}" y="{Y(v)+5}" text-anchor="end">{v:.0f}</text>')
for n in xs:
    svg.append(f'<text x="{X(n)}" y="{H-B+22}" text-anchor="middle">{n:,}</text>')
svg.append(f'<text x="{(L + W - R)/2}" y="{H-20}" text-anchor="middle">participants (hub connections) in one room</text>')
svg.append(f'<text x="20" y="{(T + H - B)/2}" transform="rotate(-90 20 {(T + H - B)/2})" text-anchor="middle">{unit}</text>')
ly = T + 10
for si, (label, pts) in enumerate(series):
    for idx, k in enumerate(keys, start=1):
        d = ' '.join(f'{X(p[0])},{Y(p[idx])}' for p in pts)
        svg.append(f'<polyline points="{d}" fill="none" stroke="{colors[k]}" stroke-width="2.5" stroke-dasharray="{dashes[si % 3]}"/>')
        for p in pts:
            svg.append(f'<circle cx="{X(p[0])}" cy="{Y(p[idx])}" r="3.5" fill="{colors[k]}"/>')
        svg.append(f'<line x1="{W-R+15}" x2="{W-R+45}" y1="{ly}" y2="{ly}" stroke="{colors[k]}" stroke-width="2.5" stroke-dasharray="{dashes[si % 3]}"/>')
        svg.append(f'<text x="{W-R+52}" y="{ly+5}">{html.escape(label)} {k}</text>')
        ly += 24
svg.append('</svg>')
svg_to_png.write(out_png, svg, W, H)
