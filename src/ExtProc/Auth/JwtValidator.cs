using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Hush.ExtProc.Auth;

/// <summary>
/// Verifies the approvers' JWTs (approvals API, review UI): RS256 only, the key picked by <c>kid</c> (a JWKS of one
/// key also accepts tokens without a kid), the signature checked before any claim is trusted, then <c>exp</c>
/// (required), <c>nbf</c>, <c>iss</c>, <c>aud</c>, <c>sub</c> and the groups claim. Thread-safe.
/// </summary>
internal sealed partial class JwtValidator
{
    /// <summary>Longest token accepted; real tokens are a few kilobytes, so anything bigger is refused before decoding.</summary>
    public const int MaxTokenLength = 16 * 1024;

    // An IdP rotating keys publishes the new key before signing with it: a token with an unknown kid triggers a
    // re-read of the JWKS file, at most this often so a stream of forged kids cannot turn into a file-read storm.
    private static readonly TimeSpan s_reloadInterval = TimeSpan.FromSeconds(30);

    private static readonly JsonDocumentOptions s_jsonOptions = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    private readonly AuthOptions _options;
    private readonly TimeProvider _time;
    private readonly Lock _reloadLock = new();
    private JwtKeySet _keys;
    private DateTimeOffset _lastReload;

    /// <summary>Creates the validator and reads the configured keys (throws <see cref="InvalidOperationException"/> on a bad JWKS or setting).</summary>
    public JwtValidator(AuthOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromHours(1))
        {
            throw new InvalidOperationException(AuthOptions.Section + ":ClockSkew must be between 0 and 1 hour");
        }

        if (string.IsNullOrWhiteSpace(options.GroupsClaim))
        {
            throw new InvalidOperationException(AuthOptions.Section + ":GroupsClaim must name a claim");
        }

        _options = options;
        _time = time;
        _keys = JwtKeySet.Load(options);
        _lastReload = time.GetUtcNow();
    }

    /// <summary>The settings.</summary>
    public AuthOptions Options => _options;

    /// <summary>True when at least one key is configured.</summary>
    public bool Configured => Volatile.Read(ref _keys).Keys.Count > 0;

    /// <summary>True when <paramref name="groups"/> holds one of <see cref="AuthOptions.EffectiveAuditorGroups"/>.</summary>
    public bool IsAuditor(IReadOnlyList<string> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        foreach (var auditor in _options.EffectiveAuditorGroups)
        {
            foreach (var group in groups)
            {
                if (string.Equals(auditor, group, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Verifies <paramref name="token"/> (the compact JWS, without the <c>Bearer</c> prefix).</summary>
    public JwtValidation Validate(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return JwtValidation.Fail(JwtErrors.MissingToken);
        }

        var keys = Volatile.Read(ref _keys);
        if (keys.Keys.Count == 0 && !ReloadKeys(ref keys))
        {
            return JwtValidation.Fail(JwtErrors.NotConfigured);
        }

        if (token.Length > MaxTokenLength || !Split(token, out var headerPart, out var payloadPart, out var signaturePart))
        {
            return JwtValidation.Fail(JwtErrors.Malformed);
        }

        using var header = ParseObject(headerPart);
        if (header is null)
        {
            return JwtValidation.Fail(JwtErrors.Malformed);
        }

        var root = header.RootElement;
        if (!root.TryGetProperty("alg", out var alg) || alg.ValueKind != JsonValueKind.String || alg.GetString() != "RS256")
        {
            return JwtValidation.Fail(JwtErrors.UnsupportedAlgorithm);
        }

        if (root.TryGetProperty("crit", out _))
        {
            return JwtValidation.Fail(JwtErrors.UnsupportedCritical);
        }

        string? kid = null;
        if (root.TryGetProperty("kid", out var kidElement))
        {
            if (kidElement.ValueKind != JsonValueKind.String)
            {
                return JwtValidation.Fail(JwtErrors.Malformed);
            }

            kid = kidElement.GetString();
        }

        var key = keys.Find(kid, out var keyError);
        if (key is null && keyError == JwtErrors.UnknownKey && ReloadKeys(ref keys))
        {
            key = keys.Find(kid, out keyError);
        }

        if (key is null)
        {
            return JwtValidation.Fail(keyError ?? JwtErrors.UnknownKey);
        }

        if (!VerifySignature(key, token.AsSpan(0, headerPart.Length + 1 + payloadPart.Length), signaturePart))
        {
            return JwtValidation.Fail(JwtErrors.BadSignature);
        }

        using var payload = ParseObject(payloadPart);
        return payload is null ? JwtValidation.Fail(JwtErrors.Malformed) : CheckClaims(payload.RootElement);
    }

    private static bool Split(string token, out string header, out string payload, out string signature)
    {
        header = payload = signature = "";
        var first = token.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : token.IndexOf('.', first + 1);
        // An empty signature part is let through to the alg check, so an unsigned "alg":"none" token is refused as
        // such (unsupported_alg) rather than as malformed.
        if (first <= 0 || second < 0 || second == first + 1 || token.IndexOf('.', second + 1) >= 0)
        {
            return false;
        }

        header = token[..first];
        payload = token[(first + 1)..second];
        signature = token[(second + 1)..];
        return true;
    }

    private static JsonDocument? ParseObject(string part)
    {
        try
        {
            var bytes = Base64Url.DecodeFromChars(part);
            var doc = JsonDocument.Parse(bytes, s_jsonOptions);
            if (doc.RootElement.ValueKind == JsonValueKind.Object)
            {
                return doc;
            }

            doc.Dispose();
            return null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    private static bool VerifySignature(JwtKey key, ReadOnlySpan<char> signingInput, string signaturePart)
    {
        byte[] signature;
        try
        {
            signature = Base64Url.DecodeFromChars(signaturePart);
        }
        catch (FormatException)
        {
            return false;
        }

        // A fresh RSA object per check: the approvals API sees a handful of requests a minute, and a shared instance
        // is not documented as safe for concurrent use.
        using var rsa = RSA.Create(key.Parameters);
        var input = Encoding.ASCII.GetBytes(signingInput.ToString());
        try
        {
            return rsa.VerifyData(input, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private bool ReloadKeys(ref JwtKeySet keys)
    {
        if (string.IsNullOrWhiteSpace(_options.JwksPath))
        {
            return false;
        }

        lock (_reloadLock)
        {
            var now = _time.GetUtcNow();
            if (now - _lastReload < s_reloadInterval)
            {
                keys = Volatile.Read(ref _keys);
                return keys.Keys.Count > 0;
            }

            _lastReload = now;
            try
            {
                keys = JwtKeySet.Load(_options);
                Volatile.Write(ref _keys, keys);
            }
            catch (InvalidOperationException)
            {
                // A half-written file during rotation: keep the keys we had and try again after the interval.
                keys = Volatile.Read(ref _keys);
            }

            return keys.Keys.Count > 0;
        }
    }
}
