using System.Reflection;
using System.Text;
using Newtonsoft.Json;

namespace Conductor.Generated.Benchmarks.Paths;

/// <summary>
/// The per-task path of the official C# SDK, reproduced step by step from
/// conductor-oss/csharp-sdk at commit ab5b8f7a8800a7365bfd0aecc21931b72b0c3c45:
/// <list type="bullet">
/// <item><c>Conductor/Client/ApiClient.cs</c> <c>Deserialize</c>: the poll answer, decoded to a
/// string, is read into <c>List&lt;Task&gt;</c> with Newtonsoft.Json (settings: only
/// <c>ConstructorHandling.AllowNonPublicDefaultConstructor</c>);</item>
/// <item><c>Conductor/Client/Worker/GenericWorker.cs</c> <c>Execute</c>: a
/// <c>WorkflowTaskContext</c> (a thread-local holding a new TaskResult) is set; for each parameter
/// the method's parameters and their attributes are looked up again, and the parameter's input
/// value is serialized with Newtonsoft and deserialized into the parameter type
/// (<c>ConvertInputValue</c>); the method runs through <c>MethodInfo.Invoke</c> inside
/// <c>Task.Run</c>; <c>SetValue</c> reads the method's <c>OutputParam</c> attribute and puts the
/// result into <c>outputData</c>;</item>
/// <item><c>ApiClient.Serialize</c>: the TaskResult is written with Newtonsoft and encoded as the
/// request body.</item>
/// </list>
/// </summary>
/// <remarks>
/// The SDK's own <c>InputParam</c>/<c>OutputParam</c> attributes are stood in for by this
/// library's <see cref="OutputParamAttribute"/> (same meaning: a key). Nothing is cached that the
/// SDK does not cache.
/// </remarks>
internal sealed class OfficialSdkDispatch
{
    // ApiClient.serializerSettings.
    private static readonly JsonSerializerSettings ApiClientSettings = new()
    {
        ConstructorHandling = ConstructorHandling.AllowNonPublicDefaultConstructor,
    };

    // WorkflowTaskContext's thread-local.
    private static readonly ThreadLocal<SdkTaskResult?> CurrentTaskResult = new(() => null);

    private static readonly List<SdkTaskResult.StatusEnum> FailedStatuses =
        [SdkTaskResult.StatusEnum.FAILED, SdkTaskResult.StatusEnum.FAILEDWITHTERMINALERROR];

    private readonly MethodInfo _executeTaskMethod;
    private readonly JsonSerializerSettings _jsonSerializerSettings = ObjectMapperSettings();

    private readonly bool _invokeOnThreadPool;

    /// <param name="executeTaskMethod">The worker method.</param>
    /// <param name="invokeOnThreadPool">
    /// <see langword="true"/> to call the method inside <c>Task.Run</c> as the SDK does;
    /// <see langword="false"/> to call it inline, which isolates the cost of the SDK's JSON and
    /// reflection from the thread hop.
    /// </param>
    public OfficialSdkDispatch(MethodInfo executeTaskMethod, bool invokeOnThreadPool)
    {
        _executeTaskMethod = executeTaskMethod;
        _invokeOnThreadPool = invokeOnThreadPool;
    }

    public async Task<byte[]> ExecuteAsync(byte[] pollResponse)
    {
        // RestSharp hands ApiClient the body as a string.
        var content = Encoding.UTF8.GetString(pollResponse);
        var tasks = JsonConvert.DeserializeObject<List<SdkTask>>(content, ApiClientSettings)!;
        var result = await ExecuteAsync(tasks[0]).ConfigureAwait(false);
        var body = JsonConvert.SerializeObject(result, ApiClientSettings);
        return Encoding.UTF8.GetBytes(body);
    }

    /// <summary>GenericWorker.Execute, without its exception handling (no task here fails).</summary>
    private async Task<SdkTaskResult> ExecuteAsync(SdkTask task)
    {
        var taskResult = NewTaskResult(task);
        CurrentTaskResult.Value = taskResult;
        var parameters = GetInvocationParameters(task);
        // The benchmark's workers are static methods: the SDK's worker instance is null for them.
        var invocationResult = _invokeOnThreadPool
            ? await Task.Run(() => _executeTaskMethod.Invoke(obj: null, parameters)).ConfigureAwait(false)
            : _executeTaskMethod.Invoke(obj: null, parameters);
        var result = SetValue(invocationResult, taskResult);
        if (!FailedStatuses.Contains(result.Status!.Value) && result.CallbackAfterSeconds > 0)
        {
            result.Status = SdkTaskResult.StatusEnum.INPROGRESS;
        }

        return result;
    }

    // ObjectMapperProvider.GetJsonSerializerSettings.
    private static JsonSerializerSettings ObjectMapperSettings() => new()
    {
        MissingMemberHandling = MissingMemberHandling.Ignore,
        Error = (sender, args) => args.ErrorContext.Handled = true,
        NullValueHandling = NullValueHandling.Include,
        DefaultValueHandling = DefaultValueHandling.Ignore,
        ReferenceLoopHandling = ReferenceLoopHandling.Ignore,
        PreserveReferencesHandling = PreserveReferencesHandling.None,
        TypeNameHandling = TypeNameHandling.None,
    };

    // WorkerUtil.GetTaskResult and GetStatus.
    private static SdkTaskResult NewTaskResult(SdkTask task)
    {
        var status = task.Status switch
        {
            SdkTask.StatusEnum.CANCELED or SdkTask.StatusEnum.COMPLETEDWITHERRORS or SdkTask.StatusEnum.TIMEDOUT or SdkTask.StatusEnum.SKIPPED
                => SdkTaskResult.StatusEnum.FAILED,
            SdkTask.StatusEnum.SCHEDULED => SdkTaskResult.StatusEnum.INPROGRESS,
            _ => Enum.TryParse(task.Status.ToString(), out SdkTaskResult.StatusEnum parsed)
                ? parsed
                : throw new ArgumentException($"Unknown status: {task.Status}"),
        };
        return new SdkTaskResult(
            callbackAfterSeconds: task.CallbackAfterSeconds, taskId: task.TaskId, externalOutputPayloadStoragePath: task.ExternalOutputPayloadStoragePath,
            workflowInstanceId: task.WorkflowInstanceId, outputData: task.OutputData, reasonForIncompletion: task.ReasonForIncompletion,
            status: status, subWorkflowId: task.SubWorkflowId, workerId: task.WorkerId);
    }

    private object?[] GetInvocationParameters(SdkTask task)
    {
        var parameterTypes = _executeTaskMethod.GetParameters().Select(parameter => parameter.ParameterType).ToArray();
        var parameters = _executeTaskMethod.GetParameters();
        if (parameterTypes.Length == 1 && parameterTypes[0] == typeof(SdkTask))
        {
            return [task];
        }

        if (parameterTypes.Length == 1 && parameterTypes[0] == typeof(Dictionary<string, object>))
        {
            return [task.InputData];
        }

        return GetParameters(task, parameterTypes, parameters);
    }

    private object?[] GetParameters(SdkTask task, Type[] parameterTypes, ParameterInfo[] parameters)
    {
        var parameterAnnotations = GetParameterAnnotations();
        var values = new object?[parameterTypes.Length];
        for (var index = 0; index < parameterTypes.Length; index++)
        {
            if (parameterAnnotations[index].Length > 0)
            {
                // The SDK reads its InputParam attribute here; the benchmark's workers have no parameter attributes.
                throw new InvalidOperationException($"Parameter {parameters[index].Name} has attributes the SDK does not understand.");
            }

            values[index] = ConvertInputValue(task.InputData![parameters[index].Name!], parameterTypes[index]);
        }

        return values;
    }

    private Attribute[][] GetParameterAnnotations()
    {
        var parameters = _executeTaskMethod.GetParameters();
        var parameterAnnotations = new Attribute[parameters.Length][];
        for (var index = 0; index < parameters.Length; index++)
        {
            var annotations = new List<Attribute>();
            foreach (var attribute in parameters[index].GetCustomAttributes(false))
            {
                if (attribute is Attribute annotation)
                {
                    annotations.Add(annotation);
                }
            }

            parameterAnnotations[index] = [.. annotations];
        }

        return parameterAnnotations;
    }

    private object? ConvertInputValue(object? input, Type targetType)
    {
        var jsonString = JsonConvert.SerializeObject(input, _jsonSerializerSettings);
        return JsonConvert.DeserializeObject(jsonString, targetType, _jsonSerializerSettings);
    }

    private SdkTaskResult SetValue(object? invocationResult, SdkTaskResult result)
    {
        if (invocationResult is null)
        {
            result.Status = SdkTaskResult.StatusEnum.COMPLETED;
            return result;
        }

        var outputAnnotation = _executeTaskMethod.GetCustomAttribute<OutputParamAttribute>();
        if (outputAnnotation is not null)
        {
            result.OutputData = new Dictionary<string, object> { { outputAnnotation.Key, invocationResult } };
            result.Status = SdkTaskResult.StatusEnum.COMPLETED;
            return result;
        }

        if (invocationResult is Dictionary<string, object> dictionary)
        {
            foreach (var pair in dictionary)
            {
                result.OutputData![pair.Key] = pair.Value;
            }

            result.Status = SdkTaskResult.StatusEnum.COMPLETED;
            return result;
        }

        if (invocationResult is string or int or float or decimal or double or bool)
        {
            result.OutputData!.Add("result", invocationResult);
            result.Status = SdkTaskResult.StatusEnum.COMPLETED;
            return result;
        }

        // The SDK's remaining branches (TaskResult, List<object>, DynamicForkInput, and a cast to a
        // dictionary that fails for any other type) are never reached by the benchmark's workers.
        throw new NotSupportedException($"The SDK cannot return a {invocationResult.GetType().Name} without an OutputParam attribute.");
    }
}
