#!/usr/bin/env python3
"""Regenerates Edge.Agent/native-order.txt, the order of the agent's compiled methods in its executable.

Measurement tooling only (python3, a C compiler, nm; LD_PRELOAD into the benchmarked agent); the product does not use it.
The native compiler lays out the methods named in the file first, in that order (IlcOrderFile in Edge.Agent.csproj,
`--order` with `--method-layout:explicit`), and skips names it does not know, so a stale file still builds; methods
new since it was made just land after the listed ones. Regenerate after larger changes to what runs at start, idle or
with devices (docs/benchmarks.md, "Fifth pass"):

    dotnet publish Edge.Agent/Edge.Agent.csproj -c Release -r linux-x64 -o /tmp/edge-agent
    python3 tests/Benchmarks/Edge.Agent.Benchmarks/order/make-order.py --agent /tmp/edge-agent/EdgeHive.Edge.Agent

It runs the real agent benchmark (a real silo, the agent registered and idle, then 100 MQTT devices) with
method-trace.c preloaded into the agent, takes the set of methods that ran until the 100-device figure was printed
(before the agent is stopped), maps their entry addresses to symbol names with the .dbg file the publish leaves under
Edge.Agent/bin, and writes them in address order. --merge keeps the names of the current file that this run did not
see (after the traced ones), so several runs add up.
"""
import argparse
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.abspath(os.path.join(HERE, '..', '..', '..', '..'))
HEADER = '# Method order for the native compiler (IlcOrderFile); regenerate with ' \
         'tests/Benchmarks/Edge.Agent.Benchmarks/order/make-order.py. Unknown names (like this line) are skipped.\n'


def exec_segment_delta(path):
    """p_vaddr - p_offset of the executable's PT_LOAD segment with execute permission."""
    with open(path, 'rb') as f:
        head = f.read(64)
        if head[:4] != b'\x7fELF' or head[4] != 2:
            sys.exit(f'{path}: not a 64-bit ELF file')
        phoff, = struct.unpack_from('<Q', head, 32)
        phentsize, phnum = struct.unpack_from('<HH', head, 54)
        f.seek(phoff)
        table = f.read(phentsize * phnum)
    for i in range(phnum):
        p_type, p_flags, p_offset, p_vaddr = struct.unpack_from('<IIQQ', table, i * phentsize)
        if p_type == 1 and p_flags & 1:
            return p_vaddr - p_offset
    sys.exit(f'{path}: no executable segment')


def method_symbols(dbg):
    """Entry address -> symbol names of the compiled managed methods (between __start/__stop___managedcode)."""
    out = subprocess.run(['nm', '-n', '--defined-only', dbg], check=True, capture_output=True, text=True).stdout
    symbols = [line.split() for line in out.splitlines()]
    bounds = {s[2]: int(s[0], 16) for s in symbols if len(s) == 3 and s[2] in ('__start___managedcode', '__stop___managedcode')}
    if len(bounds) != 2:
        sys.exit(f'{dbg}: no __managedcode section symbols (is it the unstripped NativeAOT executable?)')
    names = {}
    for s in symbols:
        if len(s) == 3 and s[1] in ('t', 'T') and not s[2].startswith('__'):
            address = int(s[0], 16)
            if bounds['__start___managedcode'] <= address < bounds['__stop___managedcode']:
                names.setdefault(address, []).append(s[2])
    return names


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument('--agent', default='/tmp/edge-agent/EdgeHive.Edge.Agent', help='the published agent')
    parser.add_argument('--dbg', default=os.path.join(REPO, 'Edge.Agent/bin/Release/net10.0/linux-x64/native/EdgeHive.Edge.Agent.dbg'),
                        help='its unstripped symbols (left by the same publish)')
    parser.add_argument('--out', default=os.path.join(REPO, 'Edge.Agent/native-order.txt'))
    parser.add_argument('--merge', action='store_true', help='keep the current file\'s names this run did not see')
    args = parser.parse_args()
    if os.path.getmtime(args.dbg) + 600 < os.path.getmtime(args.agent):
        sys.exit(f'{args.dbg} is older than {args.agent}: publish again so both come from the same build')

    work = tempfile.mkdtemp(prefix='edgehive-order-')
    try:
        library = os.path.join(work, 'method-trace.so')
        subprocess.run(['cc', '-O2', '-shared', '-fPIC', '-o', library, os.path.join(HERE, 'method-trace.c'), '-ldl', '-lpthread'], check=True)
        names = method_symbols(args.dbg)
        delta = exec_segment_delta(args.agent)
        entries = os.path.join(work, 'entries.txt')
        with open(entries, 'w') as f:
            f.writelines(f'{address - delta:x}\n' for address in sorted(names))
        snapshots = os.path.join(work, 'snapshots')
        os.mkdir(snapshots)

        command = ['dotnet', 'run', '-c', 'Release', '--project', os.path.join(REPO, 'tests/Benchmarks/Edge.Agent.Benchmarks'), '--',
                   '--agent', args.agent, '--samples', '0', '--desired-samples', '0', '--no-simulate', '--settle', '15',
                   '--env', 'LD_PRELOAD=' + library, '--env', 'EDGE_ORDER_ENTRIES=' + entries, '--env', 'EDGE_ORDER_SNAPSHOTS=' + snapshots]
        taken = None
        with subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=REPO) as bench:
            for line in bench.stdout:
                sys.stdout.write(line)
                if taken is None and re.match(r'^\d+ devices: ', line):
                    latest = sorted(n for n in os.listdir(snapshots) if re.fullmatch(r'snap-\d+', n))
                    if latest:
                        taken = os.path.join(work, 'taken')
                        shutil.copy(os.path.join(snapshots, latest[-1]), taken)
        if taken is None:
            sys.exit('the benchmark did not reach the 100-device figure; no order written')

        with open(taken) as f:
            run = sorted(int(line, 16) + delta for line in f if line.strip())
        order = [name for address in run for name in names.get(address, [])]
        if args.merge and os.path.exists(args.out):
            seen = set(order)
            with open(args.out) as f:
                order += [n for n in (line.strip() for line in f) if n and not n.startswith('#') and n not in seen]
        with open(args.out, 'w') as f:
            f.write(HEADER)
            f.writelines(n + '\n' for n in order)
        size = sum(1 for _ in run)
        print(f'{size} of {len(names)} methods ran; {len(order)} names written to {args.out}')
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == '__main__':
    main()
