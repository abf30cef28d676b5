using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

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

/// <summary>
/// Finds the workers of a compilation in the code the source generator wrote: each worker's
/// invoker class, nested in <c>ConductorWorkers.Invokers</c>, holds its task definition as the
/// string constant <c>TaskDefinitionJson</c>. The constants are read from the generated syntax,
/// not bound as symbols (binding a thousand constants costs about a second), and each definition
/// is parsed only when a workflow names its task. A definition is a literal, or literals joined
/// with the JSON Schemas the workers share (constants of <c>ConductorWorkers.Binders</c>).
/// </summary>
internal sealed class WorkerContracts
{
    private const string TableName = "ConductorWorkers";
    private const string InvokersName = "Invokers";
    private const string BindersName = "Binders";
    private const string DefinitionField = "TaskDefinitionJson";
    private const string GeneratedFileSuffix = ".g.cs";

    private readonly Dictionary<string, string> _definitions;
    private readonly ConcurrentDictionary<string, WorkerContract?> _parsed = new(StringComparer.Ordinal);

    private WorkerContracts(Dictionary<string, string> definitions)
    {
        _definitions = definitions;
    }

    public int Count => _definitions.Count;

    /// <summary>The task names served by the compilation's workers.</summary>
    public IEnumerable<string> TaskNames => _definitions.Keys;

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

    public static WorkerContracts Of(Compilation compilation, CancellationToken cancellationToken)
    {
        var definitions = new Dictionary<string, string>(StringComparer.Ordinal);
        var initializers = new List<ExpressionSyntax>();
        var sharedConstants = new Dictionary<string, ExpressionSyntax>(StringComparer.Ordinal);
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (!tree.FilePath.EndsWith(GeneratedFileSuffix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var table in Types(tree.GetRoot(cancellationToken).ChildNodes(), TableName))
            {
                foreach (var binders in Types(table.Members, BindersName))
                {
                    foreach (var (name, value) in Constants(binders))
                    {
                        sharedConstants[name] = value;
                    }
                }

                foreach (var invokers in Types(table.Members, InvokersName))
                {
                    foreach (var invoker in invokers.Members.OfType<ClassDeclarationSyntax>())
                    {
                        foreach (var (name, value) in Constants(invoker))
                        {
                            if (name == DefinitionField)
                            {
                                initializers.Add(value);
                            }
                        }
                    }
                }
            }
        }

        var evaluated = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var initializer in initializers)
        {
            if (Evaluate(initializer, sharedConstants, evaluated) is { } json
                && JsonReader.LeadingName(json) is { } name
                && !definitions.ContainsKey(name))
            {
                definitions.Add(name, json);
            }
        }

        return new WorkerContracts(definitions);
    }

    /// <summary>The constant fields of a class and their initializers.</summary>
    private static IEnumerable<(string Name, ExpressionSyntax Value)> Constants(ClassDeclarationSyntax type)
    {
        foreach (var field in type.Members.OfType<FieldDeclarationSyntax>())
        {
            if (!field.Modifiers.Any(SyntaxKind.ConstKeyword))
            {
                continue;
            }

            foreach (var variable in field.Declaration.Variables)
            {
                if (variable.Initializer?.Value is { } value)
                {
                    yield return (variable.Identifier.ValueText, value);
                }
            }
        }
    }

    /// <summary>
    /// The text of a constant string expression as the generator writes them: literals, and shared
    /// constants (<c>Binders.Name</c> or <c>Name</c>), joined by <c>+</c>; null for anything else.
    /// </summary>
    private static string? Evaluate(ExpressionSyntax expression, Dictionary<string, ExpressionSyntax> shared, Dictionary<string, string?> evaluated)
    {
        switch (expression)
        {
            case LiteralExpressionSyntax { Token.Value: string text }:
                return text;
            case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                return Evaluate(binary.Left, shared, evaluated) is { } left && Evaluate(binary.Right, shared, evaluated) is { } right ? left + right : null;
            case MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax { Identifier.ValueText: BindersName } } access:
                return Shared(access.Name.Identifier.ValueText, shared, evaluated);
            case IdentifierNameSyntax identifier:
                return Shared(identifier.Identifier.ValueText, shared, evaluated);
            default:
                return null;
        }
    }

    private static string? Shared(string name, Dictionary<string, ExpressionSyntax> shared, Dictionary<string, string?> evaluated)
    {
        if (evaluated.TryGetValue(name, out var text))
        {
            return text;
        }

        // Marked first, so that a constant referring to itself ends as null rather than looping.
        evaluated[name] = null;
        text = shared.TryGetValue(name, out var value) ? Evaluate(value, shared, evaluated) : null;
        evaluated[name] = text;
        return text;
    }

    /// <summary>The classes of a name among some nodes, looking into namespaces.</summary>
    private static IEnumerable<ClassDeclarationSyntax> Types(IEnumerable<SyntaxNode> nodes, string name)
    {
        foreach (var node in nodes)
        {
            if (node is BaseNamespaceDeclarationSyntax namespaceDeclaration)
            {
                foreach (var nested in Types(namespaceDeclaration.Members, name))
                {
                    yield return nested;
                }
            }
            else if (node is ClassDeclarationSyntax type && type.Identifier.ValueText == name)
            {
                yield return type;
            }
        }
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
