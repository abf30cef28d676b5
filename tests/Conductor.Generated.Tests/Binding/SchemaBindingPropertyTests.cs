using Conductor.Generated.TestSupport;
using Library = Conductor.Generated.TestLibrary;

namespace Conductor.Generated.Tests.Binding;

/// <summary>
/// For every worker of this assembly (every supported parameter type, user types through JSON
/// contexts, nested enums, services, whole-input parameters) and of the test library: values
/// generated from the worker's generated input schema bind, and values the schema rejects are
/// refused with a binding error naming the key (tests/Shared/SchemaBindingCheck.cs).
/// </summary>
/// <remarks>
/// In the fault-injection collection: the check runs every worker's body on valid inputs, and the
/// fault tests count exactly how often their workers ran.
/// </remarks>
[Collection(Faults.FaultInjectionGroup.Name)]
public sealed class SchemaBindingPropertyTests
{
    /// <summary>Keys whose number is how much work a body does: repeat counts and lengths.</summary>
    private static readonly Dictionary<string, long> WorkLimits = new(StringComparer.Ordinal) { ["times"] = 50, ["length"] = 5000 };

    public static TheoryData<string> TaskNames => [.. AllWorkers().Select(worker => worker.TaskName)];

    [Theory]
    [MemberData(nameof(TaskNames))]
    public async Task Values_from_the_input_schema_bind_and_values_it_rejects_are_refused_naming_the_key(string taskName)
    {
        // Percentage's constructor refuses numbers outside 0 to 100: a rule of the type's code, not of its shape.
        await SchemaBindingCheck.CheckAsync(
            AllWorkers().Single(worker => worker.TaskName == taskName),
            workLimits: WorkLimits,
            ownRule: error => error.EndsWith(" is not a percentage.", StringComparison.Ordinal));
    }

    private static IEnumerable<WorkerDefinition> AllWorkers() => [.. ConductorWorkers.All, .. Library.ConductorWorkers.All];
}

/// <summary>The check itself fails where schema and binding disagree, in either direction.</summary>
public sealed class SchemaBindingCheckSelfTests
{
    private const string Definition = """
        {"name":"self_check","inputKeys":["count"],"outputKeys":[],
         "inputSchema":{"name":"self_check_input","version":1,"type":"JSON","data":{"type":"object","properties":{"count":{"type":"integer","format":"int32"}},"required":["count"]}}}
        """;

    [Fact]
    public async Task A_binding_that_refuses_what_the_schema_accepts_fails_the_check()
    {
        var refusesAll = new WorkerDefinition("self_check", (_, _) => ValueTask.FromResult(WorkerResult.InvalidInput("Input 'count': refused."))) { TaskDefinitionJson = Definition };

        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => SchemaBindingCheck.CheckAsync(refusesAll, iterations: 5));

        Assert.Contains("a value the input schema accepts did not bind", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_binding_that_accepts_what_the_schema_rejects_fails_the_check()
    {
        var acceptsAll = new WorkerDefinition("self_check", (_, _) => ValueTask.FromResult(WorkerResult.CompletedEmpty())) { TaskDefinitionJson = Definition };

        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => SchemaBindingCheck.CheckAsync(acceptsAll, iterations: 20));

        Assert.Contains("a value the input schema rejects", failure.Message, StringComparison.Ordinal);
    }
}
