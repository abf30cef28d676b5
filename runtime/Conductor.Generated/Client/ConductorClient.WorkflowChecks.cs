using System.Globalization;
using System.Text.Json;
using Conductor.Generated.Workflows;

namespace Conductor.Generated.Client;

public sealed partial class ConductorClient
{
    /// <summary>
    /// Registers workflow definitions given as JSON, replacing those of the same name and version
    /// (<c>PUT /api/metadata/workflow</c>, MetadataResource#update): a JSON array of definitions,
    /// sent as it is, so every field of the text reaches the server (switch cases, forks, loops),
    /// not only those of <see cref="WorkflowDefinition"/>.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="definitionsJson"/> is not a JSON array.</exception>
    public async Task RegisterWorkflowsJsonAsync(string definitionsJson, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definitionsJson);
        var body = System.Text.Encoding.UTF8.GetBytes(definitionsJson);
        var reader = new Utf8JsonReader(body);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
        {
            throw new ArgumentException("Workflow definitions are registered as a JSON array of definitions.", nameof(definitionsJson));
        }

        await SendForTextAsync(Request(HttpMethod.Put, "metadata/workflow", content: body), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Reads a workflow definition as the server stores it (<c>GET /api/metadata/workflow/{name}</c>,
    /// MetadataResource#get), as JSON text with every field the server keeps: the latest version
    /// when <paramref name="version"/> is <see langword="null"/>.
    /// </summary>
    /// <exception cref="ConductorApiException">The server answered with an error (<c>404</c> for an unknown name or version).</exception>
    public async Task<string> GetWorkflowDefinitionJsonAsync(string name, int? version = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        var path = $"metadata/workflow/{Uri.EscapeDataString(name)}";
        var query = version is { } number ? "version=" + number.ToString(CultureInfo.InvariantCulture) : null;
        var json = await SendForTextAsync(Request(HttpMethod.Get, path, query), cancellationToken).ConfigureAwait(false);
        return string.IsNullOrWhiteSpace(json) ? throw EmptyAnswer(HttpMethod.Get, path) : json;
    }

    /// <summary>
    /// Reads a workflow definition from the server (see <see cref="GetWorkflowDefinitionJsonAsync"/>)
    /// and checks it against <paramref name="workers"/> with <see cref="WorkflowDefinitionCheck"/>:
    /// the build-time checks of the workflow analyzer, so a test or a deployment step can tell
    /// whether the workflow in production matches the workers about to be deployed.
    /// </summary>
    /// <param name="name">The workflow's name.</param>
    /// <param name="version">Its version; the latest when <see langword="null"/>.</param>
    /// <param name="workers">The workers, typically the generated <c>ConductorWorkers.All</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The findings, each with <see cref="WorkflowFinding.Source"/> <c>name vN</c>; empty when everything matches.</returns>
    public async Task<IReadOnlyList<WorkflowFinding>> CheckWorkflowAsync(string name, int? version, IEnumerable<WorkerDefinition> workers, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(workers);
        var contracts = WorkflowDefinitionCheck.ContractsOf(workers);
        var json = await GetWorkflowDefinitionJsonAsync(name, version, cancellationToken).ConfigureAwait(false);
        return WorkflowDefinitionCheck.Check(json, contracts, SourceOf(json, name));
    }

    /// <summary>
    /// Checks the latest version of every workflow definition on the server
    /// (<c>GET /api/metadata/workflow/latest-versions</c>, MetadataResource#getAllWorkflowsWithLatestVersions)
    /// against <paramref name="workers"/>, as <see cref="CheckWorkflowAsync"/> checks one. Workflows
    /// that use none of the workers give at most <c>CDG2006</c> findings (Info) for their SIMPLE tasks.
    /// </summary>
    /// <param name="workers">The workers, typically the generated <c>ConductorWorkers.All</c>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The findings of every definition, each with <see cref="WorkflowFinding.Source"/> <c>name vN</c>.</returns>
    public async Task<IReadOnlyList<WorkflowFinding>> CheckWorkflowsAsync(IEnumerable<WorkerDefinition> workers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workers);
        var contracts = WorkflowDefinitionCheck.ContractsOf(workers);
        const string path = "metadata/workflow/latest-versions";
        var json = await SendForTextAsync(Request(HttpMethod.Get, path), cancellationToken).ConfigureAwait(false);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = ConductorJsonContext.MaxDepth });
        if (document.RootElement.ValueKind != JsonValueKind.Array)
        {
            throw new ConductorApiException($"GET {path} answered {document.RootElement.ValueKind} where a JSON array of workflow definitions was expected.");
        }

        var findings = new List<WorkflowFinding>();
        foreach (var definition in document.RootElement.EnumerateArray())
        {
            var text = definition.GetRawText();
            findings.AddRange(WorkflowDefinitionCheck.Check(text, contracts, SourceOf(definition)));
        }

        return findings;
    }

    private static string SourceOf(string json, string name)
    {
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = ConductorJsonContext.MaxDepth });
        return SourceOf(document.RootElement, name);
    }

    /// <summary><c>name vN</c> of a definition read from the server.</summary>
    private static string SourceOf(JsonElement definition, string? name = null)
    {
        if (definition.ValueKind == JsonValueKind.Object)
        {
            if (definition.TryGetProperty("name", out var named) && named.ValueKind == JsonValueKind.String)
            {
                name = named.GetString();
            }

            if (definition.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number)
            {
                return $"{name} v{version.GetRawText()}";
            }
        }

        return name ?? "a workflow definition";
    }
}
