#!/usr/bin/env bash
# Instructions that builds of chronolint execute over one fixed sample, counted by
# callgrind: exact and repeatable, where wall time on a shared machine is not. The
# performance ledger (benches/LEDGER.md) cites these counts.
#
#   scripts/instructions.sh [BIN...]         # default: the release build (built first)
#   TOP=25 scripts/instructions.sh old/chronolint target/release/chronolint
#   LINES=30 scripts/instructions.sh target/release/chronolint
#
# The sample is the first 1,000 files (49 MB) of the 100 MiB bench corpus
# (scripts/bench-corpus.sh makes it if it is missing), checked with the shipped rules on one
# thread (`--format json`). Per binary it prints the total; with TOP=N also the N
# functions of chronolint with the most instructions, callees included; with LINES=N
# also the N source lines with the most instructions of their own, inlined code given
# to the line it came from (scripts/own-lines.py). A run takes about 15 s per binary
# (25 s with LINES, as callgrind then records each instruction); counts repeat to within
# about 0.1% (hash maps are seeded at random), so a change smaller than that is no change.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
bench_dir=${BENCH_DIR:-/tmp/chronolint-bench}
top=${TOP:-0}
lines=${LINES:-0}

if ! command -v valgrind >/dev/null 2>&1; then
  echo "installing valgrind (callgrind)..." >&2
  (apt-get update -qq && apt-get install -y -qq valgrind) >/dev/null 2>&1
fi

bins=("$@")
if [ ${#bins[@]} -eq 0 ]; then
  (cd "$here" && cargo build --release --quiet)
  bins=("$here/target/release/chronolint")
fi

corpus=$("$here/scripts/bench-corpus.sh" 100M)
# The sample: the corpus's first folder of 1,000 files, under a folder of its own so
# that the rest of the corpus is not read.
sample=$bench_dir/sample-49M
mkdir -p "$sample"
ln -sfn "$corpus/d0000" "$sample/d0000"
printf 'rules = ["%s/rules"]\n' "$here" >"$sample/chronolint.toml"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for bin in "${bins[@]}"; do
  out=$work/callgrind.out
  per_instruction=()
  [ "$lines" -gt 0 ] && per_instruction=(--dump-instr=yes)
  RAYON_NUM_THREADS=1 valgrind --tool=callgrind "${per_instruction[@]}" --callgrind-out-file="$out" \
    "$bin" check "$sample" --format json >/dev/null 2>"$work/log" || true
  total=$(awk '/I *refs:/ {gsub(",", "", $NF); print $NF}' "$work/log")
  if [ -z "$total" ]; then
    echo "$bin: callgrind gave no count; its log:" >&2
    cat "$work/log" >&2
    exit 1
  fi
  printf '%s\t%s instructions\n' "$bin" "$total"
  if [ "$top" -gt 0 ]; then
    # From a folder with no sources under it: run inside the repository, callgrind_annotate
    # shortens some paths of a function and not others, and splits its count in two.
    (cd "$work" && callgrind_annotate --inclusive=yes "$out" 2>/dev/null) |
      grep -E '^ *[0-9,]+ .*:chronolint::[^ ]* \[' | head -n "$top" |
      sed -E 's/^ *([0-9,]+) *\(([ 0-9.]+%)\) *[^ ]*:(chronolint::[^ ]*) .*/  \1 (\2) \3/' || true
  fi
  if [ "$lines" -gt 0 ]; then
    if command -v python3 >/dev/null 2>&1 && command -v addr2line >/dev/null 2>&1; then
      python3 "$here/scripts/own-lines.py" "$out" "$bin" "$lines"
    else
      echo "LINES needs python3 and addr2line (binutils); no lines printed" >&2
      exit 1
    fi
  fi
done
