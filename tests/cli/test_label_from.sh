# ptcesim label --from: the poles of a run, through time; the label file; bad uses.
source "$(dirname "$0")/lib.sh"
cat > seeded.toml <<'TOML'
[run]
name = "seeded"
burn_in_months = 6
horizon_months = 20

[[territories]]
name = "Bourg"
population = 6000
neighbours = ["Hameau"]
commuting_minutes = [15.0]

[[territories]]
name = "Hameau"
population = 2500
neighbours = ["Bourg"]
commuting_minutes = [15.0]

[[poles]]
territory = "Bourg"
origin = "local_authority"
members = 8
TOML

expect_exit 0 "$PTCESIM" run seeded.toml -o run.h5 --quiet
[[ -f run.h5 ]] || fail "run.h5 not written"

expect_exit 0 "$PTCESIM" label --from run.h5 --thresholds min_cooperation_years=1
expect_contains "$out" "pole 0 (Bourg)"
expect_contains "$out" "through time: recorded ticks 6.."
expect_contains "$out" "formalised_strategy      met from tick 6"
expect_contains "$out" "long_term_engagement     met from tick 18"
[[ -f run.labels.h5 ]] || fail "default label file run.labels.h5 not written"
[[ ! -e run.labels.h5.partial ]] || fail "partial label file left behind"

# The label file exists: refused without --force, before any output.
expect_exit 2 "$PTCESIM" label --from run.h5
expect_contains "$err" "--force"
[[ -z $out ]] || fail "report printed although the label file was refused"

expect_exit 0 "$PTCESIM" label --from run.h5 -o labels.json.h5 --format json
echo "$out" > report.json
/usr/bin/python3 - report.json run.h5 labels.json.h5 <<'PY' || fail "JSON report or files disagree"
import json, sys
import h5py
doc = json.load(open(sys.argv[1]))
run = h5py.File(sys.argv[2], "r")
labels = h5py.File(sys.argv[3], "r")
poles = run["poles"]
assert poles.attrs["record_every_months"] == 1
n = len(poles["tick"])
assert n > 0 and all(len(poles[c]) == n for c in poles)
assert len(labels["labels/tick"]) == n
ids = sorted(set(int(i) for i in poles["pole_id"][:]))
assert [h["pole_id"] for h in doc["history"]] == ids
assert len(doc["report"]["poles"]) == len(ids)
seeded = doc["history"][0]
assert seeded["territory"] == "Bourg" and seeded["origin"] == "local_authority"
assert seeded["criteria"][2]["first_met"] == 6          # charter at the seeding tick
assert seeded["criteria"][5]["first_met"] is None       # 3 years not reached in 20 months
summary = labels["labels/summary"]
assert list(summary["pole_id"][:]) == ids
assert summary["first_met_tick"].shape == (len(ids), 7)
assert summary["first_met_tick"][0, 2] == 6 and summary["first_met_tick"][0, 5] == -1
verdicts = {v.decode() if isinstance(v, bytes) else v for v in labels["labels/verdict_social_utility"][:]}
assert verdicts <= {"pass", "fail", "not_assessable"}
PY

expect_exit 0 "$PTCESIM" label --from run.h5 -o labels.csv.h5 --format csv
expect_contains "$out" "source,pole,pole_id,territory,criterion,key,verdict"
expect_contains "$out" ",3,formalised_strategy,pass,"
expect_exit 0 "$PTCESIM" label --from run.h5 -o labels.md.h5 --format md
expect_contains "$out" "| 3 | Shared, formalised strategy (charter) | 6 |"

# Bad uses: exit 2, no label file.
expect_exit 2 "$PTCESIM" label --from missing.h5
expect_contains "$err" "missing.h5: no such file"
expect_exit 2 "$PTCESIM" label --from run.h5 "$SOURCE_DIR/scenarios/poles/tetris.toml"
expect_contains "$err" "not both"
expect_exit 2 "$PTCESIM" label --from run.h5 -o run.h5 --force
expect_contains "$err" "must differ"
expect_exit 2 "$PTCESIM" label "$SOURCE_DIR/scenarios/poles/tetris.toml" -o x.h5
expect_contains "$err" "go with --from"
[[ ! -e x.h5 ]] || fail "x.h5 written without --from"
expect_exit 2 "$PTCESIM" label --from run.h5 -o other.h5 --thresholds min_members=many
[[ ! -e other.h5 ]] || fail "label file written despite a bad threshold"
finish
