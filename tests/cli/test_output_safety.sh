# An existing output is never overwritten without --force; outputs appear only when complete.
source "$(dirname "$0")/lib.sh"
expect_exit 0 "$PTCESIM" run --quiet -o run.h5 "${SHORT[@]}"
before=$(sha256sum run.h5)
expect_exit 2 "$PTCESIM" run --quiet -o run.h5 "${SHORT[@]}" --seed 99
expect_contains "$err" "--force"
[[ $(sha256sum run.h5) == "$before" ]] || fail "existing output modified without --force"
expect_exit 0 "$PTCESIM" run --quiet -o run.h5 "${SHORT[@]}" --seed 99 --force
[[ $(sha256sum run.h5) != "$before" ]] || fail "--force did not replace the output"
expect_exit 1 "$PTCESIM" run --quiet -o no/such/dir/run.h5 "${SHORT[@]}"
expect_contains "$err" "no/such/dir"
# A run killed mid-way leaves no file under the final name.
"$PTCESIM" run --quiet -o killed.h5 --set run.horizon_months=2400 &
pid=$!
sleep 1
kill -9 "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
[[ ! -e killed.h5 ]] || fail "a killed run left a file under the final name"
finish
