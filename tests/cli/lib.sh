# Shared helpers for the command-line tests. Usage in a test: source "$(dirname "$0")/lib.sh"
set -uo pipefail
PTCESIM=$1
SOURCE_DIR=$2
SCRATCH=$3
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH" && cd "$SCRATCH" || exit 1
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

# expect_exit CODE CMD...: runs CMD, captures stdout/stderr in $out/$err, checks the exit code.
expect_exit() {
  local want=$1; shift
  "$@" >stdout.txt 2>stderr.txt
  local got=$?
  out=$(cat stdout.txt); err=$(cat stderr.txt)
  [[ $got == "$want" ]] || fail "'$*' exited $got, expected $want; stderr: $err"
}

expect_contains() { # expect_contains TEXT NEEDLE
  [[ $1 == *"$2"* ]] || fail "expected to find '$2' in: $1"
}

finish() {
  if ((failures)); then echo "$failures failure(s)" >&2; exit 1; fi
  echo "ok"; exit 0
}

# Short runs keep the suite fast; the full default run is exercised by test_run_default.sh.
SHORT=(--set run.burn_in_months=3 --set run.horizon_months=9 --set shocks.0.start_month=2 --set "run.snapshot_months=[]")

# shock_overrides FILE: --set arguments moving every shock of FILE into a short horizon.
shock_overrides() {
  local n i
  n=$(grep -c '^\[\[shocks\]\]' "$1")
  for ((i = 0; i < n; i++)); do printf -- '--set\nshocks.%d.start_month=2\n' "$i"; done
}
