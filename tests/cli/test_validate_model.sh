# `ptcesim validate-model`: a reduced validation (5 replications, horizon shortened to 150
# months: the recession at month 120 and its rebound still fit) that fails when a fact is missed,
# plus bad uses and the cooperation game alone through `ptcesim run`.
source "$(dirname "$0")/lib.sh"

# Facts the default calibration misses today (docs/model.md §9, docs/validation.md): listed here
# so that CI passes and the gap stays visible. Remove a line once the model reproduces the fact
# (validate-model then warns "now passes").
#  - firm_size_zipf_exponent: the full validation (20 replications, 240 months) reproduces it
#    (1.27, docs/validation.md); this reduced run stops at 150 months, before the tail grown by
#    entry and Gibrat growth has fully replaced the initial one (1.31)
#  - local_multiplier: reproduced by the full validation (1.2 over 20 replications and 240
#    months); over 150 months the households the boom attracts from the rest of the country
#    have not all arrived, and with 5 replications the estimate spans 0.8 - 1.9
#  - beveridge_correlation: reproduced by the full validation (−0.10, interval −0.16 – −0.04
#    over 20 replications); the yearly arrivals from the rest of the country make each run's
#    correlation noisy, and with 5 the interval crosses 0
#  - recession_sse_vs_firms: reproduced by the full validation (SSE − firms 0.0037, interval
#    0.0020 – 0.0055 over 20 replications); with 5 the interval reaches below 0
#  - recession_associations_vs_cooperatives: reproduced by the full validation (0.012, interval
#    0.005 – 0.018 over 20 replications); cooperatives are few and their series noisy, so with
#    5 (or 10) replications the interval crosses 0
# Five replications: directions pass only when their interval clears 0, and with two the
# Student t interval (t = 12.7) established no direction at all.
EXPECTED_FAILURES=(--expect-fail firm_size_zipf_exponent --expect-fail local_multiplier
                   --expect-fail recession_sse_vs_firms --expect-fail beveridge_correlation
                   --expect-fail recession_associations_vs_cooperatives)
REDUCED=(--replications 5 --set run.horizon_months=150 --set "run.snapshot_months=[]")

expect_exit 0 "$PTCESIM" validate-model "${REDUCED[@]}" "${EXPECTED_FAILURES[@]}" -o reduced \
  --no-figures --quiet
for f in validation.md validation.csv validation.h5; do
  [[ -s reduced/$f ]] || fail "reduced/$f not written"
done
# Every check of docs/validation.md has a row with a verdict.
for check in sse_share_jobs sse_share_private_jobs recession_sse_vs_firms \
  recession_associations_vs_cooperatives rebound_sse_lag survival_5y_firms \
  survival_5y_worker_cooperatives survival_5y_cooperatives_minus_firms firm_size_zipf_exponent \
  beveridge_correlation okun_correlation job_creation_every_month job_destruction_every_month \
  job_creation_rate job_destruction_rate pole_mean_members pole_turnover_share local_multiplier \
  incentive_decided_share game_optional_participation_cooperation \
  game_optional_participation_cycles game_plain_pgg_collapse game_pool_beats_peer_second_order \
  game_peer_beats_pool_first_order; do
  grep -Eq "^$check,.*,(pass|expected-fail|unexpected-pass)," reduced/validation.csv ||
    fail "no acceptable verdict for $check in validation.csv"
done
# The cooperation game's facts hold, whatever the economy's calibration.
for check in game_optional_participation_cooperation game_optional_participation_cycles \
  game_plain_pgg_collapse game_pool_beats_peer_second_order game_peer_beats_pool_first_order; do
  grep -q "^$check,.*,pass," reduced/validation.csv || fail "$check does not pass"
done
# The report's figures and HTML from the file (what validate-model runs without --no-figures).
PYTHONPATH="$SOURCE_DIR/analysis" MPLBACKEND=Agg /usr/bin/python3 -m \
  ptcesim_analysis.validation_figures reduced/validation.h5 --out reduced >figures.txt ||
  fail "validation_figures failed"
grep -q "sse_share_jobs" reduced/validation.html || fail "validation.html lacks the checks table"
grep -q "data:image/png;base64" reduced/validation.html || fail "validation.html lacks figures"
[[ -s reduced/figures/cooperation_game.png ]] || fail "no figure of the cooperation game"
# The same results again refuse to overwrite without --force.
expect_exit 2 "$PTCESIM" validate-model "${REDUCED[@]}" -o reduced --no-figures --quiet
expect_contains "$err" "--force"

# Bad uses: exit 2 before anything runs.
expect_exit 2 "$PTCESIM" validate-model --replications 1 -o bad --quiet
expect_contains "$err" "--replications"
expect_exit 2 "$PTCESIM" validate-model --expect-fail no_such_check -o bad --quiet
expect_contains "$err" "unknown check 'no_such_check'"
expect_exit 2 "$PTCESIM" validate-model --set run.horizon_months=130 \
  --set "run.snapshot_months=[]" -o bad --quiet
expect_contains "$err" "need a horizon of at least 144 months"

# The game alone: `ptcesim run` on a scenario with cooperation.isolate_game.
expect_exit 0 "$PTCESIM" run "$SOURCE_DIR/scenarios/game-plain-pgg.toml" --set game.rounds=400 \
  -o plain.h5 --quiet
/usr/bin/python3 - <<'PY' || fail "plain.h5: unexpected game file"
import h5py
with h5py.File("plain.h5") as f:
    assert f.attrs["kind"] == "game", f.attrs["kind"]
    names = [n.decode() for n in f["game/strategy"][()]]
    freq = f["game/frequency"][()]
    assert freq.shape == (401, 5), freq.shape
    assert abs(freq.sum(axis=1) - 1).max() < 1e-12
    # r = 3 < N = 5, no incentives: defectors take over.
    assert freq[-1, names.index("defector")] > 0.9, freq[-1]
PY
expect_exit 2 "$PTCESIM" run "$SOURCE_DIR/scenarios/game-plain-pgg.toml" --set game.population=501 \
  -o bad.h5 --quiet
expect_contains "$err" "multiple of game.group_size"
finish
