using System.ClientModel;
using System.Text;
using Hush.MockLlm;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Responses;

namespace Hush.ExtProc.Tests.EndToEnd;

/// <summary>
/// The official OpenAI .NET SDK against the emulated Envoy + Hush: answers stay valid for the SDK, planted
/// secrets are masked (split across chunks and across SSE events), prompts reach the provider masked.
/// </summary>
public sealed class OpenAiSdkTests : IClassFixture<SdkFixture>
{
    private const string Secret = "AKIAQ7XW3MZK5TRV2HNB";
    private const string Masked = "AKIA[MASKED:aws-access-key-id]";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private readonly SdkFixture _fixture;

    public OpenAiSdkTests(SdkFixture fixture) => _fixture = fixture;

    public static TheoryData<string> Splits => new() { "one-event", "two-events", "char-events" };

    [Theory]
    [MemberData(nameof(Splits))]
    public async Task ChatStreaming_SecretMaskedWhereverItIsSplit(string split)
    {
        _fixture.Mock.Scripts.Default = Script(split);
        var client = Chat();
        var text = new StringBuilder();
        await foreach (var update in client.CompleteChatStreamingAsync([new UserChatMessage("which key?")]).WithCancellation(Cancel()))
        {
            foreach (var part in update.ContentUpdate)
            {
                text.Append(part.Text);
            }
        }

        Assert.Equal(Answer.Replace(Secret, Masked, StringComparison.Ordinal), text.ToString());
    }

    [Fact]
    public async Task ChatNonStreaming_SecretMasked()
    {
        _fixture.Mock.Scripts.Default = Script("one-event");
        ChatCompletion completion = await Chat().CompleteChatAsync([new UserChatMessage("which key?")], cancellationToken: Cancel());
        Assert.Equal(Answer.Replace(Secret, Masked, StringComparison.Ordinal), completion.Content[0].Text);
    }

    [Fact]
    public async Task Prompt_SecretMaskedBeforeTheProviderSeesIt()
    {
        _fixture.Mock.Scripts.Default = Script("one-event");
        _fixture.Mock.ClearRecords();
        await Chat().CompleteChatAsync([new UserChatMessage($"my deploy key is {Secret}, keep it safe")], cancellationToken: Cancel());
        Assert.False(_fixture.Mock.EverReceived(Secret));
        var request = Assert.Single(_fixture.Mock.ReceivedRequests, r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));
        Assert.Contains(Masked, request.BodyText, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Splits))]
    public async Task ResponsesStreaming_SecretMasked(string split)
    {
        _fixture.Mock.Scripts.Default = Script(split);
        var client = Responses();
        var text = new StringBuilder();
        var stream = await client.CreateResponseStreamingAsync("gpt-4o-mini", "which key?", null, Cancel());
        await foreach (var update in stream)
        {
            if (update is StreamingResponseOutputTextDeltaUpdate delta)
            {
                text.Append(delta.Delta);
            }
        }

        Assert.Equal(Answer.Replace(Secret, Masked, StringComparison.Ordinal), text.ToString());
    }

    [Fact]
    public async Task ResponsesNonStreaming_SecretMasked()
    {
        _fixture.Mock.Scripts.Default = Script("two-events");
        var response = await Responses().CreateResponseAsync("gpt-4o-mini", "which key?", null, Cancel());
        Assert.Equal(Answer.Replace(Secret, Masked, StringComparison.Ordinal), response.Value.GetOutputText());
    }

    private const string Answer = "Sure. The deploy script uses the access key " + Secret + " with the region eu-west-1.";

    private static MockScript Script(string split) => split switch
    {
        "one-event" => new MockScript { Text = Answer, TokenSizes = [Answer.Length], RandomWriteMax = 9, RandomSeed = 3 },
        "two-events" => new MockScript { Tokens = ["Sure. The deploy script uses the access key AKIAQ7XW3M", "ZK5TRV2HNB with the region eu-west-1."], RandomWriteMax = 13 },
        _ => new MockScript { Text = Answer, TokenSizes = [1], RandomWriteMax = 40, RandomSeed = 11 },
    };

    private ChatClient Chat() => new("gpt-4o-mini", new ApiKeyCredential(_fixture.Token()), Options());

    private ResponsesClient Responses() =>
        new(new ApiKeyCredential(_fixture.Token()), new ResponsesClientOptions { Endpoint = new Uri(_fixture.FrontAddress, "/v1") });

    private OpenAIClientOptions Options() => new() { Endpoint = new Uri(_fixture.FrontAddress, "/v1") };

    private static CancellationToken Cancel() => new CancellationTokenSource(s_timeout).Token;
}
