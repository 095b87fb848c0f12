# Checkpoint and restart: a run stopped or killed at any tick and resumed, under another thread
# count, writes the same datasets as an uninterrupted run; unusable checkpoints are bad input.
source "$(dirname "$0")/lib.sh"
# 12 months of burn-in (strategy starts at tick 12), a snapshot at tick 18, the mixed strategy so
# that pots, grants and poles carry state across the checkpoint.
RUN=(--set run.burn_in_months=12 --set run.horizon_months=24 --set shocks.0.start_month=6
  --set "run.snapshot_months=[6]" --set 'strategy.kind="mixed"')

same_as_reference() { # same_as_reference FILE WHAT
  local group attribute
  for group in /series /territories /snapshots /poles; do
    h5diff -q ref.h5 "$1" "$group" "$group" || fail "$2: $group differs from the uninterrupted run"
  done
  # Provenance too: only threads and times may differ.
  for attribute in state_hash scenario_toml seed burn_in_months; do
    [[ $(h5dump -a "/$attribute" ref.h5 | tail -n +2) == "$(h5dump -a "/$attribute" "$1" | tail -n +2)" ]] ||
      fail "$2: attribute $attribute differs from the uninterrupted run"
  done
}

expect_exit 0 "$PTCESIM" run --quiet --threads 1 -o ref.h5 "${RUN[@]}"

# Stopped during burn-in, at the strategy start tick, and after the snapshot month; resumed with
# the other thread count.
for case in "5 1 2" "12 2 1" "19 1 2"; do
  read -r tick written resumed <<<"$case"
  expect_exit 0 "$PTCESIM" run --threads "$written" -o "stop$tick.h5" "${RUN[@]}" --stop-at "$tick"
  expect_contains "$err" "--resume stop$tick.h5.ckpt"
  [[ -f stop$tick.h5.ckpt && ! -e stop$tick.h5 ]] || fail "--stop-at $tick: no checkpoint, or a run file"
  expect_exit 0 "$PTCESIM" run --resume "stop$tick.h5.ckpt" --threads "$resumed"
  expect_contains "$err" "resuming stop$tick.h5.ckpt at tick $tick of 36"
  [[ ! -e stop$tick.h5.ckpt ]] || fail "checkpoint stop$tick.h5.ckpt not removed after the run"
  same_as_reference "stop$tick.h5" "stopped at tick $tick ($written thread(s)), resumed ($resumed)"
done

# Periodic checkpoints, resumed twice (a resumed run checkpoints and stops again), to another
# output file and a named checkpoint file.
expect_exit 0 "$PTCESIM" run --quiet --threads 2 -o chain.h5 "${RUN[@]}" --checkpoint-every 4 \
  --checkpoint chain.ckpt --stop-at 10
expect_exit 0 "$PTCESIM" run --quiet --resume chain.ckpt --threads 1 --stop-at 23
expect_exit 0 "$PTCESIM" run --quiet --resume chain.ckpt --threads 2 -o chain_end.h5
[[ ! -e chain.h5 && ! -e chain.ckpt ]] || fail "resume -o wrote chain.h5 or kept chain.ckpt"
same_as_reference chain_end.h5 "resumed twice"
# A completed run with checkpoints leaves no checkpoint behind.
expect_exit 0 "$PTCESIM" run --threads 1 -o every.h5 "${RUN[@]}" --checkpoint-every 5
expect_contains "$err" "checkpoint every 5 ticks to every.h5.ckpt"
[[ ! -e every.h5.ckpt && ! -e every.h5.ckpt.partial ]] || fail "checkpoint left after a complete run"
same_as_reference every.h5 "run with checkpoints"

# Killed (kill -9) at a random moment while it checkpoints every tick: the checkpoint on disk is
# whole, the previous or the next one, and resumes to the same datasets.
"$PTCESIM" run --quiet --threads 2 -o killed.h5 "${RUN[@]}" --checkpoint-every 1 2>killed.err &
pid=$!
for ((i = 0; i < 500; i++)); do [[ -e killed.h5.ckpt ]] && break; sleep 0.01; done
sleep "0.$((RANDOM % 9))"
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
if [[ -e killed.h5 ]]; then
  echo "note: the run ended before kill -9; checking its output only" >&2
  same_as_reference killed.h5 "run not killed"
else
  expect_exit 0 "$PTCESIM" run --resume killed.h5.ckpt --threads 1
  same_as_reference killed.h5 "killed with kill -9, resumed"
fi

# Unusable checkpoints: exit 2 and a message naming the file.
expect_exit 0 "$PTCESIM" run --quiet -o bad.h5 "${RUN[@]}" --stop-at 3
size=$(stat -c %s bad.h5.ckpt)
head -c $((size / 2)) bad.h5.ckpt >truncated.ckpt
expect_exit 2 "$PTCESIM" run --quiet --resume truncated.ckpt -o t.h5
expect_contains "$err" "truncated.ckpt: truncated checkpoint"
cp bad.h5.ckpt corrupted.ckpt
printf '\x5a' | dd of=corrupted.ckpt bs=1 seek=$((size / 3)) conv=notrunc status=none
expect_exit 2 "$PTCESIM" run --quiet --resume corrupted.ckpt -o c.h5
expect_contains "$err" "corrupted.ckpt: corrupted checkpoint (checksum mismatch)"
expect_exit 2 "$PTCESIM" run --quiet --resume ref.h5 -o r.h5
expect_contains "$err" "ref.h5: not a ptcesim checkpoint"
expect_exit 2 "$PTCESIM" run --quiet --resume missing.ckpt
expect_contains "$err" "missing.ckpt: no such checkpoint file"
[[ ! -e t.h5 && ! -e c.h5 && ! -e r.h5 ]] || fail "a run file was written from a bad checkpoint"

# Usage: --resume takes everything from the checkpoint; an existing checkpoint is not clobbered.
expect_exit 2 "$PTCESIM" run --resume bad.h5.ckpt "$SOURCE_DIR/scenarios/default.toml"
expect_contains "$err" "a scenario file cannot be given with it"
expect_exit 2 "$PTCESIM" run --resume bad.h5.ckpt --set run.horizon_months=30
expect_contains "$err" "--set cannot be given with it"
expect_exit 2 "$PTCESIM" run --resume bad.h5.ckpt --seed 3
expect_contains "$err" "--seed cannot be given with it"
expect_exit 2 "$PTCESIM" run --quiet -o bad.h5 "${RUN[@]}" --checkpoint-every 2
expect_contains "$err" "bad.h5.ckpt: checkpoint file exists"
expect_exit 2 "$PTCESIM" run --resume bad.h5.ckpt --stop-at 2
expect_contains "$err" "--stop-at: must be a tick in [4, 35]"
expect_exit 2 "$PTCESIM" run --quiet -o game.h5 --set cooperation.isolate_game=true --checkpoint-every 2
expect_contains "$err" "not available for a scenario with cooperation.isolate_game"
finish
