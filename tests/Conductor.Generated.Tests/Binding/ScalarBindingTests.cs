using System.Globalization;

namespace Conductor.Generated.Tests.Binding;

/// <summary>Each scalar parameter type: what it accepts, and what it says when the value does not fit.</summary>
public sealed class ScalarBindingTests
{
    [Theory]
    [InlineData("echo_string", "\"text\"", "\"text\"")]
    [InlineData("echo_string", "\"\"", "\"\"")]
    [InlineData("echo_bool", "true", "true")]
    [InlineData("echo_bool", "\"FALSE\"", "false")]
    [InlineData("echo_sbyte", "-128", "-128")]
    [InlineData("echo_byte", "255", "255")]
    [InlineData("echo_int16", "\"-32768\"", "-32768")]
    [InlineData("echo_uint16", "65535", "65535")]
    [InlineData("echo_int32", "42", "42")]
    [InlineData("echo_int32", "\"42\"", "42")]
    [InlineData("echo_int32", "4.0", "4")]
    [InlineData("echo_int32", "1e3", "1000")]
    [InlineData("echo_int32", "0.000e-500", "0")]
    [InlineData("echo_int32", "1.2300e2", "123")]
    [InlineData("echo_int32", "\"-0.0\"", "0")]
    [InlineData("echo_int32", "-2147483648", "-2147483648")]
    [InlineData("echo_uint32", "4294967295", "4294967295")]
    [InlineData("echo_int64", "-9223372036854775808", "-9223372036854775808")]
    [InlineData("echo_uint64", "18446744073709551615", "18446744073709551615")]
    [InlineData("echo_double", "1.25", "1.25")]
    [InlineData("echo_double", "\"-2.5e3\"", "-2500")]
    [InlineData("echo_double", "\"NaN\"", "\"NaN\"")]
    [InlineData("echo_single", "0.5", "0.5")]
    [InlineData("echo_decimal", "12.345", "12.345")]
    [InlineData("echo_decimal", "\"0.1\"", "0.1")]
    [InlineData("echo_guid", "\"6f9619ff-8b86-d011-b42d-00c04fc964ff\"", "\"6f9619ff-8b86-d011-b42d-00c04fc964ff\"")]
    [InlineData("echo_date_time_offset", "\"2024-05-01T10:00:00+02:00\"", "\"2024-05-01T10:00:00+02:00\"")]
    [InlineData("echo_date_time_offset", "0", "\"1970-01-01T00:00:00+00:00\"")]
    [InlineData("echo_date_time_offset", "1714550400000", "\"2024-05-01T08:00:00+00:00\"")]
    [InlineData("describe_date_time", "\"2024-05-01T10:00:00Z\"", "\"2024-05-01T10:00:00.0000000Z Utc\"")]
    [InlineData("describe_date_time", "\"2024-05-01T10:00:00\"", "\"2024-05-01T10:00:00.0000000 Unspecified\"")]
    [InlineData("describe_date_time", "1000", "\"1970-01-01T00:00:01.0000000Z Utc\"")]
    [InlineData("echo_time_span", "\"01:30:00\"", "\"01:30:00\"")]
    [InlineData("echo_time_span", "\"-2.00:00:00.5\"", "\"-2.00:00:00.5000000\"")]
    [InlineData("echo_time_span", "\"PT1H30M\"", "\"01:30:00\"")]
    [InlineData("echo_time_span", "\"P1DT2H0.5S\"", "\"1.02:00:00.5000000\"")]
    [InlineData("echo_time_span", "\"P2W\"", "\"14.00:00:00\"")]
    [InlineData("echo_color", "\"Green\"", "\"Green\"")]
    [InlineData("echo_color", "\"blue\"", "\"Blue\"")]
    [InlineData("echo_color", "5", "\"Green\"")]
    [InlineData("echo_color", "\"-1\"", "\"Blue\"")]
    [InlineData("echo_permissions", "\"write\"", "\"Write\"")]
    [InlineData("echo_size", "\"X-LARGE\"", "\"x-large\"")]
    [InlineData("echo_size", "1", "\"x-large\"")]
    [InlineData("echo_keyword", "\"from the key class\"", "\"from the key class\"")]
    public async Task A_value_that_fits_is_bound_and_returned_under_result(string taskName, string inputValue, string expectedResult)
    {
        var worker = Workers.Named(taskName);
        var key = taskName == "echo_keyword" ? "class" : "value";

        var output = await InvokerHarness.OutputOfAsync(worker, $$"""{"{{key}}":{{inputValue}}}""");

        InvokerHarness.AssertJsonEqual($$"""{"result":{{expectedResult}}}""", output);
    }

    [Theory]
    [InlineData("echo_string", "5", "a string, got the number 5")]
    [InlineData("echo_bool", "\"yes\"", "true or false, got the string \"yes\"")]
    [InlineData("echo_bool", "1", "true or false, got the number 1")]
    [InlineData("echo_sbyte", "128", "an integer from -128 to 127, got the number 128")]
    [InlineData("echo_byte", "-1", "an integer from 0 to 255, got the number -1")]
    [InlineData("echo_int16", "40000", "an integer from -32768 to 32767, got the number 40000")]
    [InlineData("echo_uint16", "\"-3\"", "an integer from 0 to 65535, got the string \"-3\"")]
    [InlineData("echo_int32", "\"many\"", "an integer from -2147483648 to 2147483647, got the string \"many\"")]
    [InlineData("echo_int32", "1.5", "an integer from -2147483648 to 2147483647, got the number 1.5")]
    [InlineData("echo_int32", "4.21e-62", "an integer from -2147483648 to 2147483647, got the number 4.21e-62")]
    [InlineData("echo_int64", "1.00000000000000000000000000001", "an integer from -9223372036854775808 to 9223372036854775807, got the number 1.00000000000000000000000000001")]
    [InlineData("echo_int32", "\"1e-400\"", "an integer from -2147483648 to 2147483647, got the string \"1e-400\"")]
    [InlineData("echo_int32", "3000000000", "an integer from -2147483648 to 2147483647, got the number 3000000000")]
    [InlineData("echo_int32", "true", "an integer from -2147483648 to 2147483647, got true")]
    [InlineData("echo_int32", "[1]", "an integer from -2147483648 to 2147483647, got an array [1]")]
    [InlineData("echo_uint32", "-1", "an integer from 0 to 4294967295, got the number -1")]
    [InlineData("echo_int64", "1e100", "an integer from -9223372036854775808 to 9223372036854775807, got the number 1e100")]
    [InlineData("echo_uint64", "18446744073709551616", "an integer from 0 to 18446744073709551615, got the number 18446744073709551616")]
    [InlineData("echo_double", "\"one\"", "a number, got the string \"one\"")]
    [InlineData("echo_single", "1e39", "a number from -3.4028235E+38 to 3.4028235E+38, got the number 1e39")]
    [InlineData("echo_decimal", "1e30", "a decimal number, got the number 1e30")]
    [InlineData("echo_guid", "\"not-a-guid\"", "a GUID string, got the string \"not-a-guid\"")]
    [InlineData("echo_date_time_offset", "\"yesterday\"", "an ISO-8601 date and time or epoch milliseconds, got the string \"yesterday\"")]
    [InlineData("echo_date_time_offset", "1.5", "an ISO-8601 date and time or epoch milliseconds, got the number 1.5")]
    [InlineData("describe_date_time", "{}", "an ISO-8601 date and time or epoch milliseconds, got an object {}")]
    [InlineData("echo_time_span", "90", "a duration such as \"01:30:00\" or \"PT1H30M\", got the number 90")]
    [InlineData("echo_time_span", "\"P1Y\"", "a duration such as \"01:30:00\" or \"PT1H30M\", got the string \"P1Y\"")]
    // What the schema's pattern does not match is refused, though .NET could parse it.
    [InlineData("echo_time_span", "\"1:30\"", "a duration such as \"01:30:00\" or \"PT1H30M\", got the string \"1:30\"")]
    [InlineData("echo_time_span", "\"pt1h\"", "a duration such as \"01:30:00\" or \"PT1H30M\", got the string \"pt1h\"")]
    [InlineData("echo_time_span", "\" 01:30:00\"", "a duration such as \"01:30:00\" or \"PT1H30M\", got the string \" 01:30:00\"")]
    [InlineData("echo_time_span", "\"PT99999999H\"", "a duration such as \"01:30:00\" or \"PT1H30M\", got the string \"PT99999999H\"")]
    [InlineData("echo_color", "\"purple\"", "one of Red, Green, Blue (or its number), got the string \"purple\"")]
    [InlineData("echo_color", "3", "one of Red, Green, Blue (or its number), got the number 3")]
    [InlineData("echo_permissions", "3", "one of None, Read, Write (or its number), got the number 3")]
    [InlineData("echo_size", "\"ExtraLarge\"", "one of Small, x-large (or its number), got the string \"ExtraLarge\"")]
    public async Task A_value_that_does_not_fit_names_parameter_key_expectation_and_value(string taskName, string inputValue, string expectedAndActual)
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named(taskName), $$"""{"value":{{inputValue}}}""");

        Assert.Equal($"Input 'value' (parameter 'value'): expected {expectedAndActual}.", error);
    }

    [Fact]
    public async Task A_long_string_is_quoted_only_in_part()
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("echo_int32"), $$"""{"value":"{{new string('x', 100)}}"}""");

        Assert.Equal("Input 'value' (parameter 'value'): expected an integer from -2147483648 to 2147483647, got the string \"" + new string('x', 39) + "….", error);
    }

    [Fact]
    public async Task A_date_time_with_an_offset_is_converted_to_local_time()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("describe_date_time"), """{"value":"2024-05-01T10:00:00+02:00"}""");

        var expectedLocal = new DateTimeOffset(2024, 5, 1, 8, 0, 0, TimeSpan.Zero).LocalDateTime;
        Assert.Equal(expectedLocal.ToString("O", CultureInfo.InvariantCulture) + " Local", output.GetProperty("result").GetString());
    }

    [Fact]
    public async Task A_flag_combination_is_written_as_its_number()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("combine_permissions"), "{}");

        InvokerHarness.AssertJsonEqual("""{"result":3}""", output);
    }
}
