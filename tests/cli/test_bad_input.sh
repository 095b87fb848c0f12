# Bad scenarios: exit 2, a message naming file, line and field, and no output file.
source "$(dirname "$0")/lib.sh"
cat > misspelt.toml <<'TOML'
[[territories]]
name = "A"
population = 20000

[firms]
intial_markup = 0.2
TOML
expect_exit 2 "$PTCESIM" run misspelt.toml -o out.h5
expect_contains "$err" "misspelt.toml:6: firms.intial_markup: unknown key; did you mean 'firms.initial_markup'?"
[[ ! -e out.h5 && ! -e out.h5.partial ]] || fail "output written for a misspelt key"

cat > negative.toml <<'TOML'
[[territories]]
name = "A"
population = -5
TOML
expect_exit 2 "$PTCESIM" run negative.toml -o out.h5
expect_contains "$err" "negative.toml:3: territories.0.population:"
[[ ! -e out.h5 ]] || fail "output written for a negative population"

cat > string.toml <<'TOML'
[[territories]]
name = "A"
population = 20000

[households]
consumption_propensity = "high"
TOML
expect_exit 2 "$PTCESIM" run string.toml -o out.h5
expect_contains "$err" "string.toml:6: households.consumption_propensity:"
[[ ! -e out.h5 ]] || fail "output written for a string in a number field"

expect_exit 2 "$PTCESIM" run --set firms.initial_markup=7 -o out.h5
expect_contains "$err" "--set: firms.initial_markup:"
expect_exit 2 "$PTCESIM" run does-not-exist.toml -o out.h5
expect_contains "$err" "does-not-exist.toml"
expect_exit 2 "$PTCESIM" validate misspelt.toml negative.toml
expect_contains "$err" "misspelt.toml:6"
expect_contains "$err" "negative.toml:3"
finish
