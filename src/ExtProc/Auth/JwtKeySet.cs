using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;

namespace Hush.ExtProc.Auth;

/// <summary>
/// The RSA signing keys of the configured JWKS (<see cref="AuthOptions.JwksPath"/> and <see cref="AuthOptions.Jwks"/>).
/// Keys of another type, or marked for another use or algorithm than RS256 signatures, are left out.
/// </summary>
internal sealed class JwtKeySet
{
    /// <summary>A set without keys: every token is refused with <see cref="JwtErrors.NotConfigured"/>.</summary>
    public static readonly JwtKeySet Empty = new([]);

    private JwtKeySet(IReadOnlyList<JwtKey> keys) => Keys = keys;

    /// <summary>The usable keys, in document order (file first, then inline).</summary>
    public IReadOnlyList<JwtKey> Keys { get; }

    /// <summary>
    /// Reads the keys the options name. Throws <see cref="InvalidOperationException"/> (naming the setting, never
    /// key material) when the file cannot be read or a document is not a JWKS.
    /// </summary>
    public static JwtKeySet Load(AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var keys = new List<JwtKey>();
        if (!string.IsNullOrWhiteSpace(options.JwksPath))
        {
            string json;
            try
            {
                json = File.ReadAllText(options.JwksPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"{AuthOptions.Section}:JwksPath: cannot read {options.JwksPath}: {ex.Message}", ex);
            }

            Parse(json, AuthOptions.Section + ":JwksPath", keys);
        }

        if (!string.IsNullOrWhiteSpace(options.Jwks))
        {
            Parse(options.Jwks, AuthOptions.Section + ":Jwks", keys);
        }

        return new JwtKeySet(keys);
    }

    /// <summary>Parses one JWKS document into <paramref name="keys"/>.</summary>
    public static void Parse(string json, string setting, List<JwtKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object
                || !doc.RootElement.TryGetProperty("keys", out var array) || array.ValueKind != JsonValueKind.Array)
            {
                throw new InvalidOperationException(setting + ": not a JWKS (an object with a \"keys\" array)");
            }

            foreach (var key in array.EnumerateArray())
            {
                if (ToKey(key) is { } usable)
                {
                    keys.Add(usable);
                }
            }
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException(setting + ": not valid JSON: " + ex.Message, ex);
        }
        catch (FormatException ex)
        {
            throw new InvalidOperationException(setting + ": a key's n or e is not base64url", ex);
        }
    }

    /// <summary>The key whose <c>kid</c> is <paramref name="kid"/>; without a kid, the only key of the set. Else the error.</summary>
    public JwtKey? Find(string? kid, out string? error)
    {
        error = null;
        if (kid is null)
        {
            if (Keys.Count == 1)
            {
                return Keys[0];
            }

            error = JwtErrors.KeyIdRequired;
            return null;
        }

        foreach (var key in Keys)
        {
            if (string.Equals(key.Kid, kid, StringComparison.Ordinal))
            {
                return key;
            }
        }

        error = JwtErrors.UnknownKey;
        return null;
    }

    private static JwtKey? ToKey(JsonElement key)
    {
        if (key.ValueKind != JsonValueKind.Object || Text(key, "kty") != "RSA"
            || Text(key, "use") is { } use && use != "sig"
            || Text(key, "alg") is { } alg && alg != "RS256"
            || Text(key, "n") is not { Length: > 0 } n || Text(key, "e") is not { Length: > 0 } e)
        {
            return null;
        }

        return new JwtKey(Text(key, "kid"), new RSAParameters
        {
            Modulus = Base64Url.DecodeFromChars(n),
            Exponent = Base64Url.DecodeFromChars(e),
        });
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
