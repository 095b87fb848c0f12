# ptcesim sweep --slurm on a real single-node SLURM (scripts/slurm-local, on ports of its own):
# the generated job array and its dependent merge, and the generated MPI job, give the same
# results.h5 as a local run.
# Needs root (the daemons run as root); skipped otherwise (exit 77, SKIP_RETURN_CODE).
source "$(dirname "$0")/lib.sh"
if [[ $(id -u) -ne 0 ]]; then
  echo "SKIP: the SLURM round trip starts munge, slurmctld and slurmd as root; not root here"
  exit 77
fi
cp "$SOURCE_DIR/tests/data/sweeps/tiny.toml" "$SOURCE_DIR/tests/data/sweeps/small_base.toml" .

# Short paths: munge's socket path must fit in a Unix socket address. Ports from the PID, so
# that two builds running the suite at once start two clusters that do not collide.
port=$((20000 + ($$ % 10000) * 2))
export PTCESIM_SLURM_DIR=/tmp/ptcesim-slurm-test-$$ PTCESIM_SLURM_PORTS="$port $((port + 1))"
cluster() { "$SOURCE_DIR/scripts/slurm-local" "$@"; }
trap 'cluster stop >/dev/null; rm -rf "$PTCESIM_SLURM_DIR"' EXIT
cluster start >cluster.txt 2>&1 || { cat cluster.txt >&2; fail "slurm-local start"; finish; }
eval "$(cluster env)"

expect_exit 0 "$PTCESIM" sweep tiny.toml -o local --threads 2 --quiet

expect_exit 0 "$PTCESIM" sweep tiny.toml -o array --slurm --array 3 --time 00:05:00 --partition debug
expect_contains "$out" "a job array of 3 tasks (up to 6 of the 18 runs each)"
expect_contains "$out" "submit: sh '$PWD/array/slurm/submit.sh'"
[[ -f array/sweep.hash && ! -e array/results.h5 ]] || fail "--slurm should claim DIR and run nothing"
grep -q -- "--array-index \"\$SLURM_ARRAY_TASK_ID\" --array-size 3" array/slurm/run.sbatch ||
  fail "run.sbatch does not hand out array shares"

expect_exit 0 sh array/slurm/submit.sh
ids=$(sed -n 's/^watch: squeue -j //p' stdout.txt)
[[ -n $ids ]] || fail "submit.sh printed no job ids: $out"
for _ in $(seq 1 400); do # at most 40 s
  [[ -z $(squeue -h -j "$ids" 2>/dev/null) ]] && break
  sleep 0.1
done
[[ -z $(squeue -h -j "$ids" 2>/dev/null) ]] || fail "jobs $ids still queued after 40 s"
[[ -f array/results.h5 ]] || fail "no merged results; logs: $(cat array/slurm/*.out 2>/dev/null | tail -5)"
h5diff local/results.h5 array/results.h5 >h5diff.txt 2>&1 ||
  fail "SLURM array and local run differ: $(head -5 h5diff.txt)"
[[ $(ls array/workers/*.journal | wc -l) == 3 ]] || fail "expected one worker file per array task"

# One MPI job under srun --mpi=pmix (sbatch passes this environment on: root and oversubscribe
# settings for OpenMPI, set here rather than in the user's script).
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_pml=ob1
expect_exit 0 "$PTCESIM" sweep tiny.toml -o mpi --slurm --mpi 2
expect_contains "$out" "one MPI job of 2 ranks for the 18 runs"
[[ ! -e mpi/slurm/merge.sbatch ]] || fail "an MPI job merges by itself: no merge.sbatch expected"
expect_exit 0 sh mpi/slurm/submit.sh
id=$(sed -n 's/^watch: squeue -j //p' stdout.txt)
for _ in $(seq 1 400); do
  [[ -z $(squeue -h -j "$id" 2>/dev/null) ]] && break
  sleep 0.1
done
h5diff local/results.h5 mpi/results.h5 >h5diff.txt 2>&1 ||
  fail "SLURM MPI job and local run differ: $(head -5 h5diff.txt; tail -5 mpi/slurm/*.out)"

# Bad uses of --slurm.
expect_exit 2 "$PTCESIM" sweep tiny.toml -o bad --slurm --array 19
expect_contains "$err" "--array: 19 tasks for 18 runs would leave tasks with nothing to do"
expect_exit 2 "$PTCESIM" sweep tiny.toml -o bad --array 2
expect_contains "$err" "--array, --mpi, --time and --partition go with --slurm"
finish
