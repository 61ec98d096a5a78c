#!/usr/bin/env bash
# Renders the HTML report of two bundled scenarios with headless Chromium and writes PNG
# screenshots into artefacts/, to look at the report's layout:
#   - case B under defer-cow-notify-to-range-end (a ~exists witness: PTL sections, range_start/end),
#   - the v6.2 upgrade livelock (an eventually counterexample with a loop).
# Usage: scripts/html-screenshot.sh        (builds release with --scratch-path $SCRATCH, default .build)
# Installs Debian's chromium package with apt-get when no chromium is found.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scratch=${SCRATCH:-.build}
out=artefacts
mkdir -p "$out"

if ! command -v chromium >/dev/null 2>&1; then
    echo "chromium not found: installing Debian's chromium package" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

swift build -c release --scratch-path "$scratch" --product shootdown
shootdown="$scratch/release/shootdown"

render() {
    local name=$1 scenario=$2
    local html="$root/$out/$name.html"
    local status=0
    # check exits 1 when an expectation is not met; the report is written either way.
    "$shootdown" check --html "$html" "$scenario" >"$out/$name.txt" || status=$?
    if [ "$status" -gt 1 ]; then
        echo "shootdown check failed on $scenario (exit $status)" >&2
        exit "$status"
    fi
    chromium --headless --disable-gpu --no-sandbox --hide-scrollbars --screenshot="$root/$out/$name.png" \
        --window-size=1400,2000 "file://$html" 2>/dev/null
    echo "$out/$name.png ($out/$name.html)"
}

render case-b-defer Scenarios/case-b/case-b-mp-defer-cow-notify-to-range-end.litmus
render upgrade-livelock Scenarios/seeds/upgrade-livelock-v6.2.litmus
