using System.Text;
using System.Text.Json;
using Hush.MockLlm;

namespace Hush.ExtProc.Tests.MockLlm;

/// <summary>Script resolution: header, then path, then default; changeable while running.</summary>
public sealed class ScriptSelectionTests
{
    private static async Task<string> ChatTextAsync(MockLlmFixture fixture, string? script)
    {
        var (_, body) = await fixture.PostAndReadAsync("/v1/chat/completions", "{}", script);
        return JsonDocument.Parse(body).RootElement.GetProperty("choices")[0].GetProperty("message").GetProperty("content").GetString()!;
    }

    [Fact]
    public async Task Header_SelectsNamedScript()
    {
        var options = new MockLlmOptions { DefaultScript = new MockScript { Text = "default" } };
        options.Scripts["alt"] = new MockScript { Text = "alternative" };
        options.PathScripts["/v1/chat/completions"] = new MockScript { Text = "by path" };
        await using var fixture = await MockLlmFixture.StartAsync(options);

        Assert.Equal("alternative", await ChatTextAsync(fixture, "alt"));
        Assert.Equal("by path", await ChatTextAsync(fixture, null));
    }

    [Fact]
    public async Task UnknownHeaderScript_Returns400()
    {
        await using var fixture = await MockLlmFixture.StartAsync();
        var (response, body) = await fixture.PostAndReadAsync("/v1/chat/completions", "{}", "no-such-script");

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("no-such-script", Encoding.UTF8.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registry_ChangesApplyToLaterRequests()
    {
        await using var fixture = await MockLlmFixture.StartAsync();
        Assert.Equal(MockScript.Demo.FullText(), await ChatTextAsync(fixture, null));

        fixture.Server.Scripts.Default = new MockScript { Text = "changed" };
        fixture.Server.Scripts.Set("later", new MockScript { Text = "added later" });

        Assert.Equal("changed", await ChatTextAsync(fixture, null));
        Assert.Equal("added later", await ChatTextAsync(fixture, "later"));
        Assert.True(fixture.Server.Scripts.Remove("later"));
    }

    [Fact]
    public async Task ScriptHeadersAndRawBody_AreSentVerbatim()
    {
        var options = new MockLlmOptions();
        options.Scripts["raw"] = new MockScript
        {
            RawBody = "not json at all",
            StatusCode = 202,
            Headers = new Dictionary<string, string> { ["content-type"] = "image/png", ["x-extra"] = "1" },
        };
        await using var fixture = await MockLlmFixture.StartAsync(options);
        var (response, body) = await fixture.PostAndReadAsync("/v1/messages", "{}", "raw");

        Assert.Equal(202, (int)response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("1", string.Join(",", response.Headers.GetValues("x-extra")));
        Assert.Equal("not json at all", Encoding.UTF8.GetString(body));
    }

    [Fact]
    public void SplitTokens_CyclesSizesAndKeepsSurrogatePairs()
    {
        var script = new MockScript { Text = "ab\U0001F600cdef", TokenSizes = [3, 1] };

        var tokens = script.SplitTokens();

        Assert.Equal(script.Text, string.Concat(tokens));
        Assert.Equal("ab\U0001F600", tokens[0]);
        Assert.All(tokens, t => Assert.False(char.IsHighSurrogate(t[^1])));
    }
}
