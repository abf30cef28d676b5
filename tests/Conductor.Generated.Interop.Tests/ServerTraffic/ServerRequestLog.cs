using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Conductor.Generated.Interop.Tests.ServerTraffic;

/// <summary>
/// Records every request the test server answers, from ASP.NET Core's own "request finished"
/// log, so a test can see what the JavaScript SDK sent and what it got back without a proxy.
/// Give it to the server through <c>ConductorTestServerOptions.LoggerFactory</c>.
/// </summary>
internal sealed class ServerRequestLog : ILoggerProvider
{
    private const string HostingCategory = "Microsoft.AspNetCore.Hosting.Diagnostics";

    private static readonly TimeSpan CheckInterval = TimeSpan.FromMilliseconds(20);

    private readonly ConcurrentQueue<AnsweredRequest> _requests = new();

    public IReadOnlyList<AnsweredRequest> Requests => [.. _requests];

    public ILogger CreateLogger(string categoryName) =>
        categoryName == HostingCategory ? new RequestFinishedRecorder(_requests) : NullLogger.Instance;

    /// <summary>
    /// The answered requests that match, once there are at least <paramref name="count"/>.
    /// ASP.NET Core logs a request after its answer went out, so a test that saw the answer's
    /// effect waits here for the log line.
    /// </summary>
    public async Task<IReadOnlyList<AnsweredRequest>> WaitForAsync(Func<AnsweredRequest, bool> match, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var matching = _requests.Where(match).ToList();
            if (matching.Count >= count)
            {
                return matching;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Expected {count} matching requests within {timeout.TotalSeconds:0} s, saw {matching.Count}. All answered requests:\n{string.Join('\n', _requests)}");
            }

            await Task.Delay(CheckInterval);
        }
    }

    public void Dispose()
    {
    }

    /// <summary>Keeps the "request finished" entries: the only ones that carry a status code.</summary>
    private sealed class RequestFinishedRecorder(ConcurrentQueue<AnsweredRequest> requests) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (state is not IReadOnlyList<KeyValuePair<string, object?>> fields || !fields.Any(field => field.Key == "StatusCode"))
            {
                return;
            }

            string? Field(string name) => Convert.ToString(fields.FirstOrDefault(field => field.Key == name).Value, CultureInfo.InvariantCulture);

            var contentType = Field("ContentType");
            requests.Enqueue(new AnsweredRequest(
                Field("Method") ?? "",
                Field("PathBase") + Field("Path"),
                Field("QueryString") ?? "",
                int.Parse(Field("StatusCode") ?? "0", CultureInfo.InvariantCulture),
                string.IsNullOrEmpty(contentType) ? null : contentType));
        }
    }
}
