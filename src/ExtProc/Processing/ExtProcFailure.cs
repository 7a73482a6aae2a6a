using Grpc.Core;

namespace Hush.ExtProc.Processing;

/// <summary>
/// Ends a stream with a non-OK gRPC status so Envoy fails closed (local reply, or a reset once response headers
/// went out). <see cref="Kind"/> is the bounded metric label; the message names what was wrong, never content.
/// </summary>
internal sealed class ExtProcFailure : Exception
{
    /// <summary>Creates the failure.</summary>
    public ExtProcFailure(string kind, StatusCode status, string message)
        : base(message)
    {
        Kind = kind;
        Status = status;
    }

    /// <summary>Error kind: protocol, limit, decompression or internal.</summary>
    public string Kind { get; }

    /// <summary>gRPC status code the stream ends with.</summary>
    public StatusCode Status { get; }

    /// <summary>Envoy sent something its own protocol does not allow at this point.</summary>
    public static ExtProcFailure Protocol(string message) => new("protocol", StatusCode.FailedPrecondition, message);

    /// <summary>A configured limit was exceeded.</summary>
    public static ExtProcFailure Limit(string message) => new("limit", StatusCode.ResourceExhausted, message);

    /// <summary>A compressed body could not be decoded.</summary>
    public static ExtProcFailure Decompression(string message) => new("decompression", StatusCode.InvalidArgument, message);
}
