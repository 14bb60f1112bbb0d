#!/usr/bin/env bash
# Compare two or more builds of chronolint on one corpus, fairly on a noisy machine.
#
#   scripts/compare.sh DIR BIN_A BIN_B [BIN...]
#   ROUNDS=15 THREADS=1 scripts/compare.sh /tmp/chronolint-bench/100M old/chronolint target/release/chronolint
#
# Each round runs `BIN check DIR --format json` once with every binary in turn, so that
# a slow spell of the machine slows all of them alike, then it prints per binary the
# median wall time and the median CPU time (user + system) of ROUNDS rounds (default 9),
# with RAYON_NUM_THREADS=THREADS (default 1). It also checks that every binary wrote the
# same findings: a faster build that finds something else is not faster.
#
# Build the old binary from another worktree or commit, for example:
#   git worktree add /tmp/old HEAD~1 && (cd /tmp/old && cargo build --release)
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,13p' "$0" >&2
  exit 2
fi
dir=$1
shift
rounds=${ROUNDS:-9}
threads=${THREADS:-1}
if [ ! -x /usr/bin/time ]; then
  echo "compare.sh needs GNU time at /usr/bin/time (apt-get install time)" >&2
  exit 2
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# One row of "wall cpu" per round, per binary (by position, so a binary may be named twice).
for ((r = 0; r < rounds; r++)); do
  for ((k = 1; k <= $#; k++)); do
    bin=${!k}
    status=0
    RAYON_NUM_THREADS=$threads /usr/bin/time -o "$work/time" -f "%e %U %S" \
      "$bin" check "$dir" --format json >"$work/out.$k" 2>/dev/null || status=$?
    # Exit status 1 means findings at the failing severity, not a failed run.
    if [ "$status" -gt 1 ]; then
      echo "$bin exited with $status on $dir" >&2
      exit 1
    fi
    awk 'END { printf "%s %.2f\n", $1, $2 + $3 }' "$work/time" >>"$work/times.$k"
  done
done

median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
printf '%-50s %8s %8s  %s\n' binary wall_s cpu_s findings
for ((k = 1; k <= $#; k++)); do
  bin=${!k}
  wall=$(cut -d' ' -f1 "$work/times.$k" | median)
  cpu=$(cut -d' ' -f2 "$work/times.$k" | median)
  same=same
  cmp -s "$work/out.1" "$work/out.$k" || same=DIFFERENT
  printf '%-50s %8s %8s  %s\n' "$bin" "$wall" "$cpu" "$same"
done
