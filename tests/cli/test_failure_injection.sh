# Failure injection: kill -9 at random moments of `run` and `compare`, then rerun; full disks
# (standard output to /dev/full, /dev/full as output, a file-size limit, a small tmpfs where
# mounting is allowed). Nothing corrupt or half-written may appear under a final name, a rerun
# must replace the .partial files left behind, and an earlier results file must stay intact.
source "$(dirname "$0")/lib.sh"
# The moments are random but reproducible from the seed printed here.
seed=${PTCESIM_KILL_SEED:-$RANDOM}
RANDOM=$seed
echo "kill moments drawn from seed $seed (PTCESIM_KILL_SEED)"

# complete_run FILE: FILE is a whole ptcesim output (written to the end, end_time set last).
complete_run() { h5dump -a /end_time "$1" >/dev/null 2>&1; }

# kill_after SECONDS CMD...: starts CMD, kills it with SIGKILL after SECONDS.
kill_after() {
  local delay=$1; shift
  "$@" >/dev/null 2>&1 &
  local pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
}

# A random moment in [0.05, 0.05 + SPAN) seconds.
moment() { printf '0.%02d' $((5 + RANDOM % $1)); }

# --- kill -9 during `ptcesim run`, then rerun the same command --------------------------------
LONG=(--set run.burn_in_months=12 --set run.horizon_months=60 --set shocks.0.start_month=30 --set "run.snapshot_months=[]")
for i in 1 2 3 4; do
  out=run$i.h5 delay=$(moment 90)
  kill_after "$delay" "$PTCESIM" run --quiet "${LONG[@]}" -o "$out"
  if [[ -e $out ]]; then
    complete_run "$out" || fail "run killed at ${delay}s left an incomplete $out"
  fi
  before=$(sha256sum "$out" 2>/dev/null)
  "$PTCESIM" run --quiet "${LONG[@]}" -o "$out" >rerun.txt 2>&1
  status=$?
  if [[ -n $before ]]; then # finished before the kill: kept, not overwritten without --force
    [[ $status == 2 && $(sha256sum "$out") == "$before" ]] ||
      fail "a finished $out was touched by the rerun (exit $status)"
  else
    [[ $status == 0 ]] || fail "rerun after a kill at ${delay}s exited $status: $(cat rerun.txt)"
    complete_run "$out" || fail "rerun after a kill at ${delay}s left an incomplete $out"
  fi
  [[ ! -e $out.partial ]] || fail "$out.partial left after the rerun"
done

# --- kill -9 during `ptcesim compare`, then rerun ---------------------------------------------
COMPARE=(compare --quiet --no-figures --replications 2 "${SHORT[@]}" --set run.horizon_months=24)
for i in 1 2 3; do
  dir=cmp$i delay=$(moment 95)
  kill_after "$delay" "$PTCESIM" "${COMPARE[@]}" -o "$dir"
  if [[ -e $dir/results.h5 ]]; then
    complete_run "$dir/results.h5" || fail "compare killed at ${delay}s left a corrupt results.h5"
  fi
  for f in summary.csv summary.md; do
    [[ ! -e $dir/$f || -e $dir/results.h5 ]] || fail "$dir/$f written before results.h5"
  done
  if [[ -e $dir/results.h5 ]]; then # the results are kept: a rerun needs --force
    before=$(sha256sum "$dir/results.h5")
    expect_exit 2 "$PTCESIM" "${COMPARE[@]}" -o "$dir"
    expect_contains "$err" "--force"
    [[ $(sha256sum "$dir/results.h5") == "$before" ]] || fail "$dir/results.h5 touched by a rerun"
    expect_exit 0 "$PTCESIM" "${COMPARE[@]}" -o "$dir" --force
  else
    expect_exit 0 "$PTCESIM" "${COMPARE[@]}" -o "$dir"
  fi
  complete_run "$dir/results.h5" || fail "rerun of compare left an incomplete results.h5"
  [[ -s $dir/summary.csv && -s $dir/summary.md ]] || fail "rerun of compare left no summary"
  leftovers=$(find "$dir" -name '*.partial')
  [[ -z $leftovers ]] || fail "partial files left after the compare rerun: $leftovers"
done

# --- full disks ---------------------------------------------------------------------------------
expect_exit 0 "$PTCESIM" run --quiet "${SHORT[@]}" -o earlier.h5
earlier=$(sha256sum earlier.h5)

# A report printed to a full disk is a failure.
# to_full CMD...: runs CMD with its standard output on /dev/full.
to_full() { "$@" >/dev/full; }
expect_exit 1 to_full "$PTCESIM" label "$SOURCE_DIR/scenarios/poles/tetris.toml"
expect_contains "$err" "cannot write the standard output"
expect_exit 1 to_full "$PTCESIM" schema

# /dev/full as the output file: refused, even with --force, and never replaced.
for force in "" --force; do
  expect_exit 1 "$PTCESIM" run --quiet "${SHORT[@]}" -o /dev/full $force
  expect_contains "$err" "/dev/full: cannot write: not a regular file"
done
[[ -c /dev/full && ! -e /dev/full.partial ]] || fail "/dev/full was replaced or a partial file left"

# A file-size limit: a clear error, the earlier results untouched, no partial file.
expect_exit 1 sh -c 'ulimit -f 64 && exec "$@"' sh "$PTCESIM" run --quiet "${SHORT[@]}" -o earlier.h5 --force
expect_contains "$err" "earlier.h5"
expect_contains "$err" "File too large"
[[ $(sha256sum earlier.h5) == "$earlier" ]] || fail "earlier.h5 changed by a run that ran out of space"
[[ ! -e earlier.h5.partial ]] || fail "a partial file left by a run past the file-size limit"

# A small tmpfs, where this user may mount one.
mkdir small
if mount -t tmpfs -o size=160k tmpfs small 2>/dev/null; then
  cp earlier.h5 small/earlier.h5 2>/dev/null || head -c 200000 /dev/zero >small/filler 2>/dev/null
  expect_exit 1 "$PTCESIM" run --quiet "${SHORT[@]}" -o small/new.h5
  expect_contains "$err" "small/new.h5"
  expect_contains "$err" "No space left on device"
  [[ ! -e small/new.h5 && ! -e small/new.h5.partial ]] || fail "output left on a full tmpfs"
  expect_exit 1 "$PTCESIM" "${COMPARE[@]}" -o small/cmp
  expect_contains "$err" "No space left on device"
  [[ ! -e small/cmp/results.h5 ]] || fail "results.h5 left on a full tmpfs"
  umount small
else
  echo "note: cannot mount a tmpfs here; the file-size limit stands for a full disk"
fi
finish
