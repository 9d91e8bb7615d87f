#!/usr/bin/env bash
# Runs each cargo-fuzz target for SECONDS, then prints its executions and findings.
#
#   fuzz/run.sh SECONDS [TARGET...]     (all targets by default, one after the other)
#
# FUZZ_SANITIZER=none trades AddressSanitizer's memory checks for about five times the
# executions (the default is cargo-fuzz's, `address`). FUZZ_DEBUG_ASSERTIONS=0 builds
# without debug assertions and overflow checks (on by default, as cargo-fuzz's default).
#
# The corpus (fuzz/corpus/<target>, not committed) is seeded from the test inputs on
# every run and keeps what earlier runs found. A finding is saved under
# fuzz/artifacts/<target>/; replay it with `RUSTC_BOOTSTRAP=1 cargo fuzz run <target>
# <file>`, and copy it to fuzz/regressions/<target>/ so that tests/fuzz_properties.rs
# keeps checking it. Exits 1 when anything was found.
set -euo pipefail
cd "$(dirname "$0")"

seconds=${1:?usage: fuzz/run.sh SECONDS [TARGET...]}
shift
sanitizer=${FUZZ_SANITIZER:-address}
if [ "${FUZZ_DEBUG_ASSERTIONS:-1}" = 0 ]; then
  checks=release
  build_flags=(--release)
else
  # Without --release, cargo-fuzz optimises and keeps debug assertions and overflow checks.
  checks=debug-assertions
  build_flags=()
fi
# cargo-fuzz builds with -Z flags (sanitizer, coverage instrumentation); stable rustc
# accepts them only from a bootstrap build.
export RUSTC_BOOTSTRAP=1
# As `cargo fuzz run` does: ASan's ODR check misfires on Rust's duplicated statics.
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_odr_violation=0}
# One build per configuration, so that switching does not rebuild the others.
target_dir=target/$sanitizer-$checks
# Cargo builds on this machine share one lock.
flock /tmp/cargo.lock cargo fuzz build "${build_flags[@]}" --sanitizer "$sanitizer" --target-dir "$target_dir"
binaries=$target_dir/$(rustc -vV | sed -n 's/^host: //p')/release
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list)
fi

# Inputs up to the largest seed's size (fuzz/seed-corpus.mjs); a hang or a runaway
# allocation on an input that small is a finding too.
LIBFUZZER_FLAGS=(-max_len=8192 -dict=javascript.dict -timeout=10 -rss_limit_mb=4096 -print_final_stats=1)

summary=()
found_any=0
for target in "${targets[@]}"; do
  corpus=corpus/$target
  artifacts=artifacts/$target
  mkdir -p "$artifacts"
  node seed-corpus.mjs "$corpus"
  log=$(mktemp)
  executions=0
  findings=()
  start=$SECONDS
  # libFuzzer stops at the first finding; go on with the time left, until a run finds
  # nothing new (a corpus input that fails would otherwise be found again and again).
  while remaining=$((seconds - (SECONDS - start))); [ "$remaining" -gt 0 ]; do
    before=$(ls "$artifacts" | sort)
    status=0
    "$binaries/$target" "${LIBFUZZER_FLAGS[@]}" -max_total_time="$remaining" -artifact_prefix="$artifacts/" \
      "$corpus" >"$log" 2>&1 || status=$?
    run_executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    executions=$((executions + ${run_executions:-0}))
    [ "$status" -eq 0 ] && break
    found_any=1
    new=$(comm -13 <(echo "$before") <(ls "$artifacts" | sort))
    if [ -z "$new" ]; then
      echo "fuzz/run.sh: $target stopped without a new finding; the end of its log:" >&2
      tail -40 "$log" >&2
      break
    fi
    while read -r file; do
      findings+=("$artifacts/$file")
      echo "== $target: finding $artifacts/$file" >&2
      grep -m1 -A12 -E "panicked at|ERROR: (libFuzzer|AddressSanitizer)" "$log" >&2 || true
    done <<<"$new"
  done
  rm -f "$log"
  elapsed=$((SECONDS - start))
  rate=$((executions / (elapsed > 0 ? elapsed : 1)))
  summary+=("$(printf '%-22s %6ss %12s executions %8s/s %6s corpus inputs %3s findings' \
    "$target" "$elapsed" "$executions" "$rate" "$(ls "$corpus" | wc -l)" "${#findings[@]}")")
  for finding in "${findings[@]}"; do summary+=("    $finding"); done
done

echo
echo "fuzz/run.sh: ${seconds}s per target, sanitizer $sanitizer, $checks build"
printf '%s\n' "${summary[@]}"
exit "$found_any"
