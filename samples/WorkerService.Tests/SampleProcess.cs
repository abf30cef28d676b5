using System.Collections.Concurrent;
using System.Diagnostics;
using Xunit.Abstractions;

namespace WorkerService.Tests;

/// <summary>The sample's build output run with <c>dotnet</c>; every line of its output is kept.</summary>
internal sealed class SampleProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();

    private SampleProcess(Process process) => _process = process;

    public IReadOnlyList<string> Lines => [.. _lines];

    public bool HasExited => _process.HasExited;

    public static SampleProcess Start(IReadOnlyList<string> arguments, ITestOutputHelper output, IReadOnlyDictionary<string, string>? environment = null)
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

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
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

    /// <summary>The sample's project directory: samples/WorkerService, beside this project's.</summary>
    public static string SampleDirectory
    {
        get
        {
            var frameworkDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.Combine(frameworkDirectory.Parent!.Parent!.Parent!.Parent!.FullName, "WorkerService");
        }
    }

    /// <summary>The sample's build output beside this project's: samples/WorkerService/bin/&lt;configuration&gt;/&lt;framework&gt;/WorkerService.dll.</summary>
    private static string SampleAssemblyPath()
    {
        var frameworkDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = frameworkDirectory.Parent!.Name;
        var path = Path.Combine(SampleDirectory, "bin", configuration, frameworkDirectory.Name, "WorkerService.dll");
        Assert.True(File.Exists(path), $"The sample is built before its tests; expected it at {path}.");
        return path;
    }
}
