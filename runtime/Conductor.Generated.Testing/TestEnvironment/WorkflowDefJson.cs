using System.Text.Json;

namespace Conductor.Generated.Testing;

/// <summary>
/// Workflow definitions in the JSON the server takes (<c>POST /api/metadata/workflow</c> takes
/// one, <c>PUT /api/metadata/workflow</c> a list), read as the server reads them: camelCase
/// fields, unknown fields kept, numbers accepted as strings. For definition files kept beside the
/// code and deployed to the real server, so a test runs the very file that ships.
/// </summary>
/// <example>
/// <code>
/// var run = await conductor.RunWorkflowAsync(WorkflowDefJson.Load("workflows/order.json"), input);
/// </code>
/// </example>
public static class WorkflowDefJson
{
    /// <summary>Reads one definition from a file holding a JSON object.</summary>
    /// <exception cref="ArgumentException">The file does not hold a workflow definition; the message names the file and what was wrong.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static WorkflowDef Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var definitions = LoadAll(path);
        return definitions.Count == 1
            ? definitions[0]
            : throw new ArgumentException($"{path} holds a list of {definitions.Count} workflow definitions; read it with LoadAll.", nameof(path));
    }

    /// <summary>Reads the definitions of a file holding a JSON object (one definition) or a JSON array of them.</summary>
    /// <exception cref="ArgumentException">The file does not hold workflow definitions; the message names the file and what was wrong.</exception>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    public static IReadOnlyList<WorkflowDef> LoadAll(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Read(File.ReadAllText(path), path + ": ", nameof(path));
    }

    /// <summary>Reads one definition from JSON text holding an object.</summary>
    /// <exception cref="ArgumentException">The text is not a workflow definition; the message says what was wrong.</exception>
    public static WorkflowDef Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var definitions = ParseAll(json);
        return definitions.Count == 1
            ? definitions[0]
            : throw new ArgumentException($"The JSON holds a list of {definitions.Count} workflow definitions; read it with ParseAll.", nameof(json));
    }

    /// <summary>Reads the definitions of JSON text holding an object (one definition) or an array of them.</summary>
    /// <exception cref="ArgumentException">The text does not hold workflow definitions; the message says what was wrong.</exception>
    public static IReadOnlyList<WorkflowDef> ParseAll(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return Read(json, "", nameof(json));
    }

    /// <summary>The definition as JSON text, as the server writes it.</summary>
    public static string Serialize(WorkflowDef definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        return JsonSerializer.Serialize(definition, ServerJsonContext.Default.WorkflowDef);
    }

    /// <summary>Reads definitions; every refusal's message starts with <paramref name="source"/> (the file, for a file).</summary>
    private static List<WorkflowDef> Read(string json, string source, string parameterName)
    {
        List<WorkflowDef> definitions;
        JsonValueKind kind;
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            kind = root.ValueKind;
            definitions = kind switch
            {
                JsonValueKind.Object => [root.Deserialize(ServerJsonContext.Default.WorkflowDef)!],
                JsonValueKind.Array => root.Deserialize(ServerJsonContext.Default.ListWorkflowDef)!,
                _ => throw new ArgumentException($"{source}Expected a workflow definition (a JSON object) or a list of them; got a JSON {kind.ToString().ToLowerInvariant()}.", parameterName),
            };
        }
        catch (JsonException exception)
        {
            throw new ArgumentException($"{source}Not a valid workflow definition: {exception.Message}", parameterName, exception);
        }

        for (var index = 0; index < definitions.Count; index++)
        {
            var what = kind == JsonValueKind.Object ? "The workflow definition" : $"Item {index} of the list";
            if (definitions[index] is null)
            {
                throw new ArgumentException($"{source}{what} is null, not a workflow definition.", parameterName);
            }

            if (string.IsNullOrEmpty(definitions[index].Name))
            {
                throw new ArgumentException($"{source}{what} has no name.", parameterName);
            }
        }

        return definitions;
    }
}
