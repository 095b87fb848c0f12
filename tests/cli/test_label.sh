# ptcesim label: the real poles in scenarios/poles/, every format, thresholds, bad input.
source "$(dirname "$0")/lib.sh"
POLES=("$SOURCE_DIR"/scenarios/poles/*.toml)
((${#POLES[@]} >= 5)) || fail "fewer than five poles in scenarios/poles/"

expect_exit 0 "$PTCESIM" label --help
expect_contains "$out" "usage: ptcesim label"

expect_exit 0 "$PTCESIM" label "${POLES[@]}"
expect_contains "$out" "Le Périscope"
expect_contains "$out" "decision: not labelled"  # TETRIS: two member types only
expect_contains "$out" "not assessable"

expect_exit 0 "$PTCESIM" label "$SOURCE_DIR/scenarios/poles/tetris.toml" --thresholds min_member_types=2
expect_contains "$out" "decision: undetermined"
expect_exit 0 "$PTCESIM" label "$SOURCE_DIR/scenarios/poles/tetris.toml" \
  --thresholds min_member_types=2,min_local_share=0.3
expect_contains "$out" "share of members on the territory: 0.36..1.00 (threshold >= 0.30)"

expect_exit 0 "$PTCESIM" label "${POLES[@]}" --format json
echo "$out" > report.json
/usr/bin/python3 - report.json "${#POLES[@]}" <<'PY' || fail "JSON report does not parse or lacks fields"
import json, sys
doc = json.load(open(sys.argv[1]))
assert len(doc["poles"]) == int(sys.argv[2])
for pole in doc["poles"]:
    assert pole["decision"] in ("labelled", "not_labelled", "undetermined")
    assert [c["number"] for c in pole["criteria"]] == list(range(1, 8))
    for c in pole["criteria"]:
        assert c["verdict"] in ("pass", "fail", "not_assessable")
        assert c["reason"]
PY

expect_exit 0 "$PTCESIM" label "$SOURCE_DIR/scenarios/poles/tetris.toml" --format csv
expect_contains "$out" "source,pole,criterion,key,verdict,value,threshold,reason"
expect_contains "$out" ",TETRIS,decision,decision,not_labelled,,,"
expect_exit 0 "$PTCESIM" label "$SOURCE_DIR/scenarios/poles/tetris.toml" --format md
expect_contains "$out" "## TETRIS"

# Bad input: exit 2 with file:line: field: message, and no report on stdout.
cp "$SOURCE_DIR/tests/data/bad_poles/bad_member_type.toml" typo.toml
expect_exit 2 "$PTCESIM" label typo.toml "$SOURCE_DIR/scenarios/poles/tetris.toml"
expect_contains "$err" "typo.toml:9: members.1.type: must be one of sse, sme,"
[[ -z $out ]] || fail "a report was written despite a bad file"
expect_exit 2 "$PTCESIM" label does-not-exist.toml
expect_contains "$err" "does-not-exist.toml: cannot open the file"
expect_exit 2 "$PTCESIM" label "$SOURCE_DIR/scenarios/poles/tetris.toml" --format html
expect_contains "$err" "--format"
expect_exit 2 "$PTCESIM" label "$SOURCE_DIR/scenarios/poles/tetris.toml" --thresholds min_member=4
expect_contains "$err" "did you mean 'min_members'?"
expect_exit 2 "$PTCESIM" label
finish
