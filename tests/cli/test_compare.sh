# ptcesim compare: output files, agreement of summary.csv with results.h5, usage errors.
source "$(dirname "$0")/lib.sh"
SMALL=(--set run.burn_in_months=12 --set run.horizon_months=24 --set shocks.0.start_month=6 --set "run.snapshot_months=[]")

expect_exit 2 "$PTCESIM" compare --strategies ptce,teleportation -o bad "${SMALL[@]}"
expect_contains "$err" "unknown strategy 'teleportation'"
expect_exit 2 "$PTCESIM" compare --replications 1 -o bad "${SMALL[@]}"
expect_contains "$err" "--replications"
expect_exit 2 "$PTCESIM" compare --strategies ptce,none --baseline reindustrialisation -o bad "${SMALL[@]}"
expect_contains "$err" "baseline"
[[ ! -e bad/results.h5 ]] || fail "a refused comparison wrote results"

expect_exit 0 "$PTCESIM" compare --quiet --no-figures -n 3 --strategies ptce,reindustrialisation,none \
  -o cmp "${SMALL[@]}"
for f in results.h5 summary.csv summary.md; do [[ -s cmp/$f ]] || fail "cmp/$f missing"; done

# summary.csv and /summary in results.h5 hold the same numbers; the means are recomputed from
# the outcome series stored per replication.
PYTHONPATH="$SOURCE_DIR/analysis" /usr/bin/python3 - cmp <<'PY' || fail "summary.csv disagrees with results.h5"
import sys, numpy as np, pandas as pd
from ptcesim_analysis import load_summary, load_outcomes
d = sys.argv[1]
csv = pd.read_csv(f"{d}/summary.csv")
h5 = load_summary(f"{d}/results.h5")
assert len(csv) == len(h5), (len(csv), len(h5))
for col in ["mean", "mean_difference", "ci_low", "ci_high"]:
    a, b = csv[col].to_numpy(float), h5[col].to_numpy(float)
    assert np.allclose(a, b, equal_nan=True, rtol=1e-12), col
out = load_outcomes(f"{d}/results.h5")
for _, row in csv[csv["outcome"] == "net_jobs"].iterrows():
    vals = out[(out.outcome == "net_jobs") & (out.strategy == row.strategy) & (out.month == row.month)]["value"]
    assert len(vals) == 3
    assert np.isclose(vals.mean(), row["mean"], rtol=1e-12), (vals.mean(), row["mean"])
print("consistent")
PY

# Refuses to overwrite without --force.
expect_exit 2 "$PTCESIM" compare --quiet --no-figures -n 2 -o cmp "${SMALL[@]}"
expect_contains "$err" "--force"
finish
