using System.ComponentModel;
using System.Globalization;
using System.Security.Cryptography;

namespace Conductor.Generated.Interop.Tests.JavaScriptWorker;

/// <summary>
/// Checks that Node.js and npm are installed and installs the JavaScript worker's packages
/// (pinned by its package-lock.json) beside the test assembly, once per lockfile.
/// </summary>
internal static class NodeToolchain
{
    public const int MinimumNodeMajorVersion = 20;

    private const string InstallStampFileName = ".installed-lockfile.sha256";

    private static readonly TimeSpan VersionCheckTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);

    private static readonly string MissingToolchainAdvice =
        $"The JavaScript SDK interop tests need Node.js {MinimumNodeMajorVersion} or later and npm on PATH. "
        + "Install them (Debian/Ubuntu: 'apt-get install nodejs npm', if that gives an older Node.js use the packages from https://nodejs.org), "
        + "then run the tests again.";

    /// <summary>The folder the build copies worker.js, package.json and package-lock.json to.</summary>
    public static string WorkerDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "js");

    public static string WorkerScript { get; } = Path.Combine(WorkerDirectory, "worker.js");

    /// <summary>Fails with advice on what to install when node or npm is missing or too old.</summary>
    public static async Task EnsureInstalledAsync()
    {
        await CheckNodeVersionAsync();
        await InstallPackagesIfNeededAsync();
    }

    private static async Task CheckNodeVersionAsync()
    {
        var outcome = await RunToolAsync("node", ["--version"], VersionCheckTimeout);
        var version = outcome.Output.Trim();
        if (outcome.ExitCode != 0 || !TryParseMajorVersion(version, out var major))
        {
            throw new InvalidOperationException($"'node --version' answered \"{version}\" (exit code {outcome.ExitCode}). {MissingToolchainAdvice}");
        }

        if (major < MinimumNodeMajorVersion)
        {
            throw new InvalidOperationException($"Node.js {version} is too old. {MissingToolchainAdvice}");
        }
    }

    /// <summary>
    /// Runs <c>npm ci</c> when node_modules was not installed from this very lockfile. The SDK
    /// declares optional AI peer dependencies whose ranges conflict; --legacy-peer-deps skips them.
    /// </summary>
    private static async Task InstallPackagesIfNeededAsync()
    {
        var lockfileHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(WorkerDirectory, "package-lock.json"))));
        var stampPath = Path.Combine(WorkerDirectory, "node_modules", InstallStampFileName);
        if (File.Exists(stampPath) && await File.ReadAllTextAsync(stampPath) == lockfileHash)
        {
            return;
        }

        var npm = OperatingSystem.IsWindows() ? "npm.cmd" : "npm";
        var outcome = await RunToolAsync(npm, ["ci", "--legacy-peer-deps", "--no-audit", "--no-fund"], InstallTimeout);
        if (outcome.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'npm ci --legacy-peer-deps' in {WorkerDirectory} failed with exit code {outcome.ExitCode}. npm printed:\n{outcome.Output}");
        }

        await File.WriteAllTextAsync(stampPath, lockfileHash);
    }

    private static async Task<ProcessRunner.Outcome> RunToolAsync(string tool, string[] arguments, TimeSpan timeout)
    {
        try
        {
            return await ProcessRunner.RunAsync(tool, arguments, WorkerDirectory, timeout);
        }
        catch (Win32Exception exception)
        {
            throw new InvalidOperationException($"'{tool}' could not be started ({exception.Message}). {MissingToolchainAdvice}", exception);
        }
    }

    /// <summary>Reads the major version out of node's "v20.20.2".</summary>
    private static bool TryParseMajorVersion(string version, out int major)
    {
        var digits = version.TrimStart('v').Split('.')[0];
        return int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out major);
    }
}
