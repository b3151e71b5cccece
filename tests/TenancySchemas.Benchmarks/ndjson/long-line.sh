#!/usr/bin/env bash
# Documents far over the document size limit (1 MiB by default). With --ndjson: one long line, then one valid alert;
# the CLI must refuse the long line as tenancy.json.document_too_large and go on to validate the next line. Without:
# one long document that names its schema in a leading "$schema" member, refused the same way. Both in time linear in
# the size with memory bounded by the limit. Prints, per size, mode and input (a pipe on standard input, and a file),
# the wall clock and peak resident set size (/usr/bin/time -v).
# Usage: bash tests/TenancySchemas.Benchmarks/ndjson/long-line.sh [sizes in MB, default "64 128 256"] [CLI dll, default this tree's Release build]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
sizes="${1:-64 128 256}"
cli="${2:-$root/samples/TenancySchemas.Cli/bin/Release/net10.0/tenancy-schemas.dll}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -f "$cli" ] || { echo "no CLI at $cli: build it first (dotnet build -c Release)" >&2; exit 2; }

valid="$(python3 "$here/make_alerts.py" 1)"
printf '%-6s %-9s %-6s %9s %10s  %s\n' "MB" "mode" "input" "seconds" "peak MB" "outcome"
for mb in $sizes; do
  # {"name": "aaaa…"} followed by a valid alert on the next line; {"$schema": "alert", "name": "aaaa…"}.
  { printf '{"name": "'; head -c $((mb * 1024 * 1024)) /dev/zero | tr '\0' a; printf '"}\n%s\n' "$valid"; } > "$work/long.ndjson"
  { printf '{"$schema": "alert", "name": "'; head -c $((mb * 1024 * 1024)) /dev/zero | tr '\0' a; printf '"}\n'; } > "$work/long.json"
  for mode in ndjson document; do
  for input in pipe file; do
    if [ "$mode" = ndjson ]; then
      file="$work/long.ndjson"; args=(--ndjson --schema alert)
    else
      file="$work/long.json"; args=()
    fi

    if [ "$input" = pipe ]; then
      cat "$file" | /usr/bin/time -v -o "$work/time" dotnet "$cli" validate - "${args[@]}" --tier enterprise --format json \
        > "$work/out" 2> "$work/err" || true
    else
      /usr/bin/time -v -o "$work/time" dotnet "$cli" validate "$file" "${args[@]}" --tier enterprise --format json \
        > "$work/out" 2> "$work/err" || true
    fi

    # Elapsed (wall clock) is h:mm:ss or m:ss.ss.
    seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time")
    rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time")
    if [ "$mode" = ndjson ] && grep -q '"line":1,"valid":false,"errors":\[{"path":"\$","code":"tenancy.json.document_too_large"' "$work/out" \
      && grep -q '"line":2,"valid":true' "$work/out"; then
      outcome="line 1 document_too_large, line 2 valid"
    elif [ "$mode" = document ] && grep -q '"valid":false,"errors":\[{"path":"\$","code":"tenancy.json.document_too_large"' "$work/out"; then
      outcome="document_too_large"
    else
      outcome="UNEXPECTED: $(head -c 300 "$work/out" | tr '\n' ' ') $(head -c 300 "$work/err" | tr '\n' ' ')"
    fi

    printf '%-6s %-9s %-6s %9.2f %10d  %s\n' "$mb" "$mode" "$input" "$seconds" "$((rss_kb / 1024))" "$outcome"
  done
  done
done
