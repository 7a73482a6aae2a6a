namespace Hush.Policy.Rules;

/// <summary>Offline structural checks a candidate secret must pass before it is confirmed.</summary>
public enum ValidatorKind : byte
{
    /// <summary>No structural check.</summary>
    None = 0,

    /// <summary>GitHub's checksummed tokens: the last six base62 characters encode CRC32 of the rest.</summary>
    GithubCrc32 = 1,

    /// <summary>A JSON Web Token: the first segment is base64url JSON with an <c>alg</c> member.</summary>
    Jwt = 2,

    /// <summary>The digits of the secret pass the Luhn checksum.</summary>
    Luhn = 3,
}
