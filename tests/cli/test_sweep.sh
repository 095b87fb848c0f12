# ptcesim sweep: the plan; the same merged file with 1 and 2 threads, from two job array tasks and
# after a kill -9 half-way and a rerun (completed runs kept, not redone); sweep merge; a changed
# sweep file refused without --force; bad uses. MPI: test_sweep_mpi.sh.
source "$(dirname "$0")/lib.sh"
cp "$SOURCE_DIR/tests/data/sweeps/tiny.toml" "$SOURCE_DIR/tests/data/sweeps/small_base.toml" .
RUNS=18

same_results() { # same_results A B: h5diff finds no difference in data or attributes
  h5diff "$1" "$2" >h5diff.txt 2>&1 || fail "$1 and $2 differ: $(head -5 h5diff.txt)"
}
journal_lines() { cat "$1"/workers/*.journal 2>/dev/null | wc -l; }

# --- plan
expect_exit 0 "$PTCESIM" sweep plan tiny.toml
expect_contains "$out" "design full_factorial: 2 factors, 6 points x 3 replications = 18 runs"
expect_exit 0 "$PTCESIM" sweep plan tiny.toml --csv
expect_contains "$out" "run,point,replication,group,strategy.budget_eur_per_year,cooperation.trust_initial"
[[ $(wc -l <stdout.txt) == $((RUNS + 1)) ]] || fail "plan --csv: expected a header and $RUNS rows"
for f in "$SOURCE_DIR"/scenarios/sweeps/*.toml; do
  expect_exit 0 "$PTCESIM" sweep plan "$f"
done

# --- one thread, two threads: identical merged files
expect_exit 0 "$PTCESIM" sweep tiny.toml -o t1 --threads 1
expect_contains "$out" "0 runs already done, $RUNS run now (session 0, 1 workers)"
expect_contains "$out" "results: t1/results.h5"
expect_exit 0 "$PTCESIM" sweep tiny.toml -o t2 --threads 2 --quiet
[[ -f t2/results.h5 && ! -e t2/results.h5.partial ]] || fail "t2/results.h5 not written atomically"
same_results t1/results.h5 t2/results.h5
h5ls -r t1/results.h5 >tree.txt
for object in /plan/value /plan/group /runs/seed /runs/state_hash /outcomes/ptce/value \
  /outcomes/reindustrialisation/difference; do
  grep -q "^$object " tree.txt || fail "results.h5 has no $object"
done

# --- a complete directory: nothing to run, results untouched; merge rebuilds them
expect_exit 0 "$PTCESIM" sweep tiny.toml -o t1
expect_contains "$out" "$RUNS runs already done, 0 run now"
expect_contains "$out" "(already complete, unchanged)"
rm t1/results.h5
expect_exit 0 "$PTCESIM" sweep merge t1
same_results t1/results.h5 t2/results.h5

# --- kill -9 half-way, rerun: completed runs kept, the rest run once, same merged file. A longer
# horizon (240 months) makes each run long enough to stop the sweep in the middle.
sed 's/^horizon_months = 18/horizon_months = 240/' small_base.toml >slow_base.toml
sed 's/small_base.toml/slow_base.toml/' tiny.toml >slow.toml
expect_exit 0 "$PTCESIM" sweep slow.toml -o slow --threads 2 --quiet
"$PTCESIM" sweep slow.toml -o killed --threads 1 --quiet &
pid=$!
for _ in $(seq 1500); do
  (($(journal_lines killed) >= RUNS / 3)) && break
  sleep 0.02
done
kill -9 "$pid"
wait "$pid" 2>/dev/null
done_before=$(journal_lines killed)
((done_before >= RUNS / 3 && done_before < RUNS)) ||
  fail "kill -9 came at $done_before of $RUNS runs: not half-way"
[[ ! -e killed/results.h5 ]] || fail "results.h5 written by an interrupted sweep"
expect_exit 1 "$PTCESIM" sweep merge killed
expect_contains "$err" "$((RUNS - done_before)) of $RUNS runs are missing"
cp killed/workers/s0000-r000.journal first-session.journal
expect_exit 0 "$PTCESIM" sweep slow.toml -o killed --threads 2
expect_contains "$out" "$done_before runs already done, $((RUNS - done_before)) run now (session 1"
cmp -s first-session.journal killed/workers/s0000-r000.journal || fail "the first session's journal changed"
cut -d' ' -f1 killed/workers/*.journal | sort -n >runs.txt
[[ $(uniq runs.txt | wc -l) == "$RUNS" && $(wc -l <runs.txt) == "$RUNS" ]] ||
  fail "each run should be recorded exactly once; journals hold: $(tr '\n' ' ' <runs.txt)"
same_results slow/results.h5 killed/results.h5

# --- two job array tasks at once into one directory, then sweep merge
"$PTCESIM" sweep tiny.toml -o array --array-index 0 --array-size 2 --threads 1 --quiet &
pid=$!
expect_exit 0 "$PTCESIM" sweep tiny.toml -o array --array-index 1 --array-size 2 --threads 1 --quiet
wait "$pid" || fail "array task 0 failed"
[[ ! -e array/results.h5 ]] || fail "an array task merged"
# The session number depends on which task lists the directory first (both may see it empty,
# or one may see the other's file): only the task tags are fixed.
[[ $(ls array/workers/s*-a000.h5 | wc -l) == 1 && $(ls array/workers/s*-a001.h5 | wc -l) == 1 ]] ||
  fail "expected one worker file per array task, got: $(ls array/workers)"
expect_exit 0 "$PTCESIM" sweep merge array
same_results t1/results.h5 array/results.h5

# --- a changed sweep file is refused in an existing directory, accepted with --force
sed -i 's/^seed = 424242/seed = 424243/' tiny.toml
expect_exit 2 "$PTCESIM" sweep tiny.toml -o t1 --quiet
expect_contains "$err" "t1 holds results of a different sweep"
expect_contains "$err" "--force"
same_results t1/results.h5 t2/results.h5
expect_exit 0 "$PTCESIM" sweep tiny.toml -o t1 --force --quiet
h5diff -q t1/results.h5 t2/results.h5 >/dev/null 2>&1 && fail "--force kept the old results"

# --- bad uses
expect_exit 2 "$PTCESIM" sweep tiny.toml
expect_contains "$err" "-o DIR is needed"
expect_exit 2 "$PTCESIM" sweep missing.toml -o x
expect_contains "$err" "missing.toml"
expect_exit 2 "$PTCESIM" sweep tiny.toml -o x --array-index 3 --array-size 3
expect_contains "$err" "--array-index must be in [0, --array-size)"
mkdir notasweep && touch notasweep/file
expect_exit 2 "$PTCESIM" sweep tiny.toml -o notasweep --quiet
expect_contains "$err" "holds other files and no sweep"
expect_exit 2 "$PTCESIM" sweep merge notasweep
expect_contains "$err" "not a sweep directory"
finish
