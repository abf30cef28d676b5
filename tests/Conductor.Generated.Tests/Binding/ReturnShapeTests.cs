namespace Conductor.Generated.Tests.Binding;

/// <summary>What each return shape reports as <c>outputData</c>.</summary>
public sealed class ReturnShapeTests
{
    [Theory]
    [InlineData("returns_void", "{}")]
    [InlineData("returns_task", "{}")]
    [InlineData("returns_value_task", "{}")]
    [InlineData("returns_value_task_of_int", """{"result":42}""")]
    [InlineData("returns_task_of_address", """{"city":"Lyon","street":null}""")]
    [InlineData("returns_keyed_number", """{"total":7}""")]
    [InlineData("returns_keyed_object", """{"address":{"city":"Oslo","street":null}}""")]
    [InlineData("returns_null_object", """{"result":null}""")]
    [InlineData("returns_null_string", """{"result":null}""")]
    [InlineData("returns_not_a_number", """{"result":"NaN"}""")]
    [InlineData("returns_node_array", """{"result":[1,2]}""")]
    [InlineData("returns_element_number", """{"result":12}""")]
    public async Task The_return_value_becomes_the_output(string taskName, string expectedOutput)
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named(taskName), "{}");

        InvokerHarness.AssertJsonEqual(expectedOutput, output);
    }

    [Fact]
    public async Task Void_workers_run_before_the_empty_output_is_reported()
    {
        var before = ReturnWorkers.Calls;

        await InvokerHarness.OutputOfAsync(Workers.Named("returns_void"), "{}");
        await InvokerHarness.OutputOfAsync(Workers.Named("returns_task"), "{}");

        Assert.True(ReturnWorkers.Calls >= before + 2);
    }
}
