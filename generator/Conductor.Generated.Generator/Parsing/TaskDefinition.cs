using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Conductor.Generated.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Conductor.Generated.Generator;

public sealed partial class WorkerGenerator
{
    /// <summary>
    /// Reads a worker's <c>[TaskDefinition]</c> and checks it as the Conductor server validates a
    /// task definition (<c>TaskDef</c> constraints and <c>TaskTimeoutConstraint</c>), so that a
    /// definition the server would reject does not compile.
    /// </summary>
    internal static class TaskDefinitionParser
    {
        // The server's defaults, which apply to the settings the attribute leaves out.
        private const int DefaultResponseTimeoutSeconds = 3600;

        private static readonly string[] RetryLogicNames = ["FIXED", "EXPONENTIAL_BACKOFF", "LINEAR_BACKOFF"];
        private static readonly string[] TimeoutPolicyNames = ["TIME_OUT_WF", "RETRY", "ALERT_ONLY"];

        public static TaskDefinitionModel Parse(
            AttributeData? attribute,
            string? summary,
            WorkerDiagnostics diagnostics,
            CancellationToken cancellationToken)
        {
            var display = diagnostics.Display;
            if (attribute is null)
            {
                return TaskDefinitionModel.Empty with { Description = summary };
            }

            var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
            string? description = null, ownerEmail = null, retryLogic = null, timeoutPolicy = null;
            foreach (var argument in attribute.NamedArguments)
            {
                var value = argument.Value.Value;
                switch (argument.Key)
                {
                    case "Description":
                        description = value as string;
                        break;
                    case "OwnerEmail":
                        ownerEmail = value as string;
                        break;
                    case "RetryLogic" when value is int logic:
                        retryLogic = logic >= 0 && logic < RetryLogicNames.Length ? RetryLogicNames[logic] : null;
                        if (retryLogic is null)
                        {
                            Report(DiagnosticDescriptors.InvalidTaskDefinitionSetting, argument.Key, logic, "use one of the TaskRetryLogic members");
                        }

                        break;
                    case "TimeoutPolicy" when value is int policy:
                        timeoutPolicy = policy >= 0 && policy < TimeoutPolicyNames.Length ? TimeoutPolicyNames[policy] : null;
                        if (timeoutPolicy is null)
                        {
                            Report(DiagnosticDescriptors.InvalidTaskDefinitionSetting, argument.Key, policy, "use one of the TaskTimeoutAction members");
                        }

                        break;
                    case var name when value is int number:
                        numbers[name] = number;
                        break;
                }
            }

            int? Number(string name) => numbers.TryGetValue(name, out var number) ? number : null;

            CheckAtLeast("RetryCount", 0, "a task cannot be retried a negative number of times");
            CheckAtLeast("RetryDelaySeconds", 0, "a delay cannot be negative");
            CheckAtLeast("BackoffScaleFactor", 1, "the server requires a backoff scale factor of at least 1");
            CheckAtLeast("TimeoutSeconds", 0, "use 0 for no timeout");
            CheckAtLeast("ResponseTimeoutSeconds", 1, "the server requires a response timeout of at least 1 second");
            CheckAtLeast("TotalTimeoutSeconds", 0, "use 0 for no total timeout");
            CheckAtLeast("ConcurrentExecLimit", 0, "use 0 for no limit");
            CheckAtLeast("RateLimitPerFrequency", 0, "use 0 for no rate limit");
            CheckAtLeast("RateLimitFrequencyInSeconds", 1, "the rate limit window is at least 1 second");

            var timeout = Number("TimeoutSeconds") ?? 0;
            var responseTimeout = Number("ResponseTimeoutSeconds");
            if (timeout > 0 && (responseTimeout ?? DefaultResponseTimeoutSeconds) > timeout)
            {
                var explanation = responseTimeout is null
                    ? "ResponseTimeoutSeconds is left at the server's default of 3600, which is more than TimeoutSeconds = " + Text(timeout) + "; set ResponseTimeoutSeconds to at most " + Text(timeout)
                    : "ResponseTimeoutSeconds = " + Text(responseTimeout.Value) + " is more than TimeoutSeconds = " + Text(timeout) + "; set it to at most " + Text(timeout);
                diagnostics.Report(DiagnosticDescriptors.InconsistentTaskTimeouts, ArgumentLocation(responseTimeout is null ? "TimeoutSeconds" : "ResponseTimeoutSeconds"), display, explanation);
            }

            var totalTimeout = Number("TotalTimeoutSeconds") ?? 0;
            if (timeout > 0 && totalTimeout > 0 && timeout > totalTimeout)
            {
                diagnostics.Report(DiagnosticDescriptors.InconsistentTaskTimeouts, ArgumentLocation("TotalTimeoutSeconds"), display, "TotalTimeoutSeconds = " + Text(totalTimeout) + " is less than TimeoutSeconds = " + Text(timeout) + ", the time of a single attempt; set it to at least " + Text(timeout) + " or to 0 for no total timeout");
            }

            if (Number("RateLimitFrequencyInSeconds") is not null && (Number("RateLimitPerFrequency") ?? 0) == 0)
            {
                diagnostics.Report(DiagnosticDescriptors.RateLimitWindowWithoutLimit, ArgumentLocation("RateLimitFrequencyInSeconds"), display);
            }

            return new TaskDefinitionModel(
                description ?? summary,
                ownerEmail,
                Number("RetryCount"),
                retryLogic,
                Number("RetryDelaySeconds"),
                Number("BackoffScaleFactor"),
                Number("TimeoutSeconds"),
                timeoutPolicy,
                Number("ResponseTimeoutSeconds"),
                Number("TotalTimeoutSeconds"),
                Number("ConcurrentExecLimit"),
                Number("RateLimitPerFrequency"),
                Number("RateLimitFrequencyInSeconds"));

            void CheckAtLeast(string name, int minimum, string reason)
            {
                if (Number(name) is { } value && value < minimum)
                {
                    Report(DiagnosticDescriptors.InvalidTaskDefinitionSetting, name, value, reason + ": set " + name + " to " + Text(minimum) + " or more");
                }
            }

            void Report(DiagnosticDescriptor descriptor, string name, int value, string fix) =>
                diagnostics.Report(descriptor, ArgumentLocation(name), display, name, Text(value), fix);

            LocationInfo? ArgumentLocation(string name)
            {
                if (attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) is not AttributeSyntax syntax)
                {
                    return null;
                }

                var argument = syntax.ArgumentList?.Arguments.FirstOrDefault(candidate => candidate.NameEquals?.Name.Identifier.ValueText == name);
                return LocationInfo.From((argument ?? (SyntaxNode)syntax).GetLocation());
            }
        }

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
