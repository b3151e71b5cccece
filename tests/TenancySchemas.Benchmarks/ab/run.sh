#!/usr/bin/env bash
# A/B run of the typical alert's read + validation: the library of a baseline commit against the working tree's, on
# the same machine, alternating the two builds. Each round runs BenchmarkDotNet in each build (Full: audit and
# metrics on; InstrumentationOff); the script prints each round's means and the medians, the ratio of the two builds
# and the cost of instrumentation in the working tree.
#   bash tests/TenancySchemas.Benchmarks/ab/run.sh [baseline-ref (deaadc5)] [rounds (3)]
set -euo pipefail
root="$(cd "$(dirname "$0")/../../.." && pwd)"
base_ref="${1:-deaadc5}"
rounds="${2:-3}"
work="$(mktemp -d)"
trap 'git -C "$root" worktree remove --force "$work/base-src" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

git -C "$root" worktree add --detach -q "$work/base-src" "$base_ref"

make_harness() { # name, library root, define
  local dir="$work/$1"
  mkdir -p "$dir"
  cp "$root/tests/TenancySchemas.Benchmarks/ab/AbBenchmarks.cs" "$dir/"
  cp "$root/samples/TenancySchemas.Cli/samples/alert.professional.valid.json" "$dir/alert.json"
  cat > "$dir/Ab.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <AssemblyName>TenancyAb</AssemblyName>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <Optimize>true</Optimize>
    <DefineConstants>\$(DefineConstants);$3</DefineConstants>
    <NoWarn>\$(NoWarn);CS1591</NoWarn>
  </PropertyGroup>
  <ItemGroup>
    <PackageReference Include="BenchmarkDotNet" Version="0.15.8" />
    <PackageReference Include="Microsoft.Extensions.DependencyInjection" Version="10.0.15" />
    <ProjectReference Include="$2/src/TenancySchemas/TenancySchemas.csproj" />
  </ItemGroup>
</Project>
XML
  (cd "$dir" && dotnet build -c Release --nologo -v q -o "$dir/out" >/dev/null)
}

echo "building the baseline ($base_ref) and the working tree's harness"
make_harness base "$work/base-src" BASELINE
make_harness head "$root" HEAD

run_one() { # name, round
  local dir="$work/$1"
  (cd "$dir/out" && AB_DOCUMENT="$dir/alert.json" dotnet TenancyAb.dll --filter '*' --inProcess \
      --warmupCount "${AB_WARMUP:-6}" --iterationCount "${AB_ITERATIONS:-20}" --launchCount 1 --exporters fulljson --artifacts "$dir/artifacts-$2" >/dev/null)
  local report
  report="$(find "$dir/artifacts-$2" -name '*-report-full.json' | head -1)"
  python3 - "$report" <<'PY'
import json, sys
for benchmark in json.load(open(sys.argv[1]))['Benchmarks']:
    print(benchmark['Method'], benchmark['Statistics']['Mean'])   # nanoseconds
PY
}

results="$work/results.txt"
for round in $(seq 1 "$rounds"); do
  for build in base head; do
    run_one "$build" "$round" | sed "s/^/$build $round /" | tee -a "$results"
  done
done

python3 - "$results" "$base_ref" <<'PY'
import statistics, sys
data = {}
for line in open(sys.argv[1]):
    build, round_, method, mean = line.split()
    data.setdefault((build, method), []).append(float(mean))
med = {k: statistics.median(v) for k, v in data.items()}
print()
print(f"medians over {len(data[('head', 'Full')])} alternating rounds (µs per read + validate of the typical alert)")
for method in ('InstrumentationOff', 'Full'):
    b, h = med[('base', method)], med[('head', method)]
    print(f"  {method:<19} {sys.argv[2]}: {b/1e3:7.2f}   working tree: {h/1e3:7.2f}   ratio {h/b:5.2f}x")
print(f"  instrumentation cost (Full / InstrumentationOff), working tree: {med[('head','Full')]/med[('head','InstrumentationOff')]:.2f}x;"
      f" {sys.argv[2]}: {med[('base','Full')]/med[('base','InstrumentationOff')]:.2f}x")
PY
