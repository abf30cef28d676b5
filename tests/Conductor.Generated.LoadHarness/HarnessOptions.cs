using System.Globalization;

namespace Conductor.Generated.LoadHarness;

/// <summary>What to run and how big; <c>--smoke</c> makes everything tiny so a CI run takes seconds.</summary>
internal sealed class HarnessOptions
{
    public const string Usage = """
        usage: Conductor.Generated.LoadHarness [--smoke] [--steady] [--sections throughput,idle,aot,profile,burst] [--runs N]
               [--clients runtime,js,js-default,raw,raw-v2] [--concurrency N] [--poll-timeout-ms N]
               [--tasks N] [--low-load-tasks N] [--steady-max-rounds N] [--steady-quiet-methods N] [--idle-types 100,500] [--idle-window-s N]
               [--memory-tasks N] [--burst-tasks N] [--burst-mb N] [--aot-worker PATH] [--jit-worker PATH] [--client-env NAME=VALUE] [--out FILE.md]
        """;

    public bool Smoke { get; private set; }

    /// <summary>
    /// The steady-state view of the throughput runs: before its measured batch, each client
    /// process runs rounds of <see cref="SaturatingTasks"/> tasks until two rounds in a row (each
    /// of at least 250 ms) made the JIT compile at most <see cref="SteadyQuietMethods"/> methods (its hot code has reached its
    /// final tier), at most <see cref="SteadyMaxRounds"/> rounds. Without it, each run measures a
    /// fresh process right after 1,000 warm-up tasks, JIT warm-up included.
    /// </summary>
    public bool Steady { get; private set; }

    /// <summary>How many methods a warm-up round of the steady view may compile and still count as quiet.</summary>
    public int SteadyQuietMethods { get; private set; } = 5;

    /// <summary>The most warm-up rounds of the steady view before the measured batch.</summary>
    public int SteadyMaxRounds { get; private set; } = 20;

    public IReadOnlyList<string> Sections { get; private set; } = ["throughput", "idle", "aot"];

    public int Runs { get; private set; } = 5;

    public IReadOnlyList<string> Clients { get; private set; } = ["runtime", "js", "raw", "raw-v2"];

    public int Concurrency { get; private set; } = 8;

    public int PollTimeoutMs { get; private set; } = 1000;

    public int WarmupTasks { get; private set; } = 1000;

    public int SaturatingTasks { get; private set; } = 5000;

    public int LowLoadTasks { get; private set; } = 300;

    public TimeSpan LowLoadInterval { get; private set; } = TimeSpan.FromMilliseconds(5);

    public IReadOnlyList<int> IdleWorkerTypes { get; private set; } = [100, 500];

    public TimeSpan IdleWindow { get; private set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long after its start an idle worker process is left alone before the steady window (its first second is counted apart).</summary>
    public TimeSpan IdleSettleTime { get; private set; } = TimeSpan.FromSeconds(3);

    public int MemoryTasks { get; private set; } = 10_000;

    public int StartupRuns { get; private set; } = 7;

    /// <summary>Tasks of the burst section, each with a large string input.</summary>
    public int BurstTasks { get; private set; } = 20;

    /// <summary>The size of each burst task's input string, in MB (10^6 bytes).</summary>
    public int BurstInputMegabytes { get; private set; } = 50;

    /// <summary>Burst tasks run at once.</summary>
    public int BurstConcurrency { get; private set; } = 4;

    /// <summary>How long the worker is watched idle after the burst.</summary>
    public TimeSpan BurstIdle { get; private set; } = TimeSpan.FromSeconds(90);

    public string? AotWorker { get; private set; }

    /// <summary>
    /// The .NET worker the throughput runs start (its apphost), instead of the harness's own build:
    /// e.g. the same program published ReadyToRun (<c>-p:PublishReadyToRun=true -p:PublishAot=false</c>).
    /// </summary>
    public string? JitWorker { get; private set; }

    /// <summary>Environment variables for the client processes of the throughput runs (<c>--client-env NAME=VALUE</c>, repeatable).</summary>
    public Dictionary<string, string> WorkerEnvironment { get; } = new(StringComparer.Ordinal);

    public string? OutputFile { get; private set; }

    public static HarnessOptions Parse(string[] args)
    {
        var options = new HarnessOptions();
        if (args.Contains("--smoke"))
        {
            options.Smoke = true;
            options.Runs = 1;
            options.WarmupTasks = 20;
            options.SaturatingTasks = 100;
            options.LowLoadTasks = 10;
            options.IdleWorkerTypes = [20];
            options.IdleWindow = TimeSpan.FromSeconds(1);
            options.IdleSettleTime = TimeSpan.FromSeconds(1.2);
            options.MemoryTasks = 150;
            options.StartupRuns = 1;
            options.BurstTasks = 3;
            options.BurstInputMegabytes = 2;
            options.BurstIdle = TimeSpan.FromSeconds(6);
        }

        for (var index = 0; index < args.Length; index++)
        {
            if (args[index] == "--smoke")
            {
                continue;
            }

            if (args[index] == "--steady")
            {
                options.Steady = true;
                continue;
            }

            var value = index + 1 < args.Length ? args[++index] : throw new ArgumentException($"{args[index]} needs a value.\n{Usage}");
            switch (args[index - 1])
            {
                case "--sections":
                    options.Sections = List(value);
                    break;
                case "--runs":
                    options.Runs = Int(value);
                    break;
                case "--clients":
                    options.Clients = List(value);
                    break;
                case "--concurrency":
                    options.Concurrency = Int(value);
                    break;
                case "--poll-timeout-ms":
                    options.PollTimeoutMs = Int(value);
                    break;
                case "--tasks":
                    options.SaturatingTasks = Int(value);
                    break;
                case "--steady-max-rounds":
                    options.SteadyMaxRounds = Int(value);
                    break;
                case "--steady-quiet-methods":
                    options.SteadyQuietMethods = Int(value);
                    break;
                case "--low-load-tasks":
                    options.LowLoadTasks = Int(value);
                    break;
                case "--idle-types":
                    options.IdleWorkerTypes = [.. List(value).Select(Int)];
                    break;
                case "--idle-window-s":
                    options.IdleWindow = TimeSpan.FromSeconds(Int(value));
                    break;
                case "--memory-tasks":
                    options.MemoryTasks = Int(value);
                    break;
                case "--burst-tasks":
                    options.BurstTasks = Int(value);
                    break;
                case "--burst-mb":
                    options.BurstInputMegabytes = Int(value);
                    break;
                case "--jit-worker":
                    options.JitWorker = Path.GetFullPath(value);
                    break;
                case "--aot-worker":
                    options.AotWorker = value;
                    break;
                case "--client-env":
                    var (name, setting) = value.Split('=', 2) is [var key, var text] ? (key, text) : throw new ArgumentException($"--client-env wants NAME=VALUE, got '{value}'.");
                    options.WorkerEnvironment[name] = setting;
                    break;
                case "--out":
                    options.OutputFile = value;
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[index - 1]}.\n{Usage}");
            }
        }

        return options;
    }

    private static int Int(string value) => int.Parse(value, CultureInfo.InvariantCulture);

    private static string[] List(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
