#!/usr/bin/env bash
# End-to-end benchmark of `chronolint check` against the ripgrep floor.
#
#   scripts/bench.sh [SIZE...]          # default: 100M
#   RUNS=5 scripts/bench.sh 100M 1G
#
# For each SIZE it builds (once, cached under $BENCH_DIR) a corpus from
# ../shared/realtext with make-bench-corpus.sh, then times, RUNS times each:
#   - the floor: rg -c '\b1[5-9][0-9]{2}\b' over the corpus
#   - chronolint check (release build) with 2 threads and with 1 thread
# and prints medians: wall time, throughput, peak RSS (from /usr/bin/time -v), the
# ratio to the floor, and the speed-up from 1 to 2 threads. Then, per SIZE, the
# incremental run: a cold `check --cache-dir` fills a cache, and each warm run edits one
# document (appends a sentence, restored afterwards) and checks again with the cache;
# `warm_s` is its median wall time, `cross_s` the cross-document stage alone
# (`check --claims` over the merged claims, which reads no document). The other columns
# time `--format json`; `human_s` and `human_MB` are the default (human) format, which
# reads the passages it shows again.
#
# PGO=1 times the profile-guided build of scripts/build-pgo.sh instead of the plain
# release build (it is built first: about six minutes).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
runs=${RUNS:-5}
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(100M)

need() { command -v "$1" >/dev/null 2>&1; }
if ! need rg; then
  echo "installing ripgrep (the floor)..." >&2
  if need apt-get; then (apt-get update -qq && apt-get install -y -qq ripgrep) >/dev/null 2>&1 || true; fi
  need rg || cargo install --quiet ripgrep
fi
if [ ! -x /usr/bin/time ]; then
  echo "installing GNU time (peak memory)..." >&2
  (apt-get update -qq && apt-get install -y -qq time) >/dev/null 2>&1
fi

if [ "${PGO:-0}" = 1 ]; then
  bin=$("$here/scripts/build-pgo.sh")
  echo "# timing the profile-guided build $bin (scripts/build-pgo.sh)"
else
  (cd "$here" && cargo build --release --quiet)
  bin=$here/target/release/chronolint
  echo "# timing the release build $bin"
fi

# median of numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }

# run CMD... RUNS times; print "median_wall_seconds median_peak_rss_kib"
measure() {
  local walls=() rss=() i log
  log=$(mktemp)
  for ((i = 0; i < runs; i++)); do
    /usr/bin/time -v "$@" >/dev/null 2>"$log" || true
    walls+=("$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(k=1;k<=n;k++) s=s*60+t[k]; print s}' "$log")")
    rss+=("$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")")
  done
  rm -f "$log"
  printf '%s %s\n' "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | median)"
}

printf '%-6s %10s %9s %9s %10s %9s %11s %9s %8s %8s %8s %9s\n' size bytes floor_s wall_s MB/s rss_MB ratio_floor speedup warm_s cross_s human_s human_MB
for size in "${sizes[@]}"; do
  corpus=$("$here/scripts/bench-corpus.sh" "$size")
  bytes=$(find "$corpus" -name '*.txt' -printf '%s\n' | awk '{s+=$1} END {print s}')
  read -r floor _ < <(measure rg -c '\b1[5-9][0-9]{2}\b' "$corpus")
  read -r wall2 rss2 < <(measure env RAYON_NUM_THREADS=2 "$bin" check "$corpus" --format json)
  read -r wall1 _ < <(measure env RAYON_NUM_THREADS=1 "$bin" check "$corpus" --format json)
  # The default format, which shows passages (it reads the files it quotes again).
  read -r human human_rss < <(measure env RAYON_NUM_THREADS=2 "$bin" check "$corpus")
  # Incremental: a cold run fills the cache; each warm run edits one document first.
  cache=$(mktemp -d)
  env RAYON_NUM_THREADS=2 "$bin" check "$corpus" --format json --cache-dir "$cache" >/dev/null || true
  edited=$(find "$corpus" -name '*.txt' | sort | sed -n 1p) # sed reads it all: no SIGPIPE under pipefail
  backup=$(mktemp)
  cp -p "$edited" "$backup"
  walls=()
  for ((i = 0; i < runs; i++)); do
    printf '\nIn %d the bench added this sentence.\n' "$((1900 + i))" >>"$edited"
    start=$(date +%s.%N)
    env RAYON_NUM_THREADS=2 "$bin" check "$corpus" --format json --cache-dir "$cache" >/dev/null || true
    walls+=("$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')")
    cp -p "$backup" "$edited"
  done
  warm=$(printf '%s\n' "${walls[@]}" | median)
  # The cross-document stage alone: the claims of every document, merged from one shard.
  claims=$(mktemp)
  env RAYON_NUM_THREADS=2 "$bin" extract "$corpus" --shard 1/1 --output "$claims" >/dev/null 2>&1 || true
  read -r cross _ < <(measure env RAYON_NUM_THREADS=2 "$bin" check --claims "$claims" --format json)
  rm -rf "$cache" "$backup" "$claims"
  awk -v s="$size" -v b="$bytes" -v f="$floor" -v w="$wall2" -v w1="$wall1" -v r="$rss2" -v wm="$warm" -v x="$cross" \
    -v h="$human" -v hr="$human_rss" 'BEGIN {
    printf "%-6s %10d %9.2f %9.2f %10.1f %9.1f %11.2f %9.2f %8.2f %8.2f %8.2f %9.1f\n", s, b, f, w, (b/1e6)/w, r/1024, w/f, w1/w, wm, x, h, hr/1024 }'
done
