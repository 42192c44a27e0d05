#!/usr/bin/env python3
"""Prints the markdown result table of docs/benchmarks.md from the load tool's JSON files."""
import json, sys
print('| participants | connected / failed | votes sent / acknowledged / stored | lost / duplicated | tallies = database = projector | vote → projector p50 / p95 / p99 / max (ms) | server peak RSS | server CPU (s) / wall (s) |')
print('|---|---|---|---|---|---|---|---|')
for f in sys.argv[1:]:
    r = json.load(open(f))
    a = r['audit']; l = r['voteToProjectorMs']
    ok = all(t['fromDatabase'] == t['fromAcknowledgements'] and t['onProjector'] and (t['onProjector']['snog'], t['onProjector']['marry'], t['onProjector']['avoid']) == (t['fromDatabase']['snog'], t['fromDatabase']['marry'], t['fromDatabase']['avoid']) for t in a['tallies'])
    print(f"| {r['options']['participants']:,} | {r['connected']:,} / {r['connectFailed']} | {r['votesSent']:,} / {r['votesAcknowledged']:,} / {a['stored']:,} | {a['lost']} / {a['duplicates']} | {'yes' if ok else 'NO'} | {l['p50']:.0f} / {l['p95']:.0f} / {l['p99']:.0f} / {l['max']:.0f} | {r['serverPeakRssBytes']/1048576:.0f} MiB | {r['serverCpuSeconds']:.1f} / {r['seconds']:.1f} |")
