using System.Globalization;

namespace Conductor.Generated.LoadHarness.Worker;

/// <summary>What the harness asked this worker process to run.</summary>
/// <param name="Mode"><c>runtime</c>, <c>raw</c>, <c>raw-v2</c>, <c>idle</c>, <c>quickstart</c> or <c>burst</c>.</param>
/// <param name="ServerUrl">The Conductor API root.</param>
/// <param name="Concurrency">Tasks run at once per worker type.</param>
/// <param name="PollTimeout">How long a poll waits on the server for work (0: it answers at once).</param>
/// <param name="PollInterval">The pause after a poll that brought nothing.</param>
/// <param name="WorkerTypes">How many worker types the <c>idle</c> mode runs.</param>
internal sealed record WorkerCommandLine(
    string Mode, Uri ServerUrl, int Concurrency, TimeSpan PollTimeout, TimeSpan PollInterval, int WorkerTypes)
{
    public const string Usage =
        "usage: Conductor.Generated.LoadHarness.Worker runtime|raw|raw-v2|idle|quickstart|burst --server <api url> "
        + "[--concurrency N] [--poll-timeout-ms N] [--poll-interval-ms N] [--types N] [--allocation-profile] [--default-http-client]";

    public static WorkerCommandLine Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException(Usage);
        }

        var mode = args[0];
        Uri? serverUrl = null;
        var concurrency = 8;
        var pollTimeoutMs = 1000;
        var pollIntervalMs = 100;
        var types = 100;
        for (var index = 1; index < args.Length; index++)
        {
            if (args[index] is "--allocation-profile" or "--default-http-client")
            {
                continue;
            }

            var value = index + 1 < args.Length ? args[index + 1] : throw new ArgumentException($"{args[index]} needs a value. {Usage}");
            switch (args[index])
            {
                case "--server":
                    serverUrl = new Uri(value);
                    break;
                case "--concurrency":
                    concurrency = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--poll-timeout-ms":
                    pollTimeoutMs = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--poll-interval-ms":
                    pollIntervalMs = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                case "--types":
                    types = int.Parse(value, CultureInfo.InvariantCulture);
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[index]}. {Usage}");
            }

            index++;
        }

        if (mode is not ("runtime" or "raw" or "raw-v2" or "idle" or "quickstart" or "burst"))
        {
            throw new ArgumentException($"Unknown mode '{mode}'. {Usage}");
        }

        return new WorkerCommandLine(
            mode,
            serverUrl ?? throw new ArgumentException($"--server is required. {Usage}"),
            concurrency,
            TimeSpan.FromMilliseconds(pollTimeoutMs),
            TimeSpan.FromMilliseconds(pollIntervalMs),
            types);
    }
}
