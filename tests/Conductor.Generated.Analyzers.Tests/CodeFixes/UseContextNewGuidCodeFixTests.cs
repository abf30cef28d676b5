using Microsoft.CodeAnalysis.Testing;
using Conductor.Generated.Analyzers.Rules;
using Verify = Conductor.Generated.Analyzers.Tests.Verification.CodeFixVerifier<
    Conductor.Generated.Analyzers.Rules.NondeterministicValueAnalyzer,
    Conductor.Generated.Analyzers.CodeFixes.UseContextNewGuidCodeFix>;

namespace Conductor.Generated.Analyzers.Tests.CodeFixes;

public sealed class UseContextNewGuidCodeFixTests
{
    private static readonly DiagnosticResult[] OneAtLocation0 = [Verify.Diagnostic(NondeterministicValueAnalyzer.RandomGuid).WithLocation(0)];

    [Fact]
    public async Task Uses_the_context_parameter_the_worker_has()
    {
        const string before = """
            public static class Orders
            {
                [WorkerTask("create_order")]
                public static string Create(string customer, TaskContext ctx) => {|#0:Guid.NewGuid()|}.ToString();
            }
            """;
        const string after = """
            public static class Orders
            {
                [WorkerTask("create_order")]
                public static string Create(string customer, TaskContext ctx) => ctx.NewGuid().ToString();
            }
            """;

        await Verify.VerifyAsync(before, OneAtLocation0, after);
    }

    [Fact]
    public async Task Adds_a_context_parameter_to_a_worker_without_one()
    {
        const string before = """
            public static class Orders
            {
                [WorkerTask("create_order")]
                public static string Create(string customer)
                {
                    var id = {|#0:Guid.NewGuid()|};
                    return id.ToString();
                }
            }
            """;
        const string after = """
            public static class Orders
            {
                [WorkerTask("create_order")]
                public static string Create(string customer, TaskContext context)
                {
                    var id = context.NewGuid();
                    return id.ToString();
                }
            }
            """;

        await Verify.VerifyAsync(before, OneAtLocation0, after);
    }

    [Fact]
    public async Task Adds_the_parameter_before_optional_parameters_and_avoids_names_in_use()
    {
        const string before = """
            public static class Orders
            {
                [WorkerTask("create_order")]
                public static string Create(string context, CancellationToken cancellationToken, int copies = 1)
                    => context + {|#0:Guid.NewGuid()|} + copies;
            }
            """;
        const string after = """
            public static class Orders
            {
                [WorkerTask("create_order")]
                public static string Create(string context, CancellationToken cancellationToken, TaskContext taskContext, int copies = 1)
                    => context + taskContext.NewGuid() + copies;
            }
            """;

        await Verify.VerifyAsync(before, OneAtLocation0, after);
    }

    [Fact]
    public async Task Fixes_a_guid_made_in_a_lambda_of_the_worker()
    {
        const string before = """
            public static class Orders
            {
                [WorkerTask("split_order")]
                public static List<string> Split(int parts)
                    => Enumerable.Range(0, parts).Select(_ => {|#0:Guid.NewGuid()|}.ToString()).ToList();
            }
            """;
        const string after = """
            public static class Orders
            {
                [WorkerTask("split_order")]
                public static List<string> Split(int parts, TaskContext context)
                    => Enumerable.Range(0, parts).Select(_ => context.NewGuid().ToString()).ToList();
            }
            """;

        await Verify.VerifyAsync(before, OneAtLocation0, after);
    }

    [Fact]
    public async Task Offers_no_fix_in_a_helper_without_a_context()
    {
        const string source = """
            public static class Orders
            {
                [WorkerTask("create_order")]
                public static string Create(string customer) => Ids.Next();
            }

            internal static class Ids
            {
                public static string Next() => {|#0:Guid.NewGuid()|}.ToString();
            }
            """;

        await Verify.VerifyNoFixInCalledMethodAsync(source, OneAtLocation0);
    }

    [Fact]
    public async Task Uses_the_context_parameter_of_a_helper_the_worker_calls()
    {
        const string before = """
            public static class Orders
            {
                [WorkerTask("create_order")]
                public static string Create(string customer, TaskContext context) => Ids.Next(context);
            }

            internal static class Ids
            {
                public static string Next(TaskContext task) => {|#0:Guid.NewGuid()|}.ToString();
            }
            """;
        const string after = """
            public static class Orders
            {
                [WorkerTask("create_order")]
                public static string Create(string customer, TaskContext context) => Ids.Next(context);
            }

            internal static class Ids
            {
                public static string Next(TaskContext task) => task.NewGuid().ToString();
            }
            """;

        await Verify.VerifyInCalledMethodAsync(before, OneAtLocation0, after);
    }

    [Fact]
    public async Task Fixing_every_guid_of_a_worker_adds_one_context_parameter()
    {
        const string before = """
            public sealed record Shipment(Guid Id, Guid Label);

            public static class Orders
            {
                [WorkerTask("ship")]
                public static Shipment Ship(string orderId) => new({|#0:Guid.NewGuid()|}, {|#1:Guid.NewGuid()|});
            }
            """;
        const string after = """
            public sealed record Shipment(Guid Id, Guid Label);

            public static class Orders
            {
                [WorkerTask("ship")]
                public static Shipment Ship(string orderId, TaskContext context) => new(context.NewGuid(), context.NewGuid());
            }
            """;

        await Verify.VerifyAsync(
            before,
            [
                Verify.Diagnostic(NondeterministicValueAnalyzer.RandomGuid).WithLocation(0),
                Verify.Diagnostic(NondeterministicValueAnalyzer.RandomGuid).WithLocation(1),
            ],
            after);
    }
}
