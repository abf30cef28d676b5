#:project ../runtime/Conductor.Generated.Testing/Conductor.Generated.Testing.csproj
#:project ../runtime/Conductor.Generated/Conductor.Generated.csproj
#:property PublishAot=false

// What one idle worker host asks of the server, by route, with the queue depth collected (as an
// exporter would): docs/scaling.md, "What it costs". Arguments: minutes (default 3), task types
// (default 3). Run with: dotnet run eng/queue-depth-idle-cost.cs -- 3 3
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Conductor.Generated;
using Conductor.Generated.Diagnostics;
using Conductor.Generated.Testing;

var minutes = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 3;
var taskTypes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
const string PollRoute = "GET /api/tasks/poll/batch/{taskType}";
const string SizesRoute = "GET /api/tasks/queue/sizes";

await using var server = await ConductorTestServer.StartAsync();
using var listener = new MeterListener();
listener.InstrumentPublished = (instrument, meterListener) =>
{
    if (instrument.Meter.Name == ConductorDiagnostics.MeterName)
    {
        meterListener.EnableMeasurementEvents(instrument);
    }
};
listener.Start();

var workers = Enumerable.Range(1, taskTypes)
    .Select(index => new WorkerDefinition($"idle_{index}", (_, _) => ValueTask.FromResult(WorkerResult.CompletedEmpty())))
    .ToList();
await using var host = new ConductorWorkerHost(new ConductorWorkerOptions { ServerUrl = server.ApiUrl, WorkerId = "idle" }, workers);
await host.StartAsync(CancellationToken.None);
await Task.Delay(TimeSpan.FromSeconds(5));

var pollsBefore = server.GetRequestCount(PollRoute);
var sizesBefore = server.GetRequestCount(SizesRoute);
var stopwatch = Stopwatch.StartNew();
await Task.Delay(TimeSpan.FromMinutes(minutes));
var elapsed = stopwatch.Elapsed.TotalMinutes;
var polls = server.GetRequestCount(PollRoute) - pollsBefore;
var sizes = server.GetRequestCount(SizesRoute) - sizesBefore;
Console.WriteLine(FormattableString.Invariant(
    $"{taskTypes} idle task types, {elapsed:F2} min: {polls} polls ({polls / elapsed:F1}/min, {polls / elapsed / taskTypes:F1}/min per task type), {sizes} queue sizes requests ({sizes / elapsed:F2}/min)"));
