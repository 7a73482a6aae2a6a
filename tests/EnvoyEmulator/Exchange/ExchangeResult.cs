using Envoy.Service.ExtProc.V3;
using Google.Protobuf.WellKnownTypes;
using Hush.EnvoyEmulator.Filter;

namespace Hush.EnvoyEmulator.Exchange;

/// <summary>Everything observable about one emulated exchange.</summary>
public sealed class ExchangeResult
{
    /// <summary>What the upstream received.</summary>
    public required UpstreamRecord Upstream { get; init; }

    /// <summary>What the downstream client received.</summary>
    public required DownstreamRecord Downstream { get; init; }

    /// <summary>Every side-stream message in order (sent and received).</summary>
    public required IReadOnlyList<TranscriptEntry> Transcript { get; init; }

    /// <summary>Filter stats of this exchange.</summary>
    public required ExtProcCounters Counters { get; init; }

    /// <summary>Dynamic metadata the server wrote back (receiving namespaces only).</summary>
    public required IReadOnlyDictionary<string, Struct> ReceivedDynamicMetadata { get; init; }

    /// <summary>The exchange finished (both directions ended) within the script's timeout.</summary>
    public required bool Completed { get; init; }

    /// <summary>The ProcessingRequests sent, in order.</summary>
    public IReadOnlyList<ProcessingRequest> Sent => [.. Transcript.Where(e => e.Request is not null).Select(e => e.Request!)];

    /// <summary>The ProcessingResponses received, in order.</summary>
    public IReadOnlyList<ProcessingResponse> Received => [.. Transcript.Where(e => e.Response is not null).Select(e => e.Response!)];

    /// <summary>The oneof case of each message sent, in order (e.g. RequestHeaders, ResponseBody…).</summary>
    public IReadOnlyList<ProcessingRequest.RequestOneofCase> SentKinds => [.. Sent.Select(r => r.RequestCase)];
}
