using System.Collections.Immutable;
using System.Linq;
using Conductor.Generated.Analyzers.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Conductor.Generated.Analyzers.Rules;

/// <summary>
/// CDG1040-CDG1041: effects that happen again when a task runs again, recognised where that is
/// certain from the code: appending to a file, and HTTP POSTs that carry no idempotency key.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class NonIdempotentSideEffectAnalyzer : WorkerAnalyzer
{
    internal static readonly DiagnosticDescriptor FileAppend = WorkerDiagnostics.Create(
        "CDG1040",
        "Worker appends to a file",
        "'{0}' appends to a file {1}; a retried task appends the same data a second time: write a whole file named after TaskContext.IdempotencyKey, or check what the file holds before appending",
        WorkerAnalyzerCategories.Idempotency,
        DiagnosticSeverity.Warning,
        "Appending is the classic effect that is not idempotent: each run adds to what the previous run left.");

    internal static readonly DiagnosticDescriptor PostWithoutIdempotencyKey = WorkerDiagnostics.Create(
        "CDG1041",
        "Worker sends an HTTP POST without an idempotency key",
        "'{0}' sends a POST without an Idempotency-Key header {1}; if the task runs again after the request went through, the server performs it twice: send TaskContext.IdempotencyKey in the Idempotency-Key header",
        WorkerAnalyzerCategories.Idempotency,
        DiagnosticSeverity.Info,
        "A POST is not idempotent by HTTP semantics. Not reported when the method that sends it mentions an Idempotency-Key header (a string constant \"Idempotency-Key\" or \"X-Idempotency-Key\").");

    private static readonly ImmutableHashSet<string> FileAppendMethods = ImmutableHashSet.Create(
        System.StringComparer.Ordinal,
        "AppendAllText", "AppendAllTextAsync", "AppendAllLines", "AppendAllLinesAsync", "AppendAllBytes", "AppendAllBytesAsync", "AppendText");

    /// <summary>The numeric value of <c>FileMode.Append</c>.</summary>
    private const int FileModeAppend = 6;

    internal override ImmutableArray<DiagnosticDescriptor> Rules { get; } = ImmutableArray.Create(FileAppend, PostWithoutIdempotencyKey);

    internal override void AnalyzeMethod(MethodBody body)
    {
        var symbols = body.Symbols;
        bool? mentionsIdempotencyKey = null;
        foreach (var operation in body.Operations)
        {
            if (AppendsToFile(operation, symbols) is { } append)
            {
                body.Report(FileAppend, operation.Syntax.GetLocation(), null, append);
                continue;
            }

            if (PostsOverHttp(operation, body) is { } post)
            {
                mentionsIdempotencyKey ??= body.Operations.Any(IsIdempotencyKeyHeaderName);
                if (mentionsIdempotencyKey == false)
                {
                    body.Report(PostWithoutIdempotencyKey, operation.Syntax.GetLocation(), null, post);
                }
            }
        }
    }

    private static string? AppendsToFile(IOperation operation, KnownSymbols symbols)
    {
        switch (operation)
        {
            case IInvocationOperation call:
                var method = call.TargetMethod;
                if ((KnownSymbols.Is(method.ContainingType, symbols.File) || KnownSymbols.Is(method.ContainingType, symbols.FileInfo)) && FileAppendMethods.Contains(method.Name))
                {
                    return method.ContainingType.Name + "." + method.Name;
                }

                if (KnownSymbols.Is(method.ContainingType, symbols.File) && method.Name == "Open" && HasAppendMode(call.Arguments, symbols))
                {
                    return "File.Open with FileMode.Append";
                }

                return null;

            case IObjectCreationOperation creation when KnownSymbols.Is(creation.Type, symbols.FileStream) && HasAppendMode(creation.Arguments, symbols):
                return "new FileStream with FileMode.Append";

            case IObjectCreationOperation creation when KnownSymbols.Is(creation.Type, symbols.StreamWriter)
                && creation.Arguments.Any(argument => argument.Parameter?.Name == "append" && argument.Value.ConstantValue is { HasValue: true, Value: true }):
                return "new StreamWriter with append: true";

            default:
                return null;
        }
    }

    private static bool HasAppendMode(ImmutableArray<IArgumentOperation> arguments, KnownSymbols symbols)
        => arguments.Any(argument => KnownSymbols.Is(argument.Value.Type, symbols.FileMode)
            && argument.Value.ConstantValue is { HasValue: true, Value: int mode } && mode == FileModeAppend);

    private static string? PostsOverHttp(IOperation operation, MethodBody body)
    {
        if (operation is not IInvocationOperation call)
        {
            return null;
        }

        var method = call.TargetMethod;
        var type = method.ContainingType;
        if (KnownSymbols.Is(type, body.Symbols.HttpClient) && method.Name == "PostAsync")
        {
            return "HttpClient.PostAsync";
        }

        if (type?.Name == "HttpClientJsonExtensions" && method.Name == "PostAsJsonAsync")
        {
            return "HttpClient.PostAsJsonAsync";
        }

        if (KnownSymbols.Is(type, body.Symbols.HttpClient) && method.Name is "SendAsync" or "Send"
            && call.Arguments.FirstOrDefault() is { } request
            && IsPostRequest(request.Value, body))
        {
            return "HttpClient." + method.Name;
        }

        return null;
    }

    /// <summary>A request created in this method with <c>new HttpRequestMessage(HttpMethod.Post, …)</c>, directly or through a local.</summary>
    private static bool IsPostRequest(IOperation request, MethodBody body)
    {
        while (request is IConversionOperation conversion)
        {
            request = conversion.Operand;
        }

        if (request is ILocalReferenceOperation local)
        {
            return body.Operations.Any(operation => operation is IVariableDeclaratorOperation declarator
                && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local)
                && declarator.Initializer?.Value is { } value
                && IsPostRequest(value, body));
        }

        return request is IObjectCreationOperation creation
            && KnownSymbols.Is(creation.Type, body.Symbols.HttpRequestMessage)
            && creation.Arguments.FirstOrDefault()?.Value is IPropertyReferenceOperation { Property.Name: "Post" } method
            && KnownSymbols.Is(method.Property.ContainingType, body.Symbols.HttpMethod);
    }

    private static bool IsIdempotencyKeyHeaderName(IOperation operation)
        => operation.ConstantValue is { HasValue: true, Value: string text }
        && (string.Equals(text, "Idempotency-Key", System.StringComparison.OrdinalIgnoreCase)
            || string.Equals(text, "X-Idempotency-Key", System.StringComparison.OrdinalIgnoreCase));
}
