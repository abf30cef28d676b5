using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Tests.Faults;

/// <summary>
/// Workers for the fault-injection tests. Their task names start with <c>faults_</c>; each
/// returns an output derived only from its input, so a test can tell whether the output the
/// server recorded is exactly what the worker returned. Each counts its executions (a task may
/// run more than once: delivery is at least once).
/// </summary>
public static class FaultWorkers
{
    public const string Prefix = "faults_";

    private static int s_firstStepExecutions;
    private static int s_secondStepExecutions;
    private static int s_restartExecutions;
    private static int s_restartFinished;
    private static int s_authExecutions;
    private static int s_badAnswerExecutions;

    public static int FirstStepExecutions => Volatile.Read(ref s_firstStepExecutions);

    public static int SecondStepExecutions => Volatile.Read(ref s_secondStepExecutions);

    public static int RestartExecutions => Volatile.Read(ref s_restartExecutions);

    /// <summary>Executions of <c>faults_restart</c> that returned their answer (it counts when it is done).</summary>
    public static int RestartFinished => Volatile.Read(ref s_restartFinished);

    public static int AuthExecutions => Volatile.Read(ref s_authExecutions);

    public static int BadAnswerExecutions => Volatile.Read(ref s_badAnswerExecutions);

    /// <summary>The output every <c>faults_</c> worker returns for an input.</summary>
    public static Echo EchoOf(int n, string label) => new(n, n + 1, label.ToUpperInvariant());

    [WorkerTask("faults_first_step", Concurrency = 16)]
    public static Echo FirstStep(int n, string label)
    {
        Interlocked.Increment(ref s_firstStepExecutions);
        return EchoOf(n, label);
    }

    [WorkerTask("faults_second_step", Concurrency = 16)]
    public static Echo SecondStep(int n, string label)
    {
        Interlocked.Increment(ref s_secondStepExecutions);
        return EchoOf(n, label);
    }

    /// <summary>Takes a moment, so results are still being finished while the server goes away.</summary>
    [WorkerTask("faults_restart", Concurrency = 8)]
    public static async Task<Echo> RestartStepAsync(int n, string label, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref s_restartExecutions);
        await Task.Delay(TimeSpan.FromMilliseconds(50), cancellationToken);
        Interlocked.Increment(ref s_restartFinished);
        return EchoOf(n, label);
    }

    [WorkerTask("faults_auth", Concurrency = 8)]
    public static Echo AuthStep(int n, string label)
    {
        Interlocked.Increment(ref s_authExecutions);
        return EchoOf(n, label);
    }

    [WorkerTask("faults_bad_answers")]
    public static Echo BadAnswerStep(int n, string label)
    {
        Interlocked.Increment(ref s_badAnswerExecutions);
        return EchoOf(n, label);
    }
}

/// <summary>What the <c>faults_</c> workers return: the input number, the next one and the label in capitals.</summary>
public sealed record Echo(int N, int Next, string Label);

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Echo))]
[JsonSerializable(typeof(ShutdownAnswer))]
internal sealed partial class FaultsJsonContext : JsonSerializerContext;
