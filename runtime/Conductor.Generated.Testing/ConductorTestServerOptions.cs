using Microsoft.Extensions.Logging;

namespace Conductor.Generated.Testing;

/// <summary>Settings of a <see cref="ConductorTestServer"/>; every one has a sensible default.</summary>
public sealed class ConductorTestServerOptions
{
    /// <summary>
    /// The clock behind timestamps, callback and retry delays and response timeouts. Give a fake
    /// one to test delays without waiting. Long polls still wait in real time. Default: the system clock.
    /// </summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Where the server logs; default: nowhere, so a host's console stays clean.</summary>
    public ILoggerFactory? LoggerFactory { get; set; }

    /// <summary>The port on 127.0.0.1; 0 (the default) takes a free one.</summary>
    public int Port { get; set; }

    /// <summary>
    /// Answer like a current server (the default) or like an older one without update-v2 and with
    /// 204 on an empty batch poll, to test a client's fallbacks.
    /// </summary>
    public ServerCompatibility Compatibility { get; set; } = ServerCompatibility.Current;

    /// <summary>
    /// Orkes-style authentication with the given keys: <c>POST /api/token</c> issues tokens and
    /// every other route wants one in <c>X-Authorization</c>. Default: null, no authentication,
    /// and <c>/api/token</c> answers 404 as on the open-source server.
    /// </summary>
    public TestServerAuthOptions? Auth { get; set; }

    /// <summary>
    /// The seed of the random source behind <see cref="ConductorTestServer.Faults"/>, so a run
    /// meets the same faults as the last. Default: 0. <see cref="ServerFaults.Reseed"/> changes it later.
    /// </summary>
    public int FaultSeed { get; set; }

    /// <summary>
    /// External payload storage, as a real server configured with it: task inputs and outputs
    /// over the thresholds are kept in the server's store and handed over by path. Default: null,
    /// none; <c>GET /api/tasks/externalstoragelocation</c> then answers 400 saying so.
    /// </summary>
    public TestServerPayloadStorageOptions? ExternalPayloadStorage { get; set; }
}
