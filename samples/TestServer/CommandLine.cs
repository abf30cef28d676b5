using System.Globalization;
using Conductor.Generated.Testing;

namespace Conductor.Generated.Samples.TestServer;

/// <summary>The program's options, read from its arguments.</summary>
internal sealed class CommandLine
{
    public const string Usage = """
        Runs a Conductor-compatible server on 127.0.0.1 until Ctrl+C, for workers in any language.

        Usage: conductor-test-server [options]
          --port N                 the port (default 8080; 0 takes a free one)
          --legacy                 answer like a server before v3.21.12: 204 on an empty batch
                                   poll, no /api/tasks/update-v2
          --auth KEY_ID:SECRET     require Orkes-style tokens; repeat for more keys
          --token-lifetime SECS    how long a token lasts with --auth (default 3600)
          --verbose                log every task move, not only workflow starts and ends
          --help                   show this text
        """;

    public int Port { get; private set; } = 8080;

    public bool Legacy { get; private set; }

    public bool Verbose { get; private set; }

    public bool ShowHelp { get; private set; }

    public Dictionary<string, string> Keys { get; } = new(StringComparer.Ordinal);

    public TimeSpan TokenLifetime { get; private set; } = TimeSpan.FromHours(1);

    /// <summary>The options; throws <see cref="ArgumentException"/> with a message for the user when an argument is wrong.</summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var options = new CommandLine();
        for (var index = 0; index < args.Count; index++)
        {
            switch (args[index])
            {
                case "--port":
                    options.Port = Number(args, ++index, "--port", maximum: 65535);
                    break;
                case "--legacy":
                    options.Legacy = true;
                    break;
                case "--auth":
                    var pair = Value(args, ++index, "--auth").Split(':', 2);
                    if (pair.Length != 2 || pair[0].Length == 0 || pair[1].Length == 0)
                    {
                        throw new ArgumentException("--auth takes KEY_ID:SECRET");
                    }

                    options.Keys[pair[0]] = pair[1];
                    break;
                case "--token-lifetime":
                    options.TokenLifetime = TimeSpan.FromSeconds(Number(args, ++index, "--token-lifetime", maximum: int.MaxValue, minimum: 1));
                    break;
                case "--verbose":
                    options.Verbose = true;
                    break;
                case "--help" or "-h":
                    options.ShowHelp = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{args[index]}'");
            }
        }

        return options;
    }

    public ConductorTestServerOptions ToServerOptions() => new()
    {
        Port = Port,
        Compatibility = Legacy ? ServerCompatibility.Legacy : ServerCompatibility.Current,
        Auth = Keys.Count == 0 ? null : WithKeys(new TestServerAuthOptions { TokenLifetime = TokenLifetime }),
    };

    private TestServerAuthOptions WithKeys(TestServerAuthOptions auth)
    {
        foreach (var (keyId, secret) in Keys)
        {
            auth.AddKey(keyId, secret);
        }

        return auth;
    }

    private static string Value(IReadOnlyList<string> args, int index, string name) =>
        index < args.Count ? args[index] : throw new ArgumentException($"{name} needs a value");

    private static int Number(IReadOnlyList<string> args, int index, string name, int maximum, int minimum = 0)
    {
        var text = Value(args, index, name);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum && value <= maximum
            ? value
            : throw new ArgumentException($"{name} takes a number from {minimum} to {maximum}, not '{text}'");
    }
}
