# Every scenario shipped in scenarios/ validates and runs a few ticks.
source "$(dirname "$0")/lib.sh"
shopt -s nullglob
files=("$SOURCE_DIR"/scenarios/*.toml)
((${#files[@]})) || fail "no scenario in scenarios/"
for f in "${files[@]}"; do
  expect_exit 0 "$PTCESIM" validate "$f"
  name=$(basename "$f" .toml)
  # Large worlds are checked for validity here and run by the benchmarks.
  [[ $name == france-synthetic ]] && continue
  mapfile -t shocks < <(shock_overrides "$f")
  expect_exit 0 "$PTCESIM" run "$f" --quiet -o "$name.h5" --set run.burn_in_months=3 \
    --set run.horizon_months=9 --set "run.snapshot_months=[]" "${shocks[@]}"
  [[ -s $name.h5 ]] || fail "$name: no output"
done
finish
