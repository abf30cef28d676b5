namespace Conductor.Generated.Tests.Binding;

/// <summary>Arrays, lists and dictionaries: their elements bind like parameters, and errors name the element.</summary>
public sealed class CollectionBindingTests
{
    [Theory]
    [InlineData("echo_int_array", "[1,\"2\",3.0]", """{"result":[1,2,3]}""")]
    [InlineData("echo_int_array", "[]", """{"result":[]}""")]
    [InlineData("echo_string_list", "[\"a\",\"b\"]", """{"result":["a","b"]}""")]
    [InlineData("echo_color_list", "[\"red\",5,\"BLUE\"]", """{"result":["Red","Green","Blue"]}""")]
    [InlineData("echo_nullable_elements", "[null,\"a\"]", """{"result":[null,"a"]}""")]
    [InlineData("echo_grid", "[[1],[2,3],[]]", """{"result":[[1],[2,3],[]]}""")]
    [InlineData("echo_addresses", "[{\"city\":\"Oslo\"}]", """{"result":[{"city":"Oslo","street":null}]}""")]
    public async Task Sequences_bind_each_element_and_are_returned_as_arrays_under_result(string taskName, string inputValue, string expectedOutput)
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named(taskName), $$"""{"value":{{inputValue}}}""");

        InvokerHarness.AssertJsonEqual(expectedOutput, output);
    }

    [Fact]
    public async Task A_dictionary_binds_each_value_and_becomes_the_output_object_itself()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("echo_counts"), """{"value":{"apples":1,"pears":"2"}}""");

        InvokerHarness.AssertJsonEqual("""{"apples":1,"pears":2}""", output);
    }

    [Fact]
    public async Task A_dictionary_of_lists_of_enums_round_trips()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("echo_groups"), """{"value":{"warm":["red"],"none":[]}}""");

        InvokerHarness.AssertJsonEqual("""{"warm":["Red"],"none":[]}""", output);
    }

    [Fact]
    public async Task Every_bad_element_is_reported_with_its_index()
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("echo_int_array"), """{"value":[1,"x",true]}""");

        Assert.Equal(
            "Input 'value[1]' (parameter 'value'): expected an integer from -2147483648 to 2147483647, got the string \"x\".\n"
            + "Input 'value[2]' (parameter 'value'): expected an integer from -2147483648 to 2147483647, got true.",
            error);
    }

    [Fact]
    public async Task A_null_element_where_the_element_type_is_not_nullable_is_an_error()
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("echo_string_list"), """{"value":["a",null]}""");

        Assert.Equal("Input 'value[1]' (parameter 'value'): expected a string, got null.", error);
    }

    [Fact]
    public async Task Nested_errors_name_the_full_path()
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("echo_grid"), """{"value":[[1],[2,"three"]]}""");

        Assert.Equal("Input 'value[1][1]' (parameter 'value'): expected an integer from -2147483648 to 2147483647, got the string \"three\".", error);
    }

    [Fact]
    public async Task Dictionary_errors_name_the_key_and_quote_keys_that_are_not_plain_names()
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("echo_groups"), """{"value":{"warm":["red","hot"],"a b":[1]}}""");

        Assert.Equal(
            "Input 'value.warm[1]' (parameter 'value'): expected one of Red, Green, Blue (or its number), got the string \"hot\".\n"
            + "Input 'value[\"a b\"][0]' (parameter 'value'): expected one of Red, Green, Blue (or its number), got the number 1.",
            error);
    }

    [Theory]
    [InlineData("echo_int_array", "{\"a\":1}", "an array, got an object {\"a\":1}")]
    [InlineData("echo_counts", "[1]", "an object, got an array [1]")]
    [InlineData("echo_string_list", "\"a,b\"", "an array, got the string \"a,b\"")]
    public async Task A_collection_of_the_wrong_shape_is_an_error(string taskName, string inputValue, string expectedAndActual)
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named(taskName), $$"""{"value":{{inputValue}}}""");

        Assert.Equal($"Input 'value' (parameter 'value'): expected {expectedAndActual}.", error);
    }

    [Fact]
    public async Task Many_errors_are_cut_to_the_length_conductor_shows_and_counted()
    {
        var values = string.Join(",", Enumerable.Repeat("\"bad\"", 100));

        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("many_numbers"), $$"""{"values":[{{values}}]}""");

        Assert.True(error.Length <= 500, $"{error.Length} characters");
        Assert.StartsWith("Input 'values[0]' (parameter 'values'): expected an integer", error, StringComparison.Ordinal);
        var shown = error.Split('\n').Count(line => line.StartsWith("Input ", StringComparison.Ordinal));
        Assert.EndsWith($"\n(and {100 - shown} more input errors)", error, StringComparison.Ordinal);
    }
}
