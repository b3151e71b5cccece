#!/usr/bin/env bash
# Amplification by hostile documents (issue 23), against the web sample and the CLI:
#   long-keys-655k  a 655 KB notification whose "localization" map has a 5,000-character key over 60,000 entries
#   long-keys-1m    the same with a 200,000-character key, filled to about 1 MB (under the 1 MiB limit)
#   conditions-1m   an alert with 346,000 empty conditions (about 1 MB)
# The web sample runs from `dotnet run -c Release` in Development on a free port, restarted for each document so that
# its peak RSS (VmHWM) is the document's; each document is posted REPEAT times as its tenant (X-Dev-Tenant). Printed
# per document: status, failures in the body (and whether tenancy.json.too_many_errors is one), body size, the first
# and the fastest request's time, the server's peak RSS before and after, and the largest audit line. The CLI
# (validate --format json, its Release build) is run once per document under /usr/bin/time -v: exit code, failures,
# output size, wall clock, peak RSS.
# Usage: bash tests/TenancySchemas.Benchmarks/hostile/run.sh [REPEAT, default 5]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
repeat="${1:-5}"
cli="$root/samples/TenancySchemas.Cli/bin/Release/net10.0/tenancy-schemas.dll"
work="$(mktemp -d)"
server=""

stop_server() {
  if [ -n "$server" ]; then
    # The process group of `dotnet run` (setsid below): the SDK's process and the app it started.
    kill -- "-$server" 2>/dev/null || true
    wait "$server" 2>/dev/null || true
    server=""
  fi
}
trap 'stop_server; rm -rf "$work"' EXIT

free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

echo "building (Release) ..." >&2
dotnet build "$root/samples/TenancySchemas.WebApi/TenancySchemas.WebApi.csproj" -c Release -nologo -v q > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 2; }
dotnet build "$root/samples/TenancySchemas.Cli/TenancySchemas.Cli.csproj" -c Release -nologo -v q > "$work/build-cli.log" 2>&1 || { cat "$work/build-cli.log"; exit 2; }

python3 "$here/generate.py" long-keys 5000 60000 > "$work/long-keys-655k.json"
python3 "$here/generate.py" long-keys 200000 fill:1040000 > "$work/long-keys-1m.json"
python3 "$here/generate.py" empty-conditions 346000 > "$work/conditions-1m.json"

# name, schema, tier, tenant
documents=(
  "long-keys-655k notification standard bakery-42"
  "long-keys-1m notification standard bakery-42"
  "conditions-1m alert professional northwind"
)

# Failures in a problem body or a CLI JSON line, and whether one of them is too_many_errors.
count_failures() {
  python3 - "$1" <<'EOF'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read().strip()
try:
    node = json.loads(text.splitlines()[0]) if text else {}
except ValueError:
    print("unparsable"); sys.exit()
errors = node.get("errors", [])
codes = [e["code"] for e in errors] if isinstance(errors, list) else [e["code"] for v in errors.values() for e in v]
print("%d (too_many_errors: %s)" % (len(codes), "yes" if "tenancy.json.too_many_errors" in codes else "no"))
EOF
}

peak_kb() { awk '/VmHWM/ { print $2 }' "/proc/$1/status"; }

echo
echo "web sample (dotnet run -c Release, Development), $repeat posts per document"
printf '%-15s %6s %-28s %10s %9s %9s %12s %12s %12s\n' document status failures "body B" "first s" "best s" "RSS idle MB" "RSS peak MB" "audit line B"
for entry in "${documents[@]}"; do
  read -r name schema tier tenant <<< "$entry"
  port="$(free_port)"
  log="$work/server-$name.log"
  ASPNETCORE_ENVIRONMENT=Development ASPNETCORE_URLS="http://127.0.0.1:$port" \
    setsid dotnet run --project "$root/samples/TenancySchemas.WebApi" -c Release --no-build --no-launch-profile > "$log" 2>&1 &
  server=$!
  for _ in $(seq 1 300); do
    curl -s -o /dev/null "http://127.0.0.1:$port/health" && break
    sleep 0.2
  done
  app="$(ss -ltnpH "sport = :$port" | grep -oP 'pid=\K[0-9]+' | head -1)"

  # Warm up on the bundled valid document of the tenant's schema family, so the first hostile post pays no start-up.
  sample="$root/samples/TenancySchemas.Cli/samples/$schema.$tier.valid.json"
  [ -f "$sample" ] || sample="$(ls "$root"/samples/TenancySchemas.Cli/samples/"$schema".*.valid.json | head -1)"
  sed 's#"http://\([a-z0-9-]*\):#"https://\1.example.com:#g; s#"http://#"https://#g' "$sample" > "$work/warm.json"
  for _ in 1 2 3; do
    curl -s -o /dev/null -H 'Content-Type: application/json' -H "X-Dev-Tenant: $tenant" --data-binary "@$work/warm.json" \
      "http://127.0.0.1:$port/tenants/$tenant/$schema"
  done
  idle="$(peak_kb "$app")"

  first=""; best=""
  for i in $(seq 1 "$repeat"); do
    result="$(curl -s -o "$work/body" -w '%{http_code} %{size_download} %{time_total}' \
      -H 'Content-Type: application/json' -H "X-Dev-Tenant: $tenant" --data-binary "@$work/$name.json" \
      "http://127.0.0.1:$port/tenants/$tenant/$schema")"
    read -r status size seconds <<< "$result"
    first="${first:-$seconds}"
    best="$(python3 -c "print(min(float('$seconds'), float('${best:-$seconds}')))")"
  done

  peak="$(peak_kb "$app")"
  audit="$(grep '"AuditEventId"' "$log" | awk '{ if (length($0) > max) max = length($0) } END { print max + 0 }')"
  printf '%-15s %6s %-28s %10d %9.3f %9.3f %12d %12d %12d\n' "$name" "$status" "$(count_failures "$work/body")" "$size" "$first" "$best" \
    "$((idle / 1024))" "$((peak / 1024))" "$audit"
  stop_server
done

echo
echo "CLI (validate --format json, Release build)"
printf '%-15s %5s %-28s %10s %9s %12s\n' document exit failures "output B" seconds "RSS peak MB"
for entry in "${documents[@]}"; do
  read -r name schema tier tenant <<< "$entry"
  set +e
  /usr/bin/time -v -o "$work/time" dotnet "$cli" validate "$work/$name.json" --schema "$schema" --tier "$tier" --format json \
    > "$work/out" 2> "$work/err"
  exit_code=$?
  set -e
  seconds=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s }' "$work/time")
  rss_kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time")
  printf '%-15s %5d %-28s %10d %9.2f %12d\n' "$name" "$exit_code" "$(count_failures "$work/out")" "$(stat -c %s "$work/out")" "$seconds" "$((rss_kb / 1024))"
done

echo
printf 'documents: '
for entry in "${documents[@]}"; do
  read -r name _ <<< "$entry"
  printf '%s %d B; ' "$name" "$(stat -c %s "$work/$name.json")"
done
echo
