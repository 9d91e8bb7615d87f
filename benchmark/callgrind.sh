#!/usr/bin/env bash
# Instruction count (Ir) of the Rust core under callgrind, over a fixed input. Unlike
# wall-clock time it hardly moves on a busy machine, so it can keep regressions out.
#
#   benchmark/callgrind.sh [file or directory] [iterations]
#
# Prints the Ir of one ssr_transform call, where they go (parse, walk and
# edits, boundary map, output code), and the top functions by inclusive cost. The
# default input, three.js's module build, imports (vue's browser build does not), so
# references to imports are found and rewritten.
set -euo pipefail
cd "$(dirname "$0")/.."

input=${1:-node_modules/three/build/three.module.js}
iterations=${2:-10}
top_functions=${TOP_FUNCTIONS:-30}
out_dir=target/callgrind
binary=$out_dir/examples/instructions

cargo build --quiet --profile callgrind -p native_ssr_transform --example instructions

# Runs one workload of examples/instructions.rs under callgrind; prints the output file.
profile() {
  local workload=$1 out=$out_dir/callgrind.$1.out
  shift
  local log=$out_dir/valgrind.$workload.log
  if ! valgrind --tool=callgrind --callgrind-out-file="$out" "$@" "$binary" "$workload" "$input" "$iterations" \
    >/dev/null 2>"$log"; then
    cat "$log" >&2
    return 1
  fi
  echo "$out"
}

# Inclusive Ir per function, as "<Ir> <function>" lines, sorted by Ir.
inclusive_costs() {
  callgrind_annotate --inclusive=yes --threshold=100 "$1" |
    sed -n 's/^ *\([0-9,]*\) ([ 0-9.]*%)  [^:]*:\(.*\) \[.*\]$/\1 \2/p' | tr -d ','
}

# Inclusive Ir of one function (0 when it was inlined away), over all iterations.
cost_of() {
  awk -v name="$2" '{ fn = $0; sub(/^[0-9]+ /, "", fn) } fn == name { print $1; found = 1; exit } END { if (!found) print 0 }' "$1"
}

transform_costs=$out_dir/inclusive.transform.txt
parse_costs=$out_dir/inclusive.parse.txt
# Separate assignments, so that a failed valgrind run stops the script (set -e).
transform_profile=$(profile transform --toggle-collect=instructions::transform_once)
parse_profile=$(profile parse --toggle-collect=instructions::parse_once)
inclusive_costs "$transform_profile" >"$transform_costs"
inclusive_costs "$parse_profile" >"$parse_costs"

if [[ -d $input ]]; then
  # A directory of modules: a "call" below is one pass over all of them.
  bytes=$(cat "$input"/* | wc -c)
else
  bytes=$(wc -c <"$input")
fi
total=$(cost_of "$transform_costs" instructions::transform_once)
parse=$(cost_of "$parse_costs" instructions::parse_once)
rewrite=$(cost_of "$transform_costs" native_ssr_transform::rewrite::Rewrite::run)
map=$(cost_of "$transform_costs" native_ssr_transform::sourcemap::encode_mappings)
render=$(cost_of "$transform_costs" native_ssr_transform::edits::Edits::render)

awk -v n="$iterations" -v bytes="$bytes" -v input="$input" -v total="$total" -v parse="$parse" \
  -v rewrite="$rewrite" -v map="$map" -v render="$render" '
  function row(label, ir) { printf "  %-62s %12.0f  %5.1f%%\n", label, ir / n, 100 * ir / total }
  BEGIN {
    printf "%s (%d bytes), %d iterations\n", input, bytes, n
    printf "Ir per ssr_transform call: %.0f (%.1f per byte of input)\n\n", total / n, total / n / bytes
    print "  where they go (the parse: the same entry point, called alone)            Ir    share"
    row("parse (parse::with_module: stack bound, arena, oxc_parser)", parse)
    row("walk and edits (Rewrite::run)", rewrite)
    row("boundary source map (sourcemap::encode_mappings)", map)
    row("output code (Edits::render)", render)
    row("rest (map finish, output positions, frees, early errors)", total - parse - rewrite - map - render)
  }'

echo
echo "top $top_functions functions by inclusive Ir, under ssr_transform (all $iterations calls):"
# Callers of the transform are left out, and so are callgrind's entries for deeper
# recursion levels (`name'2`), whose inclusive costs count nested calls more than once.
awk -v total="$total" '{ ir = $1; fn = $0; sub(/^[0-9]+ /, "", fn) }
  ir < total && fn !~ /\x27[0-9]+$/ { printf "  %14s  %5.1f%%  %s\n", ir, 100 * ir / total, fn }' "$transform_costs" |
  head -n "$top_functions"
