using System.Diagnostics;
using System.Text;

namespace Conductor.Generated.Interop.Tests.JavaScriptWorker;

/// <summary>
/// The worker of js/worker.js, running the official JavaScript SDK in a node child process
/// against a server URL. Disposing it closes its stdin, which makes it stop polling and exit.
/// </summary>
internal sealed class JavaScriptWorkerProcess : IAsyncDisposable
{
    /// <summary>Generous: node and the SDK load slowly on a busy machine.</summary>
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private JavaScriptWorkerProcess(Process process) => _process = process;

    /// <summary>Everything the worker printed so far, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the worker and returns once it printed its ready line (it polls then).</summary>
    public static async Task<JavaScriptWorkerProcess> StartAsync(Uri serverUrl, string workerId)
    {
        var startInfo = new ProcessStartInfo("node")
        {
            WorkingDirectory = NodeToolchain.WorkerDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(NodeToolchain.WorkerScript);
        startInfo.ArgumentList.Add(serverUrl.AbsoluteUri);
        startInfo.ArgumentList.Add(workerId);
        ConductorEnvironment.RemoveSettings(startInfo.Environment);

        var worker = new JavaScriptWorkerProcess(new Process { StartInfo = startInfo, EnableRaisingEvents = true });
        await worker.StartAndWaitUntilReadyAsync();
        return worker;
    }

    /// <summary>
    /// Closes the worker's stdin, which makes it stop polling and exit, and returns its exit
    /// code. A worker that does not exit in time is killed and a <see cref="TimeoutException"/> says so.
    /// </summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.StandardInput.Close();
            try
            {
                using var deadline = new CancellationTokenSource(StopTimeout);
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                throw new TimeoutException($"The JavaScript worker did not stop within {StopTimeout.TotalSeconds:0} s of its stdin closing. It printed:\n{Output}");
            }
        }

        // Also when it had exited already: returns once its last output lines have been read.
        await _process.WaitForExitAsync();
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        catch (TimeoutException)
        {
            // Killed; a test that cares about a clean stop calls StopAsync itself.
        }
        finally
        {
            _process.Dispose();
        }
    }

    private async Task StartAndWaitUntilReadyAsync()
    {
        _process.OutputDataReceived += (_, line) => OnOutput(line.Data, isReadyCandidate: true);
        _process.ErrorDataReceived += (_, line) => OnOutput(line.Data, isReadyCandidate: false);
        _process.Exited += (_, _) => _ready.TrySetException(new InvalidOperationException($"The JavaScript worker exited before it was ready. It printed:\n{Output}"));
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();

        try
        {
            await _ready.Task.WaitAsync(ReadyTimeout);
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            _process.Dispose();
            throw new TimeoutException($"The JavaScript worker did not print its ready line within {ReadyTimeout.TotalSeconds:0} s. It printed:\n{Output}");
        }
        catch (InvalidOperationException)
        {
            _process.Dispose();
            throw;
        }
    }

    private void OnOutput(string? line, bool isReadyCandidate)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (isReadyCandidate && line.StartsWith("READY ", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }
}
