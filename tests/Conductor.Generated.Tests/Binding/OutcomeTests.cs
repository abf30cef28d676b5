namespace Conductor.Generated.Tests.Binding;

/// <summary>Exceptions, cancellation, callbacks and binding failures as the runtime receives them from an invoker.</summary>
public sealed class OutcomeTests
{
    [Fact]
    public async Task An_exception_of_a_synchronous_worker_propagates_out_of_the_invoker()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await InvokerHarness.InvokeAsync(Workers.Named("throws"), """{"message":"disk full"}"""));

        Assert.Equal("disk full", exception.Message);
    }

    [Fact]
    public async Task An_exception_of_an_asynchronous_worker_propagates_out_of_the_invoker()
    {
        var exception = await Assert.ThrowsAsync<InvalidOperationException>(
            async () => await InvokerHarness.InvokeAsync(Workers.Named("throws_async"), """{"message":"timeout"}"""));

        Assert.Equal("timeout", exception.Message);
    }

    [Fact]
    public async Task A_non_retryable_exception_propagates_unchanged()
    {
        var exception = await Assert.ThrowsAsync<NonRetryableException>(
            async () => await InvokerHarness.InvokeAsync(Workers.Named("throws_non_retryable"), "{}"));

        Assert.Equal("card declined", exception.Message);
    }

    [Fact]
    public async Task Cancellation_of_the_token_reaches_the_worker()
    {
        using var cancellation = new CancellationTokenSource();
        var invocation = InvokerHarness.InvokeAsync(Workers.Named("waits_for_cancellation"), "{}", cancellation.Token);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await invocation);
    }

    [Fact]
    public async Task A_binding_failure_does_not_call_the_worker()
    {
        // The worker throws whenever it runs; a binding failure must come back as a result instead.
        var result = await InvokerHarness.InvokeAsync(Workers.Named("throws"), """{"message":5}""");

        Assert.True(result.IsBindingFailure);
        Assert.Equal("Input 'message' (parameter 'message'): expected a string, got the number 5.", result.BindingError);
        Assert.Equal("{}", System.Text.Encoding.UTF8.GetString(result.OutputJson.Span));
    }

    [Fact]
    public async Task A_callback_request_is_left_on_the_context_with_the_partial_output_as_result()
    {
        var context = InvokerHarness.ContextFor("""{"progress":40}""");

        var result = await Workers.Named("asks_for_callback").Invoker(context, CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(30), context.RequestedCallback);
        InvokerHarness.AssertJsonEqual("""{"progress":40}""", InvokerHarness.Parse(result));
    }

    [Fact]
    public async Task Without_a_callback_request_the_context_has_none()
    {
        var context = InvokerHarness.ContextFor("""{"progress":100}""");

        var result = await Workers.Named("asks_for_callback").Invoker(context, CancellationToken.None);

        Assert.Null(context.RequestedCallback);
        InvokerHarness.AssertJsonEqual("""{"progress":100}""", InvokerHarness.Parse(result));
    }

    [Fact]
    public void Each_task_name_appears_once_in_the_table()
    {
        var names = ConductorWorkers.All.Select(worker => worker.TaskName).ToArray();

        Assert.Equal(names.Length, names.Distinct(StringComparer.Ordinal).Count());
    }
}
