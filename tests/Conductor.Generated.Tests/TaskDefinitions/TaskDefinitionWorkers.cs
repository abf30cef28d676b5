using System.Text.Json;
using System.Text.Json.Serialization;

namespace Conductor.Generated.Tests.TaskDefinitions;

/// <summary>A parcel to send.</summary>
/// <param name="RecipientName">Who receives it.</param>
/// <param name="WeightGrams">How heavy it is.</param>
public sealed record Parcel(string RecipientName, int WeightGrams);

/// <summary>What sending a parcel produced.</summary>
public sealed record Dispatch(Guid TrackingId, DateTimeOffset DispatchedAt);

public enum Carrier { Post, Courier }

/// <summary>Workers whose task definitions are registered with the test server.</summary>
public static class TaskDefinitionWorkers
{
    /// <summary>Sends a parcel with a carrier.</summary>
    /// <param name="parcel">The parcel.</param>
    /// <param name="carrier">Who carries it.</param>
    [WorkerTask("taskdef_send_parcel")]
    [TaskDefinition(
        RetryCount = 4,
        RetryLogic = TaskRetryLogic.LinearBackoff,
        RetryDelaySeconds = 7,
        BackoffScaleFactor = 3,
        TimeoutSeconds = 300,
        ResponseTimeoutSeconds = 60,
        TotalTimeoutSeconds = 1800,
        TimeoutPolicy = TaskTimeoutAction.Retry,
        ConcurrentExecLimit = 12,
        RateLimitPerFrequency = 100,
        RateLimitFrequencyInSeconds = 60,
        OwnerEmail = "parcels@example.com")]
    public static Dispatch SendParcel(Parcel parcel, Carrier carrier = Carrier.Post) =>
        new(Guid.NewGuid(), DateTimeOffset.UnixEpoch.AddDays(parcel.WeightGrams + (int)carrier));

    [WorkerTask("taskdef_plain")]
    public static int Plain(int number) => number;
}

[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Parcel))]
[JsonSerializable(typeof(Dispatch))]
internal sealed partial class TaskDefinitionJsonContext : JsonSerializerContext;
