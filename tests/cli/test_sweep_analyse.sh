# ptcesim sweep analyse: a finished full-factorial sweep gets standardised regression
# coefficients (with a note on what Morris and Sobol' need), in sensitivity.h5 and .csv;
# a Morris sweep gets mu*, mu, sigma; figures of both; unfinished and non-sweep directories are refused.
source "$(dirname "$0")/lib.sh"
cp "$SOURCE_DIR/tests/data/sweeps/tiny.toml" "$SOURCE_DIR/tests/data/sweeps/small_base.toml" .

expect_exit 2 "$PTCESIM" sweep analyse nowhere
expect_contains "$err" "nowhere is not a sweep directory"

expect_exit 0 "$PTCESIM" sweep tiny.toml -o t --quiet --array-index 0 --array-size 2
expect_exit 2 "$PTCESIM" sweep analyse t
expect_contains "$err" "t is a sweep directory without results.h5"
expect_exit 0 "$PTCESIM" sweep tiny.toml -o t --quiet

expect_exit 0 "$PTCESIM" sweep analyse t --outcome net_jobs --bootstrap 200
expect_contains "$err" "reporting standardised regression coefficients"
expect_contains "$out" "ptce-reindustrialisation:net_jobs"
expect_contains "$out" "strategy.budget_eur_per_year"
head -1 t/sensitivity.csv | grep -q "^quantity,outcome,strategy,reference,unit,method,factor,measure,estimate,ci_low,ci_high$" ||
  fail "sensitivity.csv header: $(head -1 t/sensitivity.csv)"
[[ $(grep -c ",regression,.*,SRC," t/sensitivity.csv) == 2 ]] || fail "expected 2 SRC rows"
h5ls -r t/sensitivity.h5 >tree.txt
for object in /factors /quantities/name /quantities/r_squared /indices/measure /indices/ci_low; do
  grep -q "^$object " tree.txt || fail "sensitivity.h5 has no $object"
done
# Deterministic from the seed: a second analysis writes the same file.
cp t/sensitivity.csv first.csv
expect_exit 0 "$PTCESIM" sweep analyse t --outcome net_jobs --bootstrap 200
cmp -s first.csv t/sensitivity.csv || fail "sweep analyse is not deterministic"

expect_exit 2 "$PTCESIM" sweep analyse t --outcome no_such_outcome
expect_contains "$err" "no outcome 'no_such_outcome' in this sweep"

# Morris: 2 trajectories over the same two factors.
cat >morris.toml <<'TOML'
[sweep]
base = "small_base.toml"
seed = 7
design = "morris"
trajectories = 3
grid_levels = 4
strategies = ["ptce", "reindustrialisation"]
outcomes = ["net_jobs"]

[[factors]]
field = "strategy.budget_eur_per_year"
range = [0.2e6, 1.0e6]

[[factors]]
field = "cooperation.trust_initial"
range = [0.2, 0.6]
TOML
expect_exit 0 "$PTCESIM" sweep morris.toml -o m --quiet
expect_exit 0 "$PTCESIM" sweep analyse m --bootstrap 100
expect_contains "$out" "morris"
[[ $(grep -c ",morris,.*,mu_star," m/sensitivity.csv) == 2 ]] || fail "expected 2 mu_star rows"

# Figures from both files (analysis/ptcesim_analysis/sensitivity_figures.py).
for d in t m; do
  expect_exit 0 env MPLBACKEND=Agg PYTHONPATH="$SOURCE_DIR/analysis" /usr/bin/python3 \
    -m ptcesim_analysis.sensitivity_figures "$d/sensitivity.h5" --out "$d/figures"
done
for f in t/figures/src_ptce-reindustrialisation_net_jobs m/figures/morris_ptce-reindustrialisation_net_jobs; do
  [[ -s $f.png && -s $f.svg ]] || fail "no figure $f.png/.svg"
done
expect_exit 2 env MPLBACKEND=Agg PYTHONPATH="$SOURCE_DIR/analysis" /usr/bin/python3 \
  -m ptcesim_analysis.sensitivity_figures t/results.h5
expect_contains "$err" "not a sensitivity file"
finish
