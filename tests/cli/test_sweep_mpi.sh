# ptcesim sweep under mpirun -n 2: the same merged file as a single process, both ranks working
# into their own worker files; the issue's 2-factor x 3-level x 4-replication sweep of the
# default scenario (scenarios/sweeps/factorial_2x3.toml) with a horizon shortened for CI.
source "$(dirname "$0")/lib.sh"
# OpenMPI as root, two ranks on whatever cores there are, fast start-up: test settings only.
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_pml=ob1
cp "$SOURCE_DIR/tests/data/sweeps/tiny.toml" "$SOURCE_DIR/tests/data/sweeps/small_base.toml" .

same_results() { # same_results A B: h5diff finds no difference in data or attributes
  h5diff "$1" "$2" >h5diff.txt 2>&1 || fail "$1 and $2 differ: $(head -5 h5diff.txt)"
}

expect_exit 0 "$PTCESIM" sweep tiny.toml -o one --threads 1 --quiet
expect_exit 0 mpirun -n 2 "$PTCESIM" sweep tiny.toml -o two
expect_contains "$out" "0 runs already done, 18 run now (session 0, 2 workers)"
[[ -z $(grep -v '^ *$' stderr.txt) ]] || fail "mpirun: unexpected messages: $err"
same_results one/results.h5 two/results.h5
[[ -f two/workers/s0000-r000.h5 && -f two/workers/s0000-r001.h5 ]] ||
  fail "expected one worker file per rank, got: $(ls two/workers)"
[[ $(cat two/workers/*.journal | wc -l) == 18 ]] || fail "two: expected 18 journal lines"
# Rerun under MPI: nothing left, results unchanged; a changed sweep is refused on every rank.
expect_exit 0 mpirun -n 2 "$PTCESIM" sweep tiny.toml -o two
expect_contains "$out" "18 runs already done, 0 run now"
sed -i 's/^seed = 424242/seed = 1/' tiny.toml
expect_exit 2 mpirun -n 2 "$PTCESIM" sweep tiny.toml -o two
expect_contains "$err" "holds results of a different sweep"
# A bad sweep file: every rank finds it, rank 0 alone reports it.
printf '[sweep]\nseed = 1\n' >bad.toml
expect_exit 2 mpirun -n 2 "$PTCESIM" sweep bad.toml -o bad
[[ $(grep -c "sweep.design: missing required key" stderr.txt) == 1 ]] ||
  fail "expected the error once, got: $err"

# factorial_2x3.toml on the default scenario, 3 + 6 months instead of 60 + 240.
sed -e 's/^burn_in_months = 60 /burn_in_months = 3 /' -e 's/^horizon_months = 240 /horizon_months = 6 /' \
  -e 's/^snapshot_months = .*/snapshot_months = []/' -e 's/^start_month = 120 /start_month = 2 /' \
  "$SOURCE_DIR/scenarios/default.toml" >default_short.toml
sed 's/^base = "default"/base = "default_short.toml"/' \
  "$SOURCE_DIR/scenarios/sweeps/factorial_2x3.toml" >factorial_2x3.toml
expect_exit 0 "$PTCESIM" sweep factorial_2x3.toml -o local --threads 2 --quiet
expect_exit 0 mpirun -n 2 "$PTCESIM" sweep factorial_2x3.toml -o mpi
expect_contains "$out" "9 points x 4 replications = 36 runs"
same_results local/results.h5 mpi/results.h5
finish
