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
    public async Task An_enum_property_of_a_record_accepts_the_names_the_schema_lists(string priority, string expected)
    {
        var input = priority == "1" ? """{"order":{"id":"o-1","priority":1}}""" : "{\"order\":{\"id\":\"o-1\",\"priority\":\"" + priority + "\"}}";

        var output = await InvokerHarness.OutputOfAsync(Workers.Named("nested_enum_ship"), input);

        Assert.Equal(expected, output.GetProperty("priority").ToString());
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
