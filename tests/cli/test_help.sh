source "$(dirname "$0")/lib.sh"
expect_exit 0 "$PTCESIM" --help
expect_contains "$out" "usage: ptcesim"
expect_contains "$out" "exit codes"
expect_exit 0 "$PTCESIM" --version
expect_contains "$out" "ptcesim "
expect_contains "$out" "git"
for cmd in run validate schema; do
  expect_exit 0 "$PTCESIM" "$cmd" --help
  expect_contains "$out" "usage: ptcesim $cmd"
done
expect_exit 2 "$PTCESIM"
expect_exit 2 "$PTCESIM" frobnicate
expect_contains "$err" "unknown command 'frobnicate'"
expect_exit 2 "$PTCESIM" run --no-such-option
expect_contains "$err" "see 'ptcesim run --help'"
expect_exit 2 "$PTCESIM" run --threads -3 -o x.h5
expect_contains "$err" "--threads"
[[ ! -e x.h5 ]] || fail "bad --threads wrote an output file"
expect_exit 2 "$PTCESIM" validate
finish
