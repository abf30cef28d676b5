using System.Reflection;

namespace Conductor.Generated.LoadHarness.Processes;

/// <summary>Where the client programs are: the .NET worker's build output, its AOT binary, the JavaScript worker.</summary>
internal sealed class ClientFiles
{
    public const string WorkerAssemblyName = "Conductor.Generated.LoadHarness.Worker";

    public ClientFiles(string? aotWorkerBinary, string? jitWorker = null)
    {
        var metadata = typeof(ClientFiles).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .ToDictionary(attribute => attribute.Key, attribute => attribute.Value ?? "", StringComparer.Ordinal);
        WorkerDirectory = Path.GetFullPath(metadata["LoadWorkerDirectory"]);
        RepositoryRoot = Path.GetFullPath(metadata["RepositoryRoot"]);
        JitWorker = jitWorker ?? Path.Combine(WorkerDirectory, WorkerAssemblyName);
        AotWorker = aotWorkerBinary ?? Path.Combine(RepositoryRoot, "artifacts", "publish", WorkerAssemblyName, WorkerAssemblyName);
        JavaScriptDirectory = Path.Combine(AppContext.BaseDirectory, "js");
    }

    /// <summary>The .NET worker's build output (framework-dependent, run by the JIT).</summary>
    public string WorkerDirectory { get; }

    public string RepositoryRoot { get; }

    /// <summary>The .NET worker's apphost in its build output.</summary>
    public string JitWorker { get; }

    /// <summary>The Native AOT binary of the same worker, when it has been published.</summary>
    public string AotWorker { get; }

    public string JavaScriptDirectory { get; }

    public string PublishedFile(string folder, string name) => Path.Combine(RepositoryRoot, "artifacts", "publish", folder, name);
}
