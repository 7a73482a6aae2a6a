using Envoy.Service.ExtProc.V3;
using Google.Protobuf.WellKnownTypes;
using Hush.ExtProc.Tests.Support;
using static Hush.ExtProc.Tests.Support.Messages;

namespace Hush.ExtProc.Tests.Processing;

public sealed class IdentityProcessingTests
{
    [Fact]
    public void IdentityRequired_Missing_Immediate401()
    {
        using var p = Processors.Create(o => o.Identity.Required = true);
        var answer = Assert.Single(p.Handle(RequestHeaders()));
        Assert.Equal(ProcessingResponse.ResponseOneofCase.ImmediateResponse, answer.ResponseCase);
        Assert.Equal(Envoy.Type.V3.StatusCode.Unauthorized, answer.ImmediateResponse.Status.Code);
        Assert.Contains("hush_unauthenticated", answer.ImmediateResponse.Body.ToStringUtf8(), StringComparison.Ordinal);
    }

    [Fact]
    public void IdentityRequired_PresentInMetadata_ContinuesAndReportsCallerToEnvoy()
    {
        using var p = Processors.Create(o => o.Identity.Required = true);
        var message = RequestHeaders();
        var payload = new Struct { Fields = { ["sub"] = Value.ForString("ci-bot"), ["repository"] = Value.ForString("acme/api"), ["run_id"] = Value.ForString("5"), ["workflow"] = Value.ForString("w") } };
        message.MetadataContext.FilterMetadata["envoy.filters.http.jwt_authn"] = new Struct { Fields = { ["jwt_payload"] = Value.ForStruct(payload) } };
        var answer = Assert.Single(p.Handle(message));
        Assert.Equal(ProcessingResponse.ResponseOneofCase.RequestHeaders, answer.ResponseCase);
        Assert.Equal("ci-bot", p.Identity?.Subject);
        var hush = answer.DynamicMetadata.Fields["hush"].StructValue;
        Assert.Equal("ci-bot", hush.Fields["subject"].StringValue);
        Assert.Equal("acme/api", hush.Fields["repository"].StringValue);
        Assert.Equal("github-actions", hush.Fields["ci_system"].StringValue);
    }

    [Fact]
    public void SpoofedPayloadHeader_IgnoredUnlessFallbackEnabled()
    {
        using var p = Processors.Create(o => o.Identity.Required = true);
        var answer = Assert.Single(p.Handle(RequestHeaders(extra: ("x-jwt-payload", "eyJzdWIiOiJtYWxsb3J5In0"))));
        Assert.Equal(ProcessingResponse.ResponseOneofCase.ImmediateResponse, answer.ResponseCase);

        using var q = Processors.Create(o => { o.Identity.Required = true; o.Identity.HeaderFallback = true; });
        Assert.Equal(ProcessingResponse.ResponseOneofCase.RequestHeaders, Assert.Single(q.Handle(RequestHeaders(extra: ("x-jwt-payload", "eyJzdWIiOiJtYWxsb3J5In0")))).ResponseCase);
        Assert.Equal("mallory", q.Identity?.Subject);
    }

    [Fact]
    public void ResponseEnd_MaskCountsReportedToEnvoy()
    {
        using var p = Processors.Create();
        p.Handle(RequestHeaders());
        p.Handle(ResponseHeaders());
        p.Handle(ResponseBody("a " + TestPolicies.AwsKey));
        var last = Assert.Single(p.Handle(ResponseBody(" b", endOfStream: true)));
        var hush = last.DynamicMetadata.Fields["hush"].StructValue;
        Assert.Equal(1, hush.Fields["masks"].NumberValue);
        Assert.Equal(Processors.Golden.ArtifactSha256, hush.Fields["policy_sha256"].StringValue);
        Assert.DoesNotContain(TestPolicies.AwsKey, last.DynamicMetadata.ToString(), StringComparison.Ordinal);
    }
}
