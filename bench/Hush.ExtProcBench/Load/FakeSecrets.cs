using System.Text;

namespace Hush.ExtProcBench.Load;

/// <summary>
/// Random fake credentials the default policy masks: GitHub classic PATs with a valid checksum (rule
/// github-pat) and AWS access key ids (rule aws-access-key-id). Fake values only; never printed.
/// </summary>
internal static class FakeSecrets
{
    /// <summary>Longest value produced (a GitHub token), which bounds the leak scanner's carry-over.</summary>
    public const int MaxLength = 40;

    private const string Base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const string AwsAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    /// <summary>A fake secret of a randomly chosen kind.</summary>
    public static byte[] Next(Random rng) => rng.Next(2) == 0 ? GithubPat(rng) : AwsAccessKeyId(rng);

    /// <summary><c>ghp_</c> + 30 base62 characters + the six-digit base62 CRC-32 of those 30.</summary>
    public static byte[] GithubPat(Random rng)
    {
        var random = new byte[30];
        for (var i = 0; i < random.Length; i++)
        {
            random[i] = (byte)Base62[rng.Next(Base62.Length)];
        }

        var value = (ulong)Hush.Policy.Confirmation.Crc32.Compute(random);
        var checksum = new char[6];
        for (var i = 5; i >= 0; i--)
        {
            checksum[i] = Base62[(int)(value % 62)];
            value /= 62;
        }

        return Encoding.ASCII.GetBytes("ghp_" + Encoding.ASCII.GetString(random) + new string(checksum));
    }

    /// <summary><c>AKIA</c> + 16 characters of A–Z and 2–7, never containing the allow-listed word EXAMPLE.</summary>
    public static byte[] AwsAccessKeyId(Random rng)
    {
        while (true)
        {
            var chars = new char[20];
            "AKIA".CopyTo(chars);
            for (var i = 4; i < chars.Length; i++)
            {
                chars[i] = AwsAlphabet[rng.Next(AwsAlphabet.Length)];
            }

            var text = new string(chars);
            if (!text.Contains("EXAMPLE", StringComparison.Ordinal))
            {
                return Encoding.ASCII.GetBytes(text);
            }
        }
    }
}
