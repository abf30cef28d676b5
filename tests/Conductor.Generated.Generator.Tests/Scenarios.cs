namespace Conductor.Generated.Generator.Tests;

/// <summary>Worker sources the snapshot tests generate code for.</summary>
internal static class Scenarios
{
    public const string Greeting = """
        using System.Linq;
        using System.Text.Json.Serialization;
        using System.Threading;
        using System.Threading.Tasks;
        using Conductor.Generated;

        namespace Sample;

        public sealed record Greeting(string Message);
        public sealed record Order(string Id, decimal Amount);
        public sealed record Receipt(string OrderId);

        public static class GreetingWorkers
        {
            [WorkerTask("greet")]
            public static Greeting Greet(string name, [InputParam("times")] int repeat = 1)
                => new(string.Join(" ", Enumerable.Repeat($"Hello {name}", repeat)));

            [WorkerTask("charge_card", Concurrency = 8)]
            public static async Task<Receipt> Charge(Order order, TaskContext context, CancellationToken cancellationToken)
            {
                await Task.Delay(1, cancellationToken);
                return new Receipt(order.Id);
            }
        }

        [JsonSerializable(typeof(Greeting))]
        [JsonSerializable(typeof(Order))]
        [JsonSerializable(typeof(Receipt))]
        internal partial class AppJsonContext;
        """;

    public const string ParameterShapes = """
        using System;
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Text.Json.Nodes;
        using System.Text.Json.Serialization;
        using Conductor.Generated;

        namespace Sample;

        public enum Color { Red, Green = 5, @Blue = -1, [JsonStringEnumMemberName("dark-red")] DarkRed = 6 }
        public sealed record Address(string Street);
        public struct Point { public int X { get; set; } }

        public static class ShapeWorkers
        {
            [WorkerTask("scalars", PollIntervalMs = 250, PollTimeoutMs = 2000, Domain = "blue")]
            public static void Scalars(
                string text, bool flag, sbyte tiny, byte octet, short small, ushort smallUnsigned, int number, uint numberUnsigned,
                long big, ulong bigUnsigned, double real, float single, decimal money, Guid id, DateTimeOffset at, DateTime when,
                TimeSpan duration, Color color)
            {
            }

            [WorkerTask("nullables")]
            public static void Nullables(string? text, int? number, Color? color, Address? address, Point? point, JsonNode? node, JsonElement? element)
            {
            }

            [WorkerTask("defaults")]
            public static void Defaults(
                string text = "a \"quoted\" text", int number = -3, long big = long.MinValue, ulong huge = ulong.MaxValue, double real = 1.5,
                float single = 0.1f, decimal money = 2.50m, bool flag = true, Color color = Color.Green, Color? maybeColor = Color.Blue,
                int? maybe = 4, string? none = null, Guid id = default, byte octet = 7, Address? home = null, string forced = null!,
                DateTime when = default, TimeSpan? duration = null)
            {
            }

            [WorkerTask("collections")]
            public static void Collections(
                int[] numbers, List<string> names, IReadOnlyList<Color> colors, IEnumerable<Address> addresses,
                Dictionary<string, int> counts, IReadOnlyDictionary<string, List<string?>> groups, List<List<int>> grid,
                string?[]? sparse)
            {
            }

            [WorkerTask("json")]
            public static void Json(JsonElement element, JsonNode node, JsonObject obj, JsonArray array, [TaskInput] Address whole)
            {
            }

            [WorkerTask("keywords")]
            public static void Keywords(string @class, [InputParam("the-input")] int input, int result, string context)
            {
            }
        }

        [JsonSerializable(typeof(Address))]
        [JsonSerializable(typeof(Point))]
        internal partial class AppJsonContext;
        """;

    public const string ReturnShapes = """
        using System.Collections.Generic;
        using System.Text.Json;
        using System.Threading.Tasks;
        using Conductor.Generated;

        namespace Sample;

        public enum Outcome { Ok, Failed }
        public sealed record Summary(int Count);

        public static class ReturnWorkers
        {
            [WorkerTask("nothing")]
            public static void Nothing() { }

            [WorkerTask("nothing_async")]
            public static Task NothingAsync() => Task.CompletedTask;

            [WorkerTask("nothing_value_task")]
            public static ValueTask NothingValueTask() => default;

            [WorkerTask("number")]
            public static int Number() => 1;

            [WorkerTask("text_async")]
            public static Task<string?> TextAsync() => Task.FromResult<string?>("x");

            [WorkerTask("list_value_task")]
            public static ValueTask<List<int>> ListAsync() => new(new List<int>());

            [WorkerTask("dictionary")]
            public static Dictionary<string, Outcome> Dictionary() => new();

            [WorkerTask("keyed")]
            [return: OutputParam("summary")]
            public static Summary Keyed() => new(1);

            [WorkerTask("keyed_on_method")]
            [OutputParam("total")]
            public static long? KeyedOnMethod() => null;

            [WorkerTask("element")]
            public static JsonElement Element() => default;
        }

        [System.Text.Json.Serialization.JsonSerializable(typeof(Summary))]
        internal partial class AppJsonContext;
        """;

    public const string NameCollisions = """
        using Conductor.Generated;

        namespace Sample.First
        {
            public static class Jobs
            {
                [WorkerTask("first_run")]
                public static void Run() { }

                [WorkerTask("first_run_with_argument")]
                public static void Run(int times) { }

                [WorkerTask("all")]
                public static void All() { }

                [WorkerTask("event")]
                public static void @event() { }
            }
        }

        namespace Sample.Second
        {
            public static class Jobs
            {
                [WorkerTask("second_run")]
                public static void Run() { }
            }

            internal static class Outer
            {
                internal static class Inner
                {
                    [WorkerTask("nested<&>\"quoted\"")]
                    internal static void Nested() { }
                }
            }
        }
        """;

    public const string Miscellaneous = """
        using System.Collections.Generic;
        using System.Text.Json.Serialization;
        using Conductor.Generated;

        public struct Point { public int X { get; set; } }

        public static class GlobalJobs
        {
            [WorkerTask("sum")]
            public static int Sum(params int[] values) => values.Length;

            [WorkerTask("extension")]
            public static string Shout(this string text) => text;

            [WorkerTask("maybe_point")]
            public static Point? MaybePoint(Point? point) => point;

            [WorkerTask("points")]
            public static Dictionary<string, Point> Points(IReadOnlyDictionary<string, Point> points) => new(points);
        }

        public readonly record struct Measurement(double Value)
        {
            [WorkerTask("measure")]
            internal static Measurement Measure(double value) => new(value);
        }

        [JsonSerializable(typeof(Point))]
        [JsonSerializable(typeof(Measurement))]
        internal partial class GlobalJsonContext : System.Text.Json.Serialization.JsonSerializerContext
        {
            public GlobalJsonContext() : base(null) { }
            public static GlobalJsonContext Default { get; } = new();
            protected override System.Text.Json.JsonSerializerOptions? GeneratedSerializerOptions => null;
            public override System.Text.Json.Serialization.Metadata.JsonTypeInfo? GetTypeInfo(System.Type type) => null;
        }
        """;

    public const string NoWorkers = """
        namespace Sample;

        public static class NotAWorker
        {
            public static void Run() { }
        }
        """;

    public const string NewerShapes = """
        using System;
        using System.Collections.Generic;
        using System.Collections.Immutable;
        using Conductor.Generated;

        namespace Sample;

        public static class NewerWorkers
        {
            /// <summary>Takes the scalars System.Text.Json knows beyond the basic ones.</summary>
            [WorkerTask("newer_scalars")]
            [TaskDefinition(RetryCount = 1, TimeoutSeconds = 60, ResponseTimeoutSeconds = 30, OwnerEmail = "team@example.com")]
            public static byte[] Scalars(char letter, Half half, DateOnly day, TimeOnly time, Uri? link, Version version, byte[] bytes, in int offset = 2) => bytes;

            [WorkerTask("newer_collections")]
            public static ImmutableArray<string> Collections(HashSet<int> set, IReadOnlySet<string> names, ImmutableArray<DateOnly>? days = null, params long[] rest) => [];
        }
        """;

    /// <summary>Workers that take services next to input, the task context and the token; with the hosting package referenced.</summary>
    public const string Services = """
        using System;
        using System.Threading;
        using System.Threading.Tasks;
        using Conductor.Generated;
        using Microsoft.Extensions.DependencyInjection;

        namespace Microsoft.AspNetCore.Mvc
        {
            [AttributeUsage(AttributeTargets.Parameter)]
            public sealed class FromServicesAttribute : Attribute { }
        }

        namespace Sample
        {
            public interface IPaymentGateway { Task<string> ChargeAsync(decimal amount, CancellationToken cancellationToken); }
            public interface IClock { DateTimeOffset Now { get; } }
            public interface IStore { }
            public enum Region { Europe, America }

            public static class ServiceWorkers
            {
                [WorkerTask("charge_with_gateway")]
                public static async Task<string> Charge(
                    [FromServices] IPaymentGateway gateway,
                    [InputParam("amount")] decimal amount,
                    TaskContext context,
                    [FromKeyedServices("audit")] IClock clock,
                    CancellationToken cancellationToken)
                {
                    context.Log("charging at " + clock.Now.ToString("O"));
                    return await gateway.ChargeAsync(amount, cancellationToken);
                }

                [WorkerTask("keyed_stores")]
                public static void Keyed(
                    CancellationToken cancellationToken,
                    [FromKeyedServices(7)] IStore numbered,
                    string note,
                    [FromKeyedServices(Region.America)] IStore regional,
                    [FromServices] IClock? result)
                {
                }

                [WorkerTask("mvc_attribute")]
                public static DateTimeOffset Now([Microsoft.AspNetCore.Mvc.FromServices] IClock clock) => clock.Now;
            }
        }
        """ + GeneratorHarness.HostingMarker;
}
