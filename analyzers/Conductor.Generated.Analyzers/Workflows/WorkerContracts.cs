using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Analyzers.Workflows;

/// <summary>
/// What a worker reads and writes: its input keys with their schemas and which are required, and
/// the keys of its output. Read from the task definition the source generator writes for the
/// worker (the <c>TaskDefinitionJson</c> constant of its invoker in <c>ConductorWorkers</c>), so
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

/// <summary>Finds the workers of a compilation through the generated <c>ConductorWorkers</c> table.</summary>
internal static class WorkerContracts
{
    private const string TableName = "ConductorWorkers";
    private const string InvokersName = "Invokers";
    private const string DefinitionField = "TaskDefinitionJson";

    public static Dictionary<string, WorkerContract> Of(Compilation compilation, CancellationToken cancellationToken)
    {
        var contracts = new Dictionary<string, WorkerContract>(StringComparer.Ordinal);
        foreach (var symbol in compilation.GetSymbolsWithName(TableName, SymbolFilter.Type, cancellationToken))
        {
            if (symbol is not INamedTypeSymbol { IsStatic: true } table || !SymbolEqualityComparer.Default.Equals(table.ContainingAssembly, compilation.Assembly))
            {
                continue;
            }

            foreach (var invokers in table.GetTypeMembers(InvokersName))
            {
                foreach (var invoker in invokers.GetTypeMembers())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    foreach (var member in invoker.GetMembers(DefinitionField))
                    {
                        if (member is IFieldSymbol { IsConst: true, ConstantValue: string json } && Read(json) is { } contract && !contracts.ContainsKey(contract.TaskName))
                        {
                            contracts.Add(contract.TaskName, contract);
                        }
                    }
                }
            }
        }

        return contracts;
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

        return definition.StringOf("name") is { } name
            ? new WorkerContract(name, ObjectShape.From(definition["inputSchema"]?["data"]), ObjectShape.From(definition["outputSchema"]?["data"]))
            : null;
    }
}
