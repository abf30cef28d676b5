using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Conductor.Generated.Testing.Tests.Kit;

/// <summary><see cref="WorkerInvocationOptions.Services"/>: one scope per call, disposed when the worker is done, as in the host.</summary>
public sealed class WorkerTesterServicesTests
{
    [Fact]
    public async Task Each_call_gets_its_own_scope_disposed_when_the_worker_is_done()
    {
        var created = new List<Counter>();
        using var services = new ServiceCollection()
            .AddScoped(_ => { var counter = new Counter(); created.Add(counter); return counter; })
            .BuildServiceProvider();
        var options = new WorkerInvocationOptions { Services = services };

        var first = await WorkerTester.InvokeAsync(CountingWorker, options: options);
        var second = await WorkerTester.InvokeAsync(CountingWorker, options: options);

        Assert.Equal(TaskExecutionStatus.Completed, first.Status);
        Assert.Equal(2, (int?)first.Output["count"]);
        Assert.Equal(2, (int?)second.Output["count"]);
        Assert.Equal(2, created.Count);
        Assert.All(created, counter => Assert.Equal(1, counter.Disposals));
    }

    [Fact]
    public async Task Without_services_a_worker_that_needs_them_fails_with_an_error_saying_so()
    {
        var result = await WorkerTester.InvokeAsync(CountingWorker);

        Assert.Equal(TaskExecutionStatus.Failed, result.Status);
        Assert.Contains("no service provider was configured", result.ReasonForIncompletion, StringComparison.Ordinal);
    }

    /// <summary>Resolves the scoped counter twice: the same instance within one task.</summary>
    private static readonly WorkerDefinition CountingWorker = new("count_with_services", (context, _) =>
    {
        var counter = context.Services.GetRequiredService<Counter>();
        context.Services.GetRequiredService<Counter>().Increment();
        counter.Increment();
        return ValueTask.FromResult(WorkerResult.Completed(Encoding.UTF8.GetBytes($$"""{"count":{{counter.Count}}}""")));
    });

    private sealed class Counter : IDisposable
    {
        public int Count { get; private set; }

        public int Disposals { get; private set; }

        public void Increment() => Count++;

        public void Dispose() => Disposals++;
    }
}
