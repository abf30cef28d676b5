using System.Collections.Immutable;
using Conductor.Generated.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Conductor.Generated.Analyzers.Rules;

/// <summary>
/// CDG1001-CDG1003: values that differ on every run (new Guids, the clock, random numbers) and
/// reach the worker's output or a call into another system, so that a retried task does something
/// different from the first run. Reading the clock to log or to measure a duration is not reported.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NondeterministicValueAnalyzer : WorkerAnalyzer
{
    /// <summary>The key of the diagnostic property naming the API that was read, for the code fixes.</summary>
    public const string SourceProperty = "Source";

    internal static readonly DiagnosticDescriptor RandomGuid = WorkerDiagnostics.Create(
        "CDG1001",
        "Worker sends a new random Guid",
        "'{0}' makes a different id on every run and it reaches {1} {2}; a retried task would send another id: use TaskContext.NewGuid(), which gives the same ids on every run of the step",
        WorkerAnalyzerCategories.Idempotency,
        DiagnosticSeverity.Warning,
        "A task can run more than once (retries, lost results, restarts). An id made with Guid.NewGuid() that goes into the output or to another system is different each time, so the other system sees two operations.");

    internal static readonly DiagnosticDescriptor ClockAsData = WorkerDiagnostics.Create(
        "CDG1002",
        "Worker sends the current time",
        "'{0}' is different on every run and it reaches {1} {2}; a retried task would send another time: use TaskContext.ScheduledAt, which stays the same for the task",
        WorkerAnalyzerCategories.Idempotency,
        DiagnosticSeverity.Warning,
        "A clock reading that goes into the output or to another system differs between runs of the same task. Logging the time and measuring durations are fine and not reported.");

    internal static readonly DiagnosticDescriptor RandomAsData = WorkerDiagnostics.Create(
        "CDG1003",
        "Worker sends random numbers",
        "'{0}' is different on every run and it reaches {1} {2}; a retried task would send other data: derive the value from the input or TaskContext.IdempotencyKey, or seed the generator from them",
        WorkerAnalyzerCategories.Idempotency,
        DiagnosticSeverity.Warning,
        "Random numbers that go into the output or to another system differ between runs of the same task. Random delays (jitter) are fine and not reported.");

    internal override ImmutableArray<DiagnosticDescriptor> Rules { get; } = ImmutableArray.Create(RandomGuid, ClockAsData, RandomAsData);

    internal override void AnalyzeMethod(MethodBody body)
    {
        foreach (var parameter in body.Method.Parameters)
        {
            body.NoteParameterFlow(parameter, ValueFlow.FindParameterExit(parameter, body));
        }

        foreach (var operation in body.Operations)
        {
            var (descriptor, source, alwaysData) = Classify(operation, body);
            if (descriptor is null)
            {
                continue;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(SourceProperty, source);
            if (alwaysData)
            {
                body.Report(descriptor, operation.Syntax.GetLocation(), properties, source, "the buffer it fills");
                continue;
            }

            var flow = ValueFlow.FindExit(operation, body, isClockReading: descriptor == ClockAsData);
            if (flow.Exit is not null)
            {
                body.Report(descriptor, operation.Syntax.GetLocation(), properties, source, flow.Exit);
            }
            else if (flow.ParametersReached.Count > 0)
            {
                // Passed to a method of this project: reported if that method lets it out.
                body.ReportIfAnyParameterLetsOut(descriptor, operation.Syntax.GetLocation(), properties, flow.ParametersReached, source, flow.FirstCallReached!);
            }
        }
    }

    /// <summary>Which rule a value source belongs to, its display name, and whether it is data whatever happens next (it fills a buffer).</summary>
    private static (DiagnosticDescriptor? Descriptor, string Source, bool AlwaysData) Classify(IOperation operation, MethodBody body)
    {
        var symbols = body.Symbols;
        switch (operation)
        {
            case IInvocationOperation call:
                var method = call.TargetMethod;
                var type = method.ContainingType;
                if (KnownSymbols.Is(type, symbols.Guid) && method.IsStatic && method.Name is "NewGuid" or "CreateVersion7")
                {
                    return (RandomGuid, "Guid." + method.Name + "()", false);
                }

                if (KnownSymbols.Is(type, symbols.Stopwatch) && method.Name == "GetTimestamp")
                {
                    return (ClockAsData, "Stopwatch.GetTimestamp()", false);
                }

                if (InheritsFrom(type, symbols.TimeProvider) && method.Name is "GetUtcNow" or "GetLocalNow" or "GetTimestamp")
                {
                    return (ClockAsData, "TimeProvider." + method.Name + "()", false);
                }

                if (InheritsFrom(type, symbols.Random) && !method.IsStatic && method.Name != "GetType" && !IsSeeded(call.Instance, body))
                {
                    var source = (call.Instance is IPropertyReferenceOperation { Property.Name: "Shared" } ? "Random.Shared." : "Random.") + method.Name + "()";
                    return (RandomAsData, source, method.ReturnsVoid);
                }

                if (InheritsFrom(type, symbols.RandomNumberGenerator) && method.Name is "GetInt32" or "GetBytes" or "GetNonZeroBytes" or "GetHexString" or "GetString" or "GetItems" or "Fill" or "Shuffle")
                {
                    return (RandomAsData, "RandomNumberGenerator." + method.Name + "()", method.ReturnsVoid);
                }

                break;

            case IPropertyReferenceOperation property:
                var owner = property.Property.ContainingType;
                var name = property.Property.Name;
                if ((KnownSymbols.Is(owner, symbols.DateTime) && name is "Now" or "UtcNow" or "Today")
                    || (KnownSymbols.Is(owner, symbols.DateTimeOffset) && name is "Now" or "UtcNow")
                    || (KnownSymbols.Is(owner, symbols.Environment) && name is "TickCount" or "TickCount64"))
                {
                    return (ClockAsData, owner.Name + "." + name, false);
                }

                break;
        }

        return (null, "", false);
    }

    /// <summary>A generator created with a seed (<c>new Random(seed)</c>), directly or through a local, gives the same numbers on every run.</summary>
    private static bool IsSeeded(IOperation? instance, MethodBody body)
    {
        while (instance is IConversionOperation conversion)
        {
            instance = conversion.Operand;
        }

        if (instance is IObjectCreationOperation creation)
        {
            return creation.Arguments.Length > 0;
        }

        if (instance is ILocalReferenceOperation local)
        {
            // Seeded only if every value the local is given is a seeded generator.
            var assigned = false;
            foreach (var operation in body.Operations)
            {
                var value = operation switch
                {
                    IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local) => declarator.Initializer?.Value,
                    ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local.Local) => assignment.Value,
                    _ => null,
                };
                if (value is not null)
                {
                    assigned = true;
                    if (!IsSeeded(value, body))
                    {
                        return false;
                    }
                }
            }

            return assigned;
        }

        return false;
    }

    private static bool InheritsFrom(ITypeSymbol? type, INamedTypeSymbol? baseType)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (KnownSymbols.Is(current, baseType))
            {
                return true;
            }
        }

        return false;
    }
}
