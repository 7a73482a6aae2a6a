using System.Security.Cryptography;

namespace Hush.EnvoyEmulator.JwtAuthn;

/// <summary>One RSA verification key from a JWKS document.</summary>
/// <param name="Kid">Key id (may be null when the JWKS entry has none).</param>
/// <param name="Alg">Declared algorithm (null when absent).</param>
/// <param name="Parameters">Public modulus and exponent.</param>
public sealed record JwksKey(string? Kid, string? Alg, RSAParameters Parameters);
