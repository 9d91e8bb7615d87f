#!/usr/bin/env bash
# Runs the crate's Rust tests (unit and integration) under valgrind memcheck with a full
# leak check, and prints each test binary's leak and error summary. Exits 1 on a
# definite or indirect leak or on any memory error.
#
#   fuzz/leakcheck.sh [TEST-NAME-FILTER]
#
# Deep input runs on stacker's stack segments. Valgrind prints "client switching
# stacks?" for them and carries on correctly; raising --max-stackframe to hide that
# would make it treat the gap between the stacks as one frame and report false errors.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v valgrind >/dev/null; then
  echo "fuzz/leakcheck.sh: valgrind is not installed (apt-get install valgrind)" >&2
  exit 2
fi
# Cargo builds on this machine share one lock.
mapfile -t binaries < <(flock /tmp/cargo.lock cargo test --no-run --message-format=json |
  jq -r 'select(.reason == "compiler-artifact" and .profile.test and .executable != null) | .executable')

logs=$(mktemp -d)
status=0
for binary in "${binaries[@]}"; do
  name=$(basename "$binary")
  log=$logs/$name.log
  echo "== $name"
  valgrind --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect \
    --error-exitcode=1 --log-file="$log" "$binary" --test-threads=1 -q "$@" || status=1
  grep -E "definitely lost|indirectly lost|possibly lost|ERROR SUMMARY" "$log" | sed 's/^==[0-9]*== */   /'
done
if [ "$status" -ne 0 ]; then
  echo "fuzz/leakcheck.sh: leaks or memory errors; the full reports are in $logs" >&2
else
  rm -r "$logs"
fi
exit "$status"
