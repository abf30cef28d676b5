using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Abstractions;

namespace WorkerService.Tests;

/// <summary>
/// The sample run as a process, as a user runs it: it starts its embedded server, fulfils its
/// orders through the hosted workers and stops cleanly on SIGTERM (and by itself with --once).
/// </summary>
public sealed class WorkerServiceProcessTests(ITestOutputHelper output)
{
    /// <summary>Generous: the first JIT start on a slow, shared machine takes a while.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);

    /// <summary>The workers' grace period is 20 s (appsettings.json); an idle stop is far quicker, this is the bound.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_sample_fulfils_its_orders_keeps_running_and_exits_with_0_on_SIGTERM()
    {
        using var sample = SampleProcess.Start([], output);

        var summary = await sample.WaitForLineAsync(line => line.StartsWith("Fulfilled ", StringComparison.Ordinal), StartTimeout);
        Assert.Equal("Fulfilled 3 of 3 orders. Scoped OrderLedger instances: 6 created, 6 disposed (one per task).", summary);
        Assert.Equal(3, sample.Lines.Count(line => line.StartsWith("Workflow ", StringComparison.Ordinal) && line.Contains(" COMPLETED: ", StringComparison.Ordinal)));
        // Printed after the summary, so waited for: the process's output is read as it comes.
        var health = await sample.WaitForLineAsync(line => line.StartsWith("Health of the Conductor workers: ", StringComparison.Ordinal), StartTimeout);
        Assert.Equal("Health of the Conductor workers: Healthy", health);
        await sample.WaitForLineAsync(line => line.StartsWith("The workers keep polling", StringComparison.Ordinal), StartTimeout);
        Assert.False(sample.HasExited, "the sample runs until stopped");

        sample.SendSigterm();
        var exitCode = await sample.WaitForExitAsync(StopTimeout);

        Assert.Equal(0, exitCode);
        Assert.Contains(sample.Lines, line => line.Contains("Conductor workers stopped", StringComparison.Ordinal));
        Assert.Equal("Stopped.", sample.Lines.Last(line => line.Length > 0));
    }

    [Fact]
    public async Task With_once_the_sample_exits_with_0_after_its_orders_are_fulfilled()
    {
        using var sample = SampleProcess.Start(["--once"], output);

        var exitCode = await sample.WaitForExitAsync(StartTimeout);

        Assert.Equal(0, exitCode);
        Assert.Contains("Fulfilled 3 of 3 orders. Scoped OrderLedger instances: 6 created, 6 disposed (one per task).", sample.Lines);
        Assert.DoesNotContain(sample.Lines, line => line.StartsWith("fail:", StringComparison.Ordinal));
    }

    /// <summary>The sample's build output run with <c>dotnet</c>; every line of its output is kept.</summary>
    private sealed class SampleProcess : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<string> _lines = new();

        private SampleProcess(Process process) => _process = process;

        public IReadOnlyList<string> Lines => [.. _lines];

        public bool HasExited => _process.HasExited;

        public static SampleProcess Start(IReadOnlyList<string> arguments, ITestOutputHelper output)
        {
            var sampleAssembly = SampleAssemblyPath();
            var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = Path.GetDirectoryName(sampleAssembly)!,
            };
            start.ArgumentList.Add(sampleAssembly);
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            // The sample must start its embedded server, whatever the machine has set.
            foreach (var variable in new[] { "CONDUCTOR_SERVER_URL", "Conductor__ServerUrl", "CONDUCTOR__SERVERURL" })
            {
                start.Environment.Remove(variable);
            }

            var process = Process.Start(start) ?? throw new InvalidOperationException("The sample did not start.");
            var sample = new SampleProcess(process);
            process.OutputDataReceived += (_, line) => sample.Keep(line.Data, output);
            process.ErrorDataReceived += (_, line) => sample.Keep(line.Data, output);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return sample;
        }

        public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                if (_lines.FirstOrDefault(match) is { } line)
                {
                    return line;
                }

                if (_process.HasExited)
                {
                    Assert.Fail($"The sample exited with {_process.ExitCode} before printing the expected line.");
                }

                if (DateTime.UtcNow > deadline)
                {
                    Assert.Fail($"The sample did not print the expected line within {timeout}.");
                }

                await Task.Delay(50);
            }
        }

        /// <summary>What a container orchestrator sends to stop a process.</summary>
        public void SendSigterm()
        {
            // The shell's own kill, so no procps package is needed.
            using var kill = Process.Start("/bin/sh", ["-c", $"kill -TERM {_process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)}"]);
            kill.WaitForExit();
            Assert.Equal(0, kill.ExitCode);
        }

        public async Task<int> WaitForExitAsync(TimeSpan timeout)
        {
            using var cancellation = new CancellationTokenSource(timeout);
            try
            {
                await _process.WaitForExitAsync(cancellation.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The sample did not exit within {timeout}.");
            }

            // The parameterless wait also drains the redirected output.
            _process.WaitForExit();
            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private void Keep(string? line, ITestOutputHelper output)
        {
            if (line is null)
            {
                return;
            }

            _lines.Enqueue(line);
            try
            {
                output.WriteLine(line);
            }
            catch (InvalidOperationException)
            {
                // The test has ended; its output is closed.
            }
        }

        /// <summary>The sample's build output beside this project's: samples/WorkerService/bin/&lt;configuration&gt;/&lt;framework&gt;/WorkerService.dll.</summary>
        private static string SampleAssemblyPath()
        {
            var frameworkDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = frameworkDirectory.Parent!.Name;
            var samplesDirectory = frameworkDirectory.Parent.Parent!.Parent!.Parent!.FullName;
            var path = Path.Combine(samplesDirectory, "WorkerService", "bin", configuration, frameworkDirectory.Name, "WorkerService.dll");
            Assert.True(File.Exists(path), $"The sample is built before its tests; expected it at {path}.");
            return path;
        }
    }
}
