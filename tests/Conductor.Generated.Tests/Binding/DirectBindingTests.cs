using System.Text;
using System.Text.Json;
using Conductor.Generated.Binding;

namespace Conductor.Generated.Tests.Binding;

/// <summary>
/// The generated binders find every key in one pass over <c>inputData</c> and read primitives in
/// their plain form directly (<see cref="InputValues"/>); these tests pin that the rules of
/// <see cref="InputKeys"/> still hold: which of several matching keys wins, the forms each reader
/// accepts beyond the plain one, and that the error list and the output writer kept by a thread
/// carry nothing from one task to the next.
/// </summary>
public sealed class DirectBindingTests
{
    [Theory]
    [InlineData("""{"value":"first","value":"second"}""")]
    [InlineData("""{"VALUE":"shouted","Value":"other case"}""")]
    [InlineData("""{"Value":"other case","value":"exact","VALUE":"shouted"}""")]
    [InlineData("""{"val\u0075e":"escaped"}""")]
    [InlineData("""{"VAL\u0055E":"escaped, other case"}""")]
    [InlineData("""{"other":"x","value":"after another key"}""")]
    public async Task The_value_bound_is_the_one_the_binders_key_lookup_finds(string input)
    {
        using var document = JsonDocument.Parse(input);
        Assert.True(InputKeys.TryFindKey(document.RootElement, "value", out var expected));

        var output = await InvokerHarness.OutputOfAsync(Workers.Named("echo_string"), input);

        Assert.Equal(expected.GetString(), output.GetProperty("result").GetString());
    }

    [Fact]
    public async Task Of_two_exact_keys_the_last_wins()
    {
        // JsonElement.TryGetProperty, which the binder used before the single pass, finds the last.
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("echo_string"), """{"value":"first","value":"second"}""");

        InvokerHarness.AssertJsonEqual("""{"result":"second"}""", output);
    }

    [Fact]
    public async Task Of_two_keys_that_differ_in_case_the_first_wins()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("echo_string"), """{"VALUE":"first","Value":"second"}""");

        InvokerHarness.AssertJsonEqual("""{"result":"first"}""", output);
    }

    [Theory]
    [InlineData("echo_int32", "42", "42")]
    [InlineData("echo_int32", "\"42\"", "42")]
    [InlineData("echo_int32", "42.0", "42")]
    [InlineData("echo_int32", "4.2e1", "42")]
    [InlineData("echo_int32", "-0", "0")]
    [InlineData("echo_int64", "9007199254740993", "9007199254740993")]
    [InlineData("echo_int64", "\"-9223372036854775808\"", "-9223372036854775808")]
    [InlineData("echo_double", "1.5", "1.5")]
    [InlineData("echo_double", "\"NaN\"", "\"NaN\"")]
    [InlineData("echo_decimal", "2.50", "2.50")]
    [InlineData("echo_decimal", "\"2.5\"", "2.5")]
    [InlineData("echo_bool", "true", "true")]
    [InlineData("echo_bool", "\"FALSE\"", "false")]
    [InlineData("echo_guid", "\"0f8fad5b-d9cb-469f-a165-70867728950e\"", "\"0f8fad5b-d9cb-469f-a165-70867728950e\"")]
    [InlineData("echo_guid", "\"{0F8FAD5B-D9CB-469F-A165-70867728950E}\"", "\"0f8fad5b-d9cb-469f-a165-70867728950e\"")]
    [InlineData("echo_guid", "\"0f8fad5bd9cb469fa16570867728950e\"", "\"0f8fad5b-d9cb-469f-a165-70867728950e\"")]
    [InlineData("echo_date_time_offset", "\"2024-05-31T10:00:00+02:00\"", "\"2024-05-31T10:00:00+02:00\"")]
    [InlineData("echo_date_time_offset", "0", "\"1970-01-01T00:00:00+00:00\"")]
    [InlineData("echo_nullable_int", "5", "5")]
    [InlineData("echo_nullable_int", "\"5\"", "5")]
    [InlineData("echo_nullable_string", "\"set\"", "\"set\"")]
    public async Task A_value_binds_in_its_plain_form_and_in_the_others_the_reader_accepts(string taskName, string value, string expected)
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named(taskName), $$"""{"value":{{value}}}""");

        InvokerHarness.AssertJsonEqual($$"""{"result":{{expected}}}""", output);
    }

    [Theory]
    [InlineData("echo_int32", "2147483648", "Input 'value' (parameter 'value'): expected an integer from -2147483648 to 2147483647, got the number 2147483648.")]
    [InlineData("echo_int32", "1.5", "Input 'value' (parameter 'value'): expected an integer from -2147483648 to 2147483647, got the number 1.5.")]
    [InlineData("echo_double", "1e400", "Input 'value' (parameter 'value'): expected a number, got the number 1e400.")]
    [InlineData("echo_bool", "1", "Input 'value' (parameter 'value'): expected true or false, got the number 1.")]
    [InlineData("echo_string", "12", "Input 'value' (parameter 'value'): expected a string, got the number 12.")]
    public async Task A_value_in_no_form_the_reader_accepts_is_an_error_naming_the_parameter(string taskName, string value, string expected)
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named(taskName), $$"""{"value":{{value}}}""");

        Assert.Equal(expected, error);
    }

    [Fact]
    public async Task A_failed_task_leaves_no_error_to_the_next_one_on_the_same_thread()
    {
        var worker = Workers.Named("three_required");
        var first = await InvokerHarness.BindingErrorOfAsync(worker, """{"first":"x","second":"y","third":true}""");
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("echo_int32"), """{"value":"7"}""");
        var second = await InvokerHarness.BindingErrorOfAsync(worker, """{"first":"x","second":"y","third":true}""");

        InvokerHarness.AssertJsonEqual("""{"result":7}""", output);
        Assert.Equal(3, first.Split('\n').Length);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_task_bound_after_a_failed_one_on_the_same_thread_binds()
    {
        var failed = await InvokerHarness.InvokeAsync(Workers.Named("echo_addresses"), """{"value":[{"city":"Rome"},null]}""");
        var bound = await InvokerHarness.InvokeAsync(Workers.Named("echo_addresses"), """{"value":[{"city":"Oslo"}]}""");

        Assert.True(failed.IsBindingFailure);
        Assert.False(bound.IsBindingFailure, bound.BindingError);
    }

    [Fact]
    public async Task Every_element_of_a_list_of_records_that_does_not_bind_is_named_at_its_index()
    {
        // A list of a context's type is read with one reader over the array; an element that does
        // not bind sends it back to the reading element by element, which names each problem.
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("echo_addresses"), """{"value":[{"city":"Oslo"},{"city":5},null,"Rome"]}""");

        var lines = error.Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Input 'value[1]' (parameter 'value'): expected an object (Address), got an object {\"city\":5} that does not fit it at '$.city': ", lines[0], StringComparison.Ordinal);
        Assert.Equal("Input 'value[2]' (parameter 'value'): expected an object (Address), got null.", lines[1]);
        Assert.StartsWith("Input 'value[3]' (parameter 'value'): expected an object (Address), got the string \"Rome\"", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_output_keeps_its_own_bytes_when_the_next_is_written_on_the_same_thread()
    {
        var worker = Workers.Named("echo_string");
        var large = new string('x', 40_000);
        var first = await InvokerHarness.InvokeAsync(worker, """{"value":"first"}""");
        var second = await InvokerHarness.InvokeAsync(worker, $$"""{"value":"{{large}}"}""");
        var third = await InvokerHarness.InvokeAsync(worker, """{"value":"third"}""");

        Assert.Equal("""{"result":"first"}""", Encoding.UTF8.GetString(first.OutputJson.Span));
        Assert.Equal($$"""{"result":"{{large}}"}""", Encoding.UTF8.GetString(second.OutputJson.Span));
        Assert.Equal("""{"result":"third"}""", Encoding.UTF8.GetString(third.OutputJson.Span));
    }
}
