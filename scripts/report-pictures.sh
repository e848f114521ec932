#!/usr/bin/env bash
# Regenerates the README's pictures of the HTML report: the demo's handshake ladder and the lossy
# link's cwnd chart, as headless Chromium draws them. Needs chromium (apt-get install chromium).
#   scripts/report-pictures.sh            writes cli/docs/demo-handshake-ladder.png, cli/docs/demo-cwnd.png
# The page shows one figure alone when its id is the URL's fragment (report.html#s5-ladder), so each
# picture is a plain screenshot of that URL.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/cli/docs"
PAGE="$ROOT/target/report-pictures/demo.html"
mkdir -p "$OUT" "$(dirname "$PAGE")"
"$ROOT/stacklab" demo --html "$PAGE" > "$(dirname "$PAGE")/demo.txt"
shot() {   # fragment, height, file
  chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
    --user-data-dir="$(dirname "$PAGE")/profile" --window-size=1100,"$2" \
    --screenshot="$OUT/$3" "file://$PAGE#$1" > /dev/null 2>&1
  echo "wrote $OUT/$3"
}
shot s5-ladder 700 demo-handshake-ladder.png
shot s10-chart 500 demo-cwnd.png
