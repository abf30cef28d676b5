using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Analyzers.Infrastructure;

/// <summary>The types the rules recognise, looked up once per compilation (null when not referenced).</summary>
internal sealed class KnownSymbols
{
    private KnownSymbols(Compilation compilation, INamedTypeSymbol workerTaskAttribute)
    {
        WorkerTaskAttribute = workerTaskAttribute;
        TaskContext = compilation.GetTypeByMetadataName("Conductor.Generated.TaskContext");
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        DateTime = compilation.GetTypeByMetadataName("System.DateTime");
        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
        TimeProvider = compilation.GetTypeByMetadataName("System.TimeProvider");
        Environment = compilation.GetTypeByMetadataName("System.Environment");
        Stopwatch = compilation.GetTypeByMetadataName("System.Diagnostics.Stopwatch");
        Random = compilation.GetTypeByMetadataName("System.Random");
        RandomNumberGenerator = compilation.GetTypeByMetadataName("System.Security.Cryptography.RandomNumberGenerator");
        Thread = compilation.GetTypeByMetadataName("System.Threading.Thread");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        CancellationTokenSource = compilation.GetTypeByMetadataName("System.Threading.CancellationTokenSource");
        ThreadStaticAttribute = compilation.GetTypeByMetadataName("System.ThreadStaticAttribute");
        ThreadLocalOfT = compilation.GetTypeByMetadataName("System.Threading.ThreadLocal`1");
        AsyncLocalOfT = compilation.GetTypeByMetadataName("System.Threading.AsyncLocal`1");
        Exception = compilation.GetTypeByMetadataName("System.Exception");
        File = compilation.GetTypeByMetadataName("System.IO.File");
        FileInfo = compilation.GetTypeByMetadataName("System.IO.FileInfo");
        FileStream = compilation.GetTypeByMetadataName("System.IO.FileStream");
        StreamWriter = compilation.GetTypeByMetadataName("System.IO.StreamWriter");
        FileMode = compilation.GetTypeByMetadataName("System.IO.FileMode");
        HttpClient = compilation.GetTypeByMetadataName("System.Net.Http.HttpClient");
        HttpMethod = compilation.GetTypeByMetadataName("System.Net.Http.HttpMethod");
        HttpRequestMessage = compilation.GetTypeByMetadataName("System.Net.Http.HttpRequestMessage");
        LoggerMessageAttribute = compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.LoggerMessageAttribute");
    }

    public INamedTypeSymbol WorkerTaskAttribute { get; }
    public INamedTypeSymbol? TaskContext { get; }
    public INamedTypeSymbol? Guid { get; }
    public INamedTypeSymbol? DateTime { get; }
    public INamedTypeSymbol? DateTimeOffset { get; }
    public INamedTypeSymbol? TimeSpan { get; }
    public INamedTypeSymbol? TimeProvider { get; }
    public INamedTypeSymbol? Environment { get; }
    public INamedTypeSymbol? Stopwatch { get; }
    public INamedTypeSymbol? Random { get; }
    public INamedTypeSymbol? RandomNumberGenerator { get; }
    public INamedTypeSymbol? Thread { get; }
    public INamedTypeSymbol? Task { get; }
    public INamedTypeSymbol? TaskOfT { get; }
    public INamedTypeSymbol? ValueTask { get; }
    public INamedTypeSymbol? ValueTaskOfT { get; }
    public INamedTypeSymbol? CancellationToken { get; }
    public INamedTypeSymbol? CancellationTokenSource { get; }
    public INamedTypeSymbol? ThreadStaticAttribute { get; }
    public INamedTypeSymbol? ThreadLocalOfT { get; }
    public INamedTypeSymbol? AsyncLocalOfT { get; }
    public INamedTypeSymbol? Exception { get; }
    public INamedTypeSymbol? File { get; }
    public INamedTypeSymbol? FileInfo { get; }
    public INamedTypeSymbol? FileStream { get; }
    public INamedTypeSymbol? StreamWriter { get; }
    public INamedTypeSymbol? FileMode { get; }
    public INamedTypeSymbol? HttpClient { get; }
    public INamedTypeSymbol? HttpMethod { get; }
    public INamedTypeSymbol? HttpRequestMessage { get; }
    public INamedTypeSymbol? LoggerMessageAttribute { get; }

    /// <summary>The symbols of <paramref name="compilation"/>, or null when it does not reference the runtime (no workers to check).</summary>
    public static KnownSymbols? TryCreate(Compilation compilation)
    {
        var workerTaskAttribute = compilation.GetTypeByMetadataName("Conductor.Generated.WorkerTaskAttribute");
        return workerTaskAttribute is null ? null : new KnownSymbols(compilation, workerTaskAttribute);
    }

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known)
        => known is not null && type is not null && SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, known);

    /// <summary>Whether <paramref name="type"/> is Task, Task&lt;T&gt;, ValueTask or ValueTask&lt;T&gt;.</summary>
    public bool IsTaskLike(ITypeSymbol? type)
        => Is(type, Task) || Is(type, TaskOfT) || Is(type, ValueTask) || Is(type, ValueTaskOfT);

    public bool IsWorker(IMethodSymbol method)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, WorkerTaskAttribute))
            {
                return true;
            }
        }

        return false;
    }
}
