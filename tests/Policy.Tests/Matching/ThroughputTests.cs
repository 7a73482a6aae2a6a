using System.Diagnostics;
using System.Text;
using Hush.Policy.Matching;
using Hush.Policy.Rules;
using Xunit.Abstractions;

namespace Hush.Policy.Tests.Matching;

/// <summary>Steady-state allocation check and a quick throughput figure (logged, not asserted).</summary>
public sealed class ThroughputTests(ITestOutputHelper log)
{
    internal static TestRule[] Rules() =>
    [
        new("aws", @"\b((?:AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16})\b", 1),
        new("github-pat", @"\bghp_[0-9A-Za-z]{36}\b"),
        new("github-oauth", @"\bgho_[0-9A-Za-z]{36}\b"),
        new("github-fine", @"\bgithub_pat_[0-9A-Za-z_]{82}\b"),
        new("gitlab", @"\bglpat-[0-9A-Za-z_-]{20}\b"),
        new("slack", @"\bxox[baprs]-[0-9A-Za-z-]{10,48}"),
        new("slack-webhook", @"https://hooks\.slack\.com/services/[A-Za-z0-9+/]{44,46}"),
        new("stripe", @"\b(?:sk|rk)_(?:test|live|prod)_[0-9a-zA-Z]{10,99}\b"),
        new("openai", @"\bsk-(?:proj-)?[A-Za-z0-9_-]{20,80}T3BlbkFJ[A-Za-z0-9_-]{20,80}\b"),
        new("anthropic", @"\bsk-ant-api03-[A-Za-z0-9_-]{93}AA\b"),
        new("npm", @"\bnpm_[A-Za-z0-9]{36}\b"),
        new("pypi", @"pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,100}"),
        new("sendgrid", @"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}\b"),
        new("twilio", @"\bSK[0-9a-fA-F]{32}\b"),
        new("password", @"(?i)(?:password|passwd|pwd)\s{0,3}[:=]\s{0,3}[""']?([^\s""']{8,64})", 1) { MinEntropy = 3 },
        new("secret-assign", @"(?i)(?:secret|token|api_?key)\s{0,3}[:=]\s{0,3}[""']?([A-Za-z0-9/+_-]{16,64})", 1) { MinEntropy = 3.5 },
        new("url-creds", @"[a-z][a-z0-9+.-]{1,15}://[^:/\s@]{1,64}:([^@/\s]{3,64})@[^\s/]{1,100}", 1),
        new("pem", @"(?s)-----BEGIN[ A-Z]{0,20}PRIVATE KEY-----.{16,1000}?-----END[ A-Z]{0,20}PRIVATE KEY-----"),
        new("jwt", @"\beyJ[A-Za-z0-9_-]{8,300}\.eyJ[A-Za-z0-9_-]{8,600}\.[A-Za-z0-9_-]{0,300}") { Validator = ValidatorKind.Jwt },
        new("google-api", @"\bAIza[0-9A-Za-z_-]{35}\b"),
    ];

    internal static byte[] Text(int size, int seed)
    {
        var words = new[]
        {
            "the", "quick", "brown", "fox", "function", "return", "const", "value", "token", "user", "password", "key",
            "config", "{", "}", "\"id\":", "42,", "https://example.com/a", "secret", "log", "INFO", "2026-11-28T09:00:00Z",
            "request", "handler", "if", "(x", "==", "null)", "await", "stream", "skipping", "api_key", "sk-", "ghp",
        };
        var random = new Random(seed);
        var sb = new StringBuilder(size + 64);
        while (sb.Length < size)
        {
            sb.Append(words[random.Next(words.Length)]);
            sb.Append(random.Next(10) == 0 ? '\n' : ' ');
        }

        return Encoding.UTF8.GetBytes(sb.ToString(0, size));
    }

    [Fact]
    public void Write_SteadyState_AllocatesNothing()
    {
        var matcher = new PolicyMatcher(TestPolicies.Compile(Rules()), RuleDirection.Response);
        var text = Text(64 * 1024, 7);
        Assert.Equal(text, matcher.MaskAll(text));
        var stream = matcher.CreateStream();
        var output = new ReusableBufferWriter(16 * 1024);
        for (var warm = 0; warm < 3; warm++)
        {
            for (var i = 0; i + 4096 <= text.Length; i += 4096)
            {
                output.Reset();
                stream.Write(text.AsSpan(i, 4096), output);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i + 4096 <= text.Length; i += 4096)
        {
            output.Reset();
            stream.Write(text.AsSpan(i, 4096), output);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Write_AllCandidatesRejected_AllocatesNothing()
    {
        // Every rule finds candidates with a secret group here, and every one is rejected by a check that needs the
        // secret: entropy, an allow literal, an allow regex, a validator. Only a confirmed secret may allocate.
        TestRule[] rules =
        [
            new("password", @"(?i)(?:password|pwd)\s{0,3}[:=]\s{0,3}[""']?([^\s""']{8,64})", 1) { MinEntropy = 3.5 },
            new("api-key", @"(?i)api_?key\s{0,3}[:=]\s{0,3}[""']?([A-Za-z0-9]{16,40})", 1) { Allow = ["EXAMPLE"] },
            new("token", @"(?i)token\s{0,3}[:=]\s{0,3}([a-z]{4}_[a-z0-9]{8,20})", 1) { AllowRegex = ["^test_"] },
            new("ghp", @"\b(ghp_[0-9A-Za-z]{36})\b", 1) { Validator = ValidatorKind.GithubCrc32 },
        ];
        var line = "password = aaaaaaaabbbb; api_key: \"XyZEXAMPLE0123456789\" token=test_abcdef123 "
            + "ghp_" + new string('A', 36) + " and some words\n";
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, 64 * 1024 / line.Length)));
        var matcher = new PolicyMatcher(TestPolicies.Compile(rules), RuleDirection.Response);
        foreach (var rule in rules)
        {
            Assert.Matches(Corpus.DotNetOracle.ToDotNet(rule.Pattern), line);
        }

        Assert.Equal(text, matcher.MaskAll(text));
        var stream = matcher.CreateStream();
        var output = new ReusableBufferWriter(16 * 1024);
        for (var warm = 0; warm < 3; warm++)
        {
            for (var i = 0; i + 4096 <= text.Length; i += 4096)
            {
                output.Reset();
                stream.Write(text.AsSpan(i, 4096), output);
            }
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i + 4096 <= text.Length; i += 4096)
        {
            output.Reset();
            stream.Write(text.AsSpan(i, 4096), output);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Throughput_FourKiBChunks_Logged()
    {
        var matcher = new PolicyMatcher(TestPolicies.Compile(Rules()), RuleDirection.Response);
        var text = Text(4 << 20, 11);
        var output = new ReusableBufferWriter(64 * 1024);
        double best = 0;
        for (var round = 0; round < 3; round++)
        {
            var stream = matcher.CreateStream();
            var clock = Stopwatch.StartNew();
            long written = 0;
            for (var i = 0; i < text.Length; i += 4096)
            {
                output.Reset();
                stream.Write(text.AsSpan(i, Math.Min(4096, text.Length - i)), output);
                written += output.Written;
            }

            output.Reset();
            stream.Complete(output);
            written += output.Written;
            clock.Stop();
            Assert.Equal(text.Length, written);
            best = Math.Max(best, text.Length / clock.Elapsed.TotalSeconds / 1e6);
        }

        log.WriteLine($"20 rules, 4 KiB chunks: {best:F0} MB/s");
    }
}
