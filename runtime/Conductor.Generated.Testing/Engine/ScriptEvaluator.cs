using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;

namespace Conductor.Generated.Testing;

/// <summary>
/// JavaScript for SWITCH, DECISION, INLINE and DO_WHILE expressions, run in Jint without CLR
/// interop. The script sees <c>$</c>, the task's input, as the real server's ScriptEvaluator and
/// GraalJSEvaluator give it; its evaluation time and size are bounded, so a runaway script fails
/// its task with a clear reason instead of holding the server.
/// </summary>
internal static class ScriptEvaluator
{
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(5);

    /// <summary>Evaluates <paramref name="script"/> with <c>$</c> bound to <paramref name="input"/>; the result as JSON.</summary>
    public static JsonNode? Evaluate(string script, JsonObject input)
    {
        var engine = new Engine(options =>
        {
            options.TimeoutInterval(TimeLimit);
            options.LimitRecursion(256);
            options.MaxStatements(10_000_000);
            options.LimitMemory(64_000_000);
            options.Strict = false;
        });
        var parser = new JsonParser(engine);
        engine.SetValue("$", parser.Parse(input.ToJsonString()));
        JsValue value;
        try
        {
            value = engine.Evaluate(script);
        }
        catch (TimeoutException)
        {
            throw new ScriptException($"the script ran longer than {TimeLimit.TotalSeconds:0} seconds");
        }
        catch (StatementsCountOverflowException)
        {
            throw new ScriptException("the script ran more than 10,000,000 statements");
        }
        catch (MemoryLimitExceededException)
        {
            throw new ScriptException("the script used more than 64 MB");
        }
        catch (RecursionDepthOverflowException)
        {
            throw new ScriptException("the script recursed deeper than 256 calls");
        }
        catch (JavaScriptException exception)
        {
            throw new ScriptException(exception.Message);
        }
        catch (Acornima.ParseErrorException exception)
        {
            throw new ScriptException(exception.Message);
        }

        return ToJson(engine, value);
    }

    /// <summary>ScriptEvaluator#toBoolean: true, or a number other than 0.</summary>
    public static bool IsTrue(JsonNode? value) =>
        value is JsonValue scalar
        && (scalar.GetValueKind() == System.Text.Json.JsonValueKind.True
            || (scalar.GetValueKind() == System.Text.Json.JsonValueKind.Number && scalar.GetValue<double>() != 0));

    private static JsonNode? ToJson(Engine engine, JsValue value)
    {
        if (value.IsUndefined() || value.IsNull())
        {
            return null;
        }

        var text = new JsonSerializer(engine).Serialize(value);
        return text.IsUndefined() ? null : JsonNode.Parse(text.AsString());
    }
}

/// <summary>A script failed; the message says why.</summary>
internal sealed class ScriptException(string message) : Exception(message);
