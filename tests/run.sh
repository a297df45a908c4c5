#!/usr/bin/env bash
# The one test command: `bash tests/run.sh` from anywhere in the repository.
#
# On a fresh Debian 12 machine with only the .NET SDK it installs what the suite needs with apt
# (PostgreSQL 15, Chromium, DejaVu fonts, Node.js/npm for axe-core), restores the dotnet tools, builds the
# solution and runs the whole suite: SQLite, PostgreSQL (a throwaway cluster the tests start themselves) and
# browser tests. Nothing is skipped. It ends with a plain line `N passed, N failed[, N skipped]` computed
# from the TRX results, and exits non-zero if anything failed, nothing ran, or anything was skipped.
# Already-installed packages are not touched, so a second run goes straight to the build.
#
# Extra arguments go to `dotnet test`, e.g. `bash tests/run.sh --filter "FullyQualifiedName~Browser"`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export DEBIAN_FRONTEND=noninteractive

say() { printf '\n==> %s\n' "$*"; }
die() { printf '\nERROR: %s\n' "$*" >&2; echo "0 passed, 0 failed"; exit 1; }

# ---------------------------------------------------------------- system packages
SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO=(sudo -n); fi
fi

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }

PACKAGES=(postgresql chromium fonts-dejavu-core)
command -v npm >/dev/null 2>&1 || PACKAGES+=(nodejs npm)
MISSING=()
for p in "${PACKAGES[@]}"; do installed "$p" || MISSING+=("$p"); done

if [ "${#MISSING[@]}" -gt 0 ]; then
  say "Installing with apt: ${MISSING[*]}"
  if [ "$(id -u)" -ne 0 ] && [ "${#SUDO[@]}" -eq 0 ]; then
    die "missing packages (${MISSING[*]}) and not root with no sudo: install them, then run again."
  fi
  "${SUDO[@]}" apt-get update -q || die "apt-get update failed."
  "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${MISSING[@]}" </dev/null \
    || die "apt-get install ${MISSING[*]} failed."
fi

# Prove each part really is there, with a message that says which one is not.
CHROMIUM="${CHILDAID_CHROMIUM:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] || die "Chromium could not be installed: $CHROMIUM is missing (apt package 'chromium')."
"$CHROMIUM" --headless --no-sandbox --version >/dev/null 2>&1 \
  || die "Chromium is installed at $CHROMIUM but does not start ('$CHROMIUM --version' failed)."
if [ -z "${CHILDAID_TEST_PG:-}" ]; then
  INITDB="$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$INITDB" ] || die "PostgreSQL could not be installed: no /usr/lib/postgresql/*/bin/initdb (apt package 'postgresql')."
  id postgres >/dev/null 2>&1 || die "PostgreSQL is installed but the 'postgres' user does not exist."
  echo "PostgreSQL: $("$INITDB" --version)"
fi
echo "Chromium:   $("$CHROMIUM" --headless --no-sandbox --version 2>/dev/null | head -n 1)"

# axe-core for the accessibility checks in browser tests, pinned, into a git-ignored folder.
AXE_DIR="$ROOT/tests/ChildAid.Tests/Browser/axe"
if ! grep -qs '"version": "4.14.1"' "$AXE_DIR/node_modules/axe-core/package.json"; then
  say "Installing axe-core 4.14.1 with npm"
  command -v npm >/dev/null 2>&1 || die "npm is not available to install axe-core (apt packages 'nodejs npm')."
  (cd "$AXE_DIR" && npm ci --no-audit --no-fund --loglevel=error </dev/null) \
    || die "npm could not install axe-core into $AXE_DIR."
fi
[ -f "$AXE_DIR/node_modules/axe-core/axe.min.js" ] || die "axe-core is missing: $AXE_DIR/node_modules/axe-core/axe.min.js."

# ---------------------------------------------------------------- build and test
say "dotnet tool restore"
dotnet tool restore

say "dotnet build ChildAid.slnx"
dotnet build ChildAid.slnx -nologo -v:minimal

RESULTS="$ROOT/tests/TestResults/run"
rm -rf "$RESULTS"
say "dotnet test tests/ChildAid.Tests"
set +e
dotnet test tests/ChildAid.Tests --no-build -nologo \
  --results-directory "$RESULTS" --logger "trx;LogFileName=childaid.trx" --logger "console;verbosity=normal" \
  --blame-hang-timeout 15m "$@"
TEST_EXIT=$?
set -e

# ---------------------------------------------------------------- summary from the TRX files
shopt -s nullglob
TRX_FILES=("$RESULTS"/*.trx)
PASSED=0; FAILED=0; SKIPPED=0; TOTAL=0
counter() { grep -o "<Counters [^>]*" "$1" | grep -o " $2=\"[0-9]*\"" | grep -o '[0-9]*' || echo 0; }
for trx in "${TRX_FILES[@]}"; do
  TOTAL=$((TOTAL + $(counter "$trx" total)))
  PASSED=$((PASSED + $(counter "$trx" passed)))
  for c in failed error timeout aborted; do FAILED=$((FAILED + $(counter "$trx" "$c"))); done
  for c in notExecuted inconclusive notRunnable; do SKIPPED=$((SKIPPED + $(counter "$trx" "$c"))); done
done

STATUS=0
if [ "${#TRX_FILES[@]}" -eq 0 ]; then echo "No test results were written (dotnet test exit code $TEST_EXIT)." >&2; STATUS=1; fi
if [ "$TOTAL" -eq 0 ] || [ $((PASSED + FAILED + SKIPPED)) -eq 0 ]; then echo "No tests ran." >&2; STATUS=1; fi
if [ "$FAILED" -gt 0 ]; then STATUS=1; fi
if [ "$SKIPPED" -gt 0 ]; then echo "$SKIPPED test(s) were skipped: every test must run." >&2; STATUS=1; fi
if [ "$TEST_EXIT" -ne 0 ] && [ "$FAILED" -eq 0 ]; then
  echo "dotnet test exited with $TEST_EXIT (test host crash or hang?)." >&2
  FAILED=$((FAILED + 1)); STATUS=1
fi

# The failures again, last, so the tail of a long log names them (test name and the first line of its message).
for trx in "${TRX_FILES[@]}"; do
  if [ "$FAILED" -gt 0 ] && command -v python3 > /dev/null; then
    python3 - "$trx" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
for r in ET.parse(sys.argv[1]).getroot().iterfind(".//t:UnitTestResult", ns):
    if r.get("outcome") != "Passed":
        m = r.find(".//t:Message", ns)
        first = next(iter((m.text or "").strip().splitlines()), "")[:300] if m is not None else ""
        print(f"FAILED {r.get('testName')}: {first}")
PY
  fi
done

echo
if [ "$SKIPPED" -gt 0 ]; then
  echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
else
  echo "$PASSED passed, $FAILED failed"
fi
exit "$STATUS"
