using System.Diagnostics;
using System.Security.Cryptography;

namespace Conductor.Generated.LoadHarness.Processes;

/// <summary>Installs the JavaScript worker's packages from its lockfile, once per lockfile, as the interop tests do.</summary>
internal static class NodeSetup
{
    private const string InstallStampFileName = ".installed-lockfile.sha256";

    public static async Task EnsureInstalledAsync(string directory)
    {
        var lockfileHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(directory, "package-lock.json"))));
        var stampPath = Path.Combine(directory, "node_modules", InstallStampFileName);
        if (File.Exists(stampPath) && await File.ReadAllTextAsync(stampPath) == lockfileHash)
        {
            return;
        }

        // The SDK declares optional AI peer dependencies whose ranges conflict; --legacy-peer-deps skips them.
        var startInfo = new ProcessStartInfo("npm", ["ci", "--legacy-peer-deps", "--no-audit", "--no-fund"])
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var npm = Process.Start(startInfo) ?? throw new InvalidOperationException("npm could not be started; Node.js 20+ and npm must be on PATH.");
        var output = npm.StandardOutput.ReadToEndAsync();
        var errors = npm.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await npm.WaitForExitAsync(deadline.Token);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"'npm ci --legacy-peer-deps' in {directory} failed ({npm.ExitCode}):\n{await output}\n{await errors}");
        }

        await File.WriteAllTextAsync(stampPath, lockfileHash);
    }
}
