using System.Text.Json;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Conductor.Generated.Generator.Tests;

/// <summary>What the generated task definition JSON holds: settings, keys and the input and output schemas.</summary>
public sealed class TaskDefinitionJsonTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Serialization;
        using Conductor.Generated;

        namespace Sample;

        public enum Priority { Low, High, [JsonStringEnumMemberName("urgent!")] Urgent }

        /// <summary>Where a parcel goes.</summary>
        /// <param name="StreetName">The street and number.</param>
        public sealed record ShippingAddress(string StreetName, string? PostCode);

        public sealed class OrderLine
        {
            /// <summary>The stock keeping unit.</summary>
            public required string SKU { get; init; }

            [JsonPropertyName("qty")]
            public int Quantity { get; set; }

            [JsonIgnore]
            public string Secret { get; set; } = "";

            public OrderLine? Replacement { get; set; }
        }

        public sealed record Shipment(Guid TrackingId, DateTimeOffset ShippedAt, List<OrderLine> Lines);

        public static class Jobs
        {
            /// <summary>Ships an order to its address.</summary>
            /// <param name="orderId">The order to ship.</param>
            /// <param name="address">Where it goes.</param>
            /// <returns>The shipment.</returns>
            [WorkerTask("ship")]
            [TaskDefinition(RetryCount = 5, RetryLogic = TaskRetryLogic.ExponentialBackoff, RetryDelaySeconds = 2, TimeoutSeconds = 600,
                ResponseTimeoutSeconds = 120, TotalTimeoutSeconds = 3000, TimeoutPolicy = TaskTimeoutAction.Retry, ConcurrentExecLimit = 10,
                RateLimitPerFrequency = 50, RateLimitFrequencyInSeconds = 30, OwnerEmail = "shipping@example.com", BackoffScaleFactor = 2)]
            public static Shipment Ship(
                Guid orderId, ShippingAddress address, Priority priority = Priority.Low, int? weight = null, DateTime? day = null,
                string[]? tags = null, Dictionary<string, double>? prices = null, IEnumerable<TimeSpan>? waits = null, byte[]? label = null,
                [InputParam("max_items")] byte maxItems = 3, TaskContext? context = null)
                => throw new NotImplementedException();

            [WorkerTask("count")]
            [TaskDefinition(Description = "Counts things.")]
            [return: OutputParam("total")]
            public static long Count(List<List<int>> grid) => 0;

            [WorkerTask("echo")]
            public static int Echo() => 0;

            [WorkerTask("nothing")]
            public static void Nothing([TaskInput] ShippingAddress whole) { }
        }

        [JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
        [JsonSerializable(typeof(ShippingAddress))]
        [JsonSerializable(typeof(Shipment))]
        internal partial class WebContext : JsonSerializerContext;
        """;

    private static readonly Lazy<Dictionary<string, JsonElement>> Definitions = new(() => ReadDefinitions(Source));

    [Fact]
    public void Settings_of_the_attribute_are_written_in_the_server_spelling()
    {
        var ship = Definitions.Value["ship"];

        Assert.Equal("ship", ship.GetProperty("name").GetString());
        Assert.Equal("Ships an order to its address.", ship.GetProperty("description").GetString());
        Assert.Equal(5, ship.GetProperty("retryCount").GetInt32());
        Assert.Equal("EXPONENTIAL_BACKOFF", ship.GetProperty("retryLogic").GetString());
        Assert.Equal(2, ship.GetProperty("retryDelaySeconds").GetInt32());
        Assert.Equal(2, ship.GetProperty("backoffScaleFactor").GetInt32());
        Assert.Equal(600, ship.GetProperty("timeoutSeconds").GetInt32());
        Assert.Equal("RETRY", ship.GetProperty("timeoutPolicy").GetString());
        Assert.Equal(120, ship.GetProperty("responseTimeoutSeconds").GetInt32());
        Assert.Equal(3000, ship.GetProperty("totalTimeoutSeconds").GetInt32());
        Assert.Equal(10, ship.GetProperty("concurrentExecLimit").GetInt32());
        Assert.Equal(50, ship.GetProperty("rateLimitPerFrequency").GetInt32());
        Assert.Equal(30, ship.GetProperty("rateLimitFrequencyInSeconds").GetInt32());
        Assert.Equal("shipping@example.com", ship.GetProperty("ownerEmail").GetString());
        Assert.False(ship.GetProperty("enforceSchema").GetBoolean());
    }

    [Fact]
    public void Settings_that_are_not_set_are_left_to_the_server()
    {
        var echo = Definitions.Value["echo"];

        var names = echo.EnumerateObject().Select(property => property.Name).ToArray();
        Assert.Equal(["name", "inputKeys", "outputKeys", "inputSchema", "outputSchema", "enforceSchema"], names);
        Assert.Equal("Counts things.", Definitions.Value["count"].GetProperty("description").GetString());
    }

    [Fact]
    public void Input_keys_are_the_bound_parameters_and_special_parameters_are_left_out()
    {
        var keys = Definitions.Value["ship"].GetProperty("inputKeys").EnumerateArray().Select(key => key.GetString()!).ToArray();

        Assert.Equal(["orderId", "address", "priority", "weight", "day", "tags", "prices", "waits", "label", "max_items"], keys);
    }

    [Fact]
    public void Parameters_without_a_default_that_cannot_be_null_are_required()
    {
        var schema = InputSchema("ship");

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());
        Assert.Equal("object", schema.GetProperty("type").GetString());
        Assert.Equal(["orderId", "address"], schema.GetProperty("required").EnumerateArray().Select(key => key.GetString()!).ToArray());
        Assert.Equal("Ships an order to its address.", schema.GetProperty("description").GetString());
    }

    [Fact]
    public void Scalar_types_have_json_types_and_formats()
    {
        var properties = InputSchema("ship").GetProperty("properties");

        Assert.Equal("""{"description":"The order to ship.","type":"string","format":"uuid"}""", Compact(properties.GetProperty("orderId")));
        Assert.Equal("""{"type":["integer","null"],"format":"int32"}""", Compact(properties.GetProperty("weight")));
        Assert.Equal("""{"type":["string","null"],"format":"date-time"}""", Compact(properties.GetProperty("day")));
        Assert.Equal("""{"type":"string","enum":["Low","High","urgent!"]}""", Compact(properties.GetProperty("priority")));
        Assert.Equal("""{"type":["array","null"],"items":{"type":"string"}}""", Compact(properties.GetProperty("tags")));
        Assert.Equal("""{"type":["object","null"],"additionalProperties":{"type":"number","format":"double"}}""", Compact(properties.GetProperty("prices")));
        var wait = properties.GetProperty("waits").GetProperty("items");
        Assert.Equal("string", wait.GetProperty("type").GetString());
        // A duration has no format that fits both forms the binder reads: the pattern states them.
        var durationPattern = new System.Text.RegularExpressions.Regex(wait.GetProperty("pattern").GetString()!);
        Assert.All(["01:30:00", "-1.02:00:00.5", "PT1H30M", "P2W", "P1DT0.5S", "-PT5M"], text => Assert.Matches(durationPattern, text));
        Assert.All(["1 hour", "1:30", "P1Y", "P1M", "PT", "pt1h", "25:00:00", "PT1.5H"], text => Assert.DoesNotMatch(durationPattern, text));
        Assert.Equal("""{"type":["string","null"],"contentEncoding":"base64"}""", Compact(properties.GetProperty("label")));
        Assert.Equal("""{"type":"integer","minimum":0,"maximum":255}""", Compact(properties.GetProperty("max_items")));
    }

    [Fact]
    public void User_records_are_objects_named_by_the_naming_policy_of_their_json_context()
    {
        var address = InputSchema("ship").GetProperty("properties").GetProperty("address");

        Assert.Equal(
            """{"description":"Where it goes.","type":"object","properties":{"streetName":{"description":"The street and number.","type":"string"},"postCode":{"type":["string","null"]}}}""",
            Compact(address));
    }

    [Fact]
    public void An_object_return_value_is_the_output_and_its_members_are_the_output_keys()
    {
        var ship = Definitions.Value["ship"];
        var output = ship.GetProperty("outputSchema").GetProperty("data");

        Assert.Equal(["trackingId", "shippedAt", "lines"], ship.GetProperty("outputKeys").EnumerateArray().Select(key => key.GetString()!).ToArray());
        Assert.Equal("The shipment.", output.GetProperty("description").GetString());
        var line = output.GetProperty("properties").GetProperty("lines").GetProperty("items");
        Assert.Equal(["sku", "qty", "replacement"], line.GetProperty("properties").EnumerateObject().Select(property => property.Name).ToArray());
        Assert.Equal(["sku"], line.GetProperty("required").EnumerateArray().Select(key => key.GetString()!).ToArray());
        Assert.Equal("The stock keeping unit.", line.GetProperty("properties").GetProperty("sku").GetProperty("description").GetString());

        // A type that contains itself is described as any value below its first occurrence.
        Assert.Equal("{}", Compact(line.GetProperty("properties").GetProperty("replacement")));
    }

    [Fact]
    public void A_keyed_or_scalar_return_value_is_one_output_key()
    {
        Assert.Equal("""{"total":{"type":"integer","format":"int64"}}""",
            Compact(Definitions.Value["count"].GetProperty("outputSchema").GetProperty("data").GetProperty("properties")));
        Assert.Equal("""{"type":"array","items":{"type":"array","items":{"type":"integer","format":"int32"}}}""",
            Compact(InputSchema("count").GetProperty("properties").GetProperty("grid")));
        Assert.Equal(["result"], Definitions.Value["echo"].GetProperty("outputKeys").EnumerateArray().Select(key => key.GetString()!).ToArray());
        Assert.Empty(Definitions.Value["nothing"].GetProperty("outputKeys").EnumerateArray());
    }

    [Fact]
    public void The_whole_input_bound_to_a_record_spreads_its_members_as_input_keys()
    {
        var nothing = Definitions.Value["nothing"];

        Assert.Equal(["streetName", "postCode"], nothing.GetProperty("inputKeys").EnumerateArray().Select(key => key.GetString()!).ToArray());
    }

    [Fact]
    public void The_table_joins_every_definition_into_one_array()
    {
        var run = GeneratorHarness.Run(Source);
        var table = run.GeneratedSources["ConductorWorkers.g.cs"];

        Assert.Contains("public static string TaskDefinitionsJson", table, StringComparison.Ordinal);
        Assert.Contains("foreach (var worker in All)", table, StringComparison.Ordinal);
        Assert.Contains("public static global::System.Collections.Generic.IReadOnlyList<global::Conductor.Generated.WorkerDefinition> All => Binders.AllWorkers.List;", table, StringComparison.Ordinal);
        Assert.Contains("    Define", run.GeneratedSources["Jobs.g.cs"], StringComparison.Ordinal);
        Assert.Empty(run.GeneratorDiagnostics);
    }

    [Fact]
    public void The_assembly_owner_email_applies_to_workers_that_name_no_owner()
    {
        var definitions = ReadDefinitions(Source, """[assembly: Conductor.Generated.TaskDefinitionOwner("team@example.com")]""");

        Assert.Equal("team@example.com", definitions["echo"].GetProperty("ownerEmail").GetString());
        Assert.Equal("team@example.com", definitions["count"].GetProperty("ownerEmail").GetString());
        Assert.Equal("shipping@example.com", definitions["ship"].GetProperty("ownerEmail").GetString());
    }

    [Fact]
    public void The_assembly_owner_email_is_read_through_a_using_alias()
    {
        // The generator binds the assembly's attributes only when their syntax may name one of its own:
        // an alias names it without its name.
        var definitions = ReadDefinitions(
            Source,
            """
            using Owner = Conductor.Generated.TaskDefinitionOwnerAttribute;
            [assembly: Owner("team@example.com")]
            """);

        Assert.Equal("team@example.com", definitions["echo"].GetProperty("ownerEmail").GetString());
    }

    [Fact]
    public void Workers_of_one_shape_get_each_its_own_name_in_their_definitions()
    {
        // Written once per shape (settings, parameters, return) and given each task name, escaped as JSON.
        const string workers = """
            using Conductor.Generated;

            namespace Sample;

            public static class SameShape
            {
                [WorkerTask("plain")]
                public static string Plain(string text) => text;

                [WorkerTask("quote\"d <name>\\")]
                public static string Quoted(string text) => text;
            }
            """;
        var definitions = ReadDefinitions(workers);

        Assert.Equal(new[] { "plain", "quote\"d <name>\\" }, definitions.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, definition) in definitions)
        {
            Assert.Equal(name + "_input", definition.GetProperty("inputSchema").GetProperty("name").GetString());
            Assert.Equal(name + "_output", definition.GetProperty("outputSchema").GetProperty("name").GetString());
            Assert.Equal(new[] { "text" }, definition.GetProperty("inputKeys").EnumerateArray().Select(key => key.GetString()));
        }
    }

    private static JsonElement InputSchema(string taskName) =>
        Definitions.Value[taskName].GetProperty("inputSchema").GetProperty("data");

    private static string Compact(JsonElement element) => JsonSerializer.Serialize(element);

    /// <summary>The value of each generated task definition (the arguments of the generated <c>WorkerContract</c> attributes, one per class), parsed, by task name.</summary>
    internal static Dictionary<string, JsonElement> ReadDefinitions(params string[] sources)
    {
        var run = GeneratorHarness.Run(sources);
        Assert.Empty(run.GeneratorDiagnostics);
        var definitions = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        var contracts = run.OutputCompilation.Assembly.GetAttributes().Where(attribute => attribute.AttributeClass?.ToDisplayString() == "Conductor.Generated.WorkerContractAttribute");
        foreach (var contract in contracts)
        {
            foreach (var element in JsonDocument.Parse((string)contract.ConstructorArguments.Single().Value!).RootElement.EnumerateArray())
            {
                var json = element.Clone();
                definitions.Add(json.GetProperty("name").GetString()!, json);
            }
        }

        return definitions;
    }
}
