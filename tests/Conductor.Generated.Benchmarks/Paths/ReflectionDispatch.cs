using System.Buffers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Conductor.Generated.Benchmarks.Paths;

/// <summary>
/// The fastest reflection-based path we could write, to show what is left once the official
/// SDK's avoidable costs are gone: the method, its parameters and the output rule are looked up
/// once; each task is parsed once into a <see cref="JsonDocument"/>; each parameter is read from
/// its input value with reflection-based System.Text.Json (web defaults, as the generated path's
/// context); the method is called through a cached <see cref="MethodInvoker"/>; the result body is
/// written directly with the ids copied from the task.
/// </summary>
/// <remarks>
/// It binds keys exactly, then ignoring case, as the generated binders do; it has none of their
/// error reporting, and runs synchronous methods only (the benchmark's workers are).
/// </remarks>
internal sealed class ReflectionDispatch
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    private readonly MethodInvoker _invoker;
    private readonly ParameterInfo[] _parameters;
    private readonly JsonTypeInfo[] _parameterTypeInfos;
    private readonly JsonTypeInfo _returnTypeInfo;
    private readonly string? _outputKey;

    public ReflectionDispatch(MethodInfo method)
    {
        _invoker = MethodInvoker.Create(method);
        _parameters = method.GetParameters();
        _parameterTypeInfos = [.. _parameters.Select(parameter => Options.GetTypeInfo(parameter.ParameterType))];
        _returnTypeInfo = Options.GetTypeInfo(method.ReturnType);
        var outputKey = method.GetCustomAttribute<OutputParamAttribute>()?.Key;
        var returnsObject = _returnTypeInfo.Kind is JsonTypeInfoKind.Object or JsonTypeInfoKind.Dictionary;
        _outputKey = outputKey ?? (returnsObject ? null : Binding.WorkerOutput.DefaultKey);
    }

    public byte[] Execute(byte[] pollResponse)
    {
        using var document = JsonDocument.Parse(pollResponse);
        var task = document.RootElement[0];
        var input = task.GetProperty("inputData");

        var arguments = new object?[_parameters.Length];
        for (var index = 0; index < _parameters.Length; index++)
        {
            var parameter = _parameters[index];
            arguments[index] = FindKey(input, parameter.Name!, out var value)
                ? value.Deserialize(_parameterTypeInfos[index])
                : parameter.DefaultValue;
        }

        var returned = _invoker.Invoke(null, arguments.AsSpan());

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            CopyProperty(writer, task, "workflowInstanceId");
            CopyProperty(writer, task, "taskId");
            writer.WriteString("status", "COMPLETED");
            writer.WritePropertyName("outputData");
            if (_outputKey is null)
            {
                JsonSerializer.Serialize(writer, returned, _returnTypeInfo);
            }
            else
            {
                writer.WriteStartObject();
                writer.WritePropertyName(_outputKey);
                JsonSerializer.Serialize(writer, returned, _returnTypeInfo);
                writer.WriteEndObject();
            }

            writer.WriteString("workerId", Workloads.PollResponses.WorkerId);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static bool FindKey(JsonElement input, string key, out JsonElement value)
    {
        if (input.TryGetProperty(key, out value))
        {
            return true;
        }

        foreach (var property in input.EnumerateObject())
        {
            if (string.Equals(property.Name, key, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        return false;
    }

    private static void CopyProperty(Utf8JsonWriter writer, JsonElement task, string name)
    {
        writer.WritePropertyName(name);
        task.GetProperty(name).WriteTo(writer);
    }
}
