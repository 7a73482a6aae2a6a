using System.Security.Cryptography;

namespace Hush.ExtProc.Auth;

/// <summary>One RSA public key of a JWKS.</summary>
/// <param name="Kid">The key id, if the JWKS gave one.</param>
/// <param name="Parameters">The public modulus and exponent.</param>
internal sealed record JwtKey(string? Kid, RSAParameters Parameters);
