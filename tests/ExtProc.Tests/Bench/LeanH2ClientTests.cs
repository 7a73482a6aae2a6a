using System.Text;
using Envoy.Service.ExtProc.V3;
using Hush.ExtProc.Tests.Support;
using Hush.ExtProcBench.H2;
using Hush.ExtProcBench.Load;
using static Hush.ExtProc.Tests.Support.Messages;

namespace Hush.ExtProc.Tests.Bench;

/// <summary>The load generator's lean h2c client (bench <c>--client h2</c>) against a real Hush server over a socket.</summary>
public sealed class LeanH2ClientTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Exchange_SecretSplitAcrossChunks_AnsweredInOrderAndMasked()
    {
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes).WaitAsync(s_timeout);
        using var cancel = new CancellationTokenSource(s_timeout);
        using var connection = await H2Connection.ConnectAsync(server.GrpcAddress.Port, TimeProvider.System, cancel.Token).WaitAsync(s_timeout);
        using var call = connection.Open(cancel.Token);

        Assert.Equal(ProcessingResponse.ResponseOneofCase.RequestHeaders, (await ExchangeAsync(call, RequestHeaders(), cancel.Token)).ResponseCase);
        Assert.Equal(ProcessingResponse.ResponseOneofCase.ResponseHeaders, (await ExchangeAsync(call, ResponseHeaders(), cancel.Token)).ResponseCase);
        string[] chunks = ["data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"key ", TestPolicies.AwsKey[..9],
            TestPolicies.AwsKey[9..] + " end\"}}]}\n\n"];
        var released = new StringBuilder();
        for (var i = 0; i < chunks.Length; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(chunks[i]);
            var answer = await ExchangeAsync(call, ResponseBody(bytes, endOfStream: i == chunks.Length - 1), cancel.Token);
            Assert.Equal(ProcessingResponse.ResponseOneofCase.ResponseBody, answer.ResponseCase);
            released.Append(Encoding.UTF8.GetString(Released(answer.ResponseBody, bytes)));
        }

        Assert.DoesNotContain(TestPolicies.AwsKey, released.ToString(), StringComparison.Ordinal);
        Assert.Contains(TestPolicies.AwsMasked, released.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ManyStreams_OneConnection_EachAnsweredOnItsOwnStream()
    {
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes).WaitAsync(s_timeout);
        using var cancel = new CancellationTokenSource(s_timeout);
        using var connection = await H2Connection.ConnectAsync(server.GrpcAddress.Port, TimeProvider.System, cancel.Token).WaitAsync(s_timeout);

        var calls = Enumerable.Range(0, 64).Select(_ => connection.Open(cancel.Token)).ToList();
        var answers = await Task.WhenAll(calls.Select(async c =>
        {
            var first = await ExchangeAsync(c, RequestHeaders(), cancel.Token);
            var second = await ExchangeAsync(c, ResponseHeaders(), cancel.Token);
            return (first.ResponseCase, second.ResponseCase);
        })).WaitAsync(s_timeout);

        Assert.All(answers, a => Assert.Equal(
            (ProcessingResponse.ResponseOneofCase.RequestHeaders, ProcessingResponse.ResponseOneofCase.ResponseHeaders), a));
        foreach (var c in calls)
        {
            c.Dispose();
        }

        // Reset streams are gone; the connection still opens new ones.
        using var again = connection.Open(cancel.Token);
        Assert.Equal(ProcessingResponse.ResponseOneofCase.RequestHeaders, (await ExchangeAsync(again, RequestHeaders(), cancel.Token)).ResponseCase);
    }

    [Fact]
    public async Task LargeChunk_SpansSeveralFramesBothWays_ReleasedWhole()
    {
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes).WaitAsync(s_timeout);
        using var cancel = new CancellationTokenSource(s_timeout);
        using var connection = await H2Connection.ConnectAsync(server.GrpcAddress.Port, TimeProvider.System, cancel.Token).WaitAsync(s_timeout);
        using var call = connection.Open(cancel.Token);
        await ExchangeAsync(call, RequestHeaders(), cancel.Token);
        await ExchangeAsync(call, ResponseHeaders("text/plain"), cancel.Token);

        // 48 KiB: three DATA frames out, and a mutation answer of about the same size back.
        var text = new string('x', 24 * 1024) + " " + TestPolicies.AwsKey + " " + new string('y', 24 * 1024);
        var bytes = Encoding.UTF8.GetBytes(text);
        var answer = await ExchangeAsync(call, ResponseBody(bytes, endOfStream: true), cancel.Token);

        var released = Encoding.UTF8.GetString(Released(answer.ResponseBody, bytes));
        Assert.Equal(text.Replace(TestPolicies.AwsKey, TestPolicies.AwsMasked, StringComparison.Ordinal), released);
    }

    [Fact]
    public async Task ServerStops_PendingReadFailsAndConnectionRefusesNewStreams()
    {
        var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes).WaitAsync(s_timeout);
        using var cancel = new CancellationTokenSource(s_timeout);
        using var connection = await H2Connection.ConnectAsync(server.GrpcAddress.Port, TimeProvider.System, cancel.Token).WaitAsync(s_timeout);
        using var call = connection.Open(cancel.Token);
        await ExchangeAsync(call, RequestHeaders(), cancel.Token);

        var pending = call.MoveNextAsync(cancel.Token).AsTask();
        var stopping = server.DisposeAsync().AsTask();

        await Assert.ThrowsAnyAsync<IOException>(() => pending.WaitAsync(s_timeout));
        await stopping.WaitAsync(s_timeout);
        Assert.Throws<IOException>(() => connection.Open(cancel.Token));
    }

    private static async Task<ProcessingResponse> ExchangeAsync(IProcessCall call, ProcessingRequest message, CancellationToken cancel)
    {
        await call.WriteAsync(message, cancel).AsTask().WaitAsync(s_timeout);
        Assert.True(await call.MoveNextAsync(cancel).AsTask().WaitAsync(s_timeout));
        return call.Current;
    }
}
