using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Conductor.Generated.Analyzers.Tests.Verification;

/// <summary>Runs one analyzer over a source with <c>{|#0:…|}</c> markup and compares the diagnostics.</summary>
internal static class AnalyzerVerifier<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    /// <summary>A diagnostic compared by ID, severity and location only.</summary>
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor.Id, descriptor.DefaultSeverity);

    /// <summary>A diagnostic whose message is compared too: add the arguments with <c>WithArguments</c>.</summary>
    public static DiagnosticResult Message(DiagnosticDescriptor descriptor) => new(descriptor);

    public static async Task VerifyAsync(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = TestSources.ReferenceAssemblies,
        };
        test.TestState.Sources.Add(("GlobalUsings.cs", TestSources.GlobalUsings));
        test.TestState.AdditionalReferences.AddRange(TestSources.References);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
