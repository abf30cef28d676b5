using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Conductor.Generated.LoadHarness.Report;

/// <summary>What the figures were measured on.</summary>
internal static class MachineInfo
{
    public static string Describe()
    {
        var model = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        return $"{Environment.ProcessorCount} logical CPUs ({model ?? "unknown model"}), {RuntimeInformation.OSDescription}, "
            + $".NET {Environment.Version}, node {NodeVersion()}, load average at start {LoadAverage()}";
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string NodeVersion()
    {
        try
        {
            using var node = Process.Start(new ProcessStartInfo("node", "--version") { RedirectStandardOutput = true });
            var version = node!.StandardOutput.ReadToEnd().Trim();
            node.WaitForExit();
            return version;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "not installed";
        }
    }
}
