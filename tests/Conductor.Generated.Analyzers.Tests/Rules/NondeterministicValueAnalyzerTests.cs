using Conductor.Generated.Analyzers.Rules;
using Verify = Conductor.Generated.Analyzers.Tests.Verification.AnalyzerVerifier<Conductor.Generated.Analyzers.Rules.NondeterministicValueAnalyzer>;

namespace Conductor.Generated.Analyzers.Tests.Rules;

public sealed class NondeterministicValueAnalyzerTests
{
    // ---- CDG1001: Guid.NewGuid ----

    [Fact]
    public async Task Guid_returned_by_the_worker_is_reported_with_the_worker_name()
    {
        const string source = """
            public static class Orders
            {
                [WorkerTask("create_order")]
                public static string Create(string customer) => {|#0:Guid.NewGuid()|}.ToString();
            }
            """;

        await Verify.VerifyAsync(source, Verify.Message(NondeterministicValueAnalyzer.RandomGuid)
            .WithLocation(0)
            .WithArguments("Guid.NewGuid()", "the task output", "in worker 'Orders.Create'"));
    }

    [Fact]
    public async Task Guid_stored_in_a_local_and_put_into_a_returned_record_is_reported()
    {
        const string source = """
            public sealed record Order(Guid Id, string Customer);

            public static class Orders
            {
                [WorkerTask("create_order")]
                public static Order Create(string customer)
                {
                    var id = {|#0:Guid.NewGuid()|};
                    var order = new Order(id, customer);
                    return order;
                }
            }
            """;

        await Verify.VerifyAsync(source, Verify.Diagnostic(NondeterministicValueAnalyzer.RandomGuid).WithLocation(0));
    }

    [Fact]
    public async Task Guid_made_in_a_helper_two_calls_deep_is_reported_with_the_call_path()
    {
        const string source = """
            public static class Orders
            {
                [WorkerTask("create_order")]
                public static string Create(string customer) => Naming.OrderName(customer);
            }

            internal static class Naming
            {
                public static string OrderName(string customer) => customer + "-" + Ids.Next();
            }

            internal static class Ids
            {
                public static string Next() => {|#0:Guid.NewGuid()|}.ToString("N");
            }
            """;

        await Verify.VerifyAsync(source, Verify.Message(NondeterministicValueAnalyzer.RandomGuid)
            .WithLocation(0)
            .WithArguments("Guid.NewGuid()", "a return value", "in worker 'Orders.Create' (through Orders.Create -> Naming.OrderName -> Ids.Next)"));
    }

    [Fact]
    public async Task Guid_made_in_a_lambda_of_the_worker_is_reported()
    {
        const string source = """
            public static class Orders
            {
                [WorkerTask("split_order")]
                public static List<string> Split(int parts)
                    => Enumerable.Range(0, parts).Select(_ => {|#0:Guid.NewGuid()|}.ToString()).ToList();
            }
            """;

        await Verify.VerifyAsync(source, Verify.Diagnostic(NondeterministicValueAnalyzer.RandomGuid).WithLocation(0));
    }

    [Fact]
    public async Task Guid_made_in_a_local_function_and_sent_over_http_is_reported_as_a_call()
    {
        const string source = """
            public static class Orders
            {
                private static readonly HttpClient Client = new();

                [WorkerTask("create_order")]
                public static async Task Create(string customer)
                {
                    await Client.GetAsync("/orders/" + NewId());

                    static string NewId() => {|#0:Guid.NewGuid()|}.ToString();
                }
            }
            """;

        await Verify.VerifyAsync(source, Verify.Diagnostic(NondeterministicValueAnalyzer.RandomGuid).WithLocation(0));
    }

    [Fact]
    public async Task Guid_passed_to_another_library_is_reported_as_a_call()
    {
        const string source = """
            public static class Orders
            {
                private static readonly HttpClient Client = new();

                [WorkerTask("create_order")]
                public static async Task Create(string customer)
                {
                    var id = {|#0:Guid.NewGuid()|};
                    await Client.DeleteAsync($"/orders/{id}");
                }
            }
            """;

        await Verify.VerifyAsync(source, Verify.Message(NondeterministicValueAnalyzer.RandomGuid)
            .WithLocation(0)
            .WithArguments("Guid.NewGuid()", "a call to 'HttpClient.DeleteAsync'", "in worker 'Orders.Create'"));
    }

    [Fact]
    public async Task Guid_used_only_for_logging_or_dropped_is_not_reported()
    {
        const string source = """
            public static class Orders
            {
                [WorkerTask("create_order")]
                public static string Create(string customer, TaskContext context, ILogger logger)
                {
                    var traceId = Guid.NewGuid();
                    context.Log($"trace {traceId}");
                    logger.LogInformation("Creating order {Trace}", Guid.NewGuid());
                    Console.WriteLine(Guid.NewGuid());
                    _ = Guid.NewGuid();
                    if (Guid.NewGuid() == Guid.Empty)
                    {
                        throw new InvalidOperationException($"impossible {Guid.NewGuid()}");
                    }

                    return context.NewGuid().ToString();
                }
            }
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Guid_in_a_method_no_worker_reaches_is_not_reported()
    {
        const string source = """
            public static class Orders
            {
                [WorkerTask("create_order")]
                public static string Create(string customer) => customer;

                public static Guid NotAWorker() => Guid.NewGuid();
            }
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Recursive_helpers_are_followed_once()
    {
        const string source = """
            public static class Orders
            {
                [WorkerTask("walk")]
                public static string Walk(int depth) => Ping(depth);

                private static string Ping(int depth) => depth == 0 ? {|#0:Guid.NewGuid()|}.ToString() : Pong(depth - 1);

                private static string Pong(int depth) => Ping(depth);
            }
            """;

        await Verify.VerifyAsync(source, Verify.Diagnostic(NondeterministicValueAnalyzer.RandomGuid).WithLocation(0));
    }

    [Fact]
    public async Task Helpers_deeper_than_the_call_depth_limit_are_not_followed()
    {
        const string source = """
            public static class Orders
            {
                [WorkerTask("deep")]
                public static string Deep() => L1();
                private static string L1() => L2();
                private static string L2() => L3();
                private static string L3() => L4();
                private static string L4() => L5();
                private static string L5() => L6();
                private static string L6() => L7();
                private static string L7() => L8();
                private static string L8() => {|#0:Guid.NewGuid()|}.ToString();
                private static string L9() => Guid.NewGuid().ToString();
            }

            public static class Deeper
            {
                [WorkerTask("deeper")]
                public static string Deep() => L1();
                private static string L1() => L2();
                private static string L2() => L3();
                private static string L3() => L4();
                private static string L4() => L5();
                private static string L5() => L6();
                private static string L6() => L7();
                private static string L7() => L8();
                private static string L8() => L9();
                private static string L9() => Guid.NewGuid().ToString();
            }
            """;

        await Verify.VerifyAsync(source, Verify.Diagnostic(NondeterministicValueAnalyzer.RandomGuid).WithLocation(0));
    }

    [Fact]
    public async Task A_helper_shared_by_two_workers_is_reported_once_naming_the_first_worker()
    {
        const string source = """
            public static class Orders
            {
                [WorkerTask("b_second")]
                public static string Second() => Ids.Next();

                [WorkerTask("a_first")]
                public static string First() => Ids.Next();
            }

            internal static class Ids
            {
                public static string Next() => {|#0:Guid.NewGuid()|}.ToString();
            }
            """;

        await Verify.VerifyAsync(source, Verify.Message(NondeterministicValueAnalyzer.RandomGuid)
            .WithLocation(0)
            .WithArguments("Guid.NewGuid()", "a return value", "in worker 'Orders.First' (through Orders.First -> Ids.Next)"));
    }

    [Fact]
    public async Task Method_groups_property_getters_and_constructors_are_followed()
    {
        const string source = """
            public sealed class Envelope
            {
                public Envelope() => Id = {|#2:Guid.NewGuid()|};
                public Guid Id { get; }
            }

            public static class Orders
            {
                private static string Stamp => {|#1:Guid.NewGuid()|}.ToString();

                [WorkerTask("fan_out")]
                public static object FanOut(int parts)
                    => new { ids = Enumerable.Range(0, parts).Select(MakeId).ToList(), stamp = Stamp, envelope = new Envelope() };

                private static string MakeId(int part) => part + ":" + {|#0:Guid.NewGuid()|};
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic(NondeterministicValueAnalyzer.RandomGuid).WithLocation(2),
            Verify.Diagnostic(NondeterministicValueAnalyzer.RandomGuid).WithLocation(1),
            Verify.Diagnostic(NondeterministicValueAnalyzer.RandomGuid).WithLocation(0));
    }

    [Fact]
    public async Task Guid_passed_to_a_helper_that_sends_it_two_calls_further_is_reported_where_it_is_made()
    {
        const string source = """
            public static class Shipping
            {
                [WorkerTask("ship")]
                public static async Task Ship(string orderId, CancellationToken cancellationToken)
                {
                    var shipmentId = {|#0:Guid.NewGuid()|};
                    await Carrier.Book(shipmentId, orderId, cancellationToken);
                }
            }

            internal static class Carrier
            {
                public static Task Book(Guid shipment, string orderId, CancellationToken cancellationToken)
                    => Api.Send("/book/" + shipment, cancellationToken);
            }

            internal static class Api
            {
                private static readonly HttpClient Client = new();

                public static Task Send(string path, CancellationToken cancellationToken) => Client.DeleteAsync(path, cancellationToken);
            }
            """;

        await Verify.VerifyAsync(source, Verify.Message(NondeterministicValueAnalyzer.RandomGuid)
            .WithLocation(0)
            .WithArguments("Guid.NewGuid()", "a call to 'Carrier.Book'", "in worker 'Shipping.Ship'"));
    }

    [Fact]
    public async Task Guid_passed_to_a_helper_that_only_logs_it_is_not_reported()
    {
        const string source = """
            public static class Shipping
            {
                [WorkerTask("ship")]
                public static async Task<string> Ship(string orderId, TaskContext context)
                {
                    Trace(context, Guid.NewGuid());
                    var label = Describe(Guid.NewGuid(), orderId);
                    await Task.Yield();
                    return orderId;
                }

                private static void Trace(TaskContext context, Guid traceId) => context.Log($"trace {traceId}");

                private static string Describe(Guid traceId, string orderId) => orderId + traceId;
            }
            """;

        await Verify.VerifyAsync(source);
    }

    // ---- CDG1002: the clock ----

    [Fact]
    public async Task Current_time_in_the_output_is_reported()
    {
        const string source = """
            public sealed record Receipt(string Id, DateTime ChargedAt);

            public static class Payments
            {
                [WorkerTask("charge")]
                public static Receipt Charge(string id) => new(id, {|#0:DateTime.UtcNow|});

                [WorkerTask("charge_offset")]
                public static object ChargeOffset(string id) => new { id, at = {|#1:DateTimeOffset.Now|}.ToString("O") };

                [WorkerTask("charge_ticks")]
                public static long Ticks() => {|#2:Environment.TickCount64|};
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Message(NondeterministicValueAnalyzer.ClockAsData).WithLocation(0)
                .WithArguments("DateTime.UtcNow", "the task output", "in worker 'Payments.Charge'"),
            Verify.Diagnostic(NondeterministicValueAnalyzer.ClockAsData).WithLocation(1),
            Verify.Diagnostic(NondeterministicValueAnalyzer.ClockAsData).WithLocation(2));
    }

    [Fact]
    public async Task Current_time_set_on_an_object_and_sent_over_http_is_reported()
    {
        const string source = """
            public sealed class Charge { public DateTime At { get; set; } public string Id { get; set; } = ""; }

            public static class Payments
            {
                private static readonly HttpClient Client = new();

                [WorkerTask("charge")]
                public static async Task Send(string id)
                {
                    var charge = new Charge { Id = id };
                    charge.At = {|#0:DateTime.Now|};
                    await Client.PutAsync("/charges", new StringContent(charge.At.ToString("O")));
                }
            }
            """;

        await Verify.VerifyAsync(source, Verify.Diagnostic(NondeterministicValueAnalyzer.ClockAsData).WithLocation(0));
    }

    [Fact]
    public async Task Clock_read_for_logging_durations_deadlines_and_timeouts_is_not_reported()
    {
        const string source = """
            public static class Payments
            {
                [WorkerTask("charge")]
                public static async Task<double> Charge(DateTime deadline, TaskContext context, ILogger logger)
                {
                    var started = DateTime.UtcNow;
                    var timestamp = Stopwatch.GetTimestamp();
                    var ticks = Environment.TickCount64;
                    logger.LogInformation("Started at {Time}", DateTime.UtcNow);
                    context.Log($"now {DateTimeOffset.UtcNow:O}");
                    if (DateTime.UtcNow > deadline)
                    {
                        throw new NonRetryableException("too late");
                    }

                    var remaining = deadline - DateTime.UtcNow;
                    await Task.Delay(remaining > TimeSpan.Zero ? TimeSpan.FromMilliseconds(1) : TimeSpan.Zero);
                    var elapsedTicks = Environment.TickCount64 - ticks;
                    logger.LogInformation("took {Elapsed} {Ticks}", Stopwatch.GetElapsedTime(timestamp), elapsedTicks);
                    var elapsed = DateTime.UtcNow - started;
                    return elapsed.TotalMilliseconds + context.ScheduledAt.Millisecond;
                }
            }
            """;

        await Verify.VerifyAsync(source);
    }

    [Fact]
    public async Task Clock_read_in_a_helper_that_returns_it_is_reported()
    {
        const string source = """
            public static class Payments
            {
                [WorkerTask("charge")]
                public static string Charge(string id) => id + Stamp();

                private static string Stamp() => {|#0:DateTimeOffset.UtcNow|}.ToUnixTimeSeconds().ToString();
            }
            """;

        await Verify.VerifyAsync(source, Verify.Message(NondeterministicValueAnalyzer.ClockAsData).WithLocation(0)
            .WithArguments("DateTimeOffset.UtcNow", "a return value", "in worker 'Payments.Charge' (through Payments.Charge -> Payments.Stamp)"));
    }

    [Fact]
    public async Task An_instant_computed_from_the_clock_is_still_reported()
    {
        const string source = """
            public static class Reports
            {
                [WorkerTask("report_window")]
                public static string Window() => ({|#0:DateTime.UtcNow|} - TimeSpan.FromDays(1)).ToString("O");

                [WorkerTask("report_expiry")]
                public static DateTimeOffset Expiry() => {|#1:DateTimeOffset.UtcNow|}.AddDays(30);
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Diagnostic(NondeterministicValueAnalyzer.ClockAsData).WithLocation(0),
            Verify.Diagnostic(NondeterministicValueAnalyzer.ClockAsData).WithLocation(1));
    }

    // ---- CDG1003: random numbers ----

    [Fact]
    public async Task Random_numbers_in_the_output_are_reported()
    {
        const string source = """
            public static class Lottery
            {
                [WorkerTask("draw")]
                public static int Draw() => {|#0:Random.Shared.Next(1, 50)|};

                [WorkerTask("draw_local")]
                public static int DrawLocal()
                {
                    var generator = new Random();
                    return {|#1:generator.Next()|};
                }

                [WorkerTask("draw_secure")]
                public static string Token() => {|#2:RandomNumberGenerator.GetHexString(16)|};

                [WorkerTask("draw_bytes")]
                public static byte[] Bytes()
                {
                    var buffer = new byte[8];
                    {|#3:Random.Shared.NextBytes(buffer)|};
                    return buffer;
                }
            }
            """;

        await Verify.VerifyAsync(
            source,
            Verify.Message(NondeterministicValueAnalyzer.RandomAsData).WithLocation(0)
                .WithArguments("Random.Shared.Next()", "the task output", "in worker 'Lottery.Draw'"),
            Verify.Diagnostic(NondeterministicValueAnalyzer.RandomAsData).WithLocation(1),
            Verify.Diagnostic(NondeterministicValueAnalyzer.RandomAsData).WithLocation(2),
            Verify.Diagnostic(NondeterministicValueAnalyzer.RandomAsData).WithLocation(3));
    }

    [Fact]
    public async Task Seeded_generators_and_random_delays_are_not_reported()
    {
        const string source = """
            public static class Lottery
            {
                [WorkerTask("draw")]
                public static async Task<int> Draw(int seed, CancellationToken cancellationToken)
                {
                    await Task.Delay(Random.Shared.Next(10, 50), cancellationToken);
                    await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * 10), cancellationToken);
                    var generator = new Random(seed);
                    return generator.Next() + new Random(42).Next();
                }
            }
            """;

        await Verify.VerifyAsync(source);
    }
}
