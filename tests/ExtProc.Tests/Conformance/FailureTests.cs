using System.Net;
using System.Text;
using Grpc.Net.Client;
using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;
using Hush.EnvoyEmulator.Front;
using Hush.ExtProc.Tests.Support;
using Hush.MockLlm;
using static Hush.ExtProc.Tests.Conformance.FilterConfigs;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using HeaderMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.HeaderSendMode;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>
/// Protocol notes §2.1, §2.6, §2.8, §5 theme 12: every failure is fail-closed (500 before response headers, a
/// reset after), and no failure lets an unmasked secret or held-back byte reach the downstream.
/// </summary>
public sealed class FailureTests
{
    private const string HeldMarker = "BEGINSECRET";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task HoldBackOverLimitAfterHeadersReleased_DownstreamResetNeverTheHeldBytes()
    {
        await using var hush = await HushTestServer.StartAsync(TestPolicies.LongHoldBytes, "--Hush:MaxHeldBackBytes=1024");
        var held = HeldMarker + string.Concat(Enumerable.Repeat("abcdefghijklmnopqrstuvwxyz", 120));
        var result = await Conform.RunAsync(hush.Channel, With(Mode(BodyMode.None, BodyMode.Streamed)), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.Cut("data: " + held + "ENDSECRET\n\n", 100),
            Timeout = Scripts.PhaseTimeout,
        }, allAnswered: false);

        Assert.Equal(200, result.Downstream.Status);
        Assert.True(result.Downstream.Reset, "a failure after the response headers were released must reset the stream");
        Assert.Null(result.Downstream.LocalReply);
        Assert.StartsWith("ext_proc_error_gRPC_error", result.Downstream.Details, StringComparison.Ordinal);
        Assert.DoesNotContain(HeldMarker, result.Downstream.BodyText, StringComparison.Ordinal);
        Assert.DoesNotContain("abcdefghijklmnopqrstuvwxyz", result.Downstream.BodyText, StringComparison.Ordinal);
        Assert.Equal(1, result.Counters.StreamsFailed);
        Assert.False(result.Downstream.EndOfStream);
    }

    [Fact]
    public async Task HeldBytesAtStreamedTrailers_DownstreamResetNeverTheSecret()
    {
        // STREAMED cannot release bytes with a trailers answer: a body ending inside a possible key fails closed.
        await using var hush = await HushTestServer.StartAsync(TestPolicies.GoldenBytes);
        var result = await Conform.RunAsync(hush.Channel, With(Mode(BodyMode.None, BodyMode.Streamed, HeaderMode.Skip, HeaderMode.Send)), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.Cut("data: key " + TestPolicies.AwsKey, 6),
            ResponseTrailers = new HttpHeaderList().Add("grpc-status", "0"),
            Timeout = Scripts.PhaseTimeout,
        }, allAnswered: false);

        Assert.True(result.Downstream.Reset);
        Assert.Null(result.Downstream.Trailers);
        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
        Assert.DoesNotContain(TestPolicies.AwsKey[..8], result.Downstream.BodyText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HushStopped_FailClosed500_UpstreamNeverCalled()
    {
        Uri address;
        await using (var stopped = await HushTestServer.StartAsync(TestPolicies.GoldenBytes))
        {
            address = stopped.GrpcAddress;
        }

        using var channel = GrpcChannel.ForAddress(address);
        var result = await Conform.RunAsync(channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Post(),
            RequestBody = Scripts.One(Scripts.PromptWithKey),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.One(Scripts.SseWithKey),
            Timeout = Scripts.PhaseTimeout,
        }, allAnswered: false);

        Assert.Equal(500, result.Downstream.Status);
        Assert.NotNull(result.Downstream.LocalReply);
        Assert.StartsWith("ext_proc_error_gRPC_error", result.Downstream.Details, StringComparison.Ordinal);
        Assert.Null(result.Upstream.Headers);
        ProtocolChecks.AssertNoSecret(result.Downstream, TestPolicies.AwsKey);
    }

    [Fact]
    public async Task HushStopped_RealHttpThroughFront_Client500ProviderNeverCalled()
    {
        Uri address;
        await using (var stopped = await HushTestServer.StartAsync(TestPolicies.GoldenBytes))
        {
            address = stopped.GrpcAddress;
        }

        var mock = await MockLlmServer.StartAsync(new MockLlmOptions { DefaultScript = MockScript.DemoOneEvent }).WaitAsync(s_timeout);
        try
        {
            var front = await FrontProxy.StartAsync(new FrontProxyOptions
            {
                Listen = new IPEndPoint(IPAddress.Loopback, 0),
                Upstream = mock.BaseAddress,
                ExtProc = address,
                Filter = EnvoyYaml(),
            }).WaitAsync(s_timeout);
            try
            {
                using var client = new HttpClient { Timeout = s_timeout };
                using var response = await client.PostAsync(new Uri(front.Address, "/v1/chat/completions"),
                    new StringContent("{\"stream\":true}", Encoding.UTF8, "application/json")).WaitAsync(s_timeout);
                var body = await response.Content.ReadAsStringAsync().WaitAsync(s_timeout);

                Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
                Assert.DoesNotContain(MockScript.DemoSecret, body, StringComparison.Ordinal);
                Assert.Empty(mock.ReceivedRequests);
            }
            finally
            {
                await front.DisposeAsync().AsTask().WaitAsync(s_timeout);
            }
        }
        finally
        {
            await mock.DisposeAsync().AsTask().WaitAsync(s_timeout);
        }
    }

    [Fact]
    public async Task NoPolicyLoaded_FailClosed500_UpstreamNeverCalled()
    {
        await using var hush = await HushTestServer.StartAsync(null, "--Hush:StartWithoutPolicy=true");
        var result = await Conform.RunAsync(hush.Channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.One(Scripts.SseWithKey),
            Timeout = Scripts.PhaseTimeout,
        }, allAnswered: false);

        Assert.Equal(500, result.Downstream.Status);
        Assert.StartsWith("ext_proc_error_gRPC_error_14{", result.Downstream.Details, StringComparison.Ordinal);
        Assert.Null(result.Upstream.Headers);
    }

    [Fact]
    public async Task ConcurrentStreamLimit_SecondExchangeFailsClosed_FirstUnaffected()
    {
        await using var hush = await HushTestServer.StartAsync(TestPolicies.GoldenBytes, "--Hush:MaxConcurrentStreams=1");

        // Envoy opens another HTTP/2 connection when one reaches its stream limit; so does this channel.
        using var channel = GrpcChannel.ForAddress(hush.GrpcAddress, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true, UseProxy = false },
        });
        await using var first = new SteppedExchange(channel, EnvoyYaml());
        await first.GetThroughAsync();

        var second = await Conform.RunAsync(channel, EnvoyYaml(), new ExchangeScript
        {
            RequestHeaders = Scripts.Get(),
            ResponseHeaders = Scripts.Response(),
            ResponseBody = Scripts.One(Scripts.SseWithKey),
            Timeout = Scripts.PhaseTimeout,
        }, allAnswered: false);

        Assert.Equal(500, second.Downstream.Status);
        Assert.StartsWith("ext_proc_error_gRPC_error_8{", second.Downstream.Details, StringComparison.Ordinal);
        Assert.Null(second.Upstream.Headers);

        await first.Step(first.Filter.EncodeHeadersAsync(Scripts.Response(), endOfStream: false));
        var body = Encoding.UTF8.GetBytes(Scripts.SseWithKey);
        await first.Step(first.Filter.WhenIdleAsync(TrafficDirection.Response));
        await first.Step(first.Filter.EncodeDataAsync(body.AsMemory(0, 40), endOfStream: false));
        await first.Step(first.Filter.EncodeDataAsync(body.AsMemory(40), endOfStream: true));
        await first.CompleteAndCheckAsync();
        Assert.Equal(200, first.Downstream.Status);
        Assert.Equal(Scripts.SseMasked, first.Downstream.BodyText);
        Assert.Equal(0, first.Counters.StreamsFailed);
    }
}
