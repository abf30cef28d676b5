using System.Text.Json.Serialization;
using Conductor.Generated.Client;

namespace Conductor.Generated.Benchmarks.Paths;

/// <summary>
/// The runtime's JSON contract for reading polled tasks, except that
/// <see cref="ConductorTask.InputData"/> and <see cref="ConductorTask.OutputData"/> are skipped
/// rather than copied: <see cref="OneDocumentTaskReader"/> points them into the answer's document.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    Converters = [typeof(SkippedJsonElementConverter)])]
[JsonSerializable(typeof(ConductorTask))]
internal sealed partial class SkippedElementsJsonContext : JsonSerializerContext
{
}
