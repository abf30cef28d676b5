// Runs the Conductor test server on its own, so that workers written in any language (Java,
// Python, Go, JavaScript...) can be pointed at it: CONDUCTOR_SERVER_URL=http://127.0.0.1:8080/api.
using System.Runtime.InteropServices;
using Conductor.Generated.Samples.TestServer;
using Conductor.Generated.Testing;
using Microsoft.Extensions.Logging;

CommandLine options;
try
{
    options = CommandLine.Parse(args);
}
catch (ArgumentException exception)
{
    await Console.Error.WriteLineAsync(exception.Message + Environment.NewLine + Environment.NewLine + CommandLine.Usage);
    return 2;
}

if (options.ShowHelp)
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

using var loggerFactory = LoggerFactory.Create(logging => logging
    .AddSimpleConsole(console => console.SingleLine = true)
    .SetMinimumLevel(options.Verbose ? LogLevel.Debug : LogLevel.Information)
    .AddFilter("Microsoft.AspNetCore", options.Verbose ? LogLevel.Information : LogLevel.Warning));

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, keyPress) =>
{
    keyPress.Cancel = true; // end through the normal path below, which stops the server cleanly
    stop.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    stop.Cancel();
});

var serverOptions = options.ToServerOptions();
serverOptions.LoggerFactory = loggerFactory;
await using var server = await ConductorTestServer.StartAsync(serverOptions);

Console.WriteLine($"Conductor test server listening on {server.ServerUrl}");
Console.WriteLine($"Point workers at it with CONDUCTOR_SERVER_URL={server.ServerUrl}");
Console.WriteLine($"Its page, with the workflows, tasks, queues and workers: {server.PageUrl}");
if (options.Keys.Count > 0)
{
    Console.WriteLine($"Tokens: POST {server.ServerUrl}/token with one of {options.Keys.Count} key(s); they last {options.TokenLifetime}");
}

if (options.Legacy)
{
    Console.WriteLine("Answering like a server before v3.21.12: no update-v2, 204 on an empty batch poll");
}

Console.WriteLine("Press Ctrl+C to stop.");
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping.");
}

return 0;
