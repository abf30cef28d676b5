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
# Then the templates, as someone who starts with `dotnet new`: installs the templates package from
# the feed (into a template cache of this run: DOTNET_CLI_HOME is a temporary folder for the
# `dotnet new` commands, so the machine's templates are not changed), and for each template
# (conductor-worker, conductor-workerservice):
#   5. `dotnet new` in a fresh folder outside the repository; the projects must reference the
#      packages of this run's version;
#   6. builds the solution (workers and tests), zero warnings, and runs its tests;
#   7. publishes the workers with Native AOT, with the settings of the template's own project file
#      only (it sets TreatWarningsAsErrors and IlcTreatWarningsAsErrors): zero warnings;
#   8. runs the binary from its publish folder against the standalone test server
#      (samples/TestServer): the worker service reads the server URL from the appsettings.json
#      beside it, the console worker from CONDUCTOR_SERVER_URL; the task definitions it registers
#      at start, the template's workflow file deployed with PUT /api/metadata/workflow, one
#      workflow started with curl must complete with the expected output, and SIGTERM must stop
#      the binary with exit code 0.
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
# Processes this script starts (the test server, a published worker): stopped on exit.
started_pids=()

step() { printf '\n---- newcomer (%d s): %s ----\n' "$((SECONDS - started))" "$*"; }

cleanup() {
  local status=$?
  local pid
  for pid in "${started_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
  done
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
# MSBuild and the SDK look for these files in every folder up to the root of the file system,
# the root included: a stray one anywhere above (even an empty /Directory.Build.targets) breaks
# every command below with an error about that file, far from its cause.
dir="$work"
while :; do
  for file in Directory.Build.props Directory.Build.targets Directory.Packages.props global.json; do
    [ ! -e "${dir%/}/$file" ] || fail "${dir%/}/$file would apply to the new project; remove it, or set TMPDIR to a folder outside any .NET repository"
  done
  [ "$dir" != "/" ] || break
  dir="$(dirname "$dir")"
done

# unzip reads the templates package; curl and jq drive the test server.
for tool in unzip curl jq; do
  command -v "$tool" >/dev/null || fail "$tool is needed (apt-get install $tool)"
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
# The libraries go into projects as package references; a template package (PackageType
# Template) is installed with `dotnet new install` instead.
library_ids=()
template_ids=()
for project in "${packable[@]}"; do
  id="$(basename "$project" .csproj)"
  package_ids+=("$id")
  if grep -q '<PackageType>Template</PackageType>' "$repo_root/$project"; then
    template_ids+=("$id")
  else
    library_ids+=("$id")
  fi
done
[ "${#template_ids[@]}" -eq 1 ] || fail "expected one template package among ${package_ids[*]}, found ${#template_ids[@]}"
templates_id="${template_ids[0]}"

step "pack ${package_ids[*]} as $version"
for project in "${packable[@]}"; do
  # PackageVersion (not Version) changes only the package, so the Release build is reused.
  dotnet pack "$repo_root/$project" -c Release -p:PackageVersion="$version" -o "$feed" -v:q -nologo \
    || fail "dotnet pack $project failed"
done
for id in "${package_ids[@]}"; do
  [ -f "$feed/$id.$version.nupkg" ] || fail "no $id.$version.nupkg in the feed"
done
for id in "${library_ids[@]}"; do
  [ -f "$feed/$id.$version.snupkg" ] || fail "no symbols package $id.$version.snupkg in the feed"
done

# The feed, added to the sources this machine already has (no <clear/>), for every project below.
cat > "$work/nuget.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="conductor-generated-local" value="$feed" />
  </packageSources>
</configuration>
XML

step "dotnet new console, outside the repository"
mkdir -p "$app"
cd "$app"
dotnet new console -n Newcomer -o . > "$work/new-console.log" 2>&1 \
  || { cat "$work/new-console.log"; fail "dotnet new console failed"; }
# Every library we ship must go into a new project without trouble (and publish with Native
# AOT below), so the app references them all, Conductor.Generated first.
for id in Conductor.Generated "${library_ids[@]}"; do
  grep -qF "Include=\"$id\"" Newcomer.csproj && continue
  dotnet add package "$id" --version "$version" > "$work/add-$id.log" 2>&1 \
    || { cat "$work/add-$id.log"; fail "dotnet add package $id failed"; }
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
  if [ "$id" = "$templates_id" ]; then
    # Installed by `dotnet new`, never restored: read it from the package itself.
    nuspec="$work/$id.nuspec"
    unzip -p "$feed/$id.$version.nupkg" "$id.nuspec" >"$nuspec" || fail "the $id package has no $id.nuspec"
    unzip -l "$feed/$id.$version.nupkg" README.md >/dev/null || fail "the $id package has no README.md"
    grep -qF '<packageType name="Template" />' "$nuspec" || fail "the $id package is not of the Template package type"
  else
    nuspec="$global_packages/${id,,}/${version,,}/${id,,}.nuspec"
    [ -f "$nuspec" ] || fail "restore did not extract $id $version"
    [ -f "$(dirname "$nuspec")/README.md" ] || fail "the $id package has no README.md"
  fi
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

# ---------------------------------------------------------------------------------------------
# The templates: dotnet new → build → test → Native AOT publish → run against the test server.
# ---------------------------------------------------------------------------------------------
# `dotnet new` keeps its template cache under DOTNET_CLI_HOME: a folder of this run, so neither
# the install nor the templates' update check touches the machine's. Builds use the machine's
# NuGet settings as a user's would (the feed comes from $work/nuget.config).
templates_home="$work/dotnet-cli-home"
dotnet_new() { DOTNET_CLI_HOME="$templates_home" dotnet new "$@"; }

step "dotnet new install $templates_id $version (into this run's template cache)"
install_log="$work/templates-install.log"
dotnet_new install "$feed/$templates_id.$version.nupkg" >"$install_log" 2>&1 \
  || { cat "$install_log"; fail "dotnet new install $templates_id failed"; }
for short_name in conductor-worker conductor-workerservice; do
  grep -qE "^.+ +$short_name +\[C#\]" "$install_log" || { cat "$install_log"; fail "the templates package installed no $short_name template"; }
done

# The standalone test server the published workers poll (built from the repository, run with the JIT).
step "start the standalone test server (samples/TestServer)"
dotnet build "$repo_root/samples/TestServer" -c Release -v:q -nologo >"$work/test-server-build.log" 2>&1 \
  || { cat "$work/test-server-build.log"; fail "the test server did not build"; }
server_log="$work/test-server.log"
dotnet "$repo_root/samples/TestServer/bin/Release/net10.0/conductor-test-server.dll" --port 0 >"$server_log" 2>&1 &
server_pid=$!
started_pids+=("$server_pid")
server_url=""
for _ in $(seq 1 600); do
  server_url="$(sed -n 's/^Conductor test server listening on \(http[^ ]*\)$/\1/p' "$server_log")"
  [ -n "$server_url" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
[ -n "$server_url" ] || { cat "$server_log"; fail "the test server did not print its URL"; }
api="${server_url%/}"   # the URL it prints ends in /api
echo "test server at $api"

# Runs the template's workflow once on the test server through the worker binary started before:
# waits for the task definitions it registers at start, deploys the workflow file, starts the
# workflow and checks how it ended.
run_workflow_through() {
  local name="$1" worker_pid="$2" worker_log="$3" workflow_file="$4"
  local registered=""
  for _ in $(seq 1 600); do
    if curl -sf -o /dev/null "$api/metadata/taskdefs/print_label"; then registered=yes; break; fi
    kill -0 "$worker_pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$registered" ] || { cat "$worker_log"; fail "$name did not register its task definitions on the test server"; }

  # PUT takes a list and replaces what is there (both templates deploy ship_parcel).
  { printf '['; cat "$workflow_file"; printf ']'; } \
    | curl -sSf -X PUT -H 'Content-Type: application/json' --data-binary @- "$api/metadata/workflow" >/dev/null \
    || fail "the test server refused $name's $(basename "$workflow_file")"
  local workflow_id
  workflow_id="$(curl -sSf -X POST -H 'Content-Type: application/json' \
    --data '{"parcel":{"destination":"Lisbon","weightGrams":3200,"speed":"express"}}' "$api/workflow/ship_parcel")" \
    || fail "the test server did not start ship_parcel"
  local workflow="" status="RUNNING"
  for _ in $(seq 1 1200); do
    workflow="$(curl -sSf "$api/workflow/$workflow_id?includeTasks=true")" || fail "the test server did not return workflow $workflow_id"
    status="$(jq -r '.status' <<<"$workflow")"
    [ "$status" = "RUNNING" ] || break
    kill -0 "$worker_pid" 2>/dev/null || break
    sleep 0.1
  done
  echo "workflow $workflow_id ended $status with output $(jq -c '.output' <<<"$workflow")"
  [ "$status" = "COMPLETED" ] || { cat "$worker_log"; fail "$name: workflow ship_parcel ended $status, not COMPLETED ($(jq -r '.reasonForIncompletion // ""' <<<"$workflow"))"; }
  [ "$(jq -r '.output.label' <<<"$workflow")" = "LISBON EXPRESS 960" ] && [ "$(jq -r '.output.priceCents' <<<"$workflow")" = "960" ] \
    || fail "$name: expected label 'LISBON EXPRESS 960' and priceCents 960"
  # The tasks were run by this binary, not by anything else polling the server.
  local workers
  workers="$(jq -r '[.tasks[].workerId] | unique | join(",")' <<<"$workflow")"
  echo "tasks run by worker id(s): $workers"
}

# Stops the worker binary with SIGTERM, as a container runtime or systemd does: exit code 0.
stop_worker() {
  local name="$1" worker_pid="$2" worker_log="$3"
  kill -TERM "$worker_pid"
  local status=0
  for _ in $(seq 1 600); do
    kill -0 "$worker_pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$worker_pid" 2>/dev/null; then
    cat "$worker_log"
    fail "$name did not stop within 60 s of SIGTERM"
  fi
  wait "$worker_pid" || status=$?
  # Ended and reaped: no longer one for the cleanup to stop.
  local remaining=() pid
  for pid in "${started_pids[@]}"; do
    [ "$pid" = "$worker_pid" ] || remaining+=("$pid")
  done
  started_pids=("${remaining[@]}")
  [ "$status" -eq 0 ] || { cat "$worker_log"; fail "$name exited with $status after SIGTERM"; }
  echo "$name stopped on SIGTERM with exit code 0"
}

template_trial() {
  local template="$1" name="$2"
  local solution="$work/templates/$name"
  local project="$solution/$name"
  local log

  step "dotnet new $template -n $name, outside the repository"
  mkdir -p "$work/templates"
  (cd "$work/templates" && dotnet_new "$template" -n "$name" >"$work/new-$name.log" 2>&1) \
    || { cat "$work/new-$name.log"; fail "dotnet new $template failed"; }
  [ -f "$solution/$name.slnx" ] && [ -f "$project/$name.csproj" ] && [ -f "$solution/$name.Tests/$name.Tests.csproj" ] \
    || fail "dotnet new $template did not make $name.slnx with $name and $name.Tests"
  local reference
  for reference in "$project/$name.csproj" "$solution/$name.Tests/$name.Tests.csproj"; do
    grep -q "Include=\"Conductor\.Generated[A-Za-z.]*\" Version=\"$version\"" "$reference" \
      || fail "$(basename "$reference") does not reference the Conductor.Generated packages of version $version"
  done
  ls "$project"/*.workflow.json >/dev/null 2>&1 || fail "the $template template has no *.workflow.json file"

  step "$name: dotnet build (the workers and their tests), zero warnings"
  log="$work/build-$name.log"
  (cd "$solution" && dotnet build -nologo) >"$log" 2>&1 || { cat "$log"; fail "dotnet build of the $template template failed"; }
  if grep -E 'warning [A-Z]+[0-9]+' "$log"; then
    fail "the build of the $template template printed warnings"
  fi

  step "$name: dotnet test"
  log="$work/test-$name.log"
  (cd "$solution" && dotnet test --no-build -nologo) >"$log" 2>&1 || { cat "$log"; fail "the tests of the $template template failed"; }
  grep -E '(Passed|Failed)! +- +Failed:' "$log" || { cat "$log"; fail "the $template template's tests printed no summary"; }
  grep -qE 'Passed! +- +Failed: +0, Passed: +[1-9]' "$log" || fail "the $template template's tests did not pass"

  step "$name: Native AOT publish, with the template's own settings"
  local native="$work/native-$name"
  log="$work/publish-$name.log"
  (cd "$solution" && dotnet publish "$name" -c Release -r linux-x64 -o "$native" -nologo) >"$log" 2>&1 \
    || { cat "$log"; fail "the Native AOT publish of the $template template failed"; }
  if grep -E 'warning [A-Z]+[0-9]+' "$log"; then
    fail "the Native AOT publish of the $template template printed warnings"
  fi
  [ -x "$native/$name" ] || fail "no native binary $name in the publish folder"
  [ ! -e "$native/$name.dll" ] || fail "the publish folder has $name.dll: not a Native AOT publish"
  echo "native binary: $(du -h "$native/$name" | cut -f1) ($(stat -c %s "$native/$name") bytes)"
}

# The console worker: the server from CONDUCTOR_SERVER_URL. A name with a dash, as a folder name
# often is: the files keep it, the namespaces (and ConductorWorkers) get parcel_worker.
template_trial conductor-worker parcel-worker
step "parcel-worker: run the published binary from its folder against the test server"
worker_log="$work/run-parcel-worker.log"
(cd "$work/native-parcel-worker" && CONDUCTOR_SERVER_URL="$api" exec ./parcel-worker) >"$worker_log" 2>&1 &
worker_pid=$!
started_pids+=("$worker_pid")
run_workflow_through parcel-worker "$worker_pid" "$worker_log" "$work/templates/parcel-worker/parcel-worker/ship_parcel.workflow.json"
stop_worker parcel-worker "$worker_pid" "$worker_log"
cat "$worker_log"

# The worker service: the server URL from the appsettings.json beside the binary, which the
# publish must have copied there; nothing in the environment says where the server is.
template_trial conductor-workerservice ParcelService
step "ParcelService: run the published binary from its folder against the test server, configured by its appsettings.json"
settings="$work/native-ParcelService/appsettings.json"
[ -f "$settings" ] || fail "the publish folder of the worker service has no appsettings.json"
grep -qF '"ServerUrl": "http://localhost:8080/api"' "$settings" || fail "the worker service's appsettings.json has no Conductor ServerUrl to point at the test server"
sed -i "s|\"ServerUrl\": \"http://localhost:8080/api\"|\"ServerUrl\": \"$api\"|" "$settings"
worker_log="$work/run-ParcelService.log"
(cd "$work/native-ParcelService" && exec ./ParcelService) >"$worker_log" 2>&1 &
worker_pid=$!
started_pids+=("$worker_pid")
run_workflow_through ParcelService "$worker_pid" "$worker_log" "$work/templates/ParcelService/ParcelService/ship_parcel.workflow.json"
stop_worker ParcelService "$worker_pid" "$worker_log"
cat "$worker_log"
