namespace Conductor.Generated.Tests.Binding;

/// <summary>How keys are matched, and what a missing key or a JSON null gives.</summary>
public sealed class KeyNullAndDefaultTests
{
    [Fact]
    public async Task A_key_that_differs_only_in_case_is_found()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("echo_string"), """{"VALUE":"shouted"}""");

        InvokerHarness.AssertJsonEqual("""{"result":"shouted"}""", output);
    }

    [Fact]
    public async Task An_exact_key_wins_over_one_that_differs_in_case()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("echo_string"), """{"Value":"other case","value":"exact"}""");

        InvokerHarness.AssertJsonEqual("""{"result":"exact"}""", output);
    }

    [Fact]
    public async Task A_missing_key_without_default_is_an_error_naming_what_was_expected()
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("echo_int32"), """{"other":1}""");

        Assert.Equal("Input 'value' (parameter 'value'): the key is missing from inputData; expected an integer from -2147483648 to 2147483647.", error);
    }

    [Fact]
    public async Task Null_for_a_parameter_that_is_neither_nullable_nor_optional_is_an_error()
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("echo_string"), """{"value":null}""");

        Assert.Equal("Input 'value' (parameter 'value'): expected a string, got null.", error);
    }

    [Theory]
    [InlineData("echo_nullable_int", "{}", "null")]
    [InlineData("echo_nullable_int", """{"value":null}""", "null")]
    [InlineData("echo_nullable_int", """{"value":"12"}""", "12")]
    [InlineData("echo_nullable_string", "{}", "null")]
    [InlineData("echo_nullable_string", """{"value":null}""", "null")]
    [InlineData("echo_nullable_string", """{"value":"set"}""", "\"set\"")]
    [InlineData("echo_nullable_color", """{"value":null}""", "null")]
    [InlineData("echo_nullable_color", """{"value":"red"}""", "\"Red\"")]
    [InlineData("echo_nullable_address", "{}", "null")]
    public async Task A_nullable_parameter_gets_null_when_the_key_is_missing_or_null(string taskName, string input, string expectedResult)
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named(taskName), input);

        InvokerHarness.AssertJsonEqual($$"""{"result":{{expectedResult}}}""", output);
    }

    [Fact]
    public async Task A_nullable_address_that_is_present_is_returned_as_the_output_object()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("echo_nullable_address"), """{"value":{"city":"Rome"}}""");

        InvokerHarness.AssertJsonEqual("""{"city":"Rome","street":null}""", output);
    }

    [Fact]
    public async Task Missing_keys_take_the_default_values()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("defaults"), "{}");

        InvokerHarness.AssertJsonEqual("""{"result":"3|none|Green|7|null"}""", output);
    }

    [Fact]
    public async Task Null_gives_the_default_of_a_non_nullable_parameter_and_null_to_a_nullable_one()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("defaults"), """{"count":null,"label":null,"color":null,"maybe":null,"note":null}""");

        InvokerHarness.AssertJsonEqual("""{"result":"3|none|Green|null|null"}""", output);
    }

    [Fact]
    public async Task Present_values_replace_the_defaults()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("defaults"), """{"count":"9","label":"set","color":"red","maybe":1,"note":"n"}""");

        InvokerHarness.AssertJsonEqual("""{"result":"9|set|Red|1|n"}""", output);
    }

    [Fact]
    public async Task A_present_value_of_the_wrong_kind_is_an_error_even_with_a_default()
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("defaults"), """{"count":"lots"}""");

        Assert.Equal("Input 'count' (parameter 'count'): expected an integer from -2147483648 to 2147483647, got the string \"lots\".", error);
    }

    [Fact]
    public async Task Task_context_and_cancellation_token_are_passed_through()
    {
        using var cancellation = new CancellationTokenSource();
        var result = await Workers.Named("special_parameters").Invoker(InvokerHarness.ContextFor("""{"label":"L"}"""), cancellation.Token);

        InvokerHarness.AssertJsonEqual("""{"result":"L:task-1:True"}""", InvokerHarness.Parse(result));
    }

    [Fact]
    public async Task Every_missing_key_is_reported_in_parameter_order()
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("three_required"), "{}");

        Assert.Equal(
            "Input 'first' (parameter 'first'): the key is missing from inputData; expected an integer from -2147483648 to 2147483647.\n"
            + "Input 'second' (parameter 'second'): the key is missing from inputData; expected a GUID string.\n"
            + "Input 'third' (parameter 'third'): the key is missing from inputData; expected an ISO-8601 date and time or epoch milliseconds.",
            error);
    }

    [Fact]
    public async Task An_input_that_is_not_an_object_binds_as_if_it_were_empty()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("defaults"), "[1,2]");

        InvokerHarness.AssertJsonEqual("""{"result":"3|none|Green|7|null"}""", output);
    }
}

/// <summary>Code without <c>#nullable enable</c>: every reference type is taken as nullable.</summary>
public sealed class ObliviousBindingTests
{
    [Theory]
    [InlineData("{}", "no text/no items")]
    [InlineData("""{"text":null,"items":[null,"a"]}""", "no text/null,a")]
    [InlineData("""{"text":"t","items":[]}""", "t/")]
    public async Task Missing_and_null_values_bind_as_null(string input, string expected)
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("oblivious_text"), input);

        Assert.Equal(expected, output.GetProperty("result").GetString());
    }
}
