using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Hush.ExtProc.Hosting;
using Hush.ExtProc.Policies;
using Hush.ExtProc.Tests.Support;
using Microsoft.Extensions.Options;
using static Hush.ExtProc.Tests.Support.Messages;

namespace Hush.ExtProc.Tests.Hosting;

public sealed class HushServerTests
{
    [Fact]
    public async Task Start_ValidPolicy_ReadyAndServing()
    {
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes);
        var ready = await server.Admin.GetAsync(new Uri("/readyz", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("golden", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var health = new Health.HealthClient(server.Channel);
        foreach (var service in new[] { "", PolicyStore.ExtProcServiceName })
        {
            var status = await health.CheckAsync(new HealthCheckRequest { Service = service }, deadline: DateTime.UtcNow.AddSeconds(10));
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, status.Status);
        }

        var live = await server.Admin.GetAsync(new Uri("/healthz", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Start_MissingPolicy_FailsFastNamingTheFile()
    {
        var failure = await Assert.ThrowsAsync<PolicyLoadException>(() => HushTestServer.StartAsync(null));
        Assert.Contains("policy.hushpolicy", failure.Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_CorruptPolicy_FailsFastWithByteOffset()
    {
        var bytes = TestPolicies.GoldenBytes;
        bytes[bytes.Length / 2] ^= 0x5a;
        var failure = await Assert.ThrowsAsync<PolicyLoadException>(() => HushTestServer.StartAsync(bytes));
        Assert.Contains("is invalid at byte", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutPolicyAllowed_NotServingUntilArtifactAppears()
    {
        await using var server = await HushTestServer.StartAsync(null, "--Hush:StartWithoutPolicy=true");
        var health = new Health.HealthClient(server.Channel);
        var before = await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, before.Status);
        var notReady = await server.Admin.GetAsync(new Uri("/readyz", UriKind.Relative)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);

        using (var refused = new ExtProcCall(server.Channel))
        {
            Assert.Equal(StatusCode.Unavailable, (await refused.RefusedAsync(RequestHeaders())).StatusCode);
        }

        await File.WriteAllBytesAsync(server.PolicyPath, TestPolicies.GoldenBytes).WaitAsync(TimeSpan.FromSeconds(10));
        await Eventually.TrueAsync(async () =>
            (await health.CheckAsync(new HealthCheckRequest(), deadline: DateTime.UtcNow.AddSeconds(10))).Status
                == HealthCheckResponse.Types.ServingStatus.Serving);
    }

    [Fact]
    public void Build_InvalidOptions_EveryProblemNamed()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => HushServer.Build(
        [
            "--Hush:BindAddress=not-an-ip", "--Hush:GrpcPort=70000", "--Hush:MaxHeldBackBytes=10",
            "--Hush:PassThrough=true", "--Hush:SkipContentTypes:0=text/plain",
        ]));
        var all = string.Join("\n", failure.Failures);
        Assert.Contains("Hush:BindAddress", all, StringComparison.Ordinal);
        Assert.Contains("Hush:GrpcPort", all, StringComparison.Ordinal);
        Assert.Contains("Hush:MaxHeldBackBytes", all, StringComparison.Ordinal);
        Assert.Contains("Hush:AllowPassThrough", all, StringComparison.Ordinal);
        Assert.Contains("text/plain", all, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GrpcPort_DoesNotServeAdminPages()
    {
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes);
        using var h2c = new HttpClient
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Timeout = TimeSpan.FromSeconds(10),
        };
        var response = await h2c.GetAsync(new Uri(server.GrpcAddress, "/metrics"));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Reflection_ListsTheExtProcService()
    {
        await using var server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes);
        var client = new Grpc.Reflection.V1Alpha.ServerReflection.ServerReflectionClient(server.Channel);
        using var call = client.ServerReflectionInfo(deadline: DateTime.UtcNow.AddSeconds(10));
        await call.RequestStream.WriteAsync(new Grpc.Reflection.V1Alpha.ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10)));
        var names = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();
        Assert.Contains("envoy.service.ext_proc.v3.ExternalProcessor", names);
        Assert.Contains("grpc.health.v1.Health", names);
    }
}
