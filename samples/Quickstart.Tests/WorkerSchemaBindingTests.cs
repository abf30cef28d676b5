using Conductor.Generated.TestSupport;

namespace Quickstart.Tests;

/// <summary>
/// The repository's schema-vs-binding check (tests/Shared/SchemaBindingCheck.cs) over the
/// quickstart's workers: values from each worker's generated input schema bind, values it
/// rejects are refused naming the key.
/// </summary>
public sealed class WorkerSchemaBindingTests
{
    public static TheoryData<string> TaskNames => [.. ConductorWorkers.All.Select(worker => worker.TaskName)];

    [Theory]
    [MemberData(nameof(TaskNames))]
    public async Task Values_from_the_input_schema_bind_and_values_it_rejects_are_refused(string taskName)
    {
        // greet repeats its greeting `times` times: valid inputs keep that small (binding of the whole range is checked by the rejected ones).
        await SchemaBindingCheck.CheckAsync(
            ConductorWorkers.All.Single(worker => worker.TaskName == taskName),
            workLimits: new Dictionary<string, long> { ["times"] = 50 });
    }
}
