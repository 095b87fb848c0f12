# Failure injection for sweeps under mpirun -n 2: kill -9 at random moments, then rerun the same
# command. Half the kills hit the whole job at once (mpirun and both ranks, as a scheduler's
# time limit or a lost node does), half hit one rank (mpirun then ends the other). After each
# rerun: the merged file is identical (h5diff) to an uninterrupted sweep's, every run is recorded
# exactly once, the journals of the killed session are kept as they were, and no partial file is
# left under a final name. The moments are random but reproducible from the seed printed here.
source "$(dirname "$0")/lib.sh"
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
export OMPI_MCA_rmaps_base_oversubscribe=1 OMPI_MCA_pml=ob1
seed=${PTCESIM_KILL_SEED:-$RANDOM}
RANDOM=$seed
echo "kill moments drawn from seed $seed (PTCESIM_KILL_SEED)"

# tiny.toml's 18 runs with a 120-month horizon: long enough (a few seconds in all) for kills to
# land before, during and after the runs and during the merge.
cp "$SOURCE_DIR/tests/data/sweeps/tiny.toml" "$SOURCE_DIR/tests/data/sweeps/small_base.toml" .
sed 's/^horizon_months = 18/horizon_months = 120/' small_base.toml >slow_base.toml
sed 's/small_base.toml/slow_base.toml/' tiny.toml >slow.toml
grep -q '^horizon_months = 120' slow_base.toml || fail "slow_base.toml: horizon not changed"
RUNS=18
SWEEP=(mpirun -n 2 "$PTCESIM" sweep slow.toml)

now_ms() { echo $(($(date +%s%N) / 1000000)); }
start=$(now_ms)
expect_exit 0 "${SWEEP[@]}" --quiet -o ref
span=$(($(now_ms) - start)) # the uninterrupted sweep's wall time: kills are drawn within it
[[ -f ref/results.h5 ]] || fail "the uninterrupted sweep wrote no results.h5"
echo "uninterrupted sweep: ${span} ms"

# OpenMPI puts each rank in a process group of its own, so the job is found by its session:
# setsid makes mpirun the leader of a new one, which its ranks inherit.
job_pids() { pgrep -s "$1"; }
# gone SID: waits (at most 30 s) until no process of the session is left.
gone() {
  for _ in $(seq 600); do job_pids "$1" >/dev/null || return 0; sleep 0.05; done
  return 1
}

for i in 1 2 3 4 5 6; do
  dir=k$i delay_ms=$((RANDOM % (span * 4 / 5))) # the last fifth is mostly the merge
  mode=$([[ $((i % 2)) == 1 ]] && echo job || echo rank)
  setsid "${SWEEP[@]}" --quiet -o "$dir" >/dev/null 2>&1 &
  pid=$!
  sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
  [[ $(ps -o sid= -p "$pid" | tr -d ' ') == "$pid" ]] || [[ ! -e /proc/$pid ]] ||
    fail "mpirun ($pid) is not leading its own session"
  if [[ $mode == rank ]]; then
    ranks=($(pgrep -P "$pid" -x ptcesim))
    if ((${#ranks[@]})); then
      kill -9 "${ranks[RANDOM % ${#ranks[@]}]}" 2>/dev/null
    else
      mode=job # no rank yet (or no longer): kill the job instead
    fi
  fi
  # The whole job at once: mpirun and every rank in one kill.
  if [[ $mode == job ]]; then
    pids=($(job_pids "$pid"))
    ((${#pids[@]})) && kill -9 "${pids[@]}" 2>/dev/null
  fi
  # After a rank's death mpirun normally aborts the job; OpenMPI can also hang with the dead rank
  # unreaped (seen once in a cold CI run). A scheduler then kills the job: so does the test,
  # after 20 s, and the rerun below must still complete it.
  for _ in $(seq 400); do kill -0 "$pid" 2>/dev/null || break; sleep 0.05; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "$dir: mpirun still running 20 s after the kill of a rank; killing the job" >&2
    pids=($(job_pids "$pid")) && kill -9 "${pids[@]}" 2>/dev/null
  fi
  wait "$pid" 2>/dev/null
  if ! gone "$pid"; then
    fail "$dir: processes of the killed job still alive: $(job_pids "$pid" | tr '\n' ' ')"
    pids=($(job_pids "$pid")) && kill -9 "${pids[@]}" 2>/dev/null
  fi
  what="$dir (kill -9 of the $mode at ${delay_ms} ms)"

  # What the killed sweep left: a results.h5 only if complete, journals with whole lines.
  if [[ -e $dir/results.h5 ]]; then
    h5diff ref/results.h5 "$dir/results.h5" >/dev/null 2>&1 || fail "$what: results.h5 differs"
  fi
  mkdir -p "$dir.before"
  done_before=0
  if [[ -d $dir/workers ]]; then
    cp "$dir"/workers/*.journal "$dir.before"/ 2>/dev/null
    done_before=$(cat "$dir"/workers/*.journal 2>/dev/null | grep -c '^[0-9]* [0-9]* [0-9a-f]*$')
  fi

  expect_exit 0 "${SWEEP[@]}" -o "$dir"
  [[ -z $(grep -v '^ *$' stderr.txt) ]] || fail "$what: rerun printed: $err"
  expect_contains "$out" "$done_before runs already done, $((RUNS - done_before)) run now"
  h5diff ref/results.h5 "$dir/results.h5" >h5diff.txt 2>&1 ||
    fail "$what: rerun's results.h5 differs: $(head -5 h5diff.txt)"
  # Completed work kept: the killed session's journals are unchanged, their runs not redone.
  for journal in "$dir.before"/*.journal; do
    [[ -e $journal ]] || continue
    cmp -s "$journal" "$dir/workers/$(basename "$journal")" ||
      fail "$what: $(basename "$journal") changed by the rerun"
  done
  cut -d' ' -f1 "$dir"/workers/*.journal | sort -n >runs.txt
  [[ $(uniq runs.txt | wc -l) == "$RUNS" && $(wc -l <runs.txt) == "$RUNS" ]] ||
    fail "$what: each run should be recorded once; journals hold: $(tr '\n' ' ' <runs.txt)"
  redone=$(($(wc -l <runs.txt) - done_before))
  echo "$what: $done_before runs kept, $redone run by the rerun"
  leftovers=$(find "$dir" -name '*.partial')
  [[ -z $leftovers ]] || fail "$what: partial files left after the rerun: $leftovers"
done
finish
