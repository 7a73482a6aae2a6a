using System.Text;
using Hush.ExtProc.Tests.Support;
using Microsoft.Extensions.Options;
using static Hush.ExtProc.Tests.Support.Messages;

namespace Hush.ExtProc.Tests.Policies;

public sealed class PlaceholderKeyTests
{
    private const string Key = "hush-test-placeholder-key-0123456789";

    private static readonly Lazy<byte[]> s_policy = new(() => TestPolicies.Compile("""
        version: 1
        name: hmac
        policy_version: "1"
        rules:
          - id: aws
            pattern: '\bAKIA[A-Z2-7]{16}\b'
            replacement: "[MASKED:{id}:{hmac}]"
        """));

    [Fact]
    public async Task ConfiguredKey_SameSecretSamePlaceholderAcrossStreamsAndServers()
    {
        string first;
        await using (var server = await HushTestServer.StartAsync([.. s_policy.Value], $"--Hush:PlaceholderKey={Key}"))
        {
            first = await MaskAsync(server);
            Assert.Equal(first, await MaskAsync(server));
        }

        await using (var replica = await HushTestServer.StartAsync([.. s_policy.Value], $"--Hush:PlaceholderKey={Key}"))
        {
            Assert.Equal(first, await MaskAsync(replica));
        }

        Assert.Matches(@"^k \[MASKED:aws:[0-9a-f]{12}\]$", first);
        Assert.DoesNotContain(Key, first, StringComparison.Ordinal);
    }

    [Fact]
    public void ShortKey_RejectedWithoutEchoingIt()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Hush.ExtProc.Hosting.HushServer.Build(["--Hush:PlaceholderKey=short-key-9"]));
        var all = string.Join("\n", failure.Failures);
        Assert.Contains("Hush:PlaceholderKey is shorter than 16 bytes", all, StringComparison.Ordinal);
        Assert.DoesNotContain("short-key-9", all, StringComparison.Ordinal);
    }

    private static async Task<string> MaskAsync(HushTestServer server)
    {
        using var call = new ExtProcCall(server.Channel);
        await call.ExchangeAsync(RequestHeaders());
        await call.ExchangeAsync(ResponseHeaders("text/plain"));
        var chunk = Encoding.UTF8.GetBytes($"k {TestPolicies.AwsKey}");
        var answer = await call.ExchangeAsync(ResponseBody(chunk, endOfStream: true));
        return Encoding.UTF8.GetString(Released(answer.ResponseBody, chunk));
    }
}
