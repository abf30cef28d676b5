namespace Conductor.Generated.Interop.Tests.JavaScriptWorker;

/// <summary>
/// Installs the JavaScript SDK once for every test of the collection. When Node.js or npm is
/// missing, every test fails with what to install: the interop tests are never skipped.
/// </summary>
public sealed class JavaScriptSdkFixture : IAsyncLifetime
{
    public Task InitializeAsync() => NodeToolchain.EnsureInstalledAsync();

    public Task DisposeAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class JavaScriptSdkTestGroup : ICollectionFixture<JavaScriptSdkFixture>
{
    public const string Name = "JavaScript SDK";
}
