using System.Text;
using Hush.MockLlm;

namespace Hush.ExtProc.Tests.MockLlm;

/// <summary>The server records every request so tests can assert what the provider received.</summary>
public sealed class RecordingTests
{
    [Fact]
    public async Task Requests_AreRecordedWithMethodPathHeadersAndBody()
    {
        await using var fixture = await MockLlmFixture.StartAsync();
        const string Json = """{"model":"m","messages":[{"role":"user","content":"hello"}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/chat/completions?trace=1")
        {
            Content = new StringContent(Json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Custom", "abc");
        using var response = await fixture.Client.SendAsync(request).WaitAsync(MockLlmFixture.Timeout);

        var recorded = Assert.Single(fixture.Server.ReceivedRequests);
        Assert.Equal("POST", recorded.Method);
        Assert.Equal("/v1/chat/completions", recorded.Path);
        Assert.Equal("?trace=1", recorded.Query);
        Assert.Equal("abc", recorded.Headers["x-custom"]);
        Assert.Equal(Json, recorded.BodyText);
        Assert.Equal(1, recorded.Sequence);
        Assert.Equal(recorded.Sequence, Assert.Single(fixture.Server.SentResponses).Sequence);
    }

    [Fact]
    public async Task EverReceived_FindsValuesInBodiesAndHeadersOnly()
    {
        await using var fixture = await MockLlmFixture.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent("""{"messages":[{"role":"user","content":"token FAKE-BODY-VALUE"}]}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-note", "FAKE-HEADER-VALUE");
        using var response = await fixture.Client.SendAsync(request).WaitAsync(MockLlmFixture.Timeout);

        Assert.True(fixture.Server.EverReceived("FAKE-BODY-VALUE"));
        Assert.True(fixture.Server.EverReceived("FAKE-HEADER-VALUE"));
        Assert.False(fixture.Server.EverReceived(MockScript.DemoSecret));
    }

    [Fact]
    public async Task ClearRecords_ForgetsEverything()
    {
        await using var fixture = await MockLlmFixture.StartAsync();
        using var response = await fixture.Client.PostAsync("/v1/responses", new StringContent("{}")).WaitAsync(MockLlmFixture.Timeout);

        Assert.Single(fixture.Server.ReceivedRequests);
        fixture.Server.ClearRecords();
        Assert.Empty(fixture.Server.ReceivedRequests);
        Assert.Empty(fixture.Server.SentResponses);
    }

    [Fact]
    public async Task UnknownPath_Returns404AndIsRecorded()
    {
        await using var fixture = await MockLlmFixture.StartAsync();
        using var response = await fixture.Client.PostAsync("/v1/embeddings", new StringContent("{}")).WaitAsync(MockLlmFixture.Timeout);

        Assert.Equal(404, (int)response.StatusCode);
        Assert.Equal("/v1/embeddings", Assert.Single(fixture.Server.ReceivedRequests).Path);
    }

    [Fact]
    public async Task Healthz_ReturnsOk()
    {
        await using var fixture = await MockLlmFixture.StartAsync();
        var text = await fixture.Client.GetStringAsync("/healthz").WaitAsync(MockLlmFixture.Timeout);

        Assert.Equal("ok\n", text);
    }
}
