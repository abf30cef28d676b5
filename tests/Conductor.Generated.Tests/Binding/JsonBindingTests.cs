namespace Conductor.Generated.Tests.Binding;

/// <summary>JSON DOM parameters, types of the user's JSON context, and <c>[TaskInput]</c>.</summary>
public sealed class JsonBindingTests
{
    [Theory]
    [InlineData("echo_element", "{\"a\":[1,{\"b\":null}]}", """{"a":[1,{"b":null}]}""")]
    [InlineData("echo_element", "[1,\"x\"]", """{"result":[1,"x"]}""")]
    [InlineData("echo_element", "null", """{"result":null}""")]
    [InlineData("echo_element", "\"text\"", """{"result":"text"}""")]
    [InlineData("echo_node", "{\"a\":1}", """{"a":1}""")]
    [InlineData("echo_node", "2.5", """{"result":2.5}""")]
    [InlineData("echo_object", "{\"nested\":{\"x\":true}}", """{"nested":{"x":true}}""")]
    [InlineData("echo_array", "[1,[2]]", """{"result":[1,[2]]}""")]
    public async Task Json_values_pass_through_unchanged_and_objects_become_the_output(string taskName, string inputValue, string expectedOutput)
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named(taskName), $$"""{"value":{{inputValue}}}""");

        InvokerHarness.AssertJsonEqual(expectedOutput, output);
    }

    [Theory]
    [InlineData("echo_node", "null", "a JSON value other than null, got null")]
    [InlineData("echo_object", "[1]", "an object, got an array [1]")]
    [InlineData("echo_array", "{}", "an array, got an object {}")]
    public async Task Json_values_of_the_wrong_kind_are_errors(string taskName, string inputValue, string expectedAndActual)
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named(taskName), $$"""{"value":{{inputValue}}}""");

        Assert.Equal($"Input 'value' (parameter 'value'): expected {expectedAndActual}.", error);
    }

    [Fact]
    public async Task A_json_element_parameter_without_its_key_is_an_error()
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("echo_element"), "{}");

        Assert.Equal("Input 'value' (parameter 'value'): the key is missing from inputData; expected any JSON value.", error);
    }

    [Fact]
    public async Task A_type_of_the_json_context_is_read_with_the_context_options()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("echo_addresses"), """{"value":[{"City":"Oslo","STREET":"Main"}]}""");

        // JsonSerializerDefaults.Web: property names match in any case, and output is camelCase.
        InvokerHarness.AssertJsonEqual("""{"result":[{"city":"Oslo","street":"Main"}]}""", output);
    }

    [Fact]
    public async Task A_json_error_inside_a_context_type_names_the_element_and_the_path_inside_it()
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("echo_addresses"), """{"value":[{"city":"Oslo"},{"city":5}]}""");

        Assert.StartsWith(
            "Input 'value[1]' (parameter 'value'): expected an object (Address), got an object {\"city\":5} that does not fit it at '$.city': ",
            error,
            StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exception_from_the_constructor_of_a_context_type_is_a_binding_error()
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("echo_percentage"), """{"value":{"value":250}}""");

        Assert.Equal(
            "Input 'value' (parameter 'value'): expected an object (Percentage), got an object {\"value\":250} that does not fit it: 250 is not a percentage.",
            error);
    }

    [Fact]
    public async Task A_context_type_whose_constructor_accepts_the_input_is_bound()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("echo_percentage"), """{"value":{"value":25}}""");

        InvokerHarness.AssertJsonEqual("""{"result":25}""", output);
    }

    [Fact]
    public async Task A_context_type_given_a_scalar_is_an_error()
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("echo_addresses"), """{"value":["Oslo"]}""");

        Assert.StartsWith("Input 'value[0]' (parameter 'value'): expected an object (Address), got the string \"Oslo\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Task_input_binds_the_whole_input_object()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("ship"), """{"id":"s-1","destination":{"city":"Paris"},"parcels":2}""");

        InvokerHarness.AssertJsonEqual("""{"result":"s-1 to Paris in 2"}""", output);
    }

    [Fact]
    public async Task Task_input_errors_name_the_whole_input()
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("ship"), """{"id":"s-1","destination":{"city":"Paris"},"parcels":"two"}""");

        Assert.StartsWith(
            "Input (parameter 'shipment', the whole inputData): expected an object (Shipment), got an object {\"id\":\"s-1\",\"destination\":{\"city\":\"Paris… that does not fit it at '$.parcels': ",
            error,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task Task_input_can_be_a_dictionary_of_json_values()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("whole_input_as_dictionary"), """{"a":1,"b":[2],"c":null}""");

        InvokerHarness.AssertJsonEqual("""{"result":3}""", output);
    }
}

/// <summary>A type missing from the context the generated code names: a clear error, never a reflection-based read.</summary>
public sealed class MissingJsonMetadataTests
{
    private sealed record NotInTheContext(string Name);

    [Fact]
    public void A_type_the_context_does_not_declare_is_a_clear_error_naming_the_type_and_the_fix()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Conductor.Generated.Binding.JsonContexts.GetTypeInfo<NotInTheContext>(BindingTestJsonContext.Default));

        Assert.Equal(
            "The JSON context BindingTestJsonContext has no metadata for NotInTheContext; add [JsonSerializable(typeof(NotInTheContext))] to it.",
            error.Message);
    }
}
