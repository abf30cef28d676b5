namespace Conductor.Generated.Testing;

/// <summary>
/// Makes a <see cref="ConductorTestServer"/> behave as a real server configured with external
/// payload storage (<c>conductor.external-payload-storage.type</c>): task inputs and outputs over
/// the thresholds are kept in the server's own store and handed over by path, read and written
/// through <c>GET /api/tasks/externalstoragelocation</c> and the address it gives. The defaults
/// are the real server's (<c>ConductorProperties</c>: 3072 KB, hard limit 10240 KB).
/// </summary>
public sealed class TestServerPayloadStorageOptions
{
    /// <summary>
    /// A task input whose JSON is larger than this many kilobytes (of 1024 bytes) is kept in the
    /// store: the polled task arrives with <c>inputData: {}</c> and
    /// <c>externalInputPayloadStoragePath</c> (<c>conductor.app.taskInputPayloadSizeThreshold</c>).
    /// </summary>
    public int TaskInputThresholdKilobytes { get; set; } = 3072;

    /// <summary>
    /// A task input larger than this fails the task (<c>FAILED_WITH_TERMINAL_ERROR</c>) instead
    /// of handing it out (<c>conductor.app.maxTaskInputPayloadSizeThreshold</c>).
    /// </summary>
    public int MaxTaskInputKilobytes { get; set; } = 10240;

    /// <summary>
    /// The output threshold (<c>conductor.app.taskOutputPayloadSizeThreshold</c>). Outputs over
    /// it that a worker sends inline are kept inline here (the real server moves them to the
    /// store, which changes nothing a worker or workflow sees).
    /// </summary>
    public int TaskOutputThresholdKilobytes { get; set; } = 3072;

    /// <summary>
    /// An output sent inline that is larger than this fails the task
    /// (<c>FAILED_WITH_TERMINAL_ERROR</c>, output emptied), as
    /// <c>ExternalPayloadStorageUtils#verifyAndUpload</c> does (<c>conductor.app.maxTaskOutputPayloadSizeThreshold</c>).
    /// </summary>
    public int MaxTaskOutputKilobytes { get; set; } = 10240;

    internal void Validate()
    {
        if (TaskInputThresholdKilobytes <= 0 || MaxTaskInputKilobytes < TaskInputThresholdKilobytes)
        {
            throw new ArgumentException($"External payload storage: {nameof(TaskInputThresholdKilobytes)} must be positive and {nameof(MaxTaskInputKilobytes)} not below it; got {TaskInputThresholdKilobytes} and {MaxTaskInputKilobytes}.");
        }

        if (TaskOutputThresholdKilobytes <= 0 || MaxTaskOutputKilobytes < TaskOutputThresholdKilobytes)
        {
            throw new ArgumentException($"External payload storage: {nameof(TaskOutputThresholdKilobytes)} must be positive and {nameof(MaxTaskOutputKilobytes)} not below it; got {TaskOutputThresholdKilobytes} and {MaxTaskOutputKilobytes}.");
        }
    }
}
