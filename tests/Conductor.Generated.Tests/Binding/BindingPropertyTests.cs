using System.Globalization;
using System.Text;
using System.Text.Json;
using CsCheck;

namespace Conductor.Generated.Tests.Binding;

/// <summary>
/// Property-based tests (CsCheck): random JSON thrown at the generated binders. Every input either
/// binds, and then to the value it holds, or gives a binding error; no exception escapes a binder.
/// CsCheck shrinks a failing input to a small one and prints the seed to replay it.
/// </summary>
public sealed class BindingPropertyTests
{
    private const int Iterations = 300;

    // binding_greet repeats its greeting `times` times and throws, as the worker's own failure, for a negative count.
    public static TheoryData<string> BindingWorkerNames =>
        [.. ((IEnumerable<object[]>)BindingRobustnessTests.BindingWorkerNames).Select(row => (string)row[0]).Where(name => name != "binding_greet")];

    /// <summary>Any JSON value: scalars of every kind, tricky numbers and strings, nested arrays and objects.</summary>
    private static readonly Gen<string> AnyJson = Gen.Recursive<string>((depth, inner) =>
    {
        var scalar = Gen.OneOf(
            Gen.OneOf("null", "true", "false", "0", "-0", "1.0", "1e400", "-1e400", "18446744073709551616", "1e-400", "\"\"", "\"NaN\"", "\"Infinity\""),
            Gen.Long.Select(number => number.ToString(CultureInfo.InvariantCulture)),
            Gen.Double.Where(double.IsFinite).Select(number => number.ToString("R", CultureInfo.InvariantCulture)),
            Gen.Long.Select(number => "\"" + number.ToString(CultureInfo.InvariantCulture) + "\""),
            Gen.String.Select(Quote),
            Gen.Guid.Select(guid => Quote(guid.ToString())),
            Gen.Int[0, 3_000_000].Select(day => Quote(DateOnly.FromDayNumber(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))));
        if (depth >= 4)
        {
            return scalar;
        }

        var array = inner.Array[0, 4].Select(items => "[" + string.Join(",", items) + "]");
        var obj = Gen.Select(Gen.String[0, 6].Array[0, 4], inner.Array[4], (keys, values) =>
            "{" + string.Join(",", keys.Select((key, index) => Quote(key) + ":" + values[index])) + "}");
        return Gen.Frequency(new (int, IGen<string>)[] { (6, scalar), (1, array), (1, obj) });
    });

    [Theory]
    [MemberData(nameof(BindingWorkerNames))]
    public async Task Any_input_binds_or_gives_a_binding_error_and_nothing_escapes_the_binder(string taskName)
    {
        var worker = ConductorWorkers.All.Single(candidate => candidate.TaskName == taskName);
        var keys = InputKeys(worker);

        // Objects whose keys are mostly the worker's own, so that binding gets past the first missing key.
        var input = Gen.Select(Gen.Bool.Array[keys.Length], AnyJson.Array[keys.Length], AnyJson.Array[0, 2], (present, values, extra) =>
        {
            var members = keys.Where((_, index) => present[index]).Select((key, index) => Quote(key) + ":" + values[index]).ToList();
            members.AddRange(extra.Select((value, index) => Quote("extra" + index.ToString(CultureInfo.InvariantCulture)) + ":" + value));
            return "{" + string.Join(",", members) + "}";
        });

        await input.SampleAsync(async json =>
        {
            var result = await worker.Invoker(InvokerHarness.ContextFor(json, worker.TaskName), CancellationToken.None);

            if (result.IsBindingFailure)
            {
                Assert.False(string.IsNullOrWhiteSpace(result.BindingError));
            }
            else
            {
                Assert.Equal(JsonValueKind.Object, InvokerHarness.Parse(result).ValueKind);
            }
        }, iter: Iterations);
    }

    [Fact]
    public async Task Every_int_binds_to_itself_from_a_number_or_a_numeric_string()
    {
        var worker = Workers.Named("echo_int32");

        await Gen.Select(Gen.Int, Gen.Bool).SampleAsync(async (number, asString) =>
        {
            var text = number.ToString(CultureInfo.InvariantCulture);
            var output = await InvokerHarness.OutputOfAsync(worker, "{\"value\":" + (asString ? Quote(text) : text) + "}");

            Assert.Equal(number, output.GetProperty("result").GetInt32());
        }, iter: Iterations);
    }

    [Fact]
    public async Task A_whole_number_outside_the_int_range_is_a_binding_error_naming_the_key()
    {
        var worker = Workers.Named("echo_int32");
        var outsideInt = Gen.Long.Where(number => number is > int.MaxValue or < int.MinValue);

        await outsideInt.SampleAsync(async number =>
        {
            var error = await InvokerHarness.BindingErrorOfAsync(worker, "{\"value\":" + number.ToString(CultureInfo.InvariantCulture) + "}");

            Assert.Contains("'value'", error, StringComparison.Ordinal);
        }, iter: Iterations);
    }

    [Fact]
    public async Task A_fractional_number_for_an_integer_is_a_binding_error()
    {
        var worker = Workers.Named("echo_int64");
        var fractional = Gen.Double.Where(number => double.IsFinite(number) && Math.Abs(number) < 1e15 && number != Math.Floor(number));

        await fractional.SampleAsync(async number =>
        {
            var error = await InvokerHarness.BindingErrorOfAsync(worker, "{\"value\":" + number.ToString("R", CultureInfo.InvariantCulture) + "}");

            Assert.Contains("'value'", error, StringComparison.Ordinal);
        }, iter: Iterations);
    }

    [Fact]
    public async Task Every_string_binds_to_itself()
    {
        var worker = Workers.Named("echo_string");

        await Gen.String.SampleAsync(async text =>
        {
            var output = await InvokerHarness.OutputOfAsync(worker, "{\"value\":" + Quote(text) + "}");

            Assert.Equal(text, output.GetProperty("result").GetString());
        }, iter: Iterations);
    }

    [Fact]
    public async Task Every_finite_double_and_decimal_round_trips()
    {
        var doubles = Workers.Named("echo_double");
        var decimals = Workers.Named("echo_decimal");

        await Gen.Select(Gen.Double.Where(double.IsFinite), Gen.Decimal).SampleAsync(async (real, money) =>
        {
            var realOutput = await InvokerHarness.OutputOfAsync(doubles, "{\"value\":" + real.ToString("R", CultureInfo.InvariantCulture) + "}");
            var moneyOutput = await InvokerHarness.OutputOfAsync(decimals, "{\"value\":" + money.ToString(CultureInfo.InvariantCulture) + "}");

            Assert.Equal(real, realOutput.GetProperty("result").GetDouble());
            Assert.Equal(money, moneyOutput.GetProperty("result").GetDecimal());
        }, iter: Iterations);
    }

    [Fact]
    public async Task Every_byte_array_round_trips_as_base64_and_every_date_as_iso_8601()
    {
        var bytes = Workers.Named("sig_echo_bytes");
        var dates = Workers.Named("sig_echo_date");

        await Gen.Select(Gen.Byte.Array[0, 64], Gen.Int[0, 3_652_058]).SampleAsync(async (data, dayNumber) =>
        {
            var base64 = Convert.ToBase64String(data);
            var day = DateOnly.FromDayNumber(dayNumber).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

            var bytesOutput = await InvokerHarness.OutputOfAsync(bytes, "{\"bytes\":" + Quote(base64) + "}");
            var dateOutput = await InvokerHarness.OutputOfAsync(dates, "{\"day\":" + Quote(day) + "}");

            Assert.Equal(base64, bytesOutput.GetProperty("result").GetString());
            Assert.Equal(day, dateOutput.GetProperty("result").GetString());
        }, iter: Iterations);
    }

    [Fact]
    public async Task Every_list_of_ints_binds_element_by_element()
    {
        var worker = Workers.Named("echo_int_array");

        await Gen.Int.Array[0, 20].SampleAsync(async numbers =>
        {
            var output = await InvokerHarness.OutputOfAsync(worker, "{\"value\":[" + string.Join(",", numbers.Select(number => number.ToString(CultureInfo.InvariantCulture))) + "]}");

            Assert.Equal(numbers, output.GetProperty("result").EnumerateArray().Select(element => element.GetInt32()).ToArray());
        }, iter: Iterations);
    }

    private static string[] InputKeys(WorkerDefinition worker)
    {
        using var definition = JsonDocument.Parse(worker.TaskDefinitionJson!);
        return [.. definition.RootElement.GetProperty("inputKeys").EnumerateArray().Select(key => key.GetString()!)];
    }

    private static string Quote(string text) => "\"" + JsonEncodedText.Encode(text, System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping) + "\"";
}
