using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Conductor.Generated.Testing;

/// <summary>
/// The system tasks that wait on the world outside the server, HTTP (http-task's HttpTask) and
/// JSON_JQ_TRANSFORM (json-jq-task's JsonJqTransform, through the <c>jq</c> program): they run
/// outside the engine's lock, then their result is applied and the workflow decided again.
/// </summary>
internal sealed partial class ConductorEngine
{
    /// <summary>An HTTP task's time limit when its input sets no connectionTimeOut/readTimeOut.</summary>
    internal static readonly TimeSpan HttpTaskTimeout = TimeSpan.FromSeconds(60);

    /// <summary>How long a jq run may take before its task fails.</summary>
    internal static readonly TimeSpan JqTimeLimit = TimeSpan.FromSeconds(10);

    private readonly HttpClient _httpClient;
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Runs <paramref name="work"/> outside the lock; its result is applied to the task if it still waits.</summary>
    private void RunInBackground(WorkflowState workflow, TaskExecution task, Func<CancellationToken, Task<Action<TaskExecution>>> work)
    {
        task.Status = TaskExecutionStatus.InProgress;
        var taskId = task.TaskId;
        var token = _stopping.Token;

        // Time does not skip on a virtual clock while the request or the jq run is out.
        var workKey = "background:" + taskId;
        BeginWork(workKey, $"{task.TaskType} task {task.ReferenceTaskName} ({taskId}) runs on the server");
        _ = Task.Run(
            async () =>
            {
                Action<TaskExecution> apply;
                try
                {
                    apply = await work(token).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // whatever goes wrong fails this task only, never the server
                catch (Exception exception)
#pragma warning restore CA1031
                {
                    apply = failed => Finish(failed, TaskExecutionStatus.Failed, exception.Message);
                }

                lock (_gate)
                {
                    EndWork(workKey);
                    if (token.IsCancellationRequested || workflow.IsEnded || !_tasks.TryGetValue(taskId, out var state) || state.Task.Status.IsTerminal())
                    {
                        return;
                    }

                    apply(state.Task);
                    if (state.Task.Status.IsTerminal())
                    {
                        Decide(workflow, state.Task);
                    }
                }
            },
            CancellationToken.None);
    }

    // ---- HTTP -------------------------------------------------------------------------------------

    /// <summary>
    /// HttpTask#start and #httpCall: the request from <c>http_request</c> (or the input itself);
    /// a 2xx answer completes the task, any other fails it with the body as the reason; the
    /// output's <c>response</c> holds statusCode, headers, body and reasonPhrase.
    /// </summary>
    private void StartHttp(WorkflowState workflow, TaskExecution task)
    {
        var request = task.InputData["http_request"] as JsonObject ?? task.InputData;
        task.WorkerId = Environment.MachineName; // Utils#getServerId
        var uri = request["uri"]?.ToString();
        var method = request["method"]?.ToString();
        if (uri is null)
        {
            Finish(task, TaskExecutionStatus.Failed, "Missing HTTP URI.  See documentation for HttpTask for required input parameters");
            return;
        }

        if (method is null)
        {
            Finish(task, TaskExecutionStatus.Failed, "No HTTP method specified");
            return;
        }

        var input = (JsonObject)request.DeepClone();
        RunInBackground(workflow, task, async cancellationToken =>
        {
            try
            {
                var response = await CallAsync(input, uri, method, cancellationToken).ConfigureAwait(false);
                return done =>
                {
                    done.OutputData["response"] = response.Output;
                    if (response.StatusCode is > 199 and < 300)
                    {
                        // asyncComplete: the call is made, a task update completes the task.
                        Finish(done, done.WorkflowTask?.AsyncComplete == true ? TaskExecutionStatus.InProgress : TaskExecutionStatus.Completed, reason: null);
                    }
                    else
                    {
                        Finish(done, TaskExecutionStatus.Failed, response.BodyText is { Length: > 0 } body ? body : "No response from the remote service");
                    }
                };
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or UriFormatException or InvalidOperationException or FormatException or ArgumentException)
            {
                var message = exception is TaskCanceledException && !cancellationToken.IsCancellationRequested
                    ? "the request timed out"
                    : exception.Message;
                return failed =>
                {
                    failed.OutputData["response"] = message;
                    Finish(failed, TaskExecutionStatus.Failed, $"Failed to invoke HTTP task due to: {message}");
                };
            }
        });
    }

    private async Task<(int StatusCode, string? BodyText, JsonObject Output)> CallAsync(JsonObject input, string uri, string method, CancellationToken cancellationToken)
    {
        using var message = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), new Uri(uri, UriKind.Absolute));
        var contentType = input["contentType"]?.ToString() ?? "application/json";
        var accept = input["accept"]?.ToString() ?? "application/json";
        message.Headers.Accept.ParseAdd(accept);
        if (input["body"] is { } body)
        {
            var text = body is JsonValue value && value.TryGetValue(out string? raw) ? raw : body.ToJsonString();
            message.Content = new StringContent(text, Encoding.UTF8);
            message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        foreach (var (name, value) in input["headers"] as JsonObject ?? [])
        {
            if (value is null)
            {
                continue;
            }

            var text = value is JsonValue scalar && scalar.TryGetValue(out string? headerText) ? headerText : value.ToJsonString();
            if (!message.Headers.TryAddWithoutValidation(name, text))
            {
                message.Content ??= new ByteArrayContent([]);
                message.Content.Headers.Remove(name);
                message.Content.Headers.TryAddWithoutValidation(name, text);
            }
        }

        var limit = HttpTaskTimeout;
        var connect = input["connectionTimeOut"] is JsonValue connectValue && connectValue.TryGetValue(out int connectMs) ? connectMs : 0;
        var read = input["readTimeOut"] is JsonValue readValue && readValue.TryGetValue(out int readMs) ? readMs : 0;
        if (connect > 0 || read > 0)
        {
            limit = TimeSpan.FromMilliseconds(connect + read);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        using var response = await _httpClient.SendAsync(message, timeout.Token).ConfigureAwait(false);
        var bodyText = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);

        var headers = new JsonObject();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            headers[name] = new JsonArray([.. values.Select(item => JsonValue.Create(item))]);
        }

        var statusCode = (int)response.StatusCode;
        var output = new JsonObject
        {
            ["body"] = ResponseBody(bodyText),
            ["headers"] = headers,
            ["statusCode"] = statusCode,
            ["reasonPhrase"] = ReasonPhrases.GetReasonPhrase(statusCode),
        };
        return (statusCode, bodyText, output);
    }

    /// <summary>HttpTask#extractBody: JSON objects and arrays as JSON, numbers as numbers, anything else as text.</summary>
    private static JsonNode? ResponseBody(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(text);
            return node is JsonObject or JsonArray || node?.GetValueKind() == JsonValueKind.Number ? node : JsonValue.Create(node is JsonValue value && value.TryGetValue(out string? inner) ? inner : text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    // ---- JSON_JQ_TRANSFORM ------------------------------------------------------------------------

    /// <summary>
    /// JsonJqTransform#start: <c>queryExpression</c> applied by jq to the task's input; the first
    /// result as <c>result</c>, all as <c>resultList</c>; a failure in <c>error</c>.
    /// </summary>
    private void StartJq(WorkflowState workflow, TaskExecution task)
    {
        if (task.InputData["queryExpression"] is not JsonValue queryValue || !queryValue.TryGetValue(out string? query))
        {
            Finish(task, TaskExecutionStatus.Failed, "Missing 'queryExpression' in input parameters");
            return;
        }

        var jq = JqProgram.Value;
        if (jq is null)
        {
            const string Missing = "JSON_JQ_TRANSFORM needs the jq program, which was not found on PATH";
            task.OutputData["error"] = Missing;
            Finish(task, TaskExecutionStatus.Failed, Missing);
            return;
        }

        var inputJson = task.InputData.ToJsonString();
        RunInBackground(workflow, task, async cancellationToken =>
        {
            var (results, error) = await RunJqAsync(jq, query, inputJson, cancellationToken).ConfigureAwait(false);
            return done =>
            {
                if (error is not null)
                {
                    done.OutputData["error"] = error;
                    Finish(done, TaskExecutionStatus.Failed, error);
                    return;
                }

                done.OutputData["result"] = results.Count == 0 ? null : results[0]?.DeepClone();
                done.OutputData["resultList"] = new JsonArray([.. results]);
                Finish(done, TaskExecutionStatus.Completed, reason: null);
            };
        });
    }

    private static async Task<(List<JsonNode?> Results, string? Error)> RunJqAsync(string jq, string query, string inputJson, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(jq)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(query);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("jq could not be started");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(JqTimeLimit);
        try
        {
            var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var errors = process.StandardError.ReadToEndAsync(timeout.Token);
            await process.StandardInput.WriteAsync(inputJson.AsMemory(), timeout.Token).ConfigureAwait(false);
            process.StandardInput.Close();
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            var text = await output.ConfigureAwait(false);
            var errorText = (await errors.ConfigureAwait(false)).Trim();
            if (process.ExitCode != 0)
            {
                return ([], errorText.Length > 0 ? errorText : string.Create(CultureInfo.InvariantCulture, $"jq exited with code {process.ExitCode}"));
            }

            var results = new List<JsonNode?>();
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                results.Add(JsonNode.Parse(line));
            }

            return (results, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            return ([], string.Create(CultureInfo.InvariantCulture, $"jq ran longer than {JqTimeLimit.TotalSeconds:0} seconds"));
        }
    }

    /// <summary>The jq program on PATH, looked up once; null when there is none.</summary>
    private static readonly Lazy<string?> JqProgram = new(() =>
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in OperatingSystem.IsWindows() ? new[] { "jq.exe", "jq" } : ["jq"])
            {
                var candidate = Path.Combine(directory, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    });
}
