using System.Text;

namespace Hush.Benchmarks.Corpus;

/// <summary>
/// Makes FAKE credentials from their public formats with random bodies. None is real: every character after
/// the well-known prefix is drawn from the seeded generator.
/// </summary>
internal sealed class SecretFactory
{
    private const string Base32Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string PasswordChars = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789!#%*+-_.:@~";

    private static readonly string[] s_pemKinds = ["RSA PRIVATE KEY", "PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY"];
    private static readonly uint[] s_crcTable = BuildCrcTable();

    private readonly CorpusRandom _rng;

    /// <summary>Creates a factory drawing from <paramref name="rng"/>.</summary>
    public SecretFactory(CorpusRandom rng) => _rng = rng;

    /// <summary>The prefix of AWS access key ids, kept apart so no complete key literal sits in the source.</summary>
    private static string AwsPrefix => "AK" + "IA";

    /// <summary>A fake AWS access key id.</summary>
    public string AwsAccessKeyId() => AwsPrefix + _rng.From(Base32Upper, 16);

    /// <summary>A fake AWS secret access key.</summary>
    public string AwsSecretAccessKey() => _rng.Base64(40);

    /// <summary>A fake GitHub classic token: 30 random base62 characters and the 6-character base62 CRC32 tail.</summary>
    public string GithubToken()
    {
        var body = _rng.From(Base62, 30);
        var crc = Crc32(Encoding.ASCII.GetBytes(body));
        Span<char> tail = stackalloc char[6];
        for (var i = 5; i >= 0; i--)
        {
            tail[i] = Base62[(int)(crc % 62)];
            crc /= 62;
        }

        return "gh" + "p_" + body + new string(tail);
    }

    /// <summary>A fake Slack bot token.</summary>
    public string SlackBotToken() =>
        "xo" + "xb-" + _rng.Digits(_rng.Between(10, 13)) + "-" + _rng.Digits(_rng.Between(10, 13)) + "-" + _rng.Alnum(24);

    /// <summary>A fake high-entropy password.</summary>
    public string Password() => _rng.From(PasswordChars, _rng.Between(14, 28));

    /// <summary>A fake generic API key.</summary>
    public string ApiKey() => _rng.Chance(0.5) ? _rng.Alnum(32) : _rng.Hex(40);

    /// <summary>A fake JWT: real-looking header and claims, random signature.</summary>
    public string Jwt()
    {
        var rs = _rng.Chance(0.4);
        var header = rs ? "{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + _rng.Hex(16) + "\"}" : "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";
        var payload = "{\"sub\":\"" + _rng.Digits(8) + "\",\"name\":\"" + _rng.Pick(WordLists.FirstNames) + "\",\"iat\":" +
            (1_700_000_000 + _rng.Next(90_000_000)) + ",\"scope\":\"read write\"}";
        return Base64Url(Encoding.UTF8.GetBytes(header)) + "." + Base64Url(Encoding.UTF8.GetBytes(payload)) + "." +
            Base64Url(_rng.Bytes(rs ? 256 : 32));
    }

    /// <summary>A fake PEM private key block whose lines are joined by <paramref name="newline"/>.</summary>
    public string PemPrivateKey(string newline)
    {
        var kind = _rng.Pick(s_pemKinds);
        var sb = new StringBuilder();
        sb.Append("-----BEGIN ").Append(kind).Append("-----").Append(newline);
        var lines = _rng.Between(6, 26);
        for (var i = 0; i < lines; i++)
        {
            sb.Append(_rng.Base64(64)).Append(newline);
        }

        sb.Append(_rng.Base64(_rng.Between(8, 60))).Append("==").Append(newline);
        sb.Append("-----END ").Append(kind).Append("-----");
        return sb.ToString();
    }

    /// <summary>A credential-shaped placeholder that is not a secret.</summary>
    public string Placeholder() => _rng.Next(7) switch
    {
        0 => "${" + _rng.Pick(["DB_PASSWORD", "API_TOKEN", "GITHUB_TOKEN", "SECRET_KEY"]) + "}",
        1 => "<your-api-key>",
        2 => "changeme",
        3 => AwsPrefix + "EXAMPLE" + _rng.From(Base32Upper, 9),
        4 => "xxxxxxxxxxxxxxxxxxxxxxxx",
        5 => "{{ secrets." + _rng.Pick(["NPM_TOKEN", "SLACK_WEBHOOK", "DEPLOY_KEY"]) + " }}",
        _ => "REPLACE_ME",
    };

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = s_crcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return ~crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
