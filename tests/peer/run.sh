#!/usr/bin/env bash
# Runs the official Conductor JavaScript SDK's integration suite (v4.0.0, src/integration-tests) against
# the standalone test server (samples/TestServer), as the SDK's `test:integration:oss` npm script runs
# it against Conductor OSS, and checks the pass count against the floor in tests/peer/floor.
#
# The SDK is not in the repository: its source tarball comes from ../shared/peer/ (or $PEER_SDK_TARBALL),
# is unpacked under artifacts/peer/ and installed with `npm ci` from its own lock file. The install is
# kept between runs while the tarball and the Node.js major version stay the same.
#
# Usage: tests/peer/run.sh [--filter PATTERN] [--name PATTERN] [--server-url URL] [--keep-logs] [--trace]
#   --filter PATTERN   run only the test files whose path matches PATTERN (jest --testPathPatterns)
#   --name PATTERN     run only the tests whose name matches PATTERN (jest --testNamePattern)
#   --server-url URL   use a server already running at URL (e.g. http://127.0.0.1:8080/api)
#                      instead of building and starting samples/TestServer
#   --keep-logs        write this run's logs to a new timestamped folder instead of replacing
#                      artifacts/peer/results
#   --trace            put a recording proxy between the suite and the server: traffic.log gets one
#                      line per request with its status, and both bodies of every answer >= 300
# A run with --filter or --name prints its counts but is not held to the floor.
# Environment: PEER_SDK_TARBALL (another tarball path), PEER_SUITE_TIMEOUT (seconds before the whole
# suite is stopped, default 1200: a guard, the tests' own jest timeouts end a hung test first).
#
# Output: one line "peer suite: N passed, M failed (T OSS tests run, S skipped ...)", the failing
# tests, and under the results folder: jest.log (jest's output), jest.json (its JSON report),
# failures.txt (each failing test with the first lines of its error), server.log, httpbin.log
# (and traffic.log with --trace).
# Exit status: 0 when the pass count is at least the floor; 1 when it is below or the suite did not run.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$repo_root"

sdk_version="v4.0.0"
tarball="${PEER_SDK_TARBALL:-$repo_root/../shared/peer/conductor-javascript-sdk-$sdk_version.tar.gz}"
floor_file="$repo_root/tests/peer/floor"
# A guard only: each test file sets its own jest timeout (60 s to 120 s; 700 s for the 50-workflow
# E2EFiveTaskWorkflow test), and those end a hung test long before this.
suite_limit="${PEER_SUITE_TIMEOUT:-1200}"
peer_dir="$repo_root/artifacts/peer"
sdk_dir="$peer_dir/sdk-$sdk_version"

usage() { awk 'NR>1 && /^#/ {sub(/^# ?/, ""); print; next} NR>1 {exit}' "$0"; }
fail() { printf 'peer suite: %s\n' "$*" >&2; exit 1; }

path_pattern=""
name_pattern=""
server_url=""
keep_logs=0
trace=0
while [ $# -gt 0 ]; do
  case "$1" in
    --filter) path_pattern="${2:?--filter needs a pattern}"; shift 2 ;;
    --name) name_pattern="${2:?--name needs a pattern}"; shift 2 ;;
    --server-url) server_url="${2:?--server-url needs a URL}"; shift 2 ;;
    --keep-logs) keep_logs=1; shift ;;
    --trace) trace=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) echo "Unknown argument: $1" >&2; usage >&2; exit 2 ;;
  esac
done

[ -f "$tarball" ] || fail "the SDK source tarball is missing: $tarball (set PEER_SDK_TARBALL to its path)"
command -v node >/dev/null && command -v npm >/dev/null || fail "node and npm are needed (Node.js 20 or later)"
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 20 ] || fail "Node.js 20 or later is needed, found $(node --version)"
[ -f "$floor_file" ] || fail "the floor file is missing: $floor_file"
floor=$(tr -d '[:space:]' < "$floor_file")
[[ "$floor" =~ ^[0-9]+$ ]] || fail "$floor_file must hold one number, found '$floor'"

if [ "$keep_logs" -eq 1 ]; then
  results="$peer_dir/results-$(date -u +%Y%m%dT%H%M%SZ)-$$"
else
  results="$peer_dir/results"
  rm -rf "$results"
fi
mkdir -p "$results"

pids=()
cleanup() {
  local pid
  for pid in "${pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

started=$(date +%s)

# 1. The SDK, unpacked and installed from its lock file; reused while the tarball and Node.js agree.
stamp="$(sha256sum "$tarball" | cut -d' ' -f1) node$node_major"
if [ -f "$sdk_dir/.peer-install" ] && [ "$(cat "$sdk_dir/.peer-install")" = "$stamp" ] && [ -d "$sdk_dir/node_modules" ]; then
  echo "peer suite: reusing the installed SDK in ${sdk_dir#"$repo_root"/}"
else
  echo "peer suite: unpacking $(basename "$tarball") and running npm ci"
  rm -rf "$sdk_dir"
  mkdir -p "$sdk_dir"
  tar -xzf "$tarball" -C "$sdk_dir"
  [ -f "$sdk_dir/package-lock.json" ] || fail "the tarball has no package-lock.json"
  (cd "$sdk_dir" && npm ci --no-audit --no-fund --loglevel=error) > "$peer_dir/npm-ci.log" 2>&1 \
    || { tail -n 40 "$peer_dir/npm-ci.log" >&2; fail "npm ci failed (see ${peer_dir#"$repo_root"/}/npm-ci.log)"; }
  echo "$stamp" > "$sdk_dir/.peer-install"
fi

# 2. The test server: built (Debug, as `dotnet test` of the solution builds it, so CI builds it once)
# and started on a free port, unless one was given.
if [ -z "$server_url" ]; then
  echo "peer suite: building samples/TestServer"
  dotnet build samples/TestServer/TestServer.csproj --nologo -v quiet > "$results/server-build.log" 2>&1 \
    || { tail -n 40 "$results/server-build.log" >&2; fail "the test server did not build"; }
  server_dll="$repo_root/samples/TestServer/bin/Debug/net10.0/conductor-test-server.dll"
  [ -f "$server_dll" ] || fail "no $server_dll after the build"
  dotnet "$server_dll" --port 0 > "$results/server.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do
    server_url=$(sed -n 's/^Conductor test server listening on \(http[^ ]*\)$/\1/p' "$results/server.log")
    [ -n "$server_url" ] && break
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$server_url" ] || { cat "$results/server.log" >&2; fail "the test server did not start"; }
else
  echo "(the server at $server_url was started elsewhere; its log is not here)" > "$results/server.log"
fi
echo "peer suite: server at $server_url"

if [ "$trace" -eq 1 ]; then
  node "$repo_root/tests/peer/trace-proxy.mjs" "${server_url%/api}" > "$results/traffic.log" 2>&1 &
  pids+=($!)
  proxy_url=""
  for _ in $(seq 1 100); do
    proxy_url=$(sed -n 's/^trace proxy listening on \(http[^ ]*\)$/\1/p' "$results/traffic.log")
    [ -n "$proxy_url" ] && break
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.05
  done
  [ -n "$proxy_url" ] || { cat "$results/traffic.log" >&2; fail "the trace proxy did not start"; }
  server_url="$proxy_url/api"
  echo "peer suite: recording the traffic through $proxy_url"
fi

# 3. The httpbin stand-in on port 8081 (fixed by the suite) of the first loopback address where it is free.
httpbin_host=""
for last in $(seq 2 254); do
  host="127.0.0.$last"
  : > "$results/httpbin.log"
  node "$repo_root/tests/peer/httpbin.mjs" "$host" 8081 > "$results/httpbin.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    grep -q 'listening on' "$results/httpbin.log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  if grep -q 'listening on' "$results/httpbin.log"; then
    pids+=("$pid")
    httpbin_host="$host"
    break
  fi
  wait "$pid" 2>/dev/null || true
done
[ -n "$httpbin_host" ] || fail "port 8081 is taken on every address from 127.0.0.2 to 127.0.0.254"
echo "peer suite: httpbin stand-in at http://$httpbin_host:8081"

# 4. The suite, as `npm run test:integration:oss` runs it, with a JSON report.
jest_args=(--json "--outputFile=$results/jest.json")
[ -n "$path_pattern" ] && jest_args+=("--testPathPatterns=$path_pattern")
[ -n "$name_pattern" ] && jest_args+=("--testNamePattern=$name_pattern")
echo "peer suite: running npm run test:integration:oss (jest output in ${results#"$repo_root"/}/jest.log)"
set +e
(
  cd "$sdk_dir"
  unset CONDUCTOR_AUTH_KEY CONDUCTOR_AUTH_SECRET CONDUCTOR_OSS_UNGATE
  CONDUCTOR_SERVER_URL="$server_url" HTTPBIN_SERVICE_HOSTNAME="$httpbin_host" CI=true \
    timeout --kill-after=15 "$suite_limit" npm run --silent test:integration:oss -- "${jest_args[@]}"
) > "$results/jest.log" 2>&1
jest_status=$?
set -e
elapsed=$(( $(date +%s) - started ))

if [ "$jest_status" -eq 124 ] || [ "$jest_status" -eq 137 ]; then
  tail -n 60 "$results/jest.log" >&2
  fail "the suite was stopped after ${suite_limit}s (PEER_SUITE_TIMEOUT); the tests' own timeouts did not end it"
fi
[ -s "$results/jest.json" ] || { tail -n 60 "$results/jest.log" >&2; fail "jest wrote no report (exit $jest_status)"; }

# 5. Counts and failing tests from the JSON report.
counts=$(node "$repo_root/tests/peer/summarize.mjs" "$results/jest.json" "$results/failures.txt" "$sdk_dir") \
  || fail "could not read jest's report ${results#"$repo_root"/}/jest.json"
read -r passed failed pending total <<< "$counts"
oss_total=$((total - pending))
echo
if [ "$failed" -gt 0 ]; then
  echo "Failing tests:"
  grep '^FAIL ' "$results/failures.txt" | sed 's/^FAIL /  /'
  echo
fi
if [ -n "$path_pattern$name_pattern" ]; then
  skipped_as="skipped (Orkes-only or filtered out)"
else
  skipped_as="skipped by the suite as Orkes-only"
fi
echo "peer suite: $passed passed, $failed failed ($oss_total OSS tests run, $pending $skipped_as) in ${elapsed}s"
echo "peer suite: logs in ${results#"$repo_root"/}"

if [ -n "$path_pattern$name_pattern" ]; then
  echo "peer suite: a filtered run; the floor ($floor) is not checked"
  exit 0
fi
if [ "$passed" -lt "$floor" ]; then
  fail "$passed passed is below the floor of $floor (tests/peer/floor)"
fi
if [ "$passed" -gt "$floor" ]; then
  echo "peer suite: above the floor of $floor; raise tests/peer/floor to $passed"
else
  echo "peer suite: at the floor of $floor"
fi
