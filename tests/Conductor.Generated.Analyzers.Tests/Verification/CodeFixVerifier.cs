using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace Conductor.Generated.Analyzers.Tests.Verification;

/// <summary>Runs an analyzer and a code fix: the source before, with <c>{|#0:…|}</c> markup, and the source after.</summary>
internal static class CodeFixVerifier<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor.Id, descriptor.DefaultSeverity);

    public static Task VerifyAsync(string source, DiagnosticResult[] expected, string fixedSource)
        => VerifyAsync(source, expected, fixedSource, CodeFixTestBehaviors.None);

    /// <summary>The diagnostic is reported and no fix is offered for it.</summary>
    public static Task VerifyNoFixAsync(string source, params DiagnosticResult[] expected) => VerifyAsync(source, expected, source);

    /// <summary>
    /// A diagnostic in a method the worker calls is reported at the end of the compilation; editors
    /// offer no fix for such diagnostics, and the testing library refuses to look for one unless told
    /// to. This checks that the fix offers nothing there.
    /// </summary>
    public static Task VerifyNoFixInCalledMethodAsync(string source, params DiagnosticResult[] expected)
        => VerifyAsync(source, expected, source, CodeFixTestBehaviors.SkipLocalDiagnosticCheck);

    /// <summary>A fix applied to a diagnostic in a method the worker calls (by <c>dotnet format</c>, say; editors do not offer it).</summary>
    public static Task VerifyInCalledMethodAsync(string source, DiagnosticResult[] expected, string fixedSource)
        => VerifyAsync(source, expected, fixedSource, CodeFixTestBehaviors.SkipLocalDiagnosticCheck);

    private static async Task VerifyAsync(string source, DiagnosticResult[] expected, string fixedSource, CodeFixTestBehaviors behaviors)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = TestSources.ReferenceAssemblies,
            CodeFixTestBehaviors = behaviors,
        };
        test.TestState.Sources.Add(("GlobalUsings.cs", TestSources.GlobalUsings));
        test.TestState.AdditionalReferences.AddRange(TestSources.References);
        test.FixedState.Sources.Add(("GlobalUsings.cs", TestSources.GlobalUsings));
        test.FixedState.AdditionalReferences.AddRange(TestSources.References);
        test.ExpectedDiagnostics.AddRange(expected);
        await test.RunAsync();
    }
}
