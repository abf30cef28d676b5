using System.Text;
using System.Text.Json;
using Conductor.Generated.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Workflows;

/// <summary>
/// The workflow definition files the host registers at start (<see cref="ConductorWorkerOptions.RegisterWorkflowFiles"/>):
/// every <c>*.workflow.json</c> under a directory, each checked against the host's workers.
/// </summary>
internal sealed class WorkflowFiles
{
    /// <summary>The file name ending of workflow definition files, as the analyzer and the build's targets use it.</summary>
    public const string FileSuffix = ".workflow.json";

    private WorkflowFiles(string definitionsJson, IReadOnlyList<string> names)
    {
        DefinitionsJson = definitionsJson;
        Names = names;
        NamesText = string.Join(", ", names);
    }

    /// <summary>Every definition of every file, as one JSON array: the body of <c>PUT /api/metadata/workflow</c>.</summary>
    public string DefinitionsJson { get; }

    /// <summary><c>name vN</c> of each definition, for the log.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary><see cref="Names"/>, comma-separated.</summary>
    public string NamesText { get; }

    /// <summary>
    /// Reads and checks the files under <paramref name="directory"/>; null when there are none.
    /// Throws <see cref="InvalidOperationException"/> naming the file and what is wrong when a
    /// file cannot be read as JSON, or, with <see cref="WorkflowCheckFailure.Throw"/>, when a check
    /// finds a warning or an error.
    /// </summary>
    public static WorkflowFiles? Load(string directory, IReadOnlyList<WorkerDefinition> workers, WorkflowCheckFailure onFailure, ILogger logger)
    {
        if (!Directory.Exists(directory))
        {
            throw new InvalidOperationException(
                $"{nameof(ConductorWorkerOptions)}.{nameof(ConductorWorkerOptions.RegisterWorkflowFiles)} is set, but the workflow files directory '{directory}' does not exist.");
        }

        var paths = Directory.EnumerateFiles(directory, "*" + FileSuffix, SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (paths.Count == 0)
        {
            return null;
        }

        var contracts = WorkflowDefinitionCheck.ContractsOf(workers);
        var failures = new List<WorkflowFinding>();
        var definitions = new List<string>();
        var names = new List<string>();
        foreach (var path in paths)
        {
            var relative = Path.GetRelativePath(directory, path);
            var text = File.ReadAllText(path);
            var findings = WorkflowDefinitionCheck.Check(text, contracts, relative);
            if (findings.FirstOrDefault(finding => finding.Id == WorkflowChecks.WorkflowRule.InvalidJson.Id) is { } broken)
            {
                throw new InvalidOperationException($"Workflow file {path} cannot be registered: {broken}");
            }

            foreach (var finding in findings)
            {
                if (finding.Severity == WorkflowFindingSeverity.Info)
                {
                    WorkerLog.WorkflowFileInfo(logger, relative, finding);
                }
                else if (onFailure == WorkflowCheckFailure.Warn)
                {
                    WorkerLog.WorkflowFileFinding(logger, relative, finding);
                }
                else
                {
                    failures.Add(finding);
                }
            }

            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            foreach (var definition in root.ValueKind == JsonValueKind.Array ? root.EnumerateArray() : Enumerable.Repeat(root, 1))
            {
                definitions.Add(definition.GetRawText());
                names.Add(NameOf(definition));
            }
        }

        if (failures.Count > 0)
        {
            var message = new StringBuilder()
                .Append(failures.Count == 1 ? "A workflow file does not match the workers" : $"{failures.Count} findings: the workflow files do not match the workers")
                .Append(" (set ").Append(nameof(ConductorWorkerOptions)).Append('.').Append(nameof(ConductorWorkerOptions.OnWorkflowCheckFailure))
                .Append(" to ").Append(nameof(WorkflowCheckFailure.Warn)).Append(" to register them anyway):");
            foreach (var failure in failures)
            {
                message.Append("\n  ").Append(failure);
            }

            throw new InvalidOperationException(message.ToString());
        }

        return definitions.Count == 0 ? null : new WorkflowFiles("[" + string.Join(",", definitions) + "]", names);
    }

    private static string NameOf(JsonElement definition)
    {
        if (definition.ValueKind != JsonValueKind.Object)
        {
            return "?";
        }

        var name = definition.TryGetProperty("name", out var named) && named.ValueKind == JsonValueKind.String ? named.GetString() : "?";
        return definition.TryGetProperty("version", out var version) && version.ValueKind == JsonValueKind.Number
            ? $"{name} v{version.GetRawText()}"
            : name ?? "?";
    }
}
