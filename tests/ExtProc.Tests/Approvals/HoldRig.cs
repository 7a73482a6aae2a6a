using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Hush.EnvoyEmulator.Filter;
using Hush.EnvoyEmulator.Front;
using Hush.EnvoyEmulator.JwtAuthn;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Tests.Support;
using Hush.MockLlm;
using Microsoft.Extensions.DependencyInjection;
using BodyMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode;
using HeaderMode = Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.HeaderSendMode;

namespace Hush.ExtProc.Tests.Approvals;

/// <summary>
/// One hold scenario's world: Hush (default policy, its hold rules) behind the emulated Envoy front (jwt_authn with
/// RS256, ext_proc with Envoy's real message timer and max_message_timeout) in front of the mock LLM.
/// </summary>
internal sealed class HoldRig : IAsyncDisposable
{
    public const string Command = "aws iam create-user --user-name deploy-bot";
    public const string Secret = "AKIAQ7XW3MZK5TRV2HNB";
    public const string Masked = "AKIA[MASKED:aws-access-key-id]";
    private const string Issuer = "https://idp.test/";
    private const string Audience = "llm-gateway";
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Envoy's message_timeout in the rig: long enough for a loaded CI machine, short enough to outlast on purpose.</summary>
    public static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(2);
    private readonly RSA _key;
    private readonly string _kid;

    private HoldRig(HushTestServer hush, MockLlmServer mock, FrontProxy front, RSA key, string kid, string? dataFolder)
    {
        Hush = hush;
        Mock = mock;
        Front = front;
        _key = key;
        _kid = kid;
        DataFolder = dataFolder;
    }

    public HushTestServer Hush { get; }

    public MockLlmServer Mock { get; }

    public FrontProxy Front { get; }

    public string? DataFolder { get; }

    public ApprovalService Approvals => Hush.App.Services.GetRequiredService<ApprovalService>();

    /// <summary>The answer the mock streams: a secret, then the high-risk command, split across many small events.</summary>
    public static MockScript HeldScript(TimeSpan writeDelay = default) => new()
    {
        Tokens = ["Create the user with ", "AKIAQ7", "XW3MZK5TRV2HNB as key:\n", "aws iam cre", "ate-user --user-name deploy-bot", "\nDone."],
        WriteDelay = writeDelay,
    };

    /// <summary>The text a client should read once the hold is approved.</summary>
    public static string ApprovedText => HeldScript().FullText().Replace(Secret, Masked, StringComparison.Ordinal);

    public static Task<HoldRig> StartAsync(bool beforeHeaders, BodyMode responseMode = BodyMode.Streamed, string? dataFolder = null,
        params string[] hushArgs) => StartAsync(beforeHeaders, null, responseMode, dataFolder, hushArgs);

    public static async Task<HoldRig> StartAsync(bool beforeHeaders, Action<IServiceCollection>? configure, BodyMode responseMode = BodyMode.Streamed,
        string? dataFolder = null, params string[] hushArgs)
    {
        var key = RSA.Create(2048);
        var publicKey = key.ExportParameters(false);
        var kid = JwtMinter.KidOf(publicKey);
        string[] args = dataFolder is null ? hushArgs : [$"--Hush:Audit:DataFolder={dataFolder}", .. hushArgs];
        var hush = await HushTestServer.StartAsync(RepoPaths.DefaultPolicy, configure, ["--Hush:Holds:MaxMessageTimeout=00:05:00", .. args]);
        var mock = await MockLlmServer.StartAsync(new MockLlmOptions()).WaitAsync(Timeout);
        var front = await FrontProxy.StartAsync(new FrontProxyOptions
        {
            Listen = new IPEndPoint(IPAddress.Loopback, 0),
            Upstream = mock.BaseAddress,
            ExtProc = hush.GrpcAddress,
            Jwt = new JwtProviderOptions { Jwks = Jwks.Parse(Jwks.ToJson(publicKey, kid)), Issuer = Issuer, Audiences = [Audience] },
            Filter = new ExtProcFilterConfig
            {
                ProcessingMode = new ProcessingMode
                {
                    RequestHeaderMode = HeaderMode.Send,
                    ResponseHeaderMode = HeaderMode.Send,
                    RequestBodyMode = BodyMode.Buffered,
                    ResponseBodyMode = responseMode,
                    RequestTrailerMode = HeaderMode.Skip,
                    ResponseTrailerMode = responseMode == BodyMode.FullDuplexStreamed ? HeaderMode.Send : HeaderMode.Skip,
                },
                SendBodyWithoutWaitingForHeaderResponse = beforeHeaders && responseMode == BodyMode.Streamed,
                // A held stream outlives this only through Hush's override_message_timeout (tests hold longer on purpose).
                MessageTimeout = MessageTimeout,
                MaxMessageTimeout = TimeSpan.FromMinutes(5),
                ForwardingNamespacesUntyped = ["envoy.filters.http.jwt_authn"],
                ReceivingNamespacesUntyped = ["hush"],
            },
        }).WaitAsync(Timeout);
        return new HoldRig(hush, mock, front, key, kid, dataFolder);
    }

    public string Token(string subject, params string[] groups) => JwtMinter.Mint(_key, _kid, JwtMinter.Claims(Issuer, Audience, subject,
        DateTimeOffset.UtcNow, TimeSpan.FromHours(1),
        new Dictionary<string, object?> { ["repository"] = "acme/api", ["run_id"] = "42", ["groups"] = groups }));

    /// <summary>Starts a chat completion as <paramref name="subject"/>; the task completes when the response headers arrive.</summary>
    public async Task<HttpResponseMessage> SendChatAsync(HttpClient client, string subject, bool stream = true, string path = "/v1/chat/completions",
        string prompt = "make a user")
    {
        var json = path == "/v1/messages"
            ? $"{{\"model\":\"claude-sonnet-4-5\",\"max_tokens\":256,\"stream\":{(stream ? "true" : "false")},\"messages\":[{{\"role\":\"user\",\"content\":\"{prompt}\"}}]}}"
            : $"{{\"model\":\"gpt-4o-mini\",\"stream\":{(stream ? "true" : "false")},\"messages\":[{{\"role\":\"user\",\"content\":\"{prompt}\"}}]}}";
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Front.Address, path))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(subject));
        if (path == "/v1/messages")
        {
            request.Headers.Add("anthropic-version", "2023-06-01");
        }

        return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>GET of a deferred answer as <paramref name="subject"/>.</summary>
    public async Task<HttpResponseMessage> FetchAsync(HttpClient client, string subject, string holdId)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Front.Address, $"/v1/hush/approvals/{holdId}/response"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token(subject));
        return await client.SendAsync(request).WaitAsync(Timeout);
    }

    /// <summary>Waits until exactly one hold is pending and returns it.</summary>
    public async Task<HoldRecord> PendingHoldAsync()
    {
        HoldRecord? found = null;
        await Eventually.TrueAsync(async () =>
        {
            var pending = await Approvals.ListAsync(HoldStatus.Pending, 10);
            found = pending.Count == 1 ? pending[0] : null;
            return found is not null;
        }, 60);
        return found!;
    }

    public Task<DecisionResult> DecideAsync(string holdId, bool approve, string approver = "alice@acme") =>
        Approvals.DecideAsync(holdId, new ApproverIdentity(approver, null, ["security"]), approve, "reviewed the IAM change", null)
            .WaitAsync(Timeout);

    public async ValueTask DisposeAsync()
    {
        await Front.DisposeAsync().AsTask().WaitAsync(Timeout);
        await Mock.DisposeAsync().AsTask().WaitAsync(Timeout);
        await Hush.DisposeAsync();
        _key.Dispose();
    }
}
