using Google.Protobuf.WellKnownTypes;

namespace Hush.EnvoyEmulator.JwtAuthn;

/// <summary>Outcome of verifying one token.</summary>
/// <param name="Failure">Envoy's status text on failure (see <see cref="JwtStatus"/>), null on success.</param>
/// <param name="Payload">The verified payload as a Struct (what <c>payload_in_metadata</c> stores), null on failure.</param>
public sealed record JwtVerification(string? Failure, Struct? Payload)
{
    /// <summary>Whether the token verified.</summary>
    public bool Succeeded => Failure is null;
}
