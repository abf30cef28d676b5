namespace Conductor.Generated.Tests.Binding;

/// <summary>Unusual but legal signatures: each compiles with no diagnostic and binds the values it should.</summary>
public sealed class SignatureBindingTests
{
    [Fact]
    public async Task Char_half_float_dates_times_uris_versions_and_base64_bytes_are_bound()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("sig_scalars"), """
            {"letter":"q","half":"1.5","ratio":0.25,"day":"2024-02-29","time":"13:45:30","link":"https://example.com/a?b=c",
             "version":"1.2.3","bytes":"AQID"}
            """);

        InvokerHarness.AssertJsonEqual("""{"result":"q|1.5|0.25|2024-02-29|13:45:30|https://example.com/a?b=c|1.2.3|010203"}""", output);
    }

    [Theory]
    [InlineData("sig_echo_bytes", "bytes", "\"AQID\"", "\"AQID\"")]
    [InlineData("sig_echo_bytes", "bytes", "[1,2,3]", "\"AQID\"")]
    [InlineData("sig_echo_bytes", "bytes", "\"\"", "\"\"")]
    [InlineData("sig_echo_date", "day", "\"2024-02-29\"", "\"2024-02-29\"")]
    [InlineData("sig_echo_time", "time", "\"07:05\"", "\"07:05:00\"")]
    [InlineData("sig_echo_time", "time", "\"23:59:59.25\"", "\"23:59:59.25\"")]
    [InlineData("sig_echo_char", "letter", "\"\\u00e9\"", "\"\\u00e9\"")]
    [InlineData("sig_echo_uri", "link", "\"relative/path\"", "\"relative/path\"")]
    [InlineData("sig_echo_version", "version", "\"10.0.1.2\"", "\"10.0.1.2\"")]
    [InlineData("sig_echo_version", "version", "null", "null")]
    [InlineData("sig_echo_half", "half", "-65504", "-65504")]
    [InlineData("sig_echo_half", "half", "\"Infinity\"", "\"Infinity\"")]
    [InlineData("sig_echo_set", "values", "[3,1,3,2]", "[3,1,2]")]
    [InlineData("sig_echo_immutable", "levels", "[\"high\",\"Low\"]", "[\"High\",\"Low\"]")]
    [InlineData("sig_echo_optional_immutable", "numbers", "[1,2]", "[1,2]")]
    [InlineData("sig_echo_optional_immutable", "numbers", "null", "null")]
    public async Task A_value_of_a_newly_supported_type_round_trips(string taskName, string key, string inputValue, string expectedResult)
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named(taskName), $$"""{"{{key}}":{{inputValue}}}""");

        InvokerHarness.AssertJsonEqual($$"""{"result":{{expectedResult}}}""", output);
    }

    [Theory]
    [InlineData("sig_echo_char", "letter", "\"ab\"", "a string of one character")]
    [InlineData("sig_echo_char", "letter", "\"\"", "a string of one character")]
    [InlineData("sig_echo_bytes", "bytes", "\"not base64!\"", "a base64 string or an array of bytes")]
    [InlineData("sig_echo_bytes", "bytes", "[1,256]", "a base64 string or an array of bytes")]
    [InlineData("sig_echo_date", "day", "\"2024-02-30\"", "an ISO-8601 date")]
    [InlineData("sig_echo_date", "day", "\"2024-02-28T10:00:00\"", "an ISO-8601 date")]
    [InlineData("sig_echo_time", "time", "\"25:00\"", "a time of day")]
    [InlineData("sig_echo_version", "version", "\"one\"", "a version")]
    [InlineData("sig_echo_version", "version", "\"1\"", "a version")]
    [InlineData("sig_echo_version", "version", "\"1.2.3-beta\"", "a version")]
    [InlineData("sig_echo_version", "version", "\" 1.2\"", "a version")]
    [InlineData("sig_echo_version", "version", "\"1234567890.1\"", "a version")]
    [InlineData("sig_echo_half", "half", "70000", "a number from -65504 to 65504")]
    [InlineData("sig_echo_uri", "link", "42", "a URI string")]
    [InlineData("sig_echo_set", "values", "{}", "an array")]
    public async Task A_value_that_does_not_fit_a_newly_supported_type_is_a_binding_error(string taskName, string key, string inputValue, string expected)
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named(taskName), $$"""{"{{key}}":{{inputValue}}}""");

        Assert.Contains(key, error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_only_dictionaries_immutable_arrays_sequences_sets_and_nested_collections_are_bound()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("sig_collections"), """
            {"counts":{"a":1,"b":2},"numbers":[1,2,3],"words":["x","y"],"tags":["t","t","u"],"levels":["Low","High","low"],
             "nested":[{"p":[1,2]},{"q":[3],"r":[]}]}
            """);

        InvokerHarness.AssertJsonEqual("""{"result":"2|6|x,y|2|2|3"}""", output);
    }

    [Fact]
    public async Task A_params_array_is_bound_from_a_json_array()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("sig_params"), """{"values":[1,2,3]}""");

        InvokerHarness.AssertJsonEqual("""{"result":6}""", output);
    }

    [Fact]
    public async Task In_parameters_are_bound_like_any_other()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("sig_in"), """{"day":"2024-12-31","offset":1}""");

        InvokerHarness.AssertJsonEqual("""{"result":"2024-12-31+1"}""", output);
    }

    [Fact]
    public async Task Every_kind_of_constant_default_applies_when_the_key_is_missing()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("sig_defaults"), "{}");

        InvokerHarness.AssertJsonEqual("""{"result":"High|null|0|null|x|NaN|0|0001-01-01|null"}""", output);
    }

    [Fact]
    public async Task Records_with_primary_constructors_and_required_init_members_are_bound_through_their_json_context()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("sig_records"), """
            {"customer":{"name":"Ada","age":36,"nickname":"Countess"},"invoice":{"number":"F-1","total":12.5}}
            """);

        InvokerHarness.AssertJsonEqual("""{"result":"Ada/36/Countess|F-1/12.5"}""", output);
    }

    [Fact]
    public async Task A_missing_required_member_of_a_user_type_is_a_binding_error()
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("sig_records"), """
            {"customer":{"name":"Ada","age":36},"invoice":{"number":"F-1"}}
            """);

        Assert.Contains("invoice", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_parameters_may_read_the_same_key_each_as_its_own_type()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("sig_same_key"), """{"amount":"42"}""");

        InvokerHarness.AssertJsonEqual("""{"result":"42|42"}""", output);
    }

    [Fact]
    public async Task Keyword_parameter_names_are_keys_without_the_at_sign()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("sig_keywords"), """{"class":"c","event":2,"params":true}""");

        InvokerHarness.AssertJsonEqual("""{"result":"c|2|True"}""", output);
    }

    [Theory]
    [InlineData("sig_overload_number", "7", "number 7")]
    [InlineData("sig_overload_text", "\"seven\"", "text seven")]
    [InlineData("sig_nested", "\"x\"", "nested x")]
    [InlineData("sig_partial", "\"x\"", "partial x")]
    [InlineData("sig_other_namespace", "\"x\"", "elsewhere x")]
    public async Task Overloads_nested_types_partial_classes_and_other_namespaces_each_get_their_worker(string taskName, string value, string expected)
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named(taskName), $$"""{"value":{{value}}}""");

        InvokerHarness.AssertJsonEqual($$"""{"result":"{{expected}}"}""", output);
    }
}
