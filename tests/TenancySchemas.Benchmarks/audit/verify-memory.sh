#!/usr/bin/env bash
# Peak memory of 'audit verify' on a large audit log. Writes the log with the CLI itself (typical alerts through
# 'validate --ndjson --audit-log', every 10th invalid) until it is about the target size, then verifies it under
# /usr/bin/time and prints the log's size, the verification's wall clock and its peak resident set size.
# Usage: bash tests/TenancySchemas.Benchmarks/audit/verify-memory.sh [target MB, default 300] [CLI dll, default this tree's Release build]
# AUDIT_KEY=0 writes and verifies an unkeyed log (for a CLI without --audit-key-file, such as an older build).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
target_mb="${1:-300}"
cli="${2:-$root/samples/TenancySchemas.Cli/bin/Release/net10.0/tenancy-schemas.dll}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -f "$cli" ] || { echo "no CLI at $cli: build it first (dotnet build -c Release)" >&2; exit 2; }

key_args=(); verify_args=()
if [ "${AUDIT_KEY:-1}" != "0" ]; then
  head -c 32 /dev/urandom | base64 > "$work/audit.key"
  key_args=(--audit-key-file "$work/audit.key"); verify_args=(--key-file "$work/audit.key")
fi

# About 780 bytes per record: write the log in runs of 100,000 alerts (one chain each) until it is large enough.
python3 "$root/tests/TenancySchemas.Benchmarks/ndjson/make_alerts.py" 100000 > "$work/alerts.ndjson"
while [ "$(stat -c %s "$work/audit.clef" 2>/dev/null || echo 0)" -lt $((target_mb * 1024 * 1024)) ]; do
  dotnet "$cli" --audit-log "$work/audit.clef" "${key_args[@]}" validate - --ndjson --schema alert --tier enterprise --format json \
    < "$work/alerts.ndjson" > /dev/null 2>> "$work/write.err" || [ $? -eq 1 ]
done

size_mb=$(( $(stat -c %s "$work/audit.clef") / 1024 / 1024 ))
lines=$(wc -l < "$work/audit.clef")
start=$(date +%s.%N)
/usr/bin/time -f "%M" -o "$work/verify.rss" dotnet "$cli" audit verify "${verify_args[@]}" "$work/audit.clef" > "$work/verify.out" || true
end=$(date +%s.%N)
printf 'log: %d MB, %d lines\n' "$size_mb" "$lines"
printf 'verify: %s\n' "$(head -1 "$work/verify.out")"
printf 'verify wall clock: %.1f s, peak RSS: %d MB\n' "$(echo "$end - $start" | bc -l)" "$(( $(tail -1 "$work/verify.rss") / 1024 ))"
