using System.Text.Json;

namespace Conductor.Generated.Tests.Binding;

/// <summary>
/// Enums inside types of the user's JSON context are bound by name, as the generated input
/// schema declares them (string enums), without the user setting UseStringEnumConverter.
/// </summary>
public sealed class NestedEnumBindingTests
{
    [Theory]
    [InlineData("express", "Express")]
    [InlineData("EXPRESS", "Express")]
    [InlineData("next-day", "next-day")]
    [InlineData("1", "Express")]
    [InlineData("\"1\"", "Express")]
    public async Task An_enum_property_of_a_record_accepts_the_names_the_schema_lists_and_defined_numbers(string priority, string expected)
    {
        var input = priority.StartsWith('"') || char.IsAsciiDigit(priority[0])
            ? "{\"order\":{\"id\":\"o-1\",\"priority\":" + priority + "}}"
            : "{\"order\":{\"id\":\"o-1\",\"priority\":\"" + priority + "\"}}";

        var output = await InvokerHarness.OutputOfAsync(Workers.Named("nested_enum_ship"), input);

        Assert.Equal(expected, output.GetProperty("priority").ToString());
    }

    // The rule of enum parameters (EnumReader): a number of no member is refused, as a number or a string.
    [Theory]
    [InlineData("""{"order":{"id":"o-5","priority":42}}""", "'42' is not a defined member of ShippingPriority")]
    [InlineData("""{"order":{"id":"o-5","priority":"42"}}""", "'42' is not a defined member of ShippingPriority")]
    [InlineData("""{"order":{"id":"o-5","priority":"Standard","fallbacks":[0,3]}}""", "'3' is not a defined member of ShippingPriority")]
    [InlineData("""{"order":{"id":"o-5","priority":"Standard","byRegion":{"eu":-1}}}""", "'-1' is not a defined member of ShippingPriority")]
    [InlineData("""{"order":{"id":"o-5","priority":1.5}}""", "at '$.priority'")]
    public async Task A_number_of_no_member_inside_a_record_is_a_binding_error(string input, string expected)
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("nested_enum_ship"), input);

        Assert.StartsWith("Input 'order' (parameter 'order')", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_converter_in_the_contexts_options_decides_instead_of_the_rule()
    {
        // JsonStringEnumConverter in the options, as UseStringEnumConverter puts it: any number is read.
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("nested_enum_ship_own_options"), """{"order":{"id":"o-6","priority":42}}""");

        Assert.Equal(42, output.GetProperty("priority").GetInt32());

        // And the schema says any value there, rather than names that converter is not held to.
        using var definition = JsonDocument.Parse(Workers.Named("nested_enum_ship_own_options").TaskDefinitionJson!);
        var order = definition.RootElement.GetProperty("inputSchema").GetProperty("data").GetProperty("properties").GetProperty("order").GetProperty("properties");
        Assert.False(order.GetProperty("priority").TryGetProperty("type", out _));
        Assert.False(order.GetProperty("priority").TryGetProperty("enum", out _));
    }

    [Fact]
    public async Task Enums_in_lists_dictionaries_and_nullables_inside_a_record_accept_names_too()
    {
        var output = await InvokerHarness.OutputOfAsync(
            Workers.Named("nested_enum_ship"),
            """{"order":{"id":"o-2","priority":"standard","fallbacks":["Express","next-day"],"byRegion":{"eu":"express"},"upgrade":"Express"}}""");

        InvokerHarness.AssertJsonEqual("""{"id":"o-2","priority":"Express","fallbacks":2,"carrier":0}""", output);
    }

    [Fact]
    public async Task An_enum_with_its_own_converter_is_read_as_that_converter_says()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("nested_enum_ship"), """{"order":{"id":"o-3","priority":"Standard","carrier":1}}""");

        Assert.Equal(1, output.GetProperty("carrier").GetInt32());
    }

    [Fact]
    public async Task A_name_the_enum_does_not_have_is_a_binding_error_naming_the_input()
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("nested_enum_ship"), """{"order":{"id":"o-4","priority":"overnight"}}""");

        Assert.StartsWith("Input 'order' (parameter 'order')", error, StringComparison.Ordinal);
        Assert.Contains("priority", error, StringComparison.Ordinal); // the JSON path of the bad value
    }

    [Fact]
    public void The_input_schema_lists_the_names_the_binding_accepts_and_says_nothing_where_a_converter_of_the_users_decides()
    {
        using var definition = JsonDocument.Parse(Workers.Named("nested_enum_ship").TaskDefinitionJson!);
        var order = definition.RootElement.GetProperty("inputSchema").GetProperty("data").GetProperty("properties").GetProperty("order").GetProperty("properties");

        Assert.Equal(["Standard", "Express", "next-day"], order.GetProperty("priority").GetProperty("enum").EnumerateArray().Select(name => name.GetString()));
        Assert.Equal(["Standard", "Express", "next-day"], order.GetProperty("fallbacks").GetProperty("items").GetProperty("enum").EnumerateArray().Select(name => name.GetString()));
        Assert.False(order.GetProperty("carrier").TryGetProperty("type", out _)); // any value: JsonNumberEnumConverter decides
    }
}
