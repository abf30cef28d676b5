using System.Collections.Concurrent;

namespace Conductor.Generated.Testing;

/// <summary>
/// The test server's external payload store (see <see cref="TestServerPayloadStorageOptions"/>),
/// for tests to look into and spoil: payloads by path, and who came to read or write them.
/// </summary>
public sealed class TestServerPayloadStorage
{
    private readonly ConcurrentDictionary<string, byte[]> _payloads = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _writablePaths = new(StringComparer.Ordinal);
    private int _requestsWithToken;
    private int _reads;
    private int _writes;

    internal TestServerPayloadStorage(TestServerPayloadStorageOptions? options)
    {
        options?.Validate();
        Options = options;
    }

    /// <summary>Whether the server has external payload storage at all.</summary>
    public bool IsEnabled => Options is not null;

    internal TestServerPayloadStorageOptions? Options { get; }

    /// <summary>The paths of the payloads stored.</summary>
    public IReadOnlyCollection<string> Paths => _payloads.Keys.ToList();

    /// <summary>How many payloads were read from the store's addresses.</summary>
    public int Reads => Volatile.Read(ref _reads);

    /// <summary>How many payloads were written to the store's addresses.</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>
    /// How many requests to the store's addresses carried a Conductor access token
    /// (<c>X-Authorization</c>) or an <c>Authorization</c> header: a client must send none there,
    /// since a real store is another host.
    /// </summary>
    public int RequestsWithCredentials => Volatile.Read(ref _requestsWithToken);

    /// <summary>The stored bytes at <paramref name="path"/>, or <see langword="null"/>.</summary>
    public byte[]? Get(string path) => _payloads.TryGetValue(path, out var bytes) ? bytes.ToArray() : null;

    /// <summary>Replaces what is stored at <paramref name="path"/>, to test a client's handling of a spoiled payload.</summary>
    public void Put(string path, byte[] bytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(bytes);
        _payloads[path] = bytes.ToArray();
    }

    /// <summary>Removes the payload at <paramref name="path"/>; reading it then answers 404.</summary>
    public bool Remove(string path) => _payloads.TryRemove(path, out _);

    internal string Store(string prefix, byte[] bytes)
    {
        var path = prefix + Guid.NewGuid().ToString("N") + ".json";
        _payloads[path] = bytes;
        return path;
    }

    internal string NewWritablePath(string prefix)
    {
        var path = prefix + Guid.NewGuid().ToString("N") + ".json";
        _writablePaths[path] = true;
        return path;
    }

    internal bool TryRead(string path, out byte[] bytes)
    {
        Interlocked.Increment(ref _reads);
        return _payloads.TryGetValue(path, out bytes!);
    }

    internal bool TryWrite(string path, byte[] bytes)
    {
        if (!_writablePaths.TryRemove(path, out _))
        {
            return false;
        }

        Interlocked.Increment(ref _writes);
        _payloads[path] = bytes;
        return true;
    }

    internal bool Contains(string path) => _payloads.ContainsKey(path);

    internal void CountCredentials() => Interlocked.Increment(ref _requestsWithToken);
}
