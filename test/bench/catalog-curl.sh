#!/usr/bin/env bash
# catalog-curl: the raw baseline for `berth repos`. It walks /v2/_catalog with plain curl, 1,000 entries a
# page (the most distribution accepts), following the relative Link header until there is none. Each page's
# JSON body goes to stdout on its own line so the runner can count the repositories.
#
# Usage: catalog-curl.sh http://host:port
set -euo pipefail
origin="$1"
path='/v2/_catalog?n=1000'
headers="$(mktemp)"
trap 'rm -f "$headers"' EXIT
while [ -n "$path" ]; do
  curl -sf -D "$headers" "$origin$path"
  echo
  # The Link header is relative (</v2/_catalog?last=...&n=1000>; rel="next"): keep only the path.
  path="$(sed -n -E 's/^[Ll]ink: *<([^>]*)>.*rel="next".*/\1/p' "$headers" | tr -d '\r')"
done
