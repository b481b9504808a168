# Shared set-up for scripts/run and scripts/test (sourced, not executed).
# Creates ./.venv, installs the locked dependencies (hash-checked) and the package itself.
# Re-running is cheap: the lock is re-installed only when it changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="${DIPLOKG_VENV:-$ROOT/.venv}"
LOCK="$ROOT/$1"
PY="${PYTHON:-python3}"

# pip warns about every index location of the machine's pip.conf that does not exist; drop only those lines.
_quiet_pip() { grep -v '^WARNING: Location .* is ignored: it is neither a file nor a directory' || true; }

"$PY" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "diplokg needs Python 3.11 or newer")'
if [ ! -x "$VENV/bin/python" ]; then
    echo "==> creating virtualenv in $VENV" >&2
    "$PY" -m venv "$VENV"
fi
STAMP="$VENV/.diplokg-lock-$(basename "$LOCK").sha256"
WANT="$(sha256sum "$LOCK" | cut -d' ' -f1)"
if [ ! -f "$STAMP" ] || [ "$(cat "$STAMP")" != "$WANT" ]; then
    echo "==> installing locked dependencies from $(basename "$LOCK")" >&2
    # --no-deps: the lock holds every transitive dependency already. Without it, pip (23.x, as
    # Python 3.11 ships it) re-resolves a dependency's extra ("lxml[html_clean]" of justext) as an
    # unpinned requirement and refuses it in hash-checking mode (pypa/pip#9644); pip check then
    # confirms that the installed set is complete and consistent.
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --require-hashes --no-deps -r "$LOCK" \
        2> >(_quiet_pip >&2)
    "$VENV/bin/python" -m pip check --disable-pip-version-check > /dev/null 2> >(_quiet_pip >&2)
    echo "$WANT" > "$STAMP"
fi
source "$ROOT/scripts/_web.sh"
echo "==> installing diplokg from $ROOT" >&2
# setuptools builds in ./build/ and never cleans it: a module moved or deleted since the last install
# would otherwise stay in the wheel
rm -rf "$ROOT/build"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall "$ROOT" 2> >(_quiet_pip >&2)
