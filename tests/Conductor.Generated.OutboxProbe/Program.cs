// A worker process for the outbox tests: it runs one worker with a result outbox until it is
// killed. Arguments: the server's API URL, the outbox directory, the task type.
using System.Text;
using Conductor.Generated;

if (args.Length != 3)
{
    await Console.Error.WriteLineAsync("usage: Conductor.Generated.OutboxProbe <serverUrl> <outboxDirectory> <taskType>");
    return 2;
}

var options = new ConductorWorkerOptions
{
    ServerUrl = new Uri(args[0]),
    WorkerId = "outbox-probe",
    ResultOutboxDirectory = args[1],
    InitialRetryDelay = TimeSpan.FromMilliseconds(50),
    MaxRetryDelay = TimeSpan.FromMilliseconds(200),
};
var worker = new WorkerDefinition(
    args[2],
    (context, _) => ValueTask.FromResult(WorkerResult.Completed(Encoding.UTF8.GetBytes($$"""{"doneBy":"probe","taskId":"{{context.TaskId}}"}"""))),
    new WorkerSettings { Concurrency = 4, PollInterval = TimeSpan.FromMilliseconds(10), PollTimeout = TimeSpan.FromMilliseconds(200) });

await using var host = new ConductorWorkerHost(options, [worker]);
await host.StartAsync(CancellationToken.None);
Console.WriteLine("started");
await Task.Delay(Timeout.Infinite);
return 0;
