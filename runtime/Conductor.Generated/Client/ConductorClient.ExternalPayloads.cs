using System.Globalization;
using System.Net.Http.Headers;

namespace Conductor.Generated.Client;

// External payload storage, as the Java client uses it (conductor-java-sdk:
// TaskClient#populateTaskPayloads and #evaluateAndUploadLargePayload, PayloadStorage#getLocation,
// #download and #upload). The server's side: TaskResource#getExternalStorageLocation,
// ExecutionService#getExternalStorageLocation, ExternalPayloadStorageUtils.
public sealed partial class ConductorClient
{
    private static readonly MediaTypeHeaderValue PayloadMediaType = new("application/json") { CharSet = "utf-8" };

    /// <summary>
    /// Asks the server where a payload is read or written
    /// (<c>GET /api/tasks/externalstoragelocation?path=…&amp;operation=…&amp;payloadType=…</c>).
    /// <paramref name="operation"/> and <paramref name="payloadType"/> are spelled as in
    /// <see cref="ExternalPayloadNames"/>; <paramref name="path"/> is the stored payload's path
    /// for a read and empty for a write (the server picks one).
    /// </summary>
    /// <exception cref="ConductorApiException">
    /// The server refused (a server without external storage answers an error), or answered
    /// without a <c>uri</c>.
    /// </exception>
    public async Task<ExternalStorageLocation> GetExternalStorageLocationAsync(
        string path, string operation, string payloadType, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentException.ThrowIfNullOrEmpty(payloadType);
        var query = "path=" + Uri.EscapeDataString(path)
            + "&operation=" + Uri.EscapeDataString(operation)
            + "&payloadType=" + Uri.EscapeDataString(payloadType);
        const string route = "tasks/externalstoragelocation";
        var location = await SendForJsonAsync(Request(HttpMethod.Get, route, query), ConductorJsonContext.Default.ExternalStorageLocation, cancellationToken)
            .ConfigureAwait(false);
        if (string.IsNullOrWhiteSpace(location?.Uri))
        {
            throw new ConductorApiException(
                $"Conductor answered GET {new Uri(ApiRoot, route).AbsolutePath} for {operation} {payloadType} '{path}' without a uri: the server's external payload storage gives no address to read or write through.");
        }

        return location;
    }

    /// <summary>
    /// Reads a stored payload from <paramref name="uri"/> (a location's <c>uri</c>) with a plain
    /// <c>GET</c>: the Conductor access token is never sent there, since the address is usually
    /// another host (a presigned URL). At most <see cref="MaxResponseBodyBytes"/> are read.
    /// </summary>
    /// <exception cref="ConductorApiException">The storage answered anything but a success, or too large a body.</exception>
    /// <exception cref="HttpRequestException">The storage could not be reached.</exception>
    public async Task<byte[]> DownloadExternalPayloadAsync(Uri uri, CancellationToken cancellationToken = default)
    {
        CheckStorageUri(uri);
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw StorageError(response, "GET", uri);
        }

        using var body = await ReadBoundedAsync(request, response, cancellationToken).ConfigureAwait(false);
        return body.Span.ToArray();
    }

    /// <summary>
    /// Writes <paramref name="payload"/> to <paramref name="uri"/> (a location's <c>uri</c>) with a
    /// plain <c>PUT</c>, as the Java client does; the Conductor access token is never sent there.
    /// </summary>
    /// <exception cref="ConductorApiException">The storage answered anything but a success.</exception>
    /// <exception cref="HttpRequestException">The storage could not be reached.</exception>
    public async Task UploadExternalPayloadAsync(Uri uri, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        CheckStorageUri(uri);
        using var request = new HttpRequestMessage(HttpMethod.Put, uri) { Content = new ReadOnlyMemoryContent(payload) };
        request.Content.Headers.ContentType = PayloadMediaType;
        using var response = await _httpClient.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw StorageError(response, "PUT", uri);
        }
    }

    /// <summary>The address without its query, which may hold a signature that must not reach logs.</summary>
    internal static string DescribeStorageUri(Uri uri) =>
        uri.IsAbsoluteUri ? uri.GetLeftPart(UriPartial.Path) : uri.OriginalString;

    private static void CheckStorageUri(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"An external payload address must be an absolute http or https URL; got '{DescribeStorageUri(uri)}'.", nameof(uri));
        }
    }

    private static ConductorApiException StorageError(HttpResponseMessage response, string method, Uri uri)
    {
        var message = string.Create(CultureInfo.InvariantCulture,
            $"The external payload storage answered {method} {DescribeStorageUri(uri)} with {(int)response.StatusCode} {response.ReasonPhrase}.");
        return new ConductorApiException(response.StatusCode, method, uri.AbsolutePath, message, new HttpRequestException(message, inner: null, response.StatusCode));
    }
}
