#!/usr/bin/env bash
# What the source generator and the analyzers add to compile time, on a class library of
# 1,000 workers (generate-workers.sh). Three configurations of the same code are compiled in
# turn, several rounds, after one warm-up round:
#   full       generator + analyzers (what an application with both references compiles)
#   generator  generator only
#   none       neither (the workers compile: they are plain methods with attributes)
#   sources    no generator, but the files it writes (from the build that writes them, below)
#              compiled as plain sources: the generated code's cost without the generator's run
#   variant    as sources, but the files of VARIANT_DIR (a hand-made variant of the generated
#              files), to measure another shape of the generated code before writing it in the generator
#   before     the generator built from BEFORE_GENERATOR (a Conductor.Generated.Generator.dll of
#              an earlier commit), to compare two versions of the generator side by side
# For each build it records the wall time, the Csc task time and the compiler's CPU time (user +
# system, through a wrapper around csc given as CscToolExe): on a machine shared with other
# builds the CPU time is the figure to compare, the wall times vary with the load. After the
# rounds, REPORT_ROUNDS more builds of each configuration (default 3, not in the medians above)
# run with ReportAnalyzer=true: the compiler then reports the time spent in each generator and
# analyzer. The timed builds do not ask for that report, because timing every analyzer action
# costs the compiler time of its own, the more the more code there is to analyze. Medians are
# printed at the end; raw logs stay in the output folder.
#
# The configurations of one run alternate build by build (full, generator, none, full, ...), so
# that a change in the machine's load falls on all of them alike: compare them within one run.
# One extra build with EmitCompilerGeneratedFiles=true writes the generated files, whose size is
# reported per worker.
#
# With SERVER=1 the builds compile through a compiler server (VBCSCompiler) of their own, started
# here on a pipe of its own and stopped at the end, as ordinary developer builds do (the server
# stays warm between builds: its JIT has compiled the compiler and the analyzers once). The CPU
# time recorded is then the server's, read from /proc before and after each build.
#
# Usage: tests/buildcost/measure.sh [ROUNDS]        (default 7)
# Environment: WORKERS (default 1000), BUILDCOST_DIR (default artifacts/buildcost),
#              CONFIGURATIONS (default "full generator none"; "generator none" compares the
#              generated code alone with the code without it), SERVER (1: through a warm compiler server),
#              WARMUP_ROUNDS (default 1, 4 with SERVER=1), REPORT_ROUNDS (default 3)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-7}"
workers="${WORKERS:-1000}"
work_dir="${BUILDCOST_DIR:-$repo_root/artifacts/buildcost}"
project_dir="$work_dir/project"
logs_dir="$work_dir/logs"
read -r -a configurations <<< "${CONFIGURATIONS:-full generator none}"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

bash "$repo_root/tests/buildcost/generate-workers.sh" "$project_dir" "$repo_root" "$workers"
rm -rf "$logs_dir"
mkdir -p "$logs_dir"

properties_of() {
  case $1 in
    full) echo "-p:UseGenerator=true -p:UseAnalyzers=true" ;;
    generator) echo "-p:UseGenerator=true -p:UseAnalyzers=false" ;;
    none) echo "-p:UseGenerator=false -p:UseAnalyzers=false" ;;
    sources) echo "-p:UseGenerator=false -p:UseAnalyzers=false -p:GeneratedSources=$generated_dir/Conductor.Generated.Generator" ;;
    variant) echo "-p:UseGenerator=false -p:UseAnalyzers=false -p:GeneratedSources=${VARIANT_DIR:?set VARIANT_DIR to a folder of hand-made generated files}" ;;
    before) echo "-p:UseGenerator=assembly -p:GeneratorAssembly=${BEFORE_GENERATOR:?set BEFORE_GENERATOR to a generator assembly} -p:UseAnalyzers=false" ;;
  esac
}

# The compiler, run through /usr/bin/time so that its CPU time is recorded (in $CSC_CPU_LOG).
sdk_dir=$(dotnet --list-sdks | awk -v version="$(dotnet --version)" '$1 == version { gsub(/[\[\]]/, "", $2); print $2 "/" $1 }')
printf '#!/usr/bin/env bash\nexec /usr/bin/time -a -o "$CSC_CPU_LOG" -f "%%U %%S" dotnet exec "%s/Roslyn/bincore/csc.dll" "$@"\n' "$sdk_dir" > "$work_dir/csc-timed.sh"
chmod +x "$work_dir/csc-timed.sh"

echo "Building the runtime, generator and analyzers once, writing the generated files..."
generated_dir="$work_dir/generated"
rm -rf "$generated_dir"
# shellcheck disable=SC2046 # the properties are separate words on purpose
dotnet build "$project_dir/Workers.csproj" -c Release -v:q -nologo -p:UseSharedCompilation=false $(properties_of full) \
  -p:EmitCompilerGeneratedFiles=true -p:CompilerGeneratedFilesOutputPath="$generated_dir" > "$logs_dir/prepare.log" 2>&1 \
  || { cat "$logs_dir/prepare.log"; exit 1; }
generated_bytes=$(find "$generated_dir" -path '*Conductor.Generated.Generator*' -name '*.cs' -exec cat {} + | wc -c)
generated_files=$(find "$generated_dir" -path '*Conductor.Generated.Generator*' -name '*.cs' | wc -l)

# The compiler server of SERVER=1: its own pipe, started here, stopped on exit.
server_pid=""
compiler_properties=(-p:CscToolPath="$work_dir" -p:CscToolExe=csc-timed.sh)
if [ "${SERVER:-0}" = 1 ]; then
  pipe="buildcost-$$"
  dotnet exec "$sdk_dir/Roslyn/bincore/VBCSCompiler.dll" "-pipename:$pipe" > "$logs_dir/server.log" 2>&1 &
  server_pid=$!
  trap 'kill "$server_pid" 2>/dev/null || true' EXIT
  compiler_properties=(-p:UseSharedCompilation=true -p:SharedCompilationId="$pipe")
fi

# The CPU time (user + system, ms) the server process has used so far.
server_cpu_ms() {
  awk -v ticks="$(getconf CLK_TCK)" '{ printf "%d", ($14 + $15) * 1000 / ticks }' "/proc/$server_pid/stat"
}

# Rebuilds the workers project alone (its references are built) and prints "wall_ms csc_ms".
build_once() {
  local configuration=$1 log=$2 report=${3:-false}
  local started ended server_before=0
  [ -n "$server_pid" ] && server_before=$(server_cpu_ms)
  started=$(date +%s%N)
  # shellcheck disable=SC2046 # the properties are separate words on purpose
  CSC_CPU_LOG="$log.cpu" dotnet build "$project_dir/Workers.csproj" -c Release --no-restore --no-incremental --no-dependencies -nologo \
    -v:d -clp:PerformanceSummary -p:ReportAnalyzer="$report" "${compiler_properties[@]}" \
    $(properties_of "$configuration") > "$log" 2>&1 \
    || { tail -50 "$log"; exit 1; }
  ended=$(date +%s%N)
  if [ -n "$server_pid" ]; then
    if grep -q "using command line tool" "$log"; then
      echo "the build did not compile through the server (see $log)" >&2
      exit 1
    fi
    echo "$(($(server_cpu_ms) - server_before)) 0" | awk '{ printf "%.3f %.3f\n", $1 / 1000, $2 }' > "$log.cpu"
  fi
  local csc_ms
  csc_ms=$(awk '/Task Performance Summary:/ { in_summary = 1 } in_summary && $3 == "Csc" { print $1; exit }' "$log")
  local cpu_ms
  cpu_ms=$(awk '{ total += ($1 + $2) * 1000 } END { printf "%d", total }' "$log.cpu" 2>/dev/null)
  echo "$(((ended - started) / 1000000)) ${csc_ms:-0} ${cpu_ms:-0}"
}

# A compiler server needs a few builds before its JIT has settled (tiered compilation).
warmup_rounds=${WARMUP_ROUNDS:-$([ "${SERVER:-0}" = 1 ] && echo 4 || echo 1)}
echo "$warmup_rounds warm-up round(s) (not counted)..."
for ((round = 1; round <= warmup_rounds; round++)); do
  for configuration in "${configurations[@]}"; do
    build_once "$configuration" "$logs_dir/warmup-$configuration-$round.log" > /dev/null
  done
done

for ((round = 1; round <= rounds; round++)); do
  for configuration in "${configurations[@]}"; do
    read -r wall csc cpu < <(build_once "$configuration" "$logs_dir/$configuration-$round.log")
    echo "$wall" >> "$logs_dir/$configuration.wall"
    echo "$csc" >> "$logs_dir/$configuration.csc"
    echo "$cpu" >> "$logs_dir/$configuration.cpu"
    printf 'round %d %-9s wall %6d ms   csc %6d ms   csc cpu %6d ms\n' "$round" "$configuration" "$wall" "$csc" "$cpu"
  done
done

median() { sort -n "$1" | awk '{ values[NR] = $1 } END { print (NR % 2) ? values[(NR + 1) / 2] : int((values[NR / 2] + values[NR / 2 + 1]) / 2) }'; }

# The compiler's report, in each full build: total analyzer and generator time, and the lines of
# this project's generator and analyzers (their assembly names start with Conductor.Generated).
# Times are printed in seconds with a "<" for under 0.001 s.
report_seconds() {
  local pattern=$1 log=$2
  grep -E "$pattern" "$log" | head -1 | grep -oE '[<]?[0-9]+\.[0-9]+' | head -1 | tr -d '<'
}
# Every configuration gets its report builds (alternating, as the timed builds): the compiler
# reports each generator's time, but the work that the first generator to run starts for all of
# them (binding the compilation's attributes and usings, loading what they look up) is counted to
# that generator, so what one generator adds is the difference of the totals, not its own line.
report_rounds=${REPORT_ROUNDS:-3}
echo "$report_rounds builds of each configuration with the compiler's report of each generator and analyzer (not timed)..."
for ((round = 1; round <= report_rounds; round++)); do
  for configuration in "${configurations[@]}"; do
    log="$logs_dir/report-$configuration-$round.log"
    build_once "$configuration" "$log" true > /dev/null
    report_seconds 'Total analyzer execution time' "$log" >> "$logs_dir/report-$configuration.analyzers" || true
    report_seconds 'Total generator execution time' "$log" >> "$logs_dir/report-$configuration.generators" || true
    report_seconds '^ *[<]?[0-9.]+ +[0-9]+ +Conductor\.Generated\.Generator,' "$log" >> "$logs_dir/report-$configuration.our-generator" || true
    report_seconds '^ *[<]?[0-9.]+ +[0-9]+ +Conductor\.Generated\.Analyzers,' "$log" >> "$logs_dir/report-$configuration.our-analyzers" || true
  done
done

median_seconds() { sort -g "$1" | awk '{ values[NR] = $1 } END { if (NR == 0) print "n/a"; else print (NR % 2) ? values[(NR + 1) / 2] : (values[NR / 2] + values[NR / 2 + 1]) / 2 }'; }

echo
echo "== $workers workers, $rounds rounds, medians =="
echo "Generated by the Conductor generator: $generated_files files, $generated_bytes bytes, $((generated_bytes / workers)) bytes per worker"
for configuration in "${configurations[@]}"; do
  printf '%-9s  build wall %6d ms   Csc task %6d ms   csc CPU %6d ms\n' "$configuration" "$(median "$logs_dir/$configuration.wall")" "$(median "$logs_dir/$configuration.csc")" "$(median "$logs_dir/$configuration.cpu")"
done
if [ -s "$logs_dir/generator.csc" ] && [ -s "$logs_dir/none.csc" ]; then
  awk -v with="$(median "$logs_dir/generator.csc")" -v without="$(median "$logs_dir/none.csc")" \
    'BEGIN { printf "Csc task, generator / none: %.2fx\n", with / without }'
  awk -v with="$(median "$logs_dir/generator.cpu")" -v without="$(median "$logs_dir/none.cpu")" \
    'BEGIN { printf "csc CPU time, generator / none: %.2fx\n", with / without }'
fi
if [ -s "$logs_dir/sources.csc" ] && [ -s "$logs_dir/none.csc" ]; then
  awk -v with="$(median "$logs_dir/sources.csc")" -v without="$(median "$logs_dir/none.csc")" \
    'BEGIN { printf "Csc task, sources / none: %.2fx\n", with / without }'
  awk -v with="$(median "$logs_dir/sources.cpu")" -v without="$(median "$logs_dir/none.cpu")" \
    'BEGIN { printf "csc CPU time, sources / none: %.2fx\n", with / without }'
fi
if [ -s "$logs_dir/variant.csc" ] && [ -s "$logs_dir/none.csc" ]; then
  awk -v with="$(median "$logs_dir/variant.cpu")" -v without="$(median "$logs_dir/none.cpu")" \
    'BEGIN { printf "csc CPU time, variant / none: %.2fx\n", with / without }'
fi
if [ -s "$logs_dir/before.csc" ] && [ -s "$logs_dir/none.csc" ]; then
  awk -v with="$(median "$logs_dir/before.csc")" -v without="$(median "$logs_dir/none.csc")" \
    'BEGIN { printf "Csc task, before / none: %.2fx\n", with / without }'
  awk -v with="$(median "$logs_dir/before.cpu")" -v without="$(median "$logs_dir/none.cpu")" \
    'BEGIN { printf "csc CPU time, before / none: %.2fx\n", with / without }'
fi
# The ratio of each round's two builds (one build after the other, so under about the same load).
for configuration in "${configurations[@]}"; do
  [ "$configuration" != none ] && [ -s "$logs_dir/none.cpu" ] || continue
  paste "$logs_dir/$configuration.cpu" "$logs_dir/none.cpu" | awk -v name="$configuration" '
    { ratio = $1 / $2; line = line sprintf(" %.2f", ratio); if (NR == 1 || ratio < low) low = ratio; if (NR == 1 || ratio > high) high = ratio }
    END { printf "csc CPU time per round, %s / none:%s (%.2f-%.2f)\n", name, line, low, high }'
done
echo
echo "Compiler's own report (ReportAnalyzer=true), medians, seconds:"
printf '  %-9s  %14s  %19s  %13s  %19s\n' configuration "all generators" "Conductor generator" "all analyzers" "Conductor analyzers"
for configuration in "${configurations[@]}"; do
  printf '  %-9s  %14s  %19s  %13s  %19s\n' "$configuration" "$(median_seconds "$logs_dir/report-$configuration.generators")" \
    "$(median_seconds "$logs_dir/report-$configuration.our-generator")" "$(median_seconds "$logs_dir/report-$configuration.analyzers")" \
    "$(median_seconds "$logs_dir/report-$configuration.our-analyzers")"
done
echo
echo "One build's report per configuration, for the per-analyzer lines: $logs_dir/report-CONFIGURATION-1.log"
