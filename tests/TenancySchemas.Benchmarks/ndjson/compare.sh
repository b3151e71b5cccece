#!/usr/bin/env bash
# Runs the CLI's NDJSON validation and the equivalent Pydantic v2 model side by side on the same generated alerts,
# checks they find the same invalid lines, and prints documents per second, peak memory and the ratio.
# Usage: bash tests/TenancySchemas.Benchmarks/ndjson/compare.sh [documents, default 100000]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
count="${1:-100000}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

python3 "$here/make_alerts.py" "$count" > "$work/alerts.ndjson"
# The CLI as a command-line tool ships: published ReadyToRun for this machine, so that start-up runs precompiled code
# (0.1-0.4 s less wall clock per run, measured in the README). The previous publish's images are removed first: the
# SDK compiles an image again only when its input is newer, and reused images of an earlier publish with other settings
# (component stubs of a composite image that was not published again) abort the process at start.
rid="$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')"
rm -rf "$root/samples/TenancySchemas.Cli/obj/Release/net10.0/$rid/R2R"
dotnet publish "$root/samples/TenancySchemas.Cli/TenancySchemas.Cli.csproj" -c Release -r "$rid" --self-contained false \
  -p:PublishReadyToRun=true -o "$work/cli" --nologo -v q > /dev/null
cli="$work/cli/tenancy-schemas"

measure() { # name, command...
  local name="$1"; shift
  local start end
  start=$(date +%s.%N)
  /usr/bin/time -f "%M" -o "$work/$name.rss" "$@" < "$work/alerts.ndjson" > "$work/$name.out" 2> "$work/$name.err" || true
  end=$(date +%s.%N)
  echo "$end - $start" | bc -l > "$work/$name.seconds"
}

measure dotnet "$cli" validate - --ndjson --schema alert --tier enterprise --format json
measure pydantic python3 "$here/pydantic_alerts.py"

dotnet_invalid=$(grep -c '"valid":false' "$work/dotnet.out" || true)
pydantic_invalid=$(grep -c '"valid": false' "$work/pydantic.out" || true)
[ "$dotnet_invalid" = "$pydantic_invalid" ] || { echo "the two disagree: $dotnet_invalid vs $pydantic_invalid invalid lines" >&2; exit 1; }

rate() { echo "$count / $(cat "$work/$1.seconds")" | bc -l; }
dotnet_rate=$(rate dotnet); pydantic_rate=$(rate pydantic)
printf 'documents: %d (%d invalid, both agree)\n' "$count" "$dotnet_invalid"
printf 'tenancy-schemas --ndjson: %8.0f documents/s, peak %d MB (wall clock, start-up included)\n' "$dotnet_rate" "$(( $(tail -1 "$work/dotnet.rss") / 1024 ))"
printf 'pydantic 2 (Rust core):   %8.0f documents/s, peak %d MB\n' "$pydantic_rate" "$(( $(tail -1 "$work/pydantic.rss") / 1024 ))"
printf 'ratio: %.2fx\n' "$(echo "$dotnet_rate / $pydantic_rate" | bc -l)"
