#!/usr/bin/env python3
"""The source lines of chronolint that execute the most instructions of their own.

    scripts/own-lines.py CALLGRIND_OUT BINARY [N] [DEPTH]

CALLGRIND_OUT must come from `valgrind --tool=callgrind --dump-instr=yes` (the cost of each
instruction, not only of each function); `scripts/instructions.sh` makes one when LINES=N
is set. Most of the per-document stage is inlined into a few large functions (`extract`,
`tag_regions`), whose own count says little. Here each instruction's own count goes to
its inline chain (`addr2line -i`), and is added up by the innermost DEPTH frames (default
1) that lie in chronolint's src/; the N lines (default 30) with the largest sums are
printed, outermost frame last, with the function the code was inlined into. A frame from
the standard library or a crate is shown only where no frame of ours holds the address.
"""
import collections
import os
import re
import subprocess
import sys


def is_ours(path):
    """Whether a frame's file is chronolint's own source (any checkout: the binary may have
    been built in another worktree), not the standard library's or a crate's."""
    foreign = ("/.cargo/", "/rustc/", "/rustlib/", "/library/", "/stdarch/")
    return path.startswith("/") and "/src/" in path and not any(p in path for p in foreign)


def shown(path):
    """A frame's file as printed: ours from `src/` on, another crate's from its folder on
    ("aho-corasick-1.1.5/src/packed/api.rs", "core/src/str/mod.rs")."""
    head, sep, rest = path.rpartition("/src/")
    if not sep:
        return path
    if is_ours(path):
        return "src/" + rest
    return head.rsplit("/", 1)[-1] + "/src/" + rest


def own_costs(path, binary):
    """Per instruction address of `binary`, its own instruction count, and the function
    callgrind put it in."""
    # Callgrind's compressed names ("(12) name" defines 12, "(12)" uses it), one table
    # each for objects, files and functions.
    tables = {"ob": {}, "fl": {}, "fn": {}}
    kind_of = {"ob": "ob", "cob": "ob", "fl": "fl", "fi": "fl", "fe": "fl", "cfi": "fl", "cfl": "fl",
               "fn": "fn", "cfn": "fn"}

    def name(kind, field):
        m = re.match(r"\((\d+)\)(?: (.*))?$", field)
        if not m:
            return field
        table = tables[kind_of[kind]]
        if m.group(2) is not None:
            table[m.group(1)] = m.group(2)
        return table.get(m.group(1), "?")

    base = os.path.basename(binary)
    cost = collections.Counter()
    function = {}
    obj = fn = None
    addr = 0
    skip_next = False  # the line after "calls=" is the call's inclusive cost
    with open(path) as f:
        for line in f:
            key, eq, value = line.partition("=")
            if eq and key in kind_of:
                named = name(key, value.strip())
                if key == "ob":
                    obj = named
                elif key == "fn":
                    fn = named
            elif line.startswith("calls="):
                skip_next = True
            elif line[:1] and line[:1] in "0123456789+-*":
                parts = line.split()
                pos = parts[0]
                if pos.startswith("0x"):
                    addr = int(pos, 16)
                elif pos[0] in "+-":
                    step = int(pos[1:], 16) if pos[1:].startswith("0x") else int(pos[1:])
                    addr += step if pos[0] == "+" else -step
                if skip_next:
                    skip_next = False
                    continue
                if obj and os.path.basename(obj) == base and len(parts) >= 2:
                    cost[addr] += int(parts[-1])
                    function[addr] = fn
    return cost, function


def chains(binary, addrs):
    """Per address, its inline chain as (file, line), innermost first."""
    out = {}
    for k in range(0, len(addrs), 20000):
        part = addrs[k : k + 20000]
        text = subprocess.run(
            ["addr2line", "-a", "-i", "-e", binary] + [hex(a) for a in part],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        current = None
        for line in text.splitlines():
            if line.startswith("0x"):
                current = int(line, 16)
                out[current] = []
            elif current is not None and line:
                where, _, lineno = line.split(" ")[0].rpartition(":")
                out[current].append((where, lineno))
    return out


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    path, binary = sys.argv[1], sys.argv[2]
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    depth = int(sys.argv[4]) if len(sys.argv) > 4 else 1
    cost, function = own_costs(path, binary)
    total = sum(cost.values())
    by_chain = chains(binary, sorted(cost))
    sums = collections.Counter()
    for addr, n in cost.items():
        frames = by_chain.get(addr) or [("?", "?")]
        ours = [(f, l) for f, l in frames if is_ours(f)]
        where = " <- ".join(f"{shown(f)}:{l}" for f, l in (ours[:depth] if ours else frames[:1]))
        inlined_into = (function.get(addr) or "?").split("::")[-1]
        sums[(where, inlined_into)] += n
    print(f"{total / 1e6:.1f} M instructions in {os.path.basename(binary)} itself (not libc)")
    for (where, into), n in sums.most_common(top):
        print(f"{n / 1e6:9.2f} M  {where}  (in {into})")


if __name__ == "__main__":
    main()
