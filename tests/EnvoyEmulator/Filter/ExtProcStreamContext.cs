using System.Collections.Concurrent;
using Google.Protobuf.WellKnownTypes;

namespace Hush.EnvoyEmulator.Filter;

/// <summary>The per-stream "stream info" the filter reads and writes: connection id and dynamic metadata.</summary>
public sealed class ExtProcStreamContext
{
    /// <summary>Envoy's <c>connection.id</c> attribute.</summary>
    public ulong ConnectionId { get; init; } = 1;

    /// <summary>Dynamic metadata by namespace, filled by earlier filters (jwt_authn); forwarded per forwarding namespaces.</summary>
    public ConcurrentDictionary<string, Struct> DynamicMetadata { get; } = new(StringComparer.Ordinal);

    /// <summary>Dynamic metadata the server wrote back, only for the configured receiving namespaces.</summary>
    public ConcurrentDictionary<string, Struct> ReceivedDynamicMetadata { get; } = new(StringComparer.Ordinal);
}
