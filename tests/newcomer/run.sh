#!/usr/bin/env bash
# The newcomer test: what someone who has only the NuGet packages goes through.
#
# Packs every packable project into a local feed, creates a brand-new console project in a
# temporary folder outside the repository (no Directory.Build.props, central package versions or
# global.json of ours above it), adds Conductor.Generated, Conductor.Generated.Testing and any
# other package we pack with `dotnet add package`, checks their metadata, writes two workers and a Program.cs that runs a workflow on the embedded
# test server, and then:
#   1. builds it once with a worker that calls Guid.NewGuid() and a workflow file with a typo in
#      an input key: the packaged analyzers must report CDG1001 and, at the line and column of
#      the typo in the JSON file, CDG2001 (so they really ship and load, and the package's build
#      targets give *.workflow.json files to the compiler);
#   2. `dotnet run`: the generated workers must complete the workflow with the expected output;
#   3. publishes it with Native AOT, warnings as errors: zero warnings;
#   4. runs the native binary: same check.
# Exits non-zero at the first failure. Ends with one line: "NEWCOMER TEST: PASS" or "... FAIL".
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
app_sources="$repo_root/tests/newcomer/app"

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# The app must use the server it embeds, whatever the machine has set.
unset CONDUCTOR_SERVER_URL CONDUCTOR_AUTH_KEY CONDUCTOR_AUTH_SECRET

started=$SECONDS
work="$(mktemp -d "${TMPDIR:-/tmp}/conductor-newcomer.XXXXXX")"
feed="$work/feed"
app="$work/Newcomer"
version=""
package_ids=()
global_packages=""

step() { printf '\n---- newcomer (%d s): %s ----\n' "$((SECONDS - started))" "$*"; }

cleanup() {
  local status=$?
  rm -rf "$work"
  # The packages of this run were extracted into the global packages folder under a version
  # used only by this run: remove them so runs do not pile up.
  if [ -n "$version" ] && [ -n "$global_packages" ]; then
    for id in "${package_ids[@]}"; do
      rm -rf "${global_packages:?}/${id,,}/${version,,}"
      rmdir "$global_packages/${id,,}" 2>/dev/null || true
    done
  fi
  if [ "$status" -eq 0 ]; then
    echo "NEWCOMER TEST: PASS ($((SECONDS - started)) s)"
  else
    echo "NEWCOMER TEST: FAIL (exit $status after $((SECONDS - started)) s)"
  fi
}
trap cleanup EXIT

fail() { printf 'newcomer: %s\n' "$*" >&2; exit 1; }

# Outside the repository means nothing of ours applies to the new project.
dir="$work"
while [ "$dir" != "/" ]; do
  for file in Directory.Build.props Directory.Build.targets Directory.Packages.props global.json; do
    [ ! -e "$dir/$file" ] || fail "$dir/$file would apply to the new project; set TMPDIR to a folder outside any .NET repository"
  done
  dir="$(dirname "$dir")"
done

# A version no earlier run used, so restore cannot take a stale copy from the packages cache.
base_version="$(sed -n 's:.*<Version>\(.*\)</Version>.*:\1:p' "$repo_root/Directory.Build.props" | head -n 1)"
[ -n "$base_version" ] || fail "no <Version> in Directory.Build.props"
version="$base_version-newcomer.$(date -u +%Y%m%d%H%M%S).$$"
global_packages="$(dotnet nuget locals global-packages --list | sed -n 's/^global-packages: *//p')"
global_packages="${global_packages%/}"

mapfile -t packable < <(cd "$repo_root" && git ls-files '*.csproj' | xargs grep -l '<IsPackable>true</IsPackable>')
[ "${#packable[@]}" -gt 0 ] || fail "no project says <IsPackable>true</IsPackable>"
package_ids=()
for project in "${packable[@]}"; do
  package_ids+=("$(basename "$project" .csproj)")
done

step "pack ${package_ids[*]} as $version"
for project in "${packable[@]}"; do
  # PackageVersion (not Version) changes only the package, so the Release build is reused.
  dotnet pack "$repo_root/$project" -c Release -p:PackageVersion="$version" -o "$feed" -v:q -nologo \
    || fail "dotnet pack $project failed"
done
for id in "${package_ids[@]}"; do
  [ -f "$feed/$id.$version.nupkg" ] || fail "no $id.$version.nupkg in the feed"
  [ -f "$feed/$id.$version.snupkg" ] || fail "no symbols package $id.$version.snupkg in the feed"
done

step "dotnet new console, outside the repository"
mkdir -p "$app"
cd "$app"
dotnet new console -n Newcomer -o . >/dev/null
# The local feed, added to the sources this machine already has (no <clear/>).
cat > nuget.config <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="conductor-generated-local" value="$feed" />
  </packageSources>
</configuration>
XML
# Every package we ship must go into a new project without trouble (and publish with Native
# AOT below), so the app references them all, Conductor.Generated first.
for id in Conductor.Generated "${package_ids[@]}"; do
  grep -qF "Include=\"$id\"" Newcomer.csproj && continue
  dotnet add package "$id" --version "$version" >/dev/null || fail "dotnet add package $id failed"
done

# What the main package must carry, as restore extracted it.
extracted="$global_packages/conductor.generated/${version,,}"
for file in \
  lib/net10.0/Conductor.Generated.dll lib/net10.0/Conductor.Generated.xml README.md \
  analyzers/dotnet/cs/Conductor.Generated.Generator.dll \
  analyzers/dotnet/cs/Conductor.Generated.Analyzers.dll \
  analyzers/dotnet/cs/Conductor.Generated.Analyzers.CodeFixes.dll; do
  [ -f "$extracted/$file" ] || fail "the Conductor.Generated package has no $file"
done
# Every package: a readme of its own, the license expression, the repository and a description.
for id in "${package_ids[@]}"; do
  nuspec="$global_packages/${id,,}/${version,,}/${id,,}.nuspec"
  [ -f "$nuspec" ] || fail "restore did not extract $id $version"
  [ -f "$(dirname "$nuspec")/README.md" ] || fail "the $id package has no README.md"
  for expected in '<license type="expression">MIT</license>' '<readme>README.md</readme>' \
    'url="https://github.com/conductor-generated/conductor-generated"' '<description>'; do
    grep -qF "$expected" "$nuspec" || fail "the $id package's metadata lacks $expected"
  done
done
cp "$app_sources/Workers.cs" "$app_sources/Program.cs" .

step "the packaged analyzers report CDG1001 on Guid.NewGuid()"
cp "$app_sources/AnalyzerProbe.cs.txt" AnalyzerProbe.cs
probe_log="$work/analyzer-probe.log"
dotnet build -nologo >"$probe_log" 2>&1 || { cat "$probe_log"; fail "the build with the analyzer probe failed"; }
grep -q 'AnalyzerProbe.cs([0-9,]*): warning CDG1001' "$probe_log" \
  || { cat "$probe_log"; fail "no CDG1001 warning from the package's analyzers"; }
grep -m 1 'warning CDG1001' "$probe_log"
rm AnalyzerProbe.cs

step "the packaged workflow analyzer reports CDG2001 in a *.workflow.json file"
cp "$app_sources/shipping.workflow.json.txt" shipping.workflow.json
workflow_log="$work/workflow-probe.log"
dotnet build -nologo >"$workflow_log" 2>&1 || { cat "$workflow_log"; fail "the build with the workflow probe failed"; }
# "parcle" is on line 9, column 9 of the file.
grep -q "shipping.workflow.json(9,9): warning CDG2001: Task 'quote' passes input 'parcle', which worker 'newcomer_quote' does not read; did you mean 'parcel'?" "$workflow_log" \
  || { cat "$workflow_log"; fail "no CDG2001 warning at shipping.workflow.json(9,9) from the package's workflow analyzer"; }
grep -m 1 'warning CDG2001' "$workflow_log"
rm shipping.workflow.json

step "dotnet run"
dotnet run || fail "dotnet run of the newcomer app failed"

step "Native AOT publish, warnings as errors"
publish_log="$work/publish.log"
dotnet publish -c Release -r linux-x64 -p:PublishAot=true -p:TreatWarningsAsErrors=true -o "$work/native" -nologo \
  >"$publish_log" 2>&1 || { cat "$publish_log"; fail "the Native AOT publish failed"; }
if grep -E 'warning [A-Z]+[0-9]+' "$publish_log"; then
  fail "the Native AOT publish printed warnings"
fi
[ -x "$work/native/Newcomer" ] || fail "no native binary"
echo "native binary: $(du -h "$work/native/Newcomer" | cut -f1)"

step "run the native binary"
timeout 120 "$work/native/Newcomer" || fail "the native binary failed"
