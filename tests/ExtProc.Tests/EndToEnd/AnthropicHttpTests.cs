using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Hush.MockLlm;

namespace Hush.ExtProc.Tests.EndToEnd;

/// <summary>Anthropic Messages over raw HTTP through the emulated Envoy + Hush, streamed and not.</summary>
public sealed class AnthropicHttpTests : IClassFixture<SdkFixture>
{
    private const string Secret = "AKIAQ7XW3MZK5TRV2HNB";
    private const string Masked = "AKIA[MASKED:aws-access-key-id]";
    private const string Answer = "Use " + Secret + " for the staging bucket.";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly SdkFixture _fixture;

    public AnthropicHttpTests(SdkFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Messages_SecretSplitAcrossDeltasMasked(bool stream)
    {
        _fixture.Mock.Scripts.Default = new MockScript { Tokens = ["Use AKIAQ7", "XW3MZK5T", "RV2HNB for the staging bucket."], RandomWriteMax = 11 };
        var body = await PostAsync($"{{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"stream\":{(stream ? "true" : "false")},\"messages\":[{{\"role\":\"user\",\"content\":\"which key?\"}}]}}");
        var text = stream ? TextDeltas(body) : NonStreamText(body);
        Assert.Equal(Answer.Replace(Secret, Masked, StringComparison.Ordinal), text);
        Assert.DoesNotContain(Secret, body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Messages_SystemAndUserPromptsMaskedBeforeTheProvider()
    {
        _fixture.Mock.Scripts.Default = new MockScript { Text = "ok" };
        _fixture.Mock.ClearRecords();
        await PostAsync($"{{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":16,\"system\":\"deploy with {Secret}\",\"messages\":[{{\"role\":\"user\",\"content\":[{{\"type\":\"text\",\"text\":\"key {Secret}\"}}]}}]}}");
        Assert.False(_fixture.Mock.EverReceived(Secret));
        var request = Assert.Single(_fixture.Mock.ReceivedRequests, r => r.Path == "/v1/messages");
        using var json = JsonDocument.Parse(request.Body);
        Assert.Equal($"deploy with {Masked}", json.RootElement.GetProperty("system").GetString());
    }

    private async Task<string> PostAsync(string json)
    {
        using var client = new HttpClient { Timeout = s_timeout };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_fixture.FrontAddress, "/v1/messages"))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _fixture.Token());
        request.Headers.Add("anthropic-version", "2023-06-01");
        using var response = await client.SendAsync(request).WaitAsync(s_timeout);
        Assert.True(response.IsSuccessStatusCode, $"status {(int)response.StatusCode}");
        return await response.Content.ReadAsStringAsync().WaitAsync(s_timeout);
    }

    private static string TextDeltas(string sse)
    {
        var text = new StringBuilder();
        foreach (var line in sse.Split('\n'))
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                continue;
            }

            using var json = JsonDocument.Parse(line[6..]);
            if (json.RootElement.GetProperty("type").GetString() == "content_block_delta"
                && json.RootElement.GetProperty("delta").GetProperty("type").GetString() == "text_delta")
            {
                text.Append(json.RootElement.GetProperty("delta").GetProperty("text").GetString());
            }
        }

        return text.ToString();
    }

    private static string NonStreamText(string body)
    {
        using var json = JsonDocument.Parse(body);
        var text = new StringBuilder();
        foreach (var block in json.RootElement.GetProperty("content").EnumerateArray())
        {
            text.Append(block.GetProperty("text").GetString());
        }

        return text.ToString();
    }
}
