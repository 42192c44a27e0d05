#!/usr/bin/env python3
"""Shares of a perf profile's samples by what their stacks pass through (inclusive: a sample counts for every
group its stack touches, so the shares overlap), and by where the sample was taken (the innermost frame: the
kernel, the runtime's own native code). Reads `perf script` output on standard input.

usage: perf script -i server.perf | tools/profile-shares.py
The server must run with DOTNET_PerfMapEnabled=1 and DOTNET_EnableWriteXorExecute=0 (W^X maps code twice) so that perf names the JIT-compiled frames (docs/benchmarks.md).
"""
import re, sys

GROUPS = [
    ('storing votes (VoteBatcher, its transaction)', r'VoteBatcher'),
    ('EF Core, anywhere', r'Microsoft\.EntityFrameworkCore'),
    ('SQLite (native)', r'libe_sqlite3|sqlite3'),
    ('counting tallies (TallyBroadcaster)', r'TallyBroadcaster|LiveTally'),
    ('Blazor rendering (console, projector)', r'Microsoft\.AspNetCore\.Components\.Rendering|RenderTreeDiffBuilder|ComponentBase'),
    ('the machine\'s network addresses', r'NetworkInterface|MachineAddresses'),
    ('SignalR hub calls and sends', r'Microsoft\.AspNetCore\.SignalR'),
    ('thread pool waiting and spinning', r'LowLevelLifoSemaphore|sched_yield|PortableThreadPool.*WorkerThread.*Wait|UnfairSemaphore'),
    ("taken in the runtime's native code (GC, stubs, locks: perf cannot name them)", r'^.*\(\S*libcoreclr\.so\)$'),
    ('JIT compiler', r'libclrjit|jitNativeCode|CILJit|compileMethod'),
    ('taken in the kernel (sockets, fsync, scheduling)', r'^.*\[kernel\.kallsyms\]\)$'),
    ('sending on sockets (kernel, inclusive)', r'tcp_sendmsg'),
    ('fsync (kernel, inclusive)', r'do_fsync'),
]

samples = 0
hits = [0] * len(GROUPS)
stack = []

def flush():
    global samples
    if not stack:
        return
    samples += 1
    text = '\n'.join(stack)
    for i, (_, pattern) in enumerate(GROUPS):
        # A pattern that starts with ^ is about the innermost frame only.
        if re.search(pattern, stack[0] if pattern.startswith('^') else text):
            hits[i] += 1
    stack.clear()

for line in sys.stdin:
    if not line.strip():
        flush()
    elif line.startswith((' ', '\t')):
        stack.append(line.strip())
    else:
        flush()
flush()
print(f'| what the stack passes through | share of {samples:,} samples |')
print('|---|---|')
for (name, _), n in zip(GROUPS, hits):
    print(f'| {name} | {100.0 * n / max(1, samples):.1f} % |')
