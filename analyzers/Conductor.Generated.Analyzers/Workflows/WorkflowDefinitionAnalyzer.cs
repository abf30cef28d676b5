using System;
using System.Collections.Immutable;
using System.Threading;
using Conductor.Generated.WorkflowChecks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Conductor.Generated.Analyzers.Workflows;

/// <summary>
/// Checks the workflow definitions of the project (<c>*.workflow.json</c> additional files, the
/// JSON that <c>POST /api/metadata/workflow</c> takes) against the workers of the compilation:
/// input keys, literal types and required inputs against each worker's parameters,
/// <c>${ref.output.key}</c> references against the referenced worker's output, reference names
/// against the tasks that run before, and the rules the server checks at registration.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class WorkflowDefinitionAnalyzer : DiagnosticAnalyzer
{
    /// <summary>The file name ending of the workflow definitions the analyzer reads.</summary>
    public const string FileSuffix = ".workflow.json";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        WorkflowDiagnostics.UnknownInput,
        WorkflowDiagnostics.MissingInput,
        WorkflowDiagnostics.WrongInputType,
        WorkflowDiagnostics.UnknownOutput,
        WorkflowDiagnostics.BadReference,
        WorkflowDiagnostics.UnservedTask,
        WorkflowDiagnostics.DuplicateReference,
        WorkflowDiagnostics.RefusedDefinition,
        WorkflowDiagnostics.InvalidJson);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            var compilation = start.Compilation;
            WorkerContractSet? workers = null;
            var gate = new object();

            WorkerContractSet Workers(CancellationToken cancellationToken)
            {
                lock (gate)
                {
                    return workers ??= WorkerContracts.Of(compilation, cancellationToken);
                }
            }

            start.RegisterAdditionalFileAction(file =>
            {
                var path = file.AdditionalFile.Path;
                if (!path.EndsWith(FileSuffix, StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }

                var text = file.AdditionalFile.GetText(file.CancellationToken);
                if (text is null)
                {
                    return;
                }

                var findings = WorkflowChecker.Check(text.ToString(), System.IO.Path.GetFileName(path), Workers(file.CancellationToken), file.CancellationToken);
                foreach (var finding in findings)
                {
                    var span = new TextSpan(finding.Span.Start, finding.Span.Length);
                    var location = Location.Create(path, span, text.Lines.GetLinePositionSpan(span));
                    file.ReportDiagnostic(Diagnostic.Create(WorkflowDiagnostics.Of(finding.Rule), location, finding.Arguments));
                }
            });
        });
    }
}
