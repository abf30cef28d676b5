using System.Collections;
using System.Reflection;
using System.Runtime.Loader;
using Conductor.Generated;
using Conductor.Generated.TestSupport;

namespace WorkerService.Tests;

/// <summary>
/// The repository's schema-vs-binding check (tests/Shared/SchemaBindingCheck.cs) over the sample's
/// workers: values from each worker's generated input schema bind, values it rejects are refused
/// naming the key. The sample's build output is loaded beside the runtime this project references.
/// </summary>
public sealed class WorkerSchemaBindingTests
{
    [Fact]
    public async Task Values_from_each_input_schema_bind_and_values_it_rejects_are_refused()
    {
        var path = SampleAssemblyPath();
        var context = new SampleContext(path);
        var table = context.LoadFromAssemblyPath(path).GetType("WorkerService.ConductorWorkers", throwOnError: true)!;
        var workers = ((IEnumerable)table.GetProperty("All", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!)
            .Cast<WorkerDefinition>()
            .ToList();

        Assert.Equal(["reserve_stock", "ship_order", "audit_order"], workers.Select(worker => worker.TaskName));
        foreach (var worker in workers)
        {
            await SchemaBindingCheck.CheckAsync(worker);
        }
    }

    /// <summary>The sample's own dependencies, but the Conductor.Generated runtime of this project, so the worker types are shared.</summary>
    private sealed class SampleContext(string samplePath) : AssemblyLoadContext(isCollectible: false)
    {
        private readonly AssemblyDependencyResolver _resolver = new(samplePath);

        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name == "Conductor.Generated" || _resolver.ResolveAssemblyToPath(assemblyName) is not { } path
                ? null
                : LoadFromAssemblyPath(path);
    }

    /// <summary>The sample's build output beside this project's: samples/WorkerService/bin/&lt;configuration&gt;/&lt;framework&gt;/WorkerService.dll.</summary>
    private static string SampleAssemblyPath()
    {
        var frameworkDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = frameworkDirectory.Parent!.Name;
        var samplesDirectory = frameworkDirectory.Parent.Parent!.Parent!.Parent!.FullName;
        var path = Path.Combine(samplesDirectory, "WorkerService", "bin", configuration, frameworkDirectory.Name, "WorkerService.dll");
        Assert.True(File.Exists(path), $"The sample is built before its tests; expected it at {path}.");
        return path;
    }
}
