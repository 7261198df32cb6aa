#!/usr/bin/env bash
# Adds every public symbol the PublicApiAnalyzers report as undeclared (RS0016/RS0017 for removals are left to you)
# to the project's PublicAPI.Unshipped.txt. Usage: tools/public-api.sh src/Stratus.Discovery
set -euo pipefail
project="$1"
out=$(dotnet build "$project" -c Release --no-incremental 2>&1 || true)
printf '%s\n' "$out" | grep -oP "RS0016: Symbol '\K[^']+(?=' is not part of the declared public API)" | sort -u >> /tmp/public-api.$$ || true
if [[ -s /tmp/public-api.$$ ]]; then
  cat /tmp/public-api.$$ >> "$project/PublicAPI.Unshipped.txt"
  echo "added $(wc -l < /tmp/public-api.$$) symbols to $project/PublicAPI.Unshipped.txt"
fi
rm -f /tmp/public-api.$$
