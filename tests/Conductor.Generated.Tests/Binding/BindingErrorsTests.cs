using System.Text.Json;
using Conductor.Generated.Binding;

namespace Conductor.Generated.Tests.Binding;

/// <summary>The reason text of binding failures: locations, and the 500-character limit.</summary>
public sealed class BindingErrorsTests
{
    private static readonly InputLocation Location = InputLocation.ForKey("items", "items");

    [Fact]
    public void Locations_describe_keys_indexes_and_quoted_member_names()
    {
        Assert.Equal("Input 'items' (parameter 'items')", Location.ToString());
        Assert.Equal("Input 'items[3].sku' (parameter 'items')", Location.AtIndex(3).AtKey("sku").ToString());
        Assert.Equal("Input 'items[\"a \\\"b\\\"\"]' (parameter 'items')", Location.AtKey("a \"b\"").ToString());
        Assert.Equal("Input (parameter 'order', the whole inputData)", InputLocation.ForWholeInput("order").ToString());
        Assert.Equal("Input 'lines' (parameter 'order')", InputLocation.ForWholeInput("order").AtKey("lines").ToString());
    }

    [Fact]
    public void No_errors_give_an_empty_reason()
    {
        Assert.Equal("", new BindingErrors().ToReason());
    }

    [Fact]
    public void Errors_that_fit_are_listed_one_per_line()
    {
        var errors = new BindingErrors();
        errors.Add(Location, "first.");
        errors.Add(Location, "second.");

        Assert.Equal("Input 'items' (parameter 'items'): first.\nInput 'items' (parameter 'items'): second.", errors.ToReason());
    }

    [Fact]
    public void Errors_that_do_not_fit_are_counted_at_the_end()
    {
        var errors = new BindingErrors();
        for (var index = 0; index < 30; index++)
        {
            errors.Add(Location.AtIndex(index), "expected an integer, got the string \"x\".");
        }

        var reason = errors.ToReason();

        Assert.True(reason.Length <= BindingErrors.MaxReasonLength);
        var listed = reason.Split('\n').Count(line => line.StartsWith("Input ", StringComparison.Ordinal));
        Assert.True(listed >= 5, $"only {listed} errors listed");
        Assert.EndsWith($"\n(and {30 - listed} more input errors)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void One_error_after_the_others_is_counted_in_the_singular()
    {
        var errors = new BindingErrors();
        errors.Add(Location, new string('a', 300));
        errors.Add(Location, new string('b', 300));

        Assert.EndsWith("\n(and 1 more input error)", errors.ToReason(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_first_error_longer_than_the_limit_is_cut_with_an_ellipsis()
    {
        var errors = new BindingErrors();
        errors.Add(Location, new string('a', 800));
        errors.Add(Location, "second.");

        var reason = errors.ToReason();

        Assert.True(reason.Length <= BindingErrors.MaxReasonLength, $"{reason.Length} characters");
        Assert.EndsWith("…\n(and 1 more input error)", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatches_describe_the_value_that_arrived()
    {
        var errors = new BindingErrors();
        using var document = JsonDocument.Parse("""{"a":{"b":1},"c":[true],"d":false,"e":null}""");

        foreach (var property in document.RootElement.EnumerateObject())
        {
            errors.AddMismatch(InputLocation.ForKey(property.Name, "p"), "a string", property.Value);
        }

        Assert.Equal(
            [
                "Input 'a' (parameter 'p'): expected a string, got an object {\"b\":1}.",
                "Input 'c' (parameter 'p'): expected a string, got an array [true].",
                "Input 'd' (parameter 'p'): expected a string, got false.",
                "Input 'e' (parameter 'p'): expected a string, got null.",
            ],
            errors.Messages);
    }

    [Theory]
    [InlineData("PT0S", 0)]
    [InlineData("PT1.5S", 1_500)]
    [InlineData("PT2M", 120_000)]
    [InlineData("P1D", 86_400_000)]
    [InlineData("-PT1H", -3_600_000)]
    [InlineData("pt1h", 3_600_000)]
    [InlineData("P0,5D", 43_200_000)]
    public void Iso8601_durations_with_an_exact_length_are_parsed(string text, long expectedMilliseconds)
    {
        Assert.True(Iso8601Duration.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), duration);
    }

    [Theory]
    [InlineData("P")]
    [InlineData("PT")]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    [InlineData("PT1D")]
    [InlineData("P1H")]
    [InlineData("1H")]
    [InlineData("PTT1H")]
    [InlineData("P99999999999D")]
    public void Other_durations_are_refused(string text)
    {
        Assert.False(Iso8601Duration.TryParse(text, out _));
    }
}
