# Shared set-up (sourced by scripts/_venv.sh): installs the browser libraries of the web front end
# from the npm registry (web/package-lock.json, `npm ci`) and copies the files the pages load into
# server/diplokg/static/vendor/, so they are served locally and shipped in the wheel. No CDN at run time.
set -euo pipefail
WEB="$ROOT/web"
VENDOR="$ROOT/server/diplokg/static/vendor"
command -v npm >/dev/null || { echo "diplokg needs node/npm for the web front end (apt-get install npm)" >&2; exit 1; }
WEB_STAMP="$WEB/node_modules/.diplokg-lock.sha256"
WEB_WANT="$(sha256sum "$WEB/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$WEB_STAMP" ] || [ "$(cat "$WEB_STAMP")" != "$WEB_WANT" ]; then
    echo "==> installing the web libraries from web/package-lock.json" >&2
    (cd "$WEB" && npm ci --no-audit --no-fund --loglevel=error 2> >(grep -v 'Unknown user config' >&2))
    echo "$WEB_WANT" > "$WEB_STAMP"
fi
mkdir -p "$VENDOR"
while read -r src dst; do
    [ -n "$src" ] && cp "$WEB/node_modules/$src" "$VENDOR/$dst"
done <<'FILES'
@zazuko/yasgui/build/yasgui.min.js yasgui.min.js
@zazuko/yasgui/build/yasgui.min.css yasgui.min.css
chart.js/dist/chart.umd.min.js chart.umd.min.js
vis-timeline/standalone/umd/vis-timeline-graph2d.min.js vis-timeline-graph2d.min.js
vis-timeline/styles/vis-timeline-graph2d.min.css vis-timeline-graph2d.min.css
vis-network/standalone/umd/vis-network.min.js vis-network.min.js
FILES
