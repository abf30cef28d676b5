using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Conductor.Generated.Analyzers.Infrastructure;

/// <summary>
/// Follows a value inside one method body to see whether it leaves as data: returned, passed to a
/// call into another system, or stored where someone else can see it. Uses that do not make a
/// re-run behave differently stop the search: logging, comparisons and branching, delays and
/// timeouts, exception messages, durations (the difference of two clock readings), and values that
/// are simply dropped.
/// </summary>
/// <remarks>
/// The analysis is deliberately simple: values are followed through locals, conversions,
/// arithmetic, string building, object creation and calls that only compute a new value (methods
/// of the BCL value types, LINQ). A call into any other library counts as leaving. Values stored
/// into a field of an object the method did not create count as leaving. A value passed to one of
/// this compilation's own methods is followed into that method through its parameter: the result
/// names the parameters it went into, and whether those parameters let it leave is decided once
/// every method has been analyzed (<see cref="FindParameterExit"/> summarises each parameter).
/// The result of such a call is treated as made from the value.
/// </remarks>
internal sealed class ValueFlow
{
    private readonly MethodBody _body;
    private readonly bool _differencesAreDurations;
    private readonly bool _returnsAreExits;
    private readonly HashSet<ISymbol> _followedVariables = new(SymbolEqualityComparer.Default);
    private readonly List<IParameterSymbol> _parametersReached = new();
    private string? _firstCallReached;

    private ValueFlow(MethodBody body, bool differencesAreDurations, bool returnsAreExits)
    {
        _body = body;
        _differencesAreDurations = differencesAreDurations;
        _returnsAreExits = returnsAreExits;
    }

    /// <summary>
    /// Where <paramref name="value"/> leaves the method as data ("the task output", "a call to
    /// 'HttpClient.PostAsync'", …), or null when it does not.
    /// </summary>
    /// <param name="value">The operation producing the value.</param>
    /// <param name="body">The method body the operation belongs to.</param>
    /// <param name="isClockReading">
    /// True for clock readings: a difference of two of them, and anything that turns them into a
    /// <see cref="System.TimeSpan"/>, is a duration and stops the search.
    /// </param>
    public static FlowResult FindExit(IOperation value, MethodBody body, bool isClockReading)
    {
        var flow = new ValueFlow(body, isClockReading, returnsAreExits: true);
        var exit = flow.Follow(value);
        return new FlowResult(exit, exit is null ? flow._parametersReached : new List<IParameterSymbol>(), flow._firstCallReached);
    }

    /// <summary>
    /// Whether a value passed in <paramref name="parameter"/> leaves its method as data (returning
    /// it does not count: the caller follows the call's result itself).
    /// </summary>
    public static FlowResult FindParameterExit(IParameterSymbol parameter, MethodBody body)
    {
        var holdsInstant = KnownSymbols.Is(parameter.Type, body.Symbols.DateTime) || KnownSymbols.Is(parameter.Type, body.Symbols.DateTimeOffset);
        var flow = new ValueFlow(body, holdsInstant, returnsAreExits: false);
        var exit = flow.FollowVariable(parameter);
        return new FlowResult(exit, exit is null ? flow._parametersReached : new List<IParameterSymbol>(), flow._firstCallReached);
    }

    private string? Follow(IOperation value)
    {
        var current = value;
        while (true)
        {
            if (_differencesAreDurations && current != value && KnownSymbols.Is(current.Type, _body.Symbols.TimeSpan))
            {
                return null;
            }

            var parent = current.Parent;
            switch (parent)
            {
                case null:
                    return null;

                case IBinaryOperation binary:
                    if (IsComparison(binary.OperatorKind))
                    {
                        return null;
                    }

                    // A difference of two tick counts is a duration; an instant minus a TimeSpan is
                    // still an instant (and an instant minus an instant, a TimeSpan, stops above).
                    if (_differencesAreDurations
                        && binary.OperatorKind == BinaryOperatorKind.Subtract
                        && !KnownSymbols.Is(binary.Type, _body.Symbols.DateTime)
                        && !KnownSymbols.Is(binary.Type, _body.Symbols.DateTimeOffset))
                    {
                        return null;
                    }

                    current = binary;
                    continue;

                case IArgumentOperation argument:
                    switch (argument.Parent)
                    {
                        case IInvocationOperation call:
                            var callExit = ClassifyCall(call, argument);
                            if (callExit is Continue)
                            {
                                current = call;
                                continue;
                            }

                            return callExit;
                        case IObjectCreationOperation creation:
                            if (KnownSymbols.Is(creation.Type, _body.Symbols.CancellationTokenSource))
                            {
                                return null;
                            }

                            current = creation;
                            continue;
                        default:
                            current = argument.Parent ?? argument;
                            if (argument.Parent is null)
                            {
                                return null;
                            }

                            continue;
                    }

                case IInvocationOperation call when call.Instance == current:
                    // A method of the value itself (ToString, AddDays, …) computes a new value from it.
                    current = call;
                    continue;

                case IPropertyReferenceOperation property when property.Instance == current:
                    current = property;
                    continue;

                case IReturnOperation:
                    if (!_returnsAreExits && !MethodBody.IsInNestedFunction(parent))
                    {
                        return null;
                    }

                    return MethodBody.IsInNestedFunction(parent) || !_body.IsWorker ? "a return value" : "the task output";

                case IVariableInitializerOperation initializer:
                    return initializer.Parent is IVariableDeclaratorOperation declarator
                        ? FollowVariable(declarator.Symbol)
                        : null;

                case IAssignmentOperation assignment when assignment.Value == current:
                    return FollowAssignmentTarget(assignment.Target, assignment);

                case IExpressionStatementOperation:
                case IThrowOperation:
                case IConditionalOperation conditional when conditional.Condition == current:
                case IWhileLoopOperation:
                case ISwitchOperation:
                case ISwitchCaseOperation:
                case IIsPatternOperation:
                case IIsTypeOperation:
                case IForEachLoopOperation:
                case IForLoopOperation:
                case ILockOperation:
                case IUsingOperation:
                case IBlockOperation:
                case IDiscardOperation:
                    return null;

                case IAnonymousFunctionOperation:
                case ILocalFunctionOperation:
                    return null;

                default:
                    // Conversions, awaits, string interpolation, tuples, collections, conditional
                    // branches, coalescing, switch arms, anonymous objects: the value goes on.
                    current = parent;
                    continue;
            }
        }
    }

    private const string Continue = "\u0000continue";

    /// <summary>What passing the value to <paramref name="call"/> means: <see cref="Continue"/> when the call computes a new value from it.</summary>
    private string? ClassifyCall(IInvocationOperation call, IArgumentOperation argument)
    {
        var method = call.TargetMethod;
        var type = method.ContainingType;
        if (IsLogging(method) || IsTiming(method))
        {
            return null;
        }

        if (call.Instance is ILocalReferenceOperation collectionLocal && IsCollectionOrBuilder(call.Instance.Type))
        {
            // list.Add(value), builder.Append(value): the value now lives in that local.
            return FollowVariable(collectionLocal.Local);
        }

        if (IsValueComputation(method))
        {
            return Continue;
        }

        if (SymbolEqualityComparer.Default.Equals(method.ContainingAssembly, _body.Method.ContainingAssembly))
        {
            // One of this compilation's own methods: whether the value leaves through the parameter
            // is known at the end of the compilation; its result is treated as made from the value.
            if (argument.Parameter is { } parameter && method.MethodKind is not (MethodKind.LocalFunction or MethodKind.AnonymousFunction))
            {
                _parametersReached.Add(parameter.OriginalDefinition);
                _firstCallReached ??= "a call to '" + (type is null ? method.Name : type.Name + "." + method.Name) + "'";
            }

            return method.ReturnsVoid ? null : Continue;
        }

        return "a call to '" + (type is null ? method.Name : type.Name + "." + method.Name) + "'";
    }

    private string? FollowAssignmentTarget(IOperation target, IOperation assignment)
    {
        switch (target)
        {
            case ILocalReferenceOperation local:
                return FollowVariable(local.Local);
            case IParameterReferenceOperation parameter:
                return parameter.Parameter.RefKind is RefKind.Out or RefKind.Ref
                    ? "parameter '" + parameter.Parameter.Name + "'"
                    : FollowVariable(parameter.Parameter);
            case IMemberReferenceOperation member:
                if (member.Member.IsStatic)
                {
                    return "static member '" + member.Member.ContainingType.Name + "." + member.Member.Name + "'";
                }

                switch (member.Instance)
                {
                    case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                        // An object initializer, anonymous object or with-expression: the value
                        // becomes part of the new object.
                        return ObjectBeingInitialized(assignment) is { } created ? Follow(created) : null;
                    case ILocalReferenceOperation owner:
                        return FollowVariable(owner.Local);
                    case IParameterReferenceOperation owner when owner.Parameter.RefKind == RefKind.None && !owner.Parameter.Type.IsReferenceType:
                        return FollowVariable(owner.Parameter);
                    default:
                        return "member '" + member.Member.Name + "'";
                }

            case IArrayElementReferenceOperation element when element.ArrayReference is ILocalReferenceOperation array:
                return FollowVariable(array.Local);
            case IDiscardOperation:
                return null;
            default:
                return Follow(target);
        }
    }

    private static IOperation? ObjectBeingInitialized(IOperation assignment)
    {
        for (var parent = assignment.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IObjectCreationOperation or IAnonymousObjectCreationOperation or IWithOperation or ITypeParameterObjectCreationOperation)
            {
                return parent;
            }
        }

        return null;
    }

    /// <summary>Follows every read of a local or parameter that received the value.</summary>
    private string? FollowVariable(ISymbol variable)
    {
        if (!_followedVariables.Add(variable))
        {
            return null;
        }

        foreach (var reference in _body.ReferencesTo(variable))
        {
            if (reference.Parent is IAssignmentOperation assignment && assignment.Target == reference)
            {
                continue;
            }

            if (reference.Parent is IVariableDeclaratorOperation)
            {
                continue;
            }

            if (Follow(reference) is { } exit)
            {
                return exit;
            }
        }

        return null;
    }

    private static bool IsComparison(BinaryOperatorKind kind) => kind is BinaryOperatorKind.Equals
        or BinaryOperatorKind.NotEquals
        or BinaryOperatorKind.LessThan
        or BinaryOperatorKind.LessThanOrEqual
        or BinaryOperatorKind.GreaterThan
        or BinaryOperatorKind.GreaterThanOrEqual;

    private bool IsLogging(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        if (ns.StartsWith("Microsoft.Extensions.Logging", System.StringComparison.Ordinal)
            || ns == "System.Diagnostics.Metrics"
            || (ns == "System.Diagnostics" && type.Name is "Debug" or "Trace" or "Activity")
            || (ns == "System" && type.Name == "Console"))
        {
            return true;
        }

        if (KnownSymbols.Is(type, _body.Symbols.TaskContext) && method.Name == "Log")
        {
            return true;
        }

        foreach (var attribute in method.GetAttributes())
        {
            if (KnownSymbols.Is(attribute.AttributeClass, _body.Symbols.LoggerMessageAttribute))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Delays, timeouts and callbacks: a value that only decides when something happens.</summary>
    private bool IsTiming(IMethodSymbol method)
    {
        var type = method.ContainingType;
        var symbols = _body.Symbols;
        return (KnownSymbols.Is(type, symbols.Task) && method.Name == "Delay")
            || (KnownSymbols.Is(type, symbols.Thread) && method.Name == "Sleep")
            || (KnownSymbols.Is(type, symbols.CancellationTokenSource) && method.Name == "CancelAfter")
            || (KnownSymbols.Is(type, symbols.TaskContext) && method.Name == "CallbackAfter")
            || (KnownSymbols.Is(type, symbols.Stopwatch) && method.Name == "GetElapsedTime");
    }

    private static bool IsValueComputation(IMethodSymbol method)
    {
        var type = method.ContainingType;
        if (type is null)
        {
            return false;
        }

        if (type.SpecialType != SpecialType.None || method.Name is "ToString" or "GetHashCode" or "Equals" or "CompareTo")
        {
            return true;
        }

        var ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        return (ns == "System" && type.Name is "Guid" or "DateTime" or "DateTimeOffset" or "TimeSpan" or "DateOnly" or "TimeOnly"
                or "Math" or "MathF" or "Convert" or "BitConverter" or "FormattableString" or "TimeZoneInfo" or "Nullable")
            || (ns == "System.Linq" && type.Name == "Enumerable")
            || (ns == "System.Text" && type.Name is "Encoding" or "UTF8Encoding")
            || (ns == "System.Globalization");
    }

    private static bool IsCollectionOrBuilder(ITypeSymbol? type)
    {
        var ns = type?.ContainingNamespace?.ToDisplayString() ?? "";
        return ns.StartsWith("System.Collections", System.StringComparison.Ordinal)
            || (ns == "System.Text" && type!.Name == "StringBuilder");
    }
}

/// <summary>Where a value leaves its method, or else the parameters of other methods it was passed to.</summary>
internal sealed class FlowResult
{
    public FlowResult(string? exit, IReadOnlyList<IParameterSymbol> parametersReached, string? firstCallReached)
    {
        Exit = exit;
        ParametersReached = parametersReached;
        FirstCallReached = firstCallReached;
    }

    /// <summary>Where the value leaves ("the task output", "a call to 'HttpClient.PostAsync'"), or null.</summary>
    public string? Exit { get; }

    /// <summary>Parameters of this compilation's methods the value was passed to, when it does not leave here.</summary>
    public IReadOnlyList<IParameterSymbol> ParametersReached { get; }

    /// <summary>"a call to 'Type.Method'" for the first such method.</summary>
    public string? FirstCallReached { get; }
}
