# `ptcesim run` with no argument runs the embedded default scenario and writes provenance.
source "$(dirname "$0")/lib.sh"
expect_exit 0 "$PTCESIM" run --quiet
file=$(ls ./*.h5 2>/dev/null | head -n 1)
[[ -n $file ]] || fail "no HDF5 file written by 'ptcesim run'"
ls ./*.partial >/dev/null 2>&1 && fail "a partial file was left behind"
attrs=$(h5dump -A -g / "$file" 2>&1)
for a in ptcesim_version git_commit scenario_toml seed threads start_time end_time; do
  expect_contains "$attrs" "ATTRIBUTE \"$a\""
done
# The series cover burn-in + horizon of the default scenario (60 + 240 months).
ticks=$(h5ls "$file/series/tick" | sed -E 's/.*\{([0-9]+).*/\1/')
[[ $ticks == 300 ]] || fail "expected 300 ticks in /series/tick, got '$ticks'"
finish
