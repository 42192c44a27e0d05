#!/usr/bin/env python3
"""Shares of a perf profile's samples by the work they belong to, each sample counted once: the first rule that
matches its thread or its stack, in the order below (so a staff page redrawn inline while the tallies are published
counts as publishing the tallies). Complements profile-shares.py, whose groups overlap.

usage: perf script -i server.perf | tools/profile-work.py [--other N]
With --other N, also the N commonest innermost frames of the samples no rule matched.
The server must run with DOTNET_PerfMapEnabled=1 and DOTNET_EnableWriteXorExecute=0 (docs/benchmarks.md).
"""
import collections, re, sys

RULES = [
    ('tier-1 compilation (its own thread)', lambda thread, stack: thread.startswith('.NET Tiered')),
    ("the runtime's timer thread", lambda thread, stack: thread.startswith('.NET Timer')),
    ("the sockets' event thread (epoll)", lambda thread, stack: thread.startswith('.NET Sockets')),
    ('storing votes (VoteBatcher)', lambda thread, stack: 'VoteBatcher' in stack),
    ('storing joins (JoinBatcher)', lambda thread, stack: 'JoinBatcher' in stack),
    ('publishing tallies (TallyBroadcaster, with the staff pages it redraws inline)', lambda thread, stack: 'TallyBroadcaster' in stack),
    ('hub calls (votes, and the facilitator opening and closing scenarios)', lambda thread, stack: 'DefaultHubDispatcher' in stack),
    ('Blazor circuits (renders and messages not started by a tally)', lambda thread, stack: 'Microsoft.AspNetCore.Components' in stack),
    ('SignalR connections (reading, writing, pings)', lambda thread, stack: 'SignalR' in stack or 'Http.Connections' in stack),
    ('Kestrel (sockets, HTTP)', lambda thread, stack: 'Kestrel' in stack),
    ("SQLite's own code, its managed caller lost (perf cannot walk its frames)", lambda thread, stack: 'libe_sqlite3' in stack),
    ('thread pool: waiting, waking, dispatching', lambda thread, stack: re.search(r'LowLevelLifoSemaphore|WaitNative|sched_yield|futex|ThreadPoolWorkQueue::Dispatch', stack) is not None),
]

other = int(sys.argv[sys.argv.index('--other') + 1]) if '--other' in sys.argv else 0
counts = collections.Counter()
unmatched = collections.Counter()
samples = 0
thread = None
stack = []


def flush():
    global samples
    if thread is None:
        return
    samples += 1
    text = '\n'.join(stack)
    for name, rule in RULES:
        if rule(thread, text):
            counts[name] += 1
            return
    counts['anything else (the kernel, native code with no managed caller)'] += 1
    if stack:
        unmatched[re.sub(r'^[0-9a-f]+ |\+0x[0-9a-f]+', '', stack[0])[:120]] += 1


for line in sys.stdin:
    if not line.strip():
        flush()
        thread, stack = None, []
    elif line.startswith((' ', '\t')):
        stack.append(line.strip())
    else:
        flush()
        thread, stack = line[:16], []
flush()
print(f'| work | share of {samples:,} samples |')
print('|---|---|')
for name, _ in RULES + [('anything else (the kernel, native code with no managed caller)', None)]:
    if counts[name]:
        print(f'| {name} | {100.0 * counts[name] / max(1, samples):.1f} % |')
for frame, n in unmatched.most_common(other):
    print(f'{n} {frame}')
