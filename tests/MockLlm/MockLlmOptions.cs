using System.Net;

namespace Hush.MockLlm;

/// <summary>Start-up settings of a <see cref="MockLlmServer"/>; scripts can still be changed later through <see cref="MockLlmServer.Scripts"/>.</summary>
public sealed class MockLlmOptions
{
    /// <summary>Address to listen on (plain HTTP/1.1); port 0 picks a free port. Default 127.0.0.1:0.</summary>
    public IPEndPoint Listen { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>Script used when neither the request header nor the path selects one. Default <see cref="MockScript.Demo"/>.</summary>
    public MockScript DefaultScript { get; init; } = MockScript.Demo;

    /// <summary>Named scripts, selected per request by <c>x-mock-script: name</c>.</summary>
    public IDictionary<string, MockScript> Scripts { get; } = new Dictionary<string, MockScript>(StringComparer.Ordinal);

    /// <summary>Scripts per request path (e.g. <c>/v1/messages</c>).</summary>
    public IDictionary<string, MockScript> PathScripts { get; } = new Dictionary<string, MockScript>(StringComparer.Ordinal);

    /// <summary>Clock for write delays and the <c>created</c> timestamps in answers.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
