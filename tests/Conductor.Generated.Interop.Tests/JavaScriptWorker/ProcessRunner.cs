using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Conductor.Generated.Interop.Tests.JavaScriptWorker;

/// <summary>Runs a command line tool to its end and keeps everything it printed.</summary>
internal static class ProcessRunner
{
    public sealed record Outcome(int ExitCode, string Output);

    /// <summary>
    /// Runs <paramref name="fileName"/> and returns its exit code and its stdout and stderr
    /// interleaved. Throws <see cref="Win32Exception"/> when the program is not found and
    /// <see cref="TimeoutException"/> (with the output so far) when it runs too long.
    /// </summary>
    public static async Task<Outcome> RunAsync(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        arguments = [.. arguments];
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        ConductorEnvironment.RemoveSettings(startInfo.Environment);

        var output = new StringBuilder();
        using var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, line) => Append(output, line.Data);
        process.ErrorDataReceived += (_, line) => Append(output, line.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{fileName} {string.Join(' ', arguments)}' did not finish within {timeout.TotalSeconds:0} s. Its output so far:\n{Snapshot(output)}");
        }

        return new Outcome(process.ExitCode, Snapshot(output));
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
