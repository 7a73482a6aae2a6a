using Hush.EnvoyEmulator.Exchange;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Conformance.FilterConfigs;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>
/// Repeated header lines: Envoy forwards each line as its own header entry (§2.2), so a response can carry two
/// content-encoding or two content-type entries. Hush must read them all; reading only one must never let a body
/// through unscanned.
/// </summary>
public sealed class DuplicateHeaderTests(GoldenHushFixture hush) : IClassFixture<GoldenHushFixture>
{
    [Fact]
    public async Task TwoContentEncodingEntries_ChainedEncoding_RefusedNeverPassedUnscanned()
    {
        // content-encoding: gzip + content-encoding: br (two lines) means br(gzip(body)); Hush can decode neither
        // chain, so the only safe answers are a 502 or a fully decoded, masked body.
        var body = CompressionTests.Compress(CompressionTests.Compress(Scripts.Bytes(Scripts.SseWithKey), "gzip"), "br");
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response().Add("content-encoding", "gzip").Add("content-encoding", "br"),
            ResponseBody = Scripts.Cut(body, 16),
            Timeout = Scripts.PhaseTimeout,
        }, allAnswered: false);

        Assert.False(GunzipContains(result.Downstream.Body, TestPolicies.AwsKey),
            "the client received the gzip layer undecoded (content-encoding removed): gunzip reveals the unmasked key");
        var refused = result.Downstream.Status == 502;
        var decoded = result.Downstream.BodyText == Scripts.SseMasked;
        Assert.True(refused || decoded,
            $"status {result.Downstream.Status}, content-encoding '{result.Downstream.Headers?.Get("content-encoding")}', " +
            $"{result.Downstream.Body.Length} body bytes that are neither refused nor the decoded masked text");
        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
    }

    private static bool GunzipContains(byte[] body, string secret)
    {
        if (body.Length < 2 || body[0] != 0x1F || body[1] != 0x8B)
        {
            return false;
        }

        try
        {
            using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(body), System.IO.Compression.CompressionMode.Decompress);
            using var reader = new StreamReader(gzip);
            return reader.ReadToEnd().Contains(secret, StringComparison.Ordinal);
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    [Fact]
    public async Task TwoContentTypeEntries_TextThenBinary_BodyStillScanned()
    {
        // A client that reads the first line sees an event stream; the body must be scanned as one.
        var result = await Conform.RunAsync(hush.Server.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response().Add("content-type", "image/png"),
            ResponseBody = Scripts.Cut(Scripts.SseWithKey, 16),
            Timeout = Scripts.PhaseTimeout,
        });

        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
        Assert.Equal(Scripts.SseMasked, result.Downstream.BodyText);
    }
}
