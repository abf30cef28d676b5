using System;
using System.Collections.Concurrent;
using System.Collections.Generic;

// The runtime's analysis level asks for span APIs and Dictionary.TryAdd, which netstandard2.0 lacks.
#pragma warning disable CA1845, CA1846, CA1864
// Shared source: compiled into the workflow analyzer and linked into the runtime (see JsonValue.cs).
namespace Conductor.Generated.WorkflowChecks;

/// <summary>
/// What a worker reads and writes: its input keys with their schemas and which are required, and
/// the keys of its output. Read from the task definition the source generator writes for the
/// worker (its task definition in the generated <c>WorkerContract</c> attribute), so
/// the analyzer and the generated binder can never disagree on a key, a naming policy or a type.
/// </summary>
internal sealed class WorkerContract
{
    public WorkerContract(string taskName, ObjectShape input, ObjectShape output)
    {
        TaskName = taskName;
        Input = input;
        Output = output;
    }

    public string TaskName { get; }

    public ObjectShape Input { get; }

    public ObjectShape Output { get; }
}

/// <summary>A top-level object schema: its properties by name, the required ones, and whether other keys are allowed.</summary>
internal sealed class ObjectShape
{
    public ObjectShape(Dictionary<string, JsonValue> properties, List<string> propertyOrder, List<string> required, bool isOpen)
    {
        Properties = properties;
        PropertyOrder = propertyOrder;
        Required = required;
        IsOpen = isOpen;
    }

    public Dictionary<string, JsonValue> Properties { get; }

    public List<string> PropertyOrder { get; }

    public List<string> Required { get; }

    /// <summary>Any key may be there (a dictionary, or a JSON element taken whole).</summary>
    public bool IsOpen { get; }

    public static ObjectShape From(JsonValue? schema)
    {
        var properties = new Dictionary<string, JsonValue>(StringComparer.Ordinal);
        var order = new List<string>();
        var required = new List<string>();
        if (schema is null || schema.Kind != JsonKind.Object)
        {
            return new ObjectShape(properties, order, required, isOpen: true);
        }

        if (schema["properties"] is { Kind: JsonKind.Object } members)
        {
            foreach (var member in members.Members)
            {
                if (!properties.ContainsKey(member.Name))
                {
                    properties.Add(member.Name, member.Value);
                    order.Add(member.Name);
                }
            }
        }

        if (schema["required"] is { Kind: JsonKind.Array } names)
        {
            foreach (var name in names.Items)
            {
                if (name.Kind == JsonKind.String && name.Text is not null)
                {
                    required.Add(name.Text);
                }
            }
        }

        var additional = schema["additionalProperties"];
        var isOpen = additional is not null && additional.Kind != JsonKind.False;
        return new ObjectShape(properties, order, required, isOpen);
    }
}

/// <summary>
/// The workers a workflow is checked against: each served task name with the task definition the
/// source generator wrote for its worker (in the generated <c>WorkerContract</c> attribute), parsed only when a workflow
/// names the task.
/// </summary>
internal sealed class WorkerContractSet
{
    private readonly Dictionary<string, string> _definitions;
    private readonly ConcurrentDictionary<string, WorkerContract?> _parsed = new(StringComparer.Ordinal);

    /// <param name="definitions">Task name to its generated task definition JSON.</param>
    public WorkerContractSet(Dictionary<string, string> definitions)
    {
        _definitions = definitions;
    }

    public int Count => _definitions.Count;

    /// <summary>The task names served by the workers.</summary>
    public IEnumerable<string> TaskNames => _definitions.Keys;

    public bool Serves(string taskName) => _definitions.ContainsKey(taskName);

    public bool TryGet(string taskName, out WorkerContract contract)
    {
        contract = null!;
        if (!_definitions.TryGetValue(taskName, out var json))
        {
            return false;
        }

        var parsed = _parsed.GetOrAdd(taskName, _ => Read(json));
        if (parsed is null)
        {
            return false;
        }

        contract = parsed;
        return true;
    }

    /// <summary>A worker's contract from its generated task definition; null if it is not one.</summary>
    public static WorkerContract? Read(string taskDefinitionJson)
    {
        JsonValue definition;
        try
        {
            definition = JsonReader.Parse(taskDefinitionJson);
        }
        catch (JsonSyntaxException)
        {
            return null;
        }

        if (definition.StringOf("name") is not { } name)
        {
            return null;
        }

        var input = ObjectShape.From(definition["inputSchema"]?["data"]);

        // An input schema with no properties is a worker that reads no key, or one that takes its
        // whole input as a JsonElement or JsonNode ([TaskInput]): the schema does not tell which,
        // so any key is accepted.
        if (input.Properties.Count == 0)
        {
            input = new ObjectShape(input.Properties, input.PropertyOrder, input.Required, isOpen: true);
        }

        return new WorkerContract(name, input, ObjectShape.From(definition["outputSchema"]?["data"]));
    }
}
