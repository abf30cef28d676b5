#!/usr/bin/env bash
# Writes a class library of N Conductor workers (default 1,000) with mixed signatures into a
# folder: primitives, records of a JsonSerializerContext, TaskContext, CancellationToken,
# async Task/ValueTask, [InputParam], [TaskInput], collections, enums and defaults. Workers call
# a few helpers so the analyzers have call graphs to follow.
#
# The library compiles with or without the generator and analyzers (nothing in it uses the
# generated ConductorWorkers class): the build properties UseGenerator and UseAnalyzers choose.
# UseGenerator=assembly takes the generator from GeneratorAssembly (a built
# Conductor.Generated.Generator.dll, say of an earlier commit) instead of the repository's project.
# GeneratedSources names a folder of generated files to compile as plain sources (measure.sh's
# "sources" configuration: the generator's output without the generator's run).
#
# Usage: generate-workers.sh OUTPUT_DIR REPO_ROOT [WORKER_COUNT]
set -euo pipefail

out_dir="$1"
repo_root="$2"
worker_count="${3:-1000}"
record_kinds=20        # record types shared by the workers (Order0..Order19, Receipt0..Receipt19)
workers_per_class=20

# The folder is emptied first: refuse anything that cannot be a folder of this script's own.
[ -n "$out_dir" ] || { echo "generate-workers.sh: no output folder given" >&2; exit 2; }
case "$(realpath -m "$out_dir")" in
  / | "$(realpath -m "$repo_root")" | "$(realpath -m ~)") echo "generate-workers.sh: refusing to write into $out_dir" >&2; exit 2 ;;
esac
rm -rf "$out_dir"
mkdir -p "$out_dir"

# Keep the repository's Directory.*.props and .targets out: this stands for a user's project, with the SDK's
# default analysis level and no warnings as errors.
cat > "$out_dir/Directory.Build.props" <<'EOF'
<Project />
EOF
cat > "$out_dir/Directory.Build.targets" <<'EOF'
<Project />
EOF
cat > "$out_dir/Directory.Packages.props" <<'EOF'
<Project>
  <PropertyGroup>
    <ManagePackageVersionsCentrally>false</ManagePackageVersionsCentrally>
  </PropertyGroup>
</Project>
EOF

cat > "$out_dir/Workers.csproj" <<EOF
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <LangVersion>latest</LangVersion>
    <UseGenerator Condition="'\$(UseGenerator)' == ''">true</UseGenerator>
    <UseAnalyzers Condition="'\$(UseAnalyzers)' == ''">true</UseAnalyzers>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo_root/runtime/Conductor.Generated/Conductor.Generated.csproj" />
    <ProjectReference Include="$repo_root/generator/Conductor.Generated.Generator/Conductor.Generated.Generator.csproj"
                      OutputItemType="Analyzer" ReferenceOutputAssembly="false" Condition="'\$(UseGenerator)' == 'true'" />
    <Analyzer Include="\$(GeneratorAssembly)" Condition="'\$(UseGenerator)' == 'assembly'" />
    <!-- GeneratedSources: a folder of files the generator wrote, compiled as plain sources (the generator's output without its run). -->
    <Compile Include="\$(GeneratedSources)/**/*.cs" Condition="'\$(GeneratedSources)' != ''" />
    <ProjectReference Include="$repo_root/analyzers/Conductor.Generated.Analyzers/Conductor.Generated.Analyzers.csproj"
                      OutputItemType="Analyzer" ReferenceOutputAssembly="false" Condition="'\$(UseAnalyzers)' == 'true'" />
  </ItemGroup>
</Project>
EOF

{
  cat <<'EOF'
using System.Text.Json;
using System.Text.Json.Serialization;

namespace BuildCost.Workers;

public enum Priority { Low, Normal, High }

public sealed record Line(string Sku, int Quantity, decimal UnitPrice);

public sealed record Stamp(Guid Id, DateTimeOffset At, Priority Priority);

/// <summary>Helpers the workers call, so the analyzers follow calls out of the worker bodies.</summary>
public static class Pricing
{
    public static decimal Total(IReadOnlyList<Line> lines)
    {
        var total = 0m;
        foreach (var line in lines)
        {
            total += LineTotal(line);
        }

        return total;
    }

    public static decimal LineTotal(Line line) => line.Quantity * line.UnitPrice;

    public static string Describe(string name, int count) => name + " x" + count;
}
EOF
  for ((kind = 0; kind < record_kinds; kind++)); do
    echo "public sealed record Order$kind(string Id, string Customer, List<Line> Lines, string? Note = null);"
    echo "public sealed record Receipt$kind(string OrderId, decimal Total, int LineCount);"
  done
  echo
  echo "[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]"
  echo "[JsonSerializable(typeof(Stamp))]"
  for ((kind = 0; kind < record_kinds; kind++)); do
    echo "[JsonSerializable(typeof(Order$kind))]"
    echo "[JsonSerializable(typeof(Receipt$kind))]"
  done
  echo "internal sealed partial class WorkerJsonContext : JsonSerializerContext;"
} > "$out_dir/Models.cs"

# One method per worker; the shape rotates through eight signatures.
write_worker() {
  local index=$1
  local kind=$((index % record_kinds))
  local name task
  printf -v name 'W%04d' "$index"
  printf -v task 'task_%04d' "$index"
  case $((index % 8)) in
    0) cat <<EOF
    [WorkerTask("$task")]
    public static string $name(string name, int count, double ratio, bool flag) =>
        Pricing.Describe(name, count) + (flag ? " " + ratio : "");

EOF
      ;;
    1) cat <<EOF
    [WorkerTask("$task")]
    public static Receipt$kind $name(Order$kind order) =>
        new(order.Id, Pricing.Total(order.Lines), order.Lines.Count);

EOF
      ;;
    2) cat <<EOF
    [WorkerTask("$task", Concurrency = 4)]
    public static Receipt$kind $name(Order$kind order, TaskContext context)
    {
        context.Log("pricing " + order.Id + " for " + order.Customer);
        return new(order.Id, Pricing.Total(order.Lines), order.Lines.Count);
    }

EOF
      ;;
    3) cat <<EOF
    [WorkerTask("$task")]
    public static async Task<Receipt$kind> $name(Order$kind order, CancellationToken cancellationToken)
    {
        await Task.Delay(1, cancellationToken);
        return new(order.Id, Pricing.Total(order.Lines), order.Lines.Count);
    }

EOF
      ;;
    4) cat <<EOF
    [WorkerTask("$task")]
    [return: OutputParam("label")]
    public static async ValueTask<string> $name([InputParam("customer_id")] string customerId, int? limit = 10, CancellationToken cancellationToken = default)
    {
        await Task.Delay(1, cancellationToken);
        return customerId + "/" + (limit ?? 0);
    }

EOF
      ;;
    5) cat <<EOF
    [WorkerTask("$task")]
    public static void $name(List<string> tags, Dictionary<string, int> counts, TaskContext context)
    {
        context.Log(tags.Count + " tags, " + counts.Count + " counts");
    }

EOF
      ;;
    6) cat <<EOF
    [WorkerTask("$task")]
    public static Receipt$kind $name([TaskInput] Order$kind order) =>
        new(order.Id, Pricing.Total(order.Lines), order.Lines.Count);

EOF
      ;;
    7) cat <<EOF
    [WorkerTask("$task", PollIntervalMs = 250)]
    public static Stamp $name(Guid id, DateTimeOffset at, Priority priority = Priority.Normal, TimeSpan? delay = null) =>
        new(id, delay is { } wait ? at + wait : at, priority);

EOF
      ;;
  esac
}

class_count=$(((worker_count + workers_per_class - 1) / workers_per_class))
for ((class_index = 0; class_index < class_count; class_index++)); do
  printf -v class_name 'Workers%03d' "$class_index"
  file="$out_dir/$class_name.cs"
  {
    echo "using Conductor.Generated;"
    echo
    echo "namespace BuildCost.Workers;"
    echo
    echo "public static class $class_name"
    echo "{"
    for ((slot = 0; slot < workers_per_class; slot++)); do
      index=$((class_index * workers_per_class + slot))
      [ "$index" -lt "$worker_count" ] || break
      write_worker "$index"
    done
    echo "}"
  } > "$file"
done

echo "Wrote $worker_count workers in $class_count classes to $out_dir"
