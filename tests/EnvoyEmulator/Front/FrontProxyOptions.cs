using System.Net;
using Hush.EnvoyEmulator.Filter;
using Hush.EnvoyEmulator.JwtAuthn;

namespace Hush.EnvoyEmulator.Front;

/// <summary>The emulated Envoy front: listener, upstream, ext_proc cluster, filter chain config.</summary>
public sealed class FrontProxyOptions
{
    /// <summary>Listener (HTTP/1.1 and h2c on one port); port 0 picks a free port.</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 10000);

    /// <summary>Upstream base URL (the LLM or the mock); the request path is appended.</summary>
    public required Uri Upstream { get; init; }

    /// <summary>ext_proc server address (h2c, e.g. http://127.0.0.1:50051).</summary>
    public required Uri ExtProc { get; init; }

    /// <summary>The ext_proc filter config.</summary>
    public ExtProcFilterConfig Filter { get; init; } = new();

    /// <summary>jwt_authn provider; null leaves jwt_authn out of the chain.</summary>
    public JwtProviderOptions? Jwt { get; init; }

    /// <summary>Clock for timers and token checks; system clock when null.</summary>
    public TimeProvider? Time { get; init; }
}
