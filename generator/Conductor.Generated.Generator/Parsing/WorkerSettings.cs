using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Conductor.Generated.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Conductor.Generated.Generator;

public sealed partial class WorkerGenerator
{
    /// <summary>Reads the task name and settings of <c>[WorkerTask]</c> and checks them.</summary>
    internal static partial class Parser
    {
        /// <summary>The task name of <c>[WorkerTask("...")]</c>, which must not be empty.</summary>
        private static string? ParseTaskName(AttributeData attribute, WorkerDiagnostics diagnostics, CancellationToken cancellationToken)
        {
            var taskName = attribute.ConstructorArguments.Length == 1 ? attribute.ConstructorArguments[0].Value as string : null;
            if (string.IsNullOrWhiteSpace(taskName))
            {
                diagnostics.Report(DiagnosticDescriptors.EmptyTaskName, LocationInfo.From(attribute.ApplicationSyntaxReference, cancellationToken), diagnostics.Display);
            }

            return taskName;
        }

        private static WorkerSettingsModel ParseSettings(
            AttributeData attribute,
            WorkerDiagnostics diagnostics,
            CancellationToken cancellationToken)
        {
            int? concurrency = null, pollIntervalMs = null, pollTimeoutMs = null;
            string? domain = null;
            foreach (var argument in attribute.NamedArguments)
            {
                var value = argument.Value.Value;
                switch (argument.Key)
                {
                    case "Concurrency" when value is int number:
                        concurrency = number;
                        if (number < 1)
                        {
                            ReportSetting(argument.Key, number, "run at least one task at a time: set Concurrency to 1 or more");
                        }

                        break;
                    case "PollIntervalMs" when value is int number:
                        pollIntervalMs = number;
                        if (number < 0)
                        {
                            ReportSetting(argument.Key, number, "a pause cannot be negative: set PollIntervalMs to 0 or more");
                        }

                        break;
                    case "PollTimeoutMs" when value is int number:
                        pollTimeoutMs = number;
                        if (number is < 0 or > MaxPollTimeoutMs)
                        {
                            ReportSetting(argument.Key, number, "the Conductor server long-polls for 0 to 5000 ms: set PollTimeoutMs within that range");
                        }

                        break;
                    case "Domain":
                        domain = value as string;
                        break;
                }
            }

            return new WorkerSettingsModel(concurrency, pollIntervalMs, domain, pollTimeoutMs);

            void ReportSetting(string name, int value, string fix) =>
                diagnostics.Report(DiagnosticDescriptors.InvalidWorkerSetting, NamedArgumentLocation(attribute, name, cancellationToken), diagnostics.Display, name, value.ToString(CultureInfo.InvariantCulture), fix);
        }

        private const int MaxPollTimeoutMs = 5000;

        private static LocationInfo? NamedArgumentLocation(AttributeData attribute, string name, CancellationToken cancellationToken)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
            {
                return null;
            }

            var argument = syntax.ArgumentList?.Arguments.FirstOrDefault(candidate => candidate.NameEquals?.Name.Identifier.ValueText == name);
            return LocationInfo.From((argument ?? (SyntaxNode)syntax).GetLocation());
        }
    }
}
