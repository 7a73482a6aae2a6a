using Envoy.Service.ExtProc.V3;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Hosting;
using Hush.ExtProc.Metrics;
using Hush.ExtProc.Policies;
using Hush.ExtProc.Processing;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Support.Messages;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;

namespace Hush.ExtProc.Tests.Processing;

/// <summary>The processor's side of holds, message by message: what is withheld, what keeps Envoy's timer alive, how a hold ends.</summary>
public sealed class StreamProcessorHoldTests
{
    private const string Before = "data: {\"choices\":[{\"delta\":{\"content\":\"step one:\\n\"}}]}\n\n";
    private const string Held = "data: {\"choices\":[{\"delta\":{\"content\":\"aws iam create-user --user-name bot\"}}]}\n\n";
    private const string After = "data: {\"choices\":[{\"delta\":{\"content\":\"done\"}}]}\n\ndata: [DONE]\n\n";
    private static readonly Lazy<LoadedPolicy> s_default = new(() => TestPolicies.FromBytes(RepoPaths.DefaultPolicy));

    [Fact]
    public void Streamed_NothingOfTheHeldSpanLeavesBeforeTheDecision_FinalWaitsWithOneTimerExtension()
    {
        using var processor = Create();
        processor.Handle(RequestHeaders(responseMode: BodyMode.Streamed));
        processor.Handle(ResponseHeaders());
        var released = Released(Single(processor.Handle(ResponseBody(Before))).ResponseBody, Before)
            + Released(Single(processor.Handle(ResponseBody(Held))).ResponseBody, Held);
        Assert.Null(processor.RaisedHold);

        var end = processor.Handle(ResponseBody(After, endOfStream: true));
        var extension = Assert.Single(end);
        Assert.Equal(ProcessingResponse.ResponseOneofCase.None, extension.ResponseCase);
        Assert.NotNull(extension.OverrideMessageTimeout);
        var hold = Assert.IsType<HoldRecord>(processor.RaisedHold);
        Assert.Contains(hold.Rules, r => r.Rule == "aws-iam-mutation-cli");
        Assert.DoesNotContain("create-user", released, StringComparison.Ordinal);

        var final = Single(processor.ResolveHold(HoldResolution.Released, hold));
        Assert.Equal(Before + Held + After, released + final.ResponseBody.Response.BodyMutation.Body.ToStringUtf8());
        Assert.True(processor.Completed);
    }

    [Theory]
    [InlineData("/v1/chat/completions", "data: [DONE]\n\n")]
    [InlineData("/v1/messages", "\n\n")]
    public void Streamed_DeferredAfterHeaders_EndsInBandWithTheApprovalIdAndTheProvidersEnd(string path, string end)
    {
        using var processor = Create();
        processor.Handle(RequestHeaders(responseMode: BodyMode.Streamed, path: path));
        processor.Handle(ResponseHeaders());
        processor.Handle(ResponseBody(Before));
        processor.Handle(ResponseBody(Held));
        processor.Handle(ResponseBody(After, endOfStream: true));
        var hold = Assert.IsType<HoldRecord>(processor.RaisedHold);

        var body = Single(processor.ResolveHold(HoldResolution.Deferred, hold)).ResponseBody.Response.BodyMutation.Body.ToStringUtf8();
        Assert.Contains("\"hush_held\"", body, StringComparison.Ordinal);
        Assert.Contains($"/v1/hush/approvals/{hold.Id}/response", body, StringComparison.Ordinal);
        Assert.DoesNotContain("create-user", body, StringComparison.Ordinal);
        Assert.EndsWith(end, body, StringComparison.Ordinal);
        Assert.Equal(path == "/v1/messages", body.StartsWith("event: error\n", StringComparison.Ordinal));
    }

    [Fact]
    public void FullDuplex_HeldSpanNeverStreamedOnDenial_NoTimerExtension()
    {
        using var processor = Create();
        processor.Handle(RequestHeaders(responseMode: BodyMode.FullDuplexStreamed));
        processor.Handle(ResponseHeaders());
        var released = new System.Text.StringBuilder();
        foreach (var chunk in new[] { Before, Held })
        {
            foreach (var answer in processor.Handle(ResponseBody(chunk)))
            {
                released.Append(answer.ResponseBody.Response.BodyMutation.StreamedResponse.Body.ToStringUtf8());
            }
        }

        Assert.Empty(processor.Handle(ResponseBody(After, endOfStream: true)));
        Assert.NotNull(processor.RaisedHold);
        var final = Single(processor.ResolveHold(HoldResolution.Denied, processor.RaisedHold));
        var streamed = final.ResponseBody.Response.BodyMutation.StreamedResponse;
        Assert.True(streamed.EndOfStream);
        Assert.DoesNotContain("create-user", released + streamed.Body.ToStringUtf8(), StringComparison.Ordinal);
        Assert.Contains("hush_denied", streamed.Body.ToStringUtf8(), StringComparison.Ordinal);
    }

    [Fact]
    public void Streamed_WithheldAnswerOutgrowsTheCapture_FailsClosedInsteadOfLosingBytes()
    {
        using var processor = Create(maxBufferedBodyBytes: 4096);
        processor.Handle(RequestHeaders(responseMode: BodyMode.Streamed));
        processor.Handle(ResponseHeaders());
        processor.Handle(ResponseBody(Before));
        processor.Handle(ResponseBody(Held));
        var more = "data: {\"choices\":[{\"delta\":{\"content\":\"" + new string('x', 1000) + "\"}}]}\n\n";
        ExtProcFailure? failure = null;
        var sent = 0;
        while (failure is null && sent < 10)
        {
            sent++;
            failure = Record.Exception(() => processor.Handle(ResponseBody(more))) as ExtProcFailure;
        }

        // Withheld so far: the two events above and the 1 KiB ones, all but the last (the codec keeps an event until the next one starts).
        Assert.NotNull(failure);
        Assert.Equal(5, sent);
        Assert.Equal("limit", failure.Kind);
        Assert.Contains("MaxBufferedBodyBytes", failure.Message, StringComparison.Ordinal);
        Assert.Null(processor.RaisedHold);
    }

    [Fact]
    public void Streamed_HeldAnswerEndingWithTrailers_FailsClosed()
    {
        using var processor = Create();
        processor.Handle(RequestHeaders(responseMode: BodyMode.Streamed));
        processor.Handle(ResponseHeaders());
        processor.Handle(ResponseBody(Held));
        var failure = Assert.Throws<ExtProcFailure>(() => processor.Handle(ResponseTrailers()));
        Assert.Contains("trailers", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NoHoldRuleFires_WithoutWaiting_AllAnswersReleasedInOrderAtTheEnd()
    {
        using var processor = Create();
        processor.Handle(RequestHeaders(responseMode: BodyMode.Streamed, withoutWaiting: true));
        var headers = processor.Handle(ResponseHeaders());
        Assert.Equal(ProcessingResponse.ResponseOneofCase.None, Assert.Single(headers).ResponseCase); // timer extension only
        processor.Handle(ResponseBody(Before));
        var end = processor.Handle(ResponseBody(After, endOfStream: true));
        Assert.Equal(
            [ProcessingResponse.ResponseOneofCase.ResponseHeaders, ProcessingResponse.ResponseOneofCase.ResponseBody, ProcessingResponse.ResponseOneofCase.ResponseBody],
            end.Select(a => a.ResponseCase));
        Assert.Null(processor.RaisedHold);
    }

    [Fact]
    public void FallbackDetectorSetToHold_HoldsTheAnswerWithItsApprovers()
    {
        var policy = TestPolicies.FromBytes(TestPolicies.Compile("""
            version: 1
            name: fallback-hold
            policy_version: "1"
            rules:
              - id: demo-token
                pattern: 'tok_[a-z0-9]{16}'
            fallback:
              action: hold
              reason: an unknown credential in generated code
              approvers: [platform-security]
            """));
        using var processor = Create(policy);
        processor.Handle(RequestHeaders(responseMode: BodyMode.Streamed));
        processor.Handle(ResponseHeaders("text/plain"));
        processor.Handle(ResponseBody("db_password = \"Xk9#mQ2$vL8!pR4zT7wq\"\n", endOfStream: true));

        var hold = Assert.IsType<HoldRecord>(processor.RaisedHold);
        var rule = Assert.Single(hold.Rules);
        Assert.Equal("fallback.credential", rule.Rule);
        Assert.Equal("an unknown credential in generated code", rule.Reason);
        Assert.Equal(["platform-security"], hold.ApproverGroups);
    }

    [Fact]
    public void AuditRecord_VerdictFollowsTheExchange()
    {
        using (var masked = Create())
        {
            masked.Handle(RequestHeaders(responseMode: BodyMode.Streamed));
            masked.Handle(ResponseHeaders("text/plain"));
            masked.Handle(ResponseBody("key AKIAQYLPMN5HFIQR7XYA\n", endOfStream: true));
            var record = masked.BuildAuditRecord(failed: false, TimeSpan.FromMilliseconds(3));
            Assert.Equal(Hush.ExtProc.Audit.AuditVerdict.Masked, record.Verdict);
            Assert.Contains("[MASKED:aws-access-key-id]", record.MaskedResponse?.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain("AKIAQYLPMN5HFIQR7XYA", record.MaskedResponse?.ToString(), StringComparison.Ordinal);
            Assert.Equal(3000, record.LatencyMicroseconds);
        }

        var settings = new ProcessorSettings(new HushOptions { MaxBufferedBodyBytes = 8 }) { Holds = new HoldSettings(new HoldOptions()), AuditBodyBytes = 4096 };
        using var refused = new StreamProcessor(s_default.Value, settings, TimeProvider.System, new HushMetrics(Prometheus.Metrics.NewCustomRegistry()));
        refused.Handle(RequestHeaders(requestMode: BodyMode.Buffered, endOfStream: false));
        Assert.Equal(ProcessingResponse.ResponseOneofCase.ImmediateResponse, Single(refused.Handle(RequestBody("{\"model\":\"far too long\"}"))).ResponseCase);
        Assert.Equal(Hush.ExtProc.Audit.AuditVerdict.Error, refused.BuildAuditRecord(failed: false, TimeSpan.Zero).Verdict);
    }

    private static string Released(BodyResponse answer, string chunk) =>
        System.Text.Encoding.UTF8.GetString(Messages.Released(answer, System.Text.Encoding.UTF8.GetBytes(chunk)));

    private static ProcessingResponse Single(IReadOnlyList<ProcessingResponse> answers) => Assert.Single(answers);

    private static StreamProcessor Create(LoadedPolicy? policy = null, int maxBufferedBodyBytes = 8 * 1024 * 1024)
    {
        var options = new HushOptions { MaxBufferedBodyBytes = maxBufferedBodyBytes };
        var settings = new ProcessorSettings(options) { Holds = new HoldSettings(new HoldOptions()), AuditBodyBytes = 4096 };
        return new StreamProcessor(policy ?? s_default.Value, settings, TimeProvider.System, new HushMetrics(Prometheus.Metrics.NewCustomRegistry()));
    }
}
