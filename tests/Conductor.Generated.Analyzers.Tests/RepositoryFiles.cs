namespace Conductor.Generated.Analyzers.Tests;

/// <summary>Finds files of the repository from the test's output folder.</summary>
internal static class RepositoryFiles
{
    /// <summary>The repository root: the nearest folder above the test binaries that holds the solution file.</summary>
    public static string Root { get; } = FindUpwards("Conductor.Generated.sln");

    private static string FindUpwards(string fileName)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, fileName)))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds {fileName}.");
    }
}
