using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Grpc.HealthCheck;
using Hush.ExtProc.Api;
using Hush.ExtProc.Approvals;
using Hush.ExtProc.Audit;
using Hush.ExtProc.Hosting;
using Hush.ExtProc.Identity;
using Hush.ExtProc.Metrics;
using Hush.ExtProc.Policies;
using Hush.ExtProc.Tests.Auth;
using Hush.ExtProc.Ui;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Hush.ExtProc.Tests.Api;

/// <summary>
/// A real Kestrel server on 127.0.0.1 (an admin port and a stand-in gRPC port, kept apart by the
/// <see cref="PortRouter"/> as in HushServer) with the approvals API and review UI over a SQLite hold store and a
/// SQLite audit store in a temp folder, a fake clock at <see cref="TestJwt.Now"/>, and a test JWT key.
/// </summary>
internal sealed class ApiTestServer : IAsyncDisposable
{
    /// <summary>Every await in the API tests is bounded by this.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private ApiTestServer(WebApplication app, string folder, TestJwt jwt, FakeTimeProvider time, int adminPort, int otherPort)
    {
        App = app;
        Folder = folder;
        Jwt = jwt;
        Time = time;
        AdminAddress = new Uri($"http://127.0.0.1:{adminPort}");
        OtherAddress = new Uri($"http://127.0.0.1:{otherPort}");
        Client = new HttpClient { BaseAddress = AdminAddress, Timeout = Timeout };
    }

    /// <summary>The running application.</summary>
    public WebApplication App { get; }

    /// <summary>The data folder (holds.db, audit.db).</summary>
    public string Folder { get; }

    /// <summary>The key tokens are minted with.</summary>
    public TestJwt Jwt { get; }

    /// <summary>The clock of the approval service, validator and audit store.</summary>
    public FakeTimeProvider Time { get; }

    /// <summary>The admin port (API and UI).</summary>
    public Uri AdminAddress { get; }

    /// <summary>The other (gRPC) port, where the API must not answer.</summary>
    public Uri OtherAddress { get; }

    /// <summary>A client of the admin port, without credentials.</summary>
    public HttpClient Client { get; }

    /// <summary>The approval service.</summary>
    public ApprovalService Approvals => App.Services.GetRequiredService<ApprovalService>();

    /// <summary>The audit store.</summary>
    public IAuditStore Audit => App.Services.GetRequiredService<IAuditStore>();

    /// <summary>The policy store (empty until a test swaps a policy in).</summary>
    public PolicyStore Policies => App.Services.GetRequiredService<PolicyStore>();

    /// <summary>
    /// Starts a server; <paramref name="settings"/> are extra configuration keys (e.g. <c>Hush:Auth:AuditorGroups:0</c>),
    /// <paramref name="audit"/> replaces the SQLite audit store.
    /// </summary>
    public static async Task<ApiTestServer> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, IAuditStore? audit = null)
    {
        var folder = Directory.CreateTempSubdirectory("hush-api-").FullName;
        var jwt = TestJwt.Create();
        var time = new FakeTimeProvider(TestJwt.Now);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = folder });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var config = new Dictionary<string, string?>
        {
            ["Hush:Auth:Jwks"] = jwt.Jwks,
            ["Hush:Auth:Issuer"] = TestJwt.Issuer,
            ["Hush:Auth:Audiences:0"] = TestJwt.Audience,
        };
        foreach (var (k, v) in settings ?? new Dictionary<string, string?>())
        {
            config[k] = v;
        }

        builder.Configuration.AddInMemoryCollection(config);
        ListenOptions? admin = null;
        ListenOptions? other = null;
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0, l => admin = l);
            k.Listen(IPAddress.Loopback, 0, l => other = l);
        });
        var ports = new ServerPorts();
        var metrics = new HushMetrics(Prometheus.Metrics.NewCustomRegistry());
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton(ports);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton(new HoldOptions());
        builder.Services.AddSingleton<IHoldStore>(_ => SqliteHoldStore.Open(folder));
        builder.Services.AddSingleton(sp => new ApprovalService(sp.GetRequiredService<IHoldStore>(), sp.GetRequiredService<HoldOptions>(), time, metrics));
        builder.Services.AddSingleton<IAuditStore>(_ => audit ?? SqliteAuditStore.Open(new AuditOptions { DataFolder = folder }, time));
        builder.Services.AddSingleton<HealthServiceImpl>();
        builder.Services.AddSingleton(sp => new PolicyStore(sp.GetRequiredService<HealthServiceImpl>(), metrics, []));
        builder.Services.AddHushApi(builder.Configuration);
        builder.Services.AddRouting();

        var app = builder.Build();
        app.UseMiddleware<PortRouter>();
        ApiEndpoints.Map(app);
        UiEndpoints.Map(app);
        try
        {
            await app.StartAsync().WaitAsync(Timeout);
        }
        catch
        {
            await app.DisposeAsync();
            Directory.Delete(folder, recursive: true);
            jwt.Dispose();
            throw;
        }

        ports.Admin = admin!.IPEndPoint!.Port;
        ports.Grpc = other!.IPEndPoint!.Port;
        return new ApiTestServer(app, folder, jwt, time, ports.Admin, ports.Grpc);
    }

    /// <summary>The excerpt of <see cref="CreateHoldAsync"/>: a held span and an already-masked key around it.</summary>
    public const string DefaultExcerpt =
        "Run this: ⟦aws iam attach-user-policy --policy-arn arn:aws:iam::aws:policy/AdministratorAccess⟧ with AKIA[MASKED:aws-access-key-id]";

    /// <summary>A request to the admin port carrying <paramref name="token"/> (none when null).</summary>
    public static HttpRequestMessage Request(HttpMethod method, string path, string? token, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    /// <summary>Sends a GET with <paramref name="token"/>.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, string? token) =>
        Client.SendAsync(Request(HttpMethod.Get, path, token)).WaitAsync(Timeout);

    /// <summary>POSTs <paramref name="json"/> with <paramref name="token"/>.</summary>
    public Task<HttpResponseMessage> PostAsync(string path, string? token, string json) =>
        Client.SendAsync(Request(HttpMethod.Post, path, token, new StringContent(json, System.Text.Encoding.UTF8, "application/json"))).WaitAsync(Timeout);

    /// <summary>Creates a pending hold through the approval service and returns it.</summary>
    public async Task<HoldRecord> CreateHoldAsync(string requester = "repo:acme/api:ref:refs/heads/main", string[]? approvers = null,
        string excerpt = DefaultExcerpt, string? answerText = null)
    {
        var answer = System.Text.Encoding.UTF8.GetBytes("{\"masked\":\"" + (answerText ?? "answer " + Guid.NewGuid().ToString("N")) + "\"}");
        approvers ??= ["sec-approvers"];
        var hold = new HoldRecord
        {
            Id = "hold_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(13)),
            CreatedAt = Time.GetUtcNow(),
            ExpiresAt = Time.GetUtcNow().AddHours(1),
            Status = HoldStatus.Pending,
            Requester = new CallerIdentity
            {
                Source = "metadata",
                Subject = requester,
                Email = "ci@example.com",
                Groups = ["ci"],
                Ci = new CiProvenance
                {
                    System = "github-actions",
                    Repository = "acme/api",
                    RunId = "4242",
                    RunAttempt = "1",
                    Sha = "0123456789abcdef0123456789abcdef01234567",
                    Ref = "refs/heads/main",
                    Workflow = "deploy",
                    Actor = "octocat",
                },
            },
            Route = "openai",
            Provider = "openai",
            Model = "gpt-4o",
            Rules = [new HeldRule("aws-iam-mutation", "IAM changes need a security review", approvers, 1)],
            ApproverGroups = approvers,
            Excerpt = excerpt,
            PolicySha256 = new string('b', 64),
            AnswerDigest = Convert.ToHexStringLower(SHA256.HashData(answer)),
            ContentType = "application/json",
            MaskedAnswer = answer,
        };
        await Approvals.CreateAsync(hold).WaitAsync(Timeout);
        return hold;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync().WaitAsync(Timeout);
        await App.DisposeAsync();
        Jwt.Dispose();
        Directory.Delete(Folder, recursive: true);
    }
}
