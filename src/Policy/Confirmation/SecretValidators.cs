using System.Buffers.Text;
using System.Text.Json;
using Hush.Policy.Rules;

namespace Hush.Policy.Confirmation;

/// <summary>Offline structural checks of a candidate secret (the <c>validate</c> key of a rule).</summary>
internal static class SecretValidators
{
    private const string Base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /// <summary>Whether <paramref name="secret"/> passes <paramref name="kind"/>.</summary>
    public static bool Passes(ValidatorKind kind, ReadOnlySpan<byte> secret) => kind switch
    {
        ValidatorKind.None => true,
        ValidatorKind.GithubCrc32 => IsGithubToken(secret),
        ValidatorKind.Jwt => IsJwt(secret),
        ValidatorKind.Luhn => PassesLuhn(secret),
        _ => false,
    };

    /// <summary>
    /// GitHub's checksummed tokens (<c>ghp_ gho_ ghu_ ghs_ ghr_</c>): 30 base62 characters of random data and
    /// six base62 digits (alphabet <c>0-9A-Za-z</c>, most significant first) encoding the CRC-32 of those 30.
    /// </summary>
    public static bool IsGithubToken(ReadOnlySpan<byte> secret)
    {
        if (secret.Length != 40 || secret[0] != 'g' || secret[1] != 'h' || secret[3] != '_')
        {
            return false;
        }

        var kind = secret[2];
        if (kind != 'p' && kind != 'o' && kind != 'u' && kind != 's' && kind != 'r')
        {
            return false;
        }

        var random = secret.Slice(4, 30);
        foreach (var b in random)
        {
            if (Base62Alphabet.IndexOf((char)b) < 0)
            {
                return false;
            }
        }

        ulong encoded = 0;
        foreach (var b in secret.Slice(34, 6))
        {
            var digit = Base62Alphabet.IndexOf((char)b);
            if (digit < 0)
            {
                return false;
            }

            encoded = encoded * 62 + (ulong)digit;
        }

        return encoded == Crc32.Compute(random);
    }

    /// <summary>The six-character checksum suffix GitHub appends to a 30-character random part.</summary>
    public static string GithubChecksum(ReadOnlySpan<byte> random)
    {
        var value = (ulong)Crc32.Compute(random);
        Span<char> digits = stackalloc char[6];
        for (var i = 5; i >= 0; i--)
        {
            digits[i] = Base62Alphabet[(int)(value % 62)];
            value /= 62;
        }

        return new string(digits);
    }

    /// <summary>
    /// A JSON Web Token: three base64url segments (the signature may be empty) whose header decodes to a JSON
    /// object with a string <c>alg</c> member.
    /// </summary>
    public static bool IsJwt(ReadOnlySpan<byte> secret)
    {
        var firstDot = secret.IndexOf((byte)'.');
        if (firstDot <= 0)
        {
            return false;
        }

        var rest = secret[(firstDot + 1)..];
        var secondDot = rest.IndexOf((byte)'.');
        if (secondDot <= 0 || rest[(secondDot + 1)..].IndexOf((byte)'.') >= 0)
        {
            return false;
        }

        if (!IsBase64Url(secret[..firstDot]) || !IsBase64Url(rest[..secondDot]) || !IsBase64Url(rest[(secondDot + 1)..]))
        {
            return false;
        }

        var header = secret[..firstDot];
        if (header.Length > 4096)
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[Base64Url.GetMaxDecodedLength(header.Length)];
        if (Base64Url.DecodeFromUtf8(header, decoded, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }

        try
        {
            var reader = new Utf8JsonReader(decoded[..written]);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isAlg = reader.ValueTextEquals("alg"u8);
                if (!reader.Read())
                {
                    return false;
                }

                if (isAlg && reader.TokenType == JsonTokenType.String)
                {
                    return true;
                }

                reader.Skip();
            }

            return false;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>The Luhn checksum over the digits of the secret (spaces and dashes ignored, 12 to 19 digits).</summary>
    public static bool PassesLuhn(ReadOnlySpan<byte> secret)
    {
        var count = 0;
        foreach (var b in secret)
        {
            if ((uint)(b - '0') <= 9)
            {
                count++;
            }
            else if (b != ' ' && b != '-')
            {
                return false;
            }
        }

        if (count < 12 || count > 19)
        {
            return false;
        }

        var sum = 0;
        var doubleIt = false;
        for (var i = secret.Length - 1; i >= 0; i--)
        {
            var b = secret[i];
            if ((uint)(b - '0') > 9)
            {
                continue;
            }

            var d = b - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }

            sum += d;
            doubleIt = !doubleIt;
        }

        return sum % 10 == 0;
    }

    private static bool IsBase64Url(ReadOnlySpan<byte> segment)
    {
        foreach (var b in segment)
        {
            if (!((uint)((b | 0x20) - 'a') <= 'z' - 'a' || (uint)(b - '0') <= 9 || b == '-' || b == '_'))
            {
                return false;
            }
        }

        return true;
    }
}
