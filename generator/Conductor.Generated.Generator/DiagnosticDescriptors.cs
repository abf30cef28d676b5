using Microsoft.CodeAnalysis;

namespace Conductor.Generated.Generator;

/// <summary>
/// The errors the generator reports for worker methods it cannot generate code for. IDs are
/// stable: CDG0001-CDG0099 belong to the generator. Each has a page in docs/diagnostics.
/// </summary>
internal static class DiagnosticDescriptors
{
    public const string Category = "Conductor.Binding";

    public const string TaskDefinitionCategory = "Conductor.TaskDefinition";

    /// <summary>Where the documentation pages live; the page of a rule is <c>{HelpLinkBase}{ID}.md</c>.</summary>
    public const string HelpLinkBase = "https://github.com/conductor-generated/conductor-generated/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor WorkerMethodNotStatic = Create(
        "CDG0001",
        "Worker method must be static",
        "Worker method '{0}' is an instance method; make it static, because the generated dispatch calls it without an instance");

    public static readonly DiagnosticDescriptor WorkerMethodGeneric = Create(
        "CDG0002",
        "Worker method must not be generic",
        "Worker method '{0}' {1}; the generated dispatch cannot choose type arguments: make the method non-generic and declare it in a non-generic type");

    public static readonly DiagnosticDescriptor WorkerMethodInaccessible = Create(
        "CDG0003",
        "Worker method is not accessible to generated code",
        "Worker method '{0}' is {1}; make the method and its containing types internal or public so that the generated ConductorWorkers class can call it");

    public static readonly DiagnosticDescriptor DuplicateTaskName = Create(
        "CDG0004",
        "Task name has more than one worker",
        "Task name '{0}' of worker method '{1}' is already used by '{2}'; give each worker method of an assembly its own task name");

    public static readonly DiagnosticDescriptor EmptyTaskName = Create(
        "CDG0005",
        "Task name is empty",
        "Worker method '{0}' has an empty task name; pass the Conductor task definition name to [WorkerTask(\"...\")]");

    public static readonly DiagnosticDescriptor UnsupportedParameterType = Create(
        "CDG0006",
        "Parameter type cannot be bound from task input",
        "Parameter '{1}' of worker method '{0}' has type '{2}', which cannot be bound from task input; use a string, char, number, bool, Guid, date, time, TimeSpan, Uri, Version, byte[], enum, array, list, set, immutable array, string-keyed dictionary, JsonElement or JsonNode, or a class declared in a JsonSerializerContext");

    public static readonly DiagnosticDescriptor UnsupportedParameterModifier = Create(
        "CDG0007",
        "Parameter is passed by reference or is a pointer",
        "Parameter '{1}' of worker method '{0}' is {2}; worker parameters are bound by value: remove the modifier");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Create(
        "CDG0008",
        "Return type is not supported",
        "Worker method '{0}' returns '{1}', {2}; return void, Task, ValueTask, a value, Task<T> or ValueTask<T>");

    /// <summary>
    /// On CDG0009: the type to add as <c>[JsonSerializable(typeof(...))]</c>, <c>global::</c>-qualified.
    /// The code fix in the analyzers' code-fix assembly reads it under this same name.
    /// </summary>
    public const string JsonSerializableTypeProperty = "JsonSerializableType";

    public static readonly DiagnosticDescriptor TypeNotInJsonContext = Create(
        "CDG0009",
        "Type is not declared in any JsonSerializerContext",
        "{1} of worker method '{0}' has type '{2}', which no JsonSerializerContext of this compilation declares{3}; add [JsonSerializable(typeof({2}))] to an internal or public JsonSerializerContext");

    public static readonly DiagnosticDescriptor MultipleTaskInputParameters = Create(
        "CDG0010",
        "More than one parameter receives the whole input",
        "Worker method '{0}' marks both '{1}' and '{2}' with [TaskInput]; only one parameter can receive the whole inputData: bind the others by key");

    public static readonly DiagnosticDescriptor AsyncVoidWorker = Create(
        "CDG0011",
        "Worker method is async void",
        "Worker method '{0}' is async void, so its completion and exceptions cannot be observed; return Task or ValueTask instead");

    public static readonly DiagnosticDescriptor InvalidWorkerSetting = Create(
        "CDG0012",
        "Worker setting is out of range",
        "Worker method '{0}' sets {1} = {2}; {3}");

    public static readonly DiagnosticDescriptor EmptyKey = Create(
        "CDG0013",
        "Input or output key is empty",
        "{1} of worker method '{0}' has an empty key; give [{2}] the key to use");

    public static readonly DiagnosticDescriptor InvalidTaskDefinitionSetting = Create(
        "CDG0014",
        "Task definition setting is out of range",
        "Worker method '{0}' sets {1} = {2} in [TaskDefinition], which the Conductor server rejects; {3}",
        TaskDefinitionCategory);

    public static readonly DiagnosticDescriptor InconsistentTaskTimeouts = Create(
        "CDG0015",
        "Task definition timeouts contradict each other",
        "The task definition of worker method '{0}' would be rejected by the Conductor server: {1}",
        TaskDefinitionCategory);

    public static readonly DiagnosticDescriptor RateLimitWindowWithoutLimit = Create(
        "CDG0016",
        "Rate limit window without a rate limit",
        "Worker method '{0}' sets RateLimitFrequencyInSeconds without RateLimitPerFrequency, so no rate limit applies; set RateLimitPerFrequency to the number of tasks allowed per window, or remove RateLimitFrequencyInSeconds",
        TaskDefinitionCategory);

    public static readonly DiagnosticDescriptor ServicesWithoutHosting = Create(
        "CDG0017",
        "Service parameter without the hosting package",
        "Parameter '{1}' of worker method '{0}' is resolved from services, but this project does not reference " + KnownTypeSymbols.HostingPackageName + ", which gives every task a service scope; add the " + KnownTypeSymbols.HostingPackageName + " package and run the workers with AddConductorWorkers");

    public static readonly DiagnosticDescriptor UnsupportedServiceKey = Create(
        "CDG0018",
        "Service key is not a string, int or enum constant",
        "The service key of parameter '{1}' of worker method '{0}' is {2}; give [FromKeyedServices] a string, an int or an enum constant");

    public static readonly DiagnosticDescriptor ServiceAndInputParameter = Create(
        "CDG0019",
        "Parameter is both a service and an input",
        "Parameter '{1}' of worker method '{0}' has both [{2}] and [{3}]; a parameter is either resolved from services or bound from the task input: remove one of them");

    /// <summary>Every descriptor, for the tests that check each has a documentation page.</summary>
    public static readonly DiagnosticDescriptor[] All =
    [
        WorkerMethodNotStatic,
        WorkerMethodGeneric,
        WorkerMethodInaccessible,
        DuplicateTaskName,
        EmptyTaskName,
        UnsupportedParameterType,
        UnsupportedParameterModifier,
        UnsupportedReturnType,
        TypeNotInJsonContext,
        MultipleTaskInputParameters,
        AsyncVoidWorker,
        InvalidWorkerSetting,
        EmptyKey,
        InvalidTaskDefinitionSetting,
        InconsistentTaskTimeouts,
        RateLimitWindowWithoutLimit,
        ServicesWithoutHosting,
        UnsupportedServiceKey,
        ServiceAndInputParameter,
    ];

    private static DiagnosticDescriptor Create(string id, string title, string messageFormat, string category = Category) =>
        new(id, title, messageFormat, category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpLinkBase + id + ".md");
}
