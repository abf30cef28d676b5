namespace Conductor.Generated.Testing.Tests.ServerScenarios;

/// <summary>
/// e2e processing/SetVariableTests: many runs of a one-task workflow setting variable
/// <c>vars</c> from the run's input, started at once by twenty threads; each run COMPLETES with
/// its own value, never another run's. Real server: SetVariable#execute, WorkflowExecutorOps
/// (#executeWorkflow for the synchronous start). The e2e test starts 2000 runs per scenario
/// against a whole server; here 200, enough for twenty concurrent callers to interleave.
/// </summary>
public sealed class SetVariableScenarioTests : ScenarioTestBase
{
    private const int Runs = 200;

    private Task RegisterAsync() => UpdateWorkflowDefAsync("""
        {"name":"set_variable_test","version":1,"tasks":[
          {"name":"set_variable","taskReferenceName":"set_var_ref","type":"SET_VARIABLE","inputParameters":{"vars":"${workflow.input.vars}"}}]}
        """);

    private static async Task<List<T>> InParallelAsync<T>(int count, Func<int, Task<T>> body)
    {
        var results = new T[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 20 }, async (index, _) => results[index] = await body(index));
        return [.. results];
    }

    // e2e SetVariableTests#testAllFast: WorkflowClient#executeWorkflow (POST /workflow/execute/{name}/{version})
    // answers with the ended run; its variables hold the value of its own input.
    [Fact]
    public async Task Runs_executed_at_once_each_keep_their_own_variable()
    {
        await RegisterAsync();
        var runs = await InParallelAsync(Runs, async _ =>
        {
            var value = Guid.NewGuid().ToString();
            using var response = await PostAsync("workflow/execute/set_variable_test/1", $$"""{"name":"set_variable_test","version":1,"input":{"vars":"{{value}}"} }""");
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            return (Value: value, Run: await ReadJsonAsync(response));
        });

        Assert.All(runs, run =>
        {
            Assert.Equal("COMPLETED", Status(run.Run));
            Assert.Equal(run.Value, (string?)run.Run["variables"]!["vars"]);
        });
        Assert.Equal(Runs, runs.Select(run => (string?)run.Run["workflowId"]).Distinct().Count());
    }

    // e2e SetVariableTests#testAll: started with POST /workflow, read back with GET /workflow/{id}.
    [Fact]
    public async Task Runs_started_at_once_each_keep_their_own_variable()
    {
        await RegisterAsync();
        var started = await InParallelAsync(Runs, async _ =>
        {
            var value = Guid.NewGuid().ToString();
            return (Value: value, Id: await StartWorkflowAsync($$"""{"name":"set_variable_test","version":1,"input":{"vars":"{{value}}"} }"""));
        });

        var read = await InParallelAsync(Runs, async index =>
            await UntilStatusAsync(started[index].Id, "COMPLETED"));
        for (var index = 0; index < Runs; index++)
        {
            Assert.Equal(started[index].Value, (string?)read[index]["variables"]!["vars"]);
        }
    }
}
