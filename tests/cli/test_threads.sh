# Work on several threads at once gives the results of one thread: a run (parallel loops of the
# model), a comparison (its replications run as parallel tasks) and a sweep (runs on worker
# threads), each with --threads 1 and 2, on a small two-territory world. Kept small so that the
# ThreadSanitizer stage (label parallel, scripts/test-sanitizers tsan) can run it whole.
source "$(dirname "$0")/lib.sh"
cp "$SOURCE_DIR/tests/data/sweeps/tiny.toml" "$SOURCE_DIR/tests/data/sweeps/small_base.toml" .

# same GROUPS... -- A B: h5diff finds no difference in those groups of A and B.
same() {
  local groups=() g
  while [[ $1 != -- ]]; do groups+=("$1"); shift; done
  shift
  for g in "${groups[@]}"; do
    h5diff "$1" "$2" "$g" "$g" >h5diff.txt 2>&1 || fail "$g differs between $1 and $2: $(head -3 h5diff.txt)"
  done
}

for t in 1 2; do
  expect_exit 0 "$PTCESIM" run small_base.toml --quiet --threads "$t" -o "run$t.h5"
  expect_exit 0 "$PTCESIM" compare small_base.toml --quiet --no-figures --threads "$t" -n 2 \
    --strategies none,ptce -o "cmp$t"
  expect_exit 0 "$PTCESIM" sweep tiny.toml --quiet --threads "$t" -o "sweep$t"
done
same /series /territories -- run1.h5 run2.h5
same /outcomes /runs /summary -- cmp1/results.h5 cmp2/results.h5
same / -- sweep1/results.h5 sweep2/results.h5
# Another seed changes the comparison (the checks above could not fail otherwise).
expect_exit 0 "$PTCESIM" compare small_base.toml --quiet --no-figures --threads 2 -n 2 --seed 99 \
  --strategies none,ptce -o cmp_seed
h5diff -q cmp1/results.h5 cmp_seed/results.h5 /outcomes /outcomes >/dev/null 2>&1 &&
  fail "seeds gave identical comparison outcomes"
finish
