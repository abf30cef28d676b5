using Conductor.Generated.Analyzers.Rules;
using Verify = Conductor.Generated.Analyzers.Tests.Verification.AnalyzerVerifier<Conductor.Generated.Analyzers.Rules.SharedStateAnalyzer>;

namespace Conductor.Generated.Analyzers.Tests.Rules;

public sealed class SharedStateAnalyzerTests
{
    // ---- CDG1010: writes to statics ----

    [Fact]
    public async Task Assignments_increments_and_interlocked_writes_to_static_fields_are_reported()
    {
        const string source = """
            public static class Counters
            {
                private static int _processed;
                private static long _total;
                public static string? LastOrder { get; set; }

                [WorkerTask("count")]
                public static void Count(string orderId, long amount)
                {
                    {|#0:_processed++|};
                    {|#1:_total += amount|};
                    {|#2:LastOrder = orderId|};
                    Interlocked.Increment({|#3:ref _total|});
                }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Message(SharedStateAnalyzer.StaticWrite).WithLocation(0).WithArguments("writes", "field", "Counters._processed", "in worker 'Counters.Count'"),
            Verify.Diagnostic(SharedStateAnalyzer.StaticWrite).WithLocation(1),
            Verify.Message(SharedStateAnalyzer.StaticWrite).WithLocation(2).WithArguments("writes", "property", "Counters.LastOrder", "in worker 'Counters.Count'"),
            Verify.Diagnostic(SharedStateAnalyzer.StaticWrite).WithLocation(3));
    }

    [Fact]
    public async Task Changes_to_static_collections_are_reported()
    {
        const string source = """
            using System.Collections.Concurrent;

            public static class Orders
            {
                private static readonly List<string> Seen = new();
                private static readonly Dictionary<string, int> Totals = new();
                private static readonly ConcurrentQueue<string> Outbox = new();
                private static readonly string[] Recent = new string[10];

                [WorkerTask("track")]
                public static void Track(string orderId)
                {
                    {|#0:Seen.Add(orderId)|};
                    {|#1:Totals[orderId] = 1|};
                    {|#2:Outbox.Enqueue(orderId)|};
                    {|#3:Recent[0] = orderId|};
                }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Message(SharedStateAnalyzer.StaticWrite).WithLocation(0).WithArguments("changes the collection in", "field", "Orders.Seen", "in worker 'Orders.Track'"),
            Verify.Diagnostic(SharedStateAnalyzer.StaticWrite).WithLocation(1),
            Verify.Diagnostic(SharedStateAnalyzer.StaticWrite).WithLocation(2),
            Verify.Diagnostic(SharedStateAnalyzer.StaticWrite).WithLocation(3));
    }

    [Fact]
    public async Task Static_writes_in_a_helper_two_calls_deep_and_in_a_lambda_are_reported()
    {
        const string source = """
            public static class Orders
            {
                [WorkerTask("track")]
                public static void Track(string[] orderIds)
                {
                    Audit.Record(orderIds.Length);
                    Array.ForEach(orderIds, id => {|#1:Audit.LastId = id|});
                }
            }

            internal static class Audit
            {
                public static string LastId = "";
                public static void Record(int count) => Store.Save(count);
            }

            internal static class Store
            {
                private static int _saved;
                public static void Save(int count) => {|#0:_saved = count|};
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Message(SharedStateAnalyzer.StaticWrite).WithLocation(0)
                .WithArguments("writes", "field", "Store._saved", "in worker 'Orders.Track' (through Orders.Track -> Audit.Record -> Store.Save)"),
            Verify.Diagnostic(SharedStateAnalyzer.StaticWrite).WithLocation(1));
    }

    [Fact]
    public async Task Static_constructors_lazy_initialisation_caches_locals_and_instance_state_are_not_reported()
    {
        const string source = """
            using System.Collections.Concurrent;

            public static class Orders
            {
                private static readonly ConcurrentDictionary<string, string> Normalized = new();
                private static readonly HashSet<string> Currencies;
                private static HttpClient? _client;
                private const int Limit = 10;

                static Orders()
                {
                    Currencies = new HashSet<string> { "EUR" };
                    Currencies.Add("USD");
                }

                [WorkerTask("normalize")]
                public static string Normalize(string orderId)
                {
                    _client ??= new HttpClient();
                    var local = new List<string> { orderId };
                    local.Add(orderId);
                    var builder = new Builder();
                    builder.Count++;
                    return Normalized.GetOrAdd(orderId, id => id.Trim()) + Limit + Currencies.Contains("EUR");
                }
            }

            public sealed class Builder { public int Count { get; set; } }
            """;

        await Verify.VerifyAsync(source);
    }

    // ---- CDG1011: thread- and async-local state ----

    [Fact]
    public async Task Thread_static_fields_thread_locals_and_async_locals_are_reported()
    {
        const string source = """
            public static class Orders
            {
                [ThreadStatic] private static string? _currentOrder;
                private static readonly ThreadLocal<int> Attempts = new();
                private static readonly AsyncLocal<string?> Tenant = new();

                [WorkerTask("track")]
                public static string Track(string orderId)
                {
                    {|#0:_currentOrder|} = orderId;
                    {|#1:Attempts.Value|}++;
                    return {|#2:Tenant.Value|} ?? "";
                }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Message(SharedStateAnalyzer.AmbientState).WithLocation(0).WithArguments("[ThreadStatic] Orders._currentOrder", "in worker 'Orders.Track'"),
            Verify.Message(SharedStateAnalyzer.AmbientState).WithLocation(1).WithArguments("ThreadLocal Orders.Attempts", "in worker 'Orders.Track'"),
            Verify.Diagnostic(SharedStateAnalyzer.AmbientState).WithLocation(2));
    }

    // ---- CDG1012: reads of statics that other code changes ----

    [Fact]
    public async Task Reads_of_statics_that_another_method_changes_are_reported_as_info()
    {
        const string source = """
            public static class Settings
            {
                public static decimal Rate = 1m;
                public static readonly List<string> Blocked = new();
                public static readonly decimal Fixed = 2m;
                public static decimal SetOnce;

                static Settings() => SetOnce = 3m;

                public static void Configure(decimal rate, string blocked)
                {
                    Rate = rate;
                    Blocked.Add(blocked);
                }
            }

            public static class Orders
            {
                [WorkerTask("price")]
                public static decimal Price(string customer, decimal amount)
                    => {|#1:Settings.Blocked|}.Contains(customer) ? 0 : amount * {|#0:Settings.Rate|} + Settings.Fixed + Settings.SetOnce;
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Message(SharedStateAnalyzer.StaticRead).WithLocation(0).WithArguments("field", "Settings.Rate", "in worker 'Orders.Price'"),
            Verify.Diagnostic(SharedStateAnalyzer.StaticRead).WithLocation(1));
    }
}
