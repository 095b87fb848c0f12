# The bad-input corpora through the real binary: every file of tests/data/bad_scenarios (run),
# bad_poles (label) and bad_sweeps (sweep plan) exits 2 with exactly its expected message, whose
# lines name the file (and the line and field where there is one), writes no output, and shows
# no crash or stack trace. Then paths that cannot be read: missing files and folders, a folder
# given as a file, a file the user may not read.
source "$(dirname "$0")/lib.sh"
DATA=$SOURCE_DIR/tests/data

# check_refusal NAME EXPECTED_FILE: the last command's stderr is exactly the expected text and
# looks like a message, not a crash.
check_refusal() {
  local name=$1 expected
  expected=$(cat "$2")
  [[ $err == "$expected" ]] || fail "$name: stderr differs from $(basename "$2"):
--- got
$err
--- expected
$expected"
  local first=${err%%$'\n'*}
  [[ $first =~ ^(--set|[^:]+\.toml)(:[0-9]+)?:\ [^:]+:\  ]] ||
    fail "$name: first line does not name the file and the field: $first"
  [[ $err != *"terminate called"* && $err != *"what():"* && $err != *Sanitizer* &&
    $err != *"Segmentation"* && $err != *"Aborted"* && $err != *"#0 "* ]] ||
    fail "$name: crash or stack trace in stderr"
}

cases=0
cp "$DATA"/bad_scenarios/* .
for toml in "$DATA"/bad_scenarios/*.toml; do
  name=$(basename "$toml" .toml)
  overrides=()
  if [[ -f $name.set ]]; then
    while IFS= read -r line; do [[ -z $line ]] || overrides+=(--set "$line"); done <"$name.set"
  fi
  expect_exit 2 "$PTCESIM" run "$name.toml" "${overrides[@]}" -o out.h5 --quiet
  check_refusal "$name.toml" "$name.expected"
  [[ ! -e out.h5 && ! -e out.h5.partial ]] || fail "$name.toml: output written"
  [[ -z $out ]] || fail "$name.toml: printed on stdout: $out"
  rm -f out.h5 out.h5.partial
  cases=$((cases + 1))
done

mkdir poles && cd poles || exit 1
cp "$DATA"/bad_poles/* .
for toml in *.toml; do
  expect_exit 2 "$PTCESIM" label "$toml"
  check_refusal "$toml" "${toml%.toml}.expected"
  [[ -z $out ]] || fail "$toml: a report was printed: $out"
  cases=$((cases + 1))
done
cd .. || exit 1

mkdir sweeps && cd sweeps || exit 1
cp -r "$DATA"/bad_sweeps/* .
for toml in *.toml; do
  expect_exit 2 "$PTCESIM" sweep plan "$toml"
  check_refusal "$toml" "${toml%.toml}.expected"
  [[ -z $out ]] || fail "$toml: a plan was printed: $out"
  cases=$((cases + 1))
done
cd .. || exit 1
((cases >= 50)) || fail "only $cases bad-input files; the corpus promises at least 50"

# Paths that cannot be read. Each refusal exits 2 and names the path.
mkdir folder.toml
expect_exit 2 "$PTCESIM" run folder.toml -o out.h5 --quiet
expect_contains "$err" "folder.toml"
expect_exit 2 "$PTCESIM" validate no/such/folder/scenario.toml
expect_contains "$err" "no/such/folder/scenario.toml"
expect_exit 2 "$PTCESIM" label folder.toml
expect_contains "$err" "folder.toml"
expect_exit 2 "$PTCESIM" label no/such/folder/pole.toml
expect_contains "$err" "no/such/folder/pole.toml"
expect_exit 2 "$PTCESIM" sweep plan folder.toml
expect_contains "$err" "folder.toml"
expect_exit 2 "$PTCESIM" sweep plan no/such/folder/sweep.toml
expect_contains "$err" "no/such/folder/sweep.toml"
expect_exit 2 "$PTCESIM" label --from no/such/folder/results.h5
expect_contains "$err" "no/such/folder/results.h5"
expect_exit 2 "$PTCESIM" label --from folder.toml
expect_contains "$err" "folder.toml"
[[ ! -e out.h5 && ! -e out.h5.partial ]] || fail "output written for an unreadable scenario"

# Inputs of absurd size: read up to 64 MiB, then refused at once (not read into memory): a
# 100 MiB file (sparse, so cheap to make) and /dev/zero, which never ends.
truncate -s 100M huge.toml
for input in huge.toml /dev/zero; do
  expect_exit 2 "$PTCESIM" run "$input" -o out.h5 --quiet
  [[ $err == "$input: cannot read scenario file: larger than 64 MiB" ]] || fail "run $input: $err"
  expect_exit 2 "$PTCESIM" label "$input"
  [[ $err == "$input: cannot read the file: larger than 64 MiB" ]] || fail "label $input: $err"
  expect_exit 2 "$PTCESIM" sweep plan "$input"
  [[ $err == "$input: cannot read the sweep file: larger than 64 MiB" ]] || fail "sweep $input: $err"
done
printf '[sweep]\nbase = "huge.toml"\nseed = 1\ndesign = "random"\nsamples = 2\n\n[[factors]]\nfield = "labour.quit_rate"\nrange = [0.01, 0.03]\n' >huge_base.toml
expect_exit 2 "$PTCESIM" sweep plan huge_base.toml
[[ $err == "huge_base.toml:2: sweep.base: the base scenario 'huge.toml' is larger than 64 MiB" ]] ||
  fail "sweep with a huge base: $err"
[[ ! -e out.h5 && ! -e out.h5.partial ]] || fail "output written for a huge scenario"
rm -f huge.toml

# A file its reader may not open: root reads anything, so run as nobody where possible.
printf '[[territories]]\nname = "A"\npopulation = 20000\n' >secret.toml
chmod 000 secret.toml
if [[ $(id -u) -ne 0 ]]; then
  expect_exit 2 "$PTCESIM" validate secret.toml
  expect_contains "$err" "secret.toml"
elif command -v setpriv >/dev/null && setpriv --reuid=nobody --regid=nogroup --clear-groups true 2>/dev/null &&
  setpriv --reuid=nobody --regid=nogroup --clear-groups test -x "$PTCESIM"; then
  chmod o+x . # nobody must reach the file to be refused by its permissions, not the folder's
  expect_exit 2 setpriv --reuid=nobody --regid=nogroup --clear-groups "$PTCESIM" validate "$PWD/secret.toml"
  expect_contains "$err" "secret.toml"
else
  echo "note: cannot run as another user here; the unreadable-file case is left to non-root runs"
fi
echo "$cases bad-input files checked"
finish
