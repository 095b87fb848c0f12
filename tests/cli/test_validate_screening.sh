# `ptcesim validate-model --screening`: a tiny Morris sweep of ptce and reindustrialisation (3
# trajectories over 3 factors, 18-month runs), analysed, then a reduced validation that adds
# the section "What drives the comparison": a ranking table with every factor for every
# outcome, the mu*-sigma figures, the section in the HTML; bad uses.
source "$(dirname "$0")/lib.sh"
cp "$SOURCE_DIR/tests/data/sweeps/small_base.toml" .
cat >screen.toml <<'TOML'
[sweep]
base = "small_base.toml"
seed = 7
design = "morris"
trajectories = 3
grid_levels = 4
strategies = ["ptce", "reindustrialisation"]
outcomes = ["net_jobs", "public_spending_eur", "public_cost_per_net_job_eur"]

[[factors]]
field = "strategy.budget_eur_per_year"
range = [0.75e6, 3.0e6]

[[factors]]
field = "cooperation.trust_initial"
range = [0.3, 0.7]

[[factors]]
field = "cooperation.max_pole_size"
levels = [8, 11, 16, 24]
TOML
expect_exit 0 "$PTCESIM" sweep screen.toml -o s --quiet
expect_exit 0 "$PTCESIM" sweep analyse s --bootstrap 50

# The facts' verdicts are test_validate_model.sh's business: two replications cannot establish
# the directions, so exit 3 (a fact missed, results complete) is as good as 0 here.
REDUCED=(--replications 2 --set run.horizon_months=150 --set "run.snapshot_months=[]")
"$PTCESIM" validate-model "${REDUCED[@]}" --screening s -o v --quiet >stdout.txt 2>stderr.txt
rc=$?
[[ $rc == 0 || $rc == 3 ]] || fail "validate-model --screening exited $rc; stderr: $(cat stderr.txt)"
grep -q "^## What drives the comparison" v/validation.md || fail "validation.md lacks the screening"
grep -q "sse_share_jobs" v/validation.md || fail "validation.md lost the checks table"
# One ranked table per outcome, each with the three factors ranked 1 to 3.
for outcome in net_jobs public_spending_eur public_cost_per_net_job_eur; do
  table=$(awk -v h="### $outcome " 'index($0, h) == 1 {on = 1; next} /^###? / {on = 0} on' \
    v/validation.md)
  for factor in strategy.budget_eur_per_year cooperation.trust_initial cooperation.max_pole_size; do
    grep -q "| \`$factor\` |" <<<"$table" || fail "$outcome: no row for $factor"
  done
  [[ $(grep -cE '^\| [123] \| `' <<<"$table") == 3 ]] || fail "$outcome: ranks 1-3 expected"
done
# The net-jobs table is ranked by mu* (decreasing, an undefined mu* last).
awk '/^### net_jobs /{on = 1; next} /^###? /{on = 0} on && /^\| [0-9]/ {
       split($0, c, "|"); split(c[4], m, " "); print m[1] }' v/validation.md >mu_star.txt
/usr/bin/python3 - <<'PY' || fail "net_jobs table not ranked by mu*: $(cat mu_star.txt)"
values = [float("nan") if v == "undefined" else float(v) for v in open("mu_star.txt").read().split()]
assert len(values) == 3, values
finite = [v for v in values if v == v]
assert finite == sorted(finite, reverse=True) and values[:len(finite)] == finite, values
PY
[[ -s v/figures/morris_ptce-reindustrialisation_net_jobs.png ]] || fail "no mu*-sigma figure"
grep -q "What drives the comparison" v/validation.html || fail "validation.html lacks the section"

# Bad uses: exit 2 before anything runs.
expect_exit 2 "$PTCESIM" validate-model "${REDUCED[@]}" --screening nowhere -o bad --quiet
expect_contains "$err" "--screening: nowhere not found"
[[ ! -e bad ]] || fail "a refused validation wrote bad/"
finish
