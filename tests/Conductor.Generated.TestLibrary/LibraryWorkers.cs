using System.Text.Json;
using System.Text.Json.Serialization;
using Conductor.Generated;

// Without this line the generated ConductorWorkers class is internal to the library.
[assembly: PublicConductorWorkers]

// The owner of every task definition of the library, which the open-source server requires by default.
[assembly: TaskDefinitionOwner("library@example.com")]

namespace Conductor.Generated.TestLibrary;

/// <summary>A quote for a parcel.</summary>
public sealed record Quote(string Carrier, decimal Price);

/// <summary>Workers that live in a class library.</summary>
public static class LibraryWorkers
{
    /// <summary>Quotes the price of sending a parcel.</summary>
    /// <param name="weightGrams">How heavy the parcel is.</param>
    [WorkerTask("library_quote")]
    [TaskDefinition(RetryCount = 2)]
    public static Quote QuoteParcel(int weightGrams) => new("post", weightGrams / 100m);

    [WorkerTask("library_shout")]
    public static string Shout(string text) => text.ToUpperInvariant();
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Quote))]
internal sealed partial class LibraryJsonContext : JsonSerializerContext;
