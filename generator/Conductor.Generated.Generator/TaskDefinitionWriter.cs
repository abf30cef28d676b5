using System.Collections.Generic;
using System.Linq;
using Conductor.Generated.Generator.Model;

namespace Conductor.Generated.Generator;

/// <summary>
/// Writes a worker's Conductor task definition as the JSON that <c>POST /api/metadata/taskdefs</c>
/// takes: the name, the settings set in <c>[TaskDefinition]</c>, the input and output keys, and
/// JSON Schemas (draft 2020-12) of the input and the output as <c>inputSchema</c>/<c>outputSchema</c>.
/// </summary>
internal static class TaskDefinitionWriter
{
    public const string SchemaDialect = "https://json-schema.org/draft/2020-12/schema";

    /// <param name="worker">A worker whose JSON types have their contexts.</param>
    /// <param name="namingPolicies">The property naming policy of each JSON context, by its full name.</param>
    /// <param name="defaultOwnerEmail">The assembly's <c>[TaskDefinitionOwner]</c>, for workers that name no owner.</param>
    /// <param name="schemas">When given, the schemas of objects and enums are written once there and referred to (<see cref="SchemaCatalog"/>).</param>
    public static string Write(WorkerModel worker, IReadOnlyDictionary<string, int> namingPolicies, string? defaultOwnerEmail = null, SchemaCatalog? schemas = null) =>
        Write(worker, StringContent(worker.TaskName), namingPolicies, defaultOwnerEmail, schemas);

    /// <summary>
    /// Stands for the task name (its JSON string content) in a <see cref="Template"/>; kept by
    /// <see cref="SchemaCatalog.Expand"/>, replaced by <see cref="FromTemplate"/>.
    /// </summary>
    public const string NameReference = "\0TaskName\0";

    /// <summary>
    /// The definition with <see cref="NameReference"/> for the task name: the same for every worker
    /// with the same <see cref="WorkerModel.TaskDefinition"/>, parameters and return, the only parts
    /// of a worker besides its task name that the definition is written from.
    /// </summary>
    public static string Template(WorkerModel worker, IReadOnlyDictionary<string, int> namingPolicies, string? defaultOwnerEmail, SchemaCatalog? schemas) =>
        Write(worker, NameReference, namingPolicies, defaultOwnerEmail, schemas);

    /// <summary>A worker's definition from the (expanded) template of its shape.</summary>
    public static string FromTemplate(string template, string taskName) =>
        template.Replace(NameReference, StringContent(taskName));

    /// <summary>What stands between the quotes of the JSON string of <paramref name="value"/>.</summary>
    private static string StringContent(string value)
    {
        var quoted = JsonTextBuilder.Quote(value);
        return quoted.Substring(1, quoted.Length - 2);
    }

    /// <param name="nameContent">The task name as the content of a JSON string (escaped, no quotes).</param>
    private static string Write(WorkerModel worker, string nameContent, IReadOnlyDictionary<string, int> namingPolicies, string? defaultOwnerEmail, SchemaCatalog? schemas)
    {
        var input = InputObject(worker, namingPolicies);
        var output = OutputObject(worker, namingPolicies);
        var definition = worker.TaskDefinition;

        var json = new JsonTextBuilder().StartObject();
        json.PropertyName("name").Raw("\"" + nameContent + "\"");
        if (definition.Description is { } description)
        {
            json.PropertyName("description").String(description);
        }

        Number(json, "retryCount", definition.RetryCount);
        Text(json, "retryLogic", definition.RetryLogic);
        Number(json, "retryDelaySeconds", definition.RetryDelaySeconds);
        Number(json, "backoffScaleFactor", definition.BackoffScaleFactor);
        Number(json, "timeoutSeconds", definition.TimeoutSeconds);
        Text(json, "timeoutPolicy", definition.TimeoutPolicy);
        Number(json, "responseTimeoutSeconds", definition.ResponseTimeoutSeconds);
        Number(json, "totalTimeoutSeconds", definition.TotalTimeoutSeconds);
        Number(json, "concurrentExecLimit", definition.ConcurrentExecLimit);
        Number(json, "rateLimitPerFrequency", definition.RateLimitPerFrequency);
        Number(json, "rateLimitFrequencyInSeconds", definition.RateLimitFrequencyInSeconds);
        Text(json, "ownerEmail", definition.OwnerEmail ?? defaultOwnerEmail);

        Keys(json, "inputKeys", input.Properties.Select(property => property.Name));
        Keys(json, "outputKeys", output.Properties.Select(property => property.Name));
        SchemaDefinition(json, "inputSchema", "\"" + nameContent + "_input\"", input, worker.TaskDefinition.Description, schemas);
        SchemaDefinition(json, "outputSchema", "\"" + nameContent + "_output\"", output, null, schemas);

        // The schemas document the task; the server is not asked to reject inputs that do not match them.
        json.PropertyName("enforceSchema").Boolean(false);
        return json.EndObject().ToString();
    }

    /// <summary>A top-level object schema: named properties, the required ones, and what other keys may hold.</summary>
    private sealed class ObjectSchema
    {
        public List<(string Name, SchemaModel Schema, int NamingPolicy)> Properties { get; } = [];

        public List<string> Required { get; } = [];

        public (SchemaModel Schema, int NamingPolicy)? AdditionalProperties { get; set; }

        public string? Description { get; set; }

        public void Add(string name, SchemaModel schema, int namingPolicy, bool isRequired)
        {
            if (Properties.Any(property => property.Name == name))
            {
                return;
            }

            Properties.Add((name, schema, namingPolicy));
            if (isRequired)
            {
                Required.Add(name);
            }
        }

        /// <summary>Takes the members of an object schema as its own top-level keys.</summary>
        public void Merge(SchemaModel schema, int namingPolicy)
        {
            foreach (var property in schema.Properties)
            {
                Add(PropertyName(property, namingPolicy), property.Schema, namingPolicy, property.IsRequired);
            }

            if (schema.AdditionalProperties is { } additional)
            {
                AdditionalProperties = (additional, namingPolicy);
            }
        }
    }

    private static ObjectSchema InputObject(WorkerModel worker, IReadOnlyDictionary<string, int> namingPolicies)
    {
        var input = new ObjectSchema();
        foreach (var parameter in worker.Parameters)
        {
            if (parameter.Type is null || parameter.Schema is null)
            {
                continue;
            }

            var policy = NamingPolicyOf(parameter.Type, namingPolicies);
            if (parameter.Source == ParameterSource.WholeInput)
            {
                input.Merge(parameter.Schema, policy);
                continue;
            }

            var isRequired = !parameter.Type.IsNullable && parameter.DefaultValueLiteral is null;
            input.Add(parameter.Key, parameter.Schema, policy, isRequired);
        }

        return input;
    }

    private static ObjectSchema OutputObject(WorkerModel worker, IReadOnlyDictionary<string, int> namingPolicies)
    {
        var output = new ObjectSchema();
        var returned = worker.Return;
        if (returned.Value is null || returned.Schema is null)
        {
            return output;
        }

        var policy = NamingPolicyOf(returned.Value, namingPolicies);
        if (returned.OutputKey is null && returned.Schema.Type == "object")
        {
            // A value written as a JSON object is the output itself (WorkerOutput.Complete).
            output.Merge(returned.Schema, policy);
            output.Description = returned.Schema.Description;
            if (returned.Schema.Properties.Count == 0 && returned.Schema.AdditionalProperties is null)
            {
                output.AdditionalProperties = (SchemaModel.Any, policy);
            }

            return output;
        }

        if (returned.OutputKey is null && returned.Schema.Type is null)
        {
            // JsonElement or JsonNode: an object is the output itself, anything else goes under "result".
            output.AdditionalProperties = (SchemaModel.Any, policy);
            return output;
        }

        output.Add(returned.OutputKey ?? "result", returned.Schema, policy, isRequired: true);
        return output;
    }

    /// <summary>The naming policy of the JSON context that reads or writes a type (or its elements).</summary>
    private static int NamingPolicyOf(TypeModel type, IReadOnlyDictionary<string, int> namingPolicies)
    {
        for (var current = type; current is not null; current = current.Element)
        {
            if (current.JsonContext is { } context && namingPolicies.TryGetValue(context, out var policy))
            {
                return policy;
            }
        }

        return JsonNamingPolicies.Unspecified;
    }

    private static string PropertyName(SchemaPropertyModel property, int namingPolicy) =>
        property.ExplicitName ?? JsonNamingPolicies.Apply(namingPolicy, property.ClrName);

    /// <param name="nameJson">The schema's name as a JSON string.</param>
    private static void SchemaDefinition(JsonTextBuilder json, string member, string nameJson, ObjectSchema schema, string? description, SchemaCatalog? schemas)
    {
        json.PropertyName(member).StartObject();
        json.PropertyName("name").Raw(nameJson);
        json.PropertyName("version").Number(1);
        json.PropertyName("type").String("JSON");
        json.PropertyName("data").StartObject();
        json.PropertyName("$schema").String(SchemaDialect);
        if ((description ?? schema.Description) is { } text)
        {
            json.PropertyName("description").String(text);
        }

        json.PropertyName("type").String("object");
        json.PropertyName("properties").StartObject();
        foreach (var (propertyName, propertySchema, policy) in schema.Properties)
        {
            json.PropertyName(propertyName);
            Schema(json, propertySchema, policy, schemas);
        }

        json.EndObject();
        Keys(json, "required", schema.Required);
        if (schema.AdditionalProperties is { } additional)
        {
            json.PropertyName("additionalProperties");
            Schema(json, additional.Schema, additional.NamingPolicy, schemas);
        }

        json.EndObject();
        json.EndObject();
    }

    private static void Schema(JsonTextBuilder json, SchemaModel schema, int namingPolicy, SchemaCatalog? schemas, bool share = true)
    {
        if (schema.EnumValues.Count > 0 && (namingPolicy & JsonNamingPolicies.OptionsConvertEnums) != 0)
        {
            // Inside a type whose context's options convert enums: that converter decides, so the
            // schema says any value rather than names the converter may not read.
            schema = SchemaModel.Any with { Description = schema.Description };
        }

        if (share && schemas is not null && (schema.Properties.Count > 0 || schema.EnumValues.Count > 0))
        {
            // The members after "{" are the same wherever the type appears; only a description differs.
            var shared = new JsonTextBuilder();
            Schema(shared, schema with { Description = null }, namingPolicy, schemas, share: false);
            var members = schema.Description is { } text
                ? JsonTextBuilder.Quote("description") + ":" + JsonTextBuilder.Quote(text) + ","
                : "";
            json.Raw("{" + members + schemas.Reference(shared.ToString().Substring(1)));
            return;
        }

        json.StartObject();
        if (schema.Description is { } description)
        {
            json.PropertyName("description").String(description);
        }

        if (schema.Type is { } type)
        {
            json.PropertyName("type");
            if (schema.IsNullable)
            {
                json.StartArray().String(type).String("null").EndArray();
            }
            else
            {
                json.String(type);
            }
        }

        if (schema.Format is { } format)
        {
            json.PropertyName("format").String(format);
        }

        if (schema.EnumValues.Count > 0)
        {
            json.PropertyName("enum").StartArray();
            foreach (var value in schema.EnumValues)
            {
                json.String(value);
            }

            if (schema.IsNullable)
            {
                json.Literal("null");
            }

            json.EndArray();
        }

        if (schema.Minimum is { } minimum)
        {
            json.PropertyName("minimum").Literal(minimum);
        }

        if (schema.Maximum is { } maximum)
        {
            json.PropertyName("maximum").Literal(maximum);
        }

        foreach (var keyword in schema.Keywords)
        {
            json.PropertyName(keyword.Name).Literal(keyword.JsonValue);
        }

        if (schema.Items is { } items)
        {
            json.PropertyName("items");
            Schema(json, items, namingPolicy, schemas);
        }

        if (schema.AdditionalProperties is { } additional)
        {
            json.PropertyName("additionalProperties");
            Schema(json, additional, namingPolicy, schemas);
        }

        if (schema.Properties.Count > 0)
        {
            json.PropertyName("properties").StartObject();
            foreach (var property in schema.Properties)
            {
                json.PropertyName(PropertyName(property, namingPolicy));
                Schema(json, property.Schema, namingPolicy, schemas);
            }

            json.EndObject();
            Keys(json, "required", schema.Properties.Where(property => property.IsRequired).Select(property => PropertyName(property, namingPolicy)).ToList());
        }

        json.EndObject();
    }

    private static void Keys(JsonTextBuilder json, string member, IEnumerable<string> keys)
    {
        var list = keys.ToList();
        if (member == "required" && list.Count == 0)
        {
            return;
        }

        json.PropertyName(member).StartArray();
        foreach (var key in list)
        {
            json.String(key);
        }

        json.EndArray();
    }

    private static void Number(JsonTextBuilder json, string member, int? value)
    {
        if (value is { } number)
        {
            json.PropertyName(member).Number(number);
        }
    }

    private static void Text(JsonTextBuilder json, string member, string? value)
    {
        if (value is not null)
        {
            json.PropertyName(member).String(value);
        }
    }
}
