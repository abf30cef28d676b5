namespace Conductor.Generated.Tests.Binding;

public sealed class GreetingWorkerTests
{
    [Fact]
    public async Task Greet_binds_the_renamed_key_and_returns_the_record_as_output()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("greet"), """{"name":"Ada","times":2}""");

        InvokerHarness.AssertJsonEqual("""{"message":"Hello Ada Hello Ada"}""", output);
    }

    [Fact]
    public async Task Greet_uses_the_default_when_the_key_is_missing()
    {
        var output = await InvokerHarness.OutputOfAsync(Workers.Named("greet"), """{"name":"Ada"}""");

        Assert.Equal("Hello Ada", output.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Greet_reports_every_binding_problem_at_once()
    {
        var error = await InvokerHarness.BindingErrorOfAsync(Workers.Named("greet"), """{"times":"many"}""");

        Assert.Equal(
            "Input 'name' (parameter 'name'): the key is missing from inputData; expected a string.\n"
            + "Input 'times' (parameter 'repeat'): expected an integer from -2147483648 to 2147483647, got the string \"many\".",
            error);
    }

    [Fact]
    public async Task Charge_awaits_the_async_worker_and_passes_context_and_token()
    {
        var context = InvokerHarness.ContextFor("""{"order":{"id":"o-1","amount":12.5}}""");

        var result = await Workers.Named("charge_card").Invoker(context, CancellationToken.None);

        var output = InvokerHarness.Parse(result);
        InvokerHarness.AssertJsonEqual("""{"orderId":"o-1","charged":12.5,"worker":"binding-tests"}""", output);
        Assert.Equal("charging o-1", Assert.Single(context.Logs).Message);
    }

    [Fact]
    public void The_table_lists_every_worker_with_its_settings()
    {
        Assert.Contains(ConductorWorkers.All, worker => worker.TaskName == "binding_greet");
        Assert.Equal(8, Workers.Named("charge_card").Settings.Concurrency);
        Assert.Equal(1, Workers.Named("greet").Settings.Concurrency);
    }

    [Fact]
    public async Task Each_worker_is_a_property_of_the_generated_class_named_after_its_method()
    {
        WorkerDefinition worker = ConductorWorkers.BindingTableProbe;

        Assert.Equal("binding_table_probe", worker.TaskName);
        Assert.Contains(worker, ConductorWorkers.All);
        InvokerHarness.AssertJsonEqual("""{"result":"probed"}""", await InvokerHarness.OutputOfAsync(worker, "{}"));
    }
}
