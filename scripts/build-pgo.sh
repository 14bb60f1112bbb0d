#!/usr/bin/env bash
# A release build of chronolint optimised with a profile of its own runs (profile-guided
# optimisation): the compiler lays out the code and inlines by what the runs executed.
# About 8% faster than `cargo build --release` on the bench corpora, with the same output
# (benches/LEDGER.md has the figures, and the check that the gain holds on texts the
# profile never saw).
#
#   scripts/build-pgo.sh [TRAINING_PATH...]   # default: ../shared/realtext and corpus/
#
# It builds an instrumented chronolint, runs it over the training paths as a user would
# (`check` in the JSON and the human formats, a cached re-run, a sharded extract and the
# cross-document check of its claims), merges the profiles with the toolchain's
# llvm-profdata (the rustup component llvm-tools, added if missing) and builds again
# with them. The binary is target/pgo/chronolint; the script prints its path. Two release
# builds: about six minutes on two cores, and 1 GB of build files under target/pgo.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${CHRONOLINT_SHARED:-$here/../shared}
training=("$@")
[ ${#training[@]} -gt 0 ] || training=("$shared/realtext" "$here/corpus")

host=$(rustc -vV | sed -n 's/^host: //p')
profdata=$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata
if [ ! -x "$profdata" ]; then
  echo "adding the rustup component llvm-tools (llvm-profdata)..." >&2
  rustup component add llvm-tools >&2 || rustup component add llvm-tools-preview >&2 || true
fi
if [ ! -x "$profdata" ]; then
  echo "build-pgo.sh: no llvm-profdata at $profdata; install the llvm-tools component" >&2
  exit 2
fi

out=$here/target/pgo
profiles=$out/profiles
rm -rf "$profiles"
mkdir -p "$profiles"
# With an explicit --target, RUSTFLAGS reach chronolint and its dependencies but not
# build scripts or proc macros, whose runs would only add noise to the profile.
echo "building the instrumented binary..." >&2
RUSTFLAGS="-Cprofile-generate=$profiles" \
  cargo build --release --quiet --manifest-path "$here/Cargo.toml" --target "$host" --target-dir "$out/generate"
instrumented=$out/generate/$host/release/chronolint

echo "training on: ${training[*]}" >&2
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
train() {
  # From the repository, where a path with no chronolint.toml of its own finds ./rules.
  # Findings make the exit status 1 and notes go to stderr, so neither stops the script;
  # if no run could be made at all, no profile was written, which the test below catches.
  (cd "$here" && "$instrumented" "$@" >/dev/null 2>&1) || true
}
for path in "${training[@]}"; do
  path=$(realpath "$path")
  train check "$path" --format json
  train check "$path"
  train check "$path" --format json --cache-dir "$scratch/cache"
  train check "$path" --format json --cache-dir "$scratch/cache"
  train extract "$path" --shard 1/1 --output "$scratch/claims.jsonl"
  train check --claims "$scratch/claims.jsonl" --format json
done
if ! compgen -G "$profiles/*.profraw" >/dev/null; then
  echo "build-pgo.sh: the training runs wrote no profile" >&2
  exit 1
fi
"$profdata" merge -o "$out/chronolint.profdata" "$profiles"

echo "building with the profile..." >&2
RUSTFLAGS="-Cprofile-use=$out/chronolint.profdata" \
  cargo build --release --quiet --manifest-path "$here/Cargo.toml" --target "$host" --target-dir "$out/use"
cp "$out/use/$host/release/chronolint" "$out/chronolint.tmp"
mv "$out/chronolint.tmp" "$out/chronolint"
echo "$out/chronolint"
