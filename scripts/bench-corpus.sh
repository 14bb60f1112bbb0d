#!/usr/bin/env bash
# The bench corpus of one size, made once and kept: prints its folder.
#
#   scripts/bench-corpus.sh SIZE     # 100M, 1G, ... (as make-bench-corpus.sh takes it)
#
# It is built from ../shared/realtext with make-bench-corpus.sh under $BENCH_DIR
# (default /tmp/chronolint-bench), with a chronolint.toml naming this repository's rules,
# and marked complete only once whole: an interrupted build is made again. bench.sh and
# instructions.sh both read their corpora from here.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${CHRONOLINT_SHARED:-$here/../shared}
bench_dir=${BENCH_DIR:-/tmp/chronolint-bench}
size=${1:?usage: bench-corpus.sh SIZE}
corpus=$bench_dir/$size
if [ ! -f "$corpus/.complete" ]; then
  rm -rf "$corpus"
  "$shared/realtext/make-bench-corpus.sh" "$corpus" "$size" >/dev/null
  printf 'rules = ["%s/rules"]\n' "$here" >"$corpus/chronolint.toml"
  touch "$corpus/.complete"
fi
echo "$corpus"
