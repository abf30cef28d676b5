using System.Collections.Concurrent;
using Conductor.Generated.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Generator;

/// <summary>
/// The types the parser recognises, looked up once per compilation (the parser keeps one instance
/// per compilation), and what the parser worked out about types, which every worker method using
/// the same type shares.
/// </summary>
internal sealed class KnownTypeSymbols
{
    public const string WorkerTaskAttributeName = "Conductor.Generated.WorkerTaskAttribute";
    public const string WorkerDefinitionName = "Conductor.Generated.WorkerDefinition";
    public const string PublicConductorWorkersAttributeName = "Conductor.Generated.PublicConductorWorkersAttribute";
    public const string TaskDefinitionOwnerAttributeName = "Conductor.Generated.TaskDefinitionOwnerAttribute";
    public const string JsonStringEnumMemberNameAttributeName = "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute";
    public const string JsonSerializerContextName = "System.Text.Json.Serialization.JsonSerializerContext";
    public const string JsonSourceGenerationOptionsAttributeName = "System.Text.Json.Serialization.JsonSourceGenerationOptionsAttribute";
    public const string TaskDefinitionAttributeName = "Conductor.Generated.TaskDefinitionAttribute";
    public const string JsonPropertyNameAttributeName = "System.Text.Json.Serialization.JsonPropertyNameAttribute";
    public const string JsonIgnoreAttributeName = "System.Text.Json.Serialization.JsonIgnoreAttribute";
    public const string JsonRequiredAttributeName = "System.Text.Json.Serialization.JsonRequiredAttribute";
    public const string JsonSerializableAttributeName = "System.Text.Json.Serialization.JsonSerializableAttribute";

    /// <summary>ASP.NET Core's attribute, recognised by name so that the generator needs no reference to ASP.NET Core.</summary>
    public const string MvcFromServicesAttributeName = "Microsoft.AspNetCore.Mvc.FromServicesAttribute";

    /// <summary>A type of the hosting package, whose presence says that the workers can run with a service scope per task.</summary>
    public const string HostingMarkerName = "Conductor.Generated.Hosting.ConductorWorkersServiceCollectionExtensions";

    /// <summary>The package to add when <see cref="HostingMarkerName"/> is missing.</summary>
    public const string HostingPackageName = "Conductor.Generated.Hosting";

    public KnownTypeSymbols(Compilation compilation)
    {
        InputParamAttribute = compilation.GetTypeByMetadataName("Conductor.Generated.InputParamAttribute");
        TaskInputAttribute = compilation.GetTypeByMetadataName("Conductor.Generated.TaskInputAttribute");
        OutputParamAttribute = compilation.GetTypeByMetadataName("Conductor.Generated.OutputParamAttribute");
        TaskContext = compilation.GetTypeByMetadataName("Conductor.Generated.TaskContext");
        FromServicesAttribute = compilation.GetTypeByMetadataName("Conductor.Generated.FromServicesAttribute");
        FromKeyedServicesAttribute = compilation.GetTypeByMetadataName("Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute");
        CancellationToken = compilation.GetTypeByMetadataName("System.Threading.CancellationToken");
        Task = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
        TaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.Task`1");
        ValueTask = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask");
        ValueTaskOfT = compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask`1");
        AsyncEnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IAsyncEnumerable`1");
        Guid = compilation.GetTypeByMetadataName("System.Guid");
        DateTimeOffset = compilation.GetTypeByMetadataName("System.DateTimeOffset");
        TimeSpan = compilation.GetTypeByMetadataName("System.TimeSpan");
        DateOnly = compilation.GetTypeByMetadataName("System.DateOnly");
        TimeOnly = compilation.GetTypeByMetadataName("System.TimeOnly");
        Uri = compilation.GetTypeByMetadataName("System.Uri");
        Version = compilation.GetTypeByMetadataName("System.Version");
        Half = compilation.GetTypeByMetadataName("System.Half");
        HashSetOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.HashSet`1");
        ISetOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.ISet`1");
        IReadOnlySetOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlySet`1");
        ImmutableArrayOfT = compilation.GetTypeByMetadataName("System.Collections.Immutable.ImmutableArray`1");
        EnumerableOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1");
        ReadOnlyDictionaryOfTKeyTValue = compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyDictionary`2");
        DictionaryInterfaceOfTKeyTValue = compilation.GetTypeByMetadataName("System.Collections.Generic.IDictionary`2");
        JsonElement = compilation.GetTypeByMetadataName("System.Text.Json.JsonElement");
        JsonNode = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonNode");
        JsonObject = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonObject");
        JsonArray = compilation.GetTypeByMetadataName("System.Text.Json.Nodes.JsonArray");
        ListOfT = compilation.GetTypeByMetadataName("System.Collections.Generic.List`1");
        DictionaryOfTKeyTValue = compilation.GetTypeByMetadataName("System.Collections.Generic.Dictionary`2");
        DictionaryInterfaces = new[]
        {
            compilation.GetTypeByMetadataName("System.Collections.Generic.IDictionary`2"),
            compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyDictionary`2"),
        };
        ListInterfaces = new[]
        {
            compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyList`1"),
            compilation.GetTypeByMetadataName("System.Collections.Generic.IReadOnlyCollection`1"),
            compilation.GetTypeByMetadataName("System.Collections.Generic.IList`1"),
            compilation.GetTypeByMetadataName("System.Collections.Generic.ICollection`1"),
            compilation.GetTypeByMetadataName("System.Collections.Generic.IEnumerable`1"),
        };
    }

    /// <summary>How each parameter or return type is bound, by type (nullable annotations included).</summary>
    public ConcurrentDictionary<ITypeSymbol, TypeModel?> TypeModels { get; } = new(SymbolEqualityComparer.IncludeNullability);

    /// <summary>The JSON Schema of each type, without a description.</summary>
    public ConcurrentDictionary<ITypeSymbol, SchemaModel> Schemas { get; } = new(SymbolEqualityComparer.IncludeNullability);

    /// <summary>Each parameter or return type as C# source (many workers declare the same types).</summary>
    public ConcurrentDictionary<ITypeSymbol, string> DeclaredTypeNames { get; } = new(SymbolEqualityComparer.IncludeNullability);

    /// <summary>Each type that declares workers: its <c>global::</c>-qualified name, its name within its namespace, and its namespace.</summary>
    public ConcurrentDictionary<INamedTypeSymbol, DeclaringTypeNames> DeclaringTypes { get; } = new(SymbolEqualityComparer.Default);

    public INamedTypeSymbol? InputParamAttribute { get; }

    public INamedTypeSymbol? TaskInputAttribute { get; }

    public INamedTypeSymbol? OutputParamAttribute { get; }

    public INamedTypeSymbol? TaskContext { get; }

    public INamedTypeSymbol? FromServicesAttribute { get; }

    public INamedTypeSymbol? FromKeyedServicesAttribute { get; }

    public INamedTypeSymbol? CancellationToken { get; }

    public INamedTypeSymbol? Task { get; }

    public INamedTypeSymbol? TaskOfT { get; }

    public INamedTypeSymbol? ValueTask { get; }

    public INamedTypeSymbol? ValueTaskOfT { get; }

    public INamedTypeSymbol? AsyncEnumerableOfT { get; }

    public INamedTypeSymbol? Guid { get; }

    public INamedTypeSymbol? DateTimeOffset { get; }

    public INamedTypeSymbol? TimeSpan { get; }

    public INamedTypeSymbol? DateOnly { get; }

    public INamedTypeSymbol? TimeOnly { get; }

    public INamedTypeSymbol? Uri { get; }

    public INamedTypeSymbol? Version { get; }

    public INamedTypeSymbol? Half { get; }

    public INamedTypeSymbol? HashSetOfT { get; }

    public INamedTypeSymbol? ISetOfT { get; }

    public INamedTypeSymbol? IReadOnlySetOfT { get; }

    public INamedTypeSymbol? EnumerableOfT { get; }

    public INamedTypeSymbol? ImmutableArrayOfT { get; }

    public INamedTypeSymbol? ReadOnlyDictionaryOfTKeyTValue { get; }

    public INamedTypeSymbol? DictionaryInterfaceOfTKeyTValue { get; }

    public INamedTypeSymbol? JsonElement { get; }

    public INamedTypeSymbol? JsonNode { get; }

    public INamedTypeSymbol? JsonObject { get; }

    public INamedTypeSymbol? JsonArray { get; }

    public INamedTypeSymbol? ListOfT { get; }

    public INamedTypeSymbol? DictionaryOfTKeyTValue { get; }

    /// <summary><c>IDictionary&lt;,&gt;</c> and <c>IReadOnlyDictionary&lt;,&gt;</c>, which <c>Dictionary&lt;,&gt;</c> implements.</summary>
    public INamedTypeSymbol?[] DictionaryInterfaces { get; }

    /// <summary>The collection interfaces <c>List&lt;T&gt;</c> implements, bound as lists.</summary>
    public INamedTypeSymbol?[] ListInterfaces { get; }

    /// <summary>
    /// Whether <paramref name="type"/>'s display name is <paramref name="fullName"/>. The simple name
    /// is compared first, so that most types (attributes of other libraries) are told apart without
    /// building their display string.
    /// </summary>
    public static bool HasFullName(INamedTypeSymbol? type, string fullName) =>
        type is not null
        && fullName.Length > type.Name.Length
        && fullName.EndsWith(type.Name, System.StringComparison.Ordinal)
        && fullName[fullName.Length - type.Name.Length - 1] == '.'
        && type.ToDisplayString() == fullName;

    public static bool Is(ITypeSymbol? type, INamedTypeSymbol? known) =>
        known is not null && SymbolEqualityComparer.Default.Equals(type, known);

    public static bool IsConstructedFrom(ITypeSymbol? type, INamedTypeSymbol? genericDefinition) =>
        genericDefinition is not null && type is INamedTypeSymbol { IsGenericType: true } named
        && SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, genericDefinition);
}

/// <summary>The names of a type that declares workers, as the parser spells them.</summary>
internal sealed record DeclaringTypeNames(string FullName, string Name, string Namespace);
