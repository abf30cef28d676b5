using System.Collections.Immutable;
using Basic.Reference.Assemblies;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Analyzers.Tests.Verification;

/// <summary>What every test compilation gets: net10.0 references, the runtime, logging, and common usings.</summary>
internal static class TestSources
{
    /// <summary>Global usings added as a second file, so test sources show only the code under test.</summary>
    public const string GlobalUsings = """
        global using System;
        global using System.Collections.Generic;
        global using System.Diagnostics;
        global using System.IO;
        global using System.Linq;
        global using System.Net.Http;
        global using System.Security.Cryptography;
        global using System.Threading;
        global using System.Threading.Tasks;
        global using Conductor.Generated;
        global using Microsoft.Extensions.Logging;
        """;

    /// <summary>No reference packages are downloaded: the net10.0 reference assemblies come from Basic.Reference.Assemblies.</summary>
    public static ReferenceAssemblies ReferenceAssemblies { get; } = new("net10.0");

    public static ImmutableArray<MetadataReference> References { get; } =
    [
        .. Net100.References.All,
        MetadataReference.CreateFromFile(typeof(TaskContext).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(ILogger).Assembly.Location),
    ];
}
