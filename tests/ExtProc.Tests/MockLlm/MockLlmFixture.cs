using System.Net.Http.Headers;
using System.Text;
using Hush.MockLlm;

namespace Hush.ExtProc.Tests.MockLlm;

/// <summary>Starts a mock server on 127.0.0.1:0 for one test and posts requests to it.</summary>
internal sealed class MockLlmFixture : IAsyncDisposable
{
    /// <summary>Guard for every await in these tests.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);

    private MockLlmFixture(MockLlmServer server)
    {
        Server = server;
        Client = new HttpClient { BaseAddress = server.BaseAddress, Timeout = Timeout };
    }

    /// <summary>The running server.</summary>
    public MockLlmServer Server { get; }

    /// <summary>A client pointed at the server.</summary>
    public HttpClient Client { get; }

    /// <summary>Starts a server with <paramref name="options"/> (defaults when null).</summary>
    public static async Task<MockLlmFixture> StartAsync(MockLlmOptions? options = null) =>
        new(await MockLlmServer.StartAsync(options ?? new MockLlmOptions()).WaitAsync(Timeout));

    /// <summary>Posts JSON and returns the response with headers read (body not yet consumed).</summary>
    public async Task<HttpResponseMessage> PostAsync(string path, string json, string? script = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (script is not null)
        {
            request.Headers.Add(MockScriptRegistry.HeaderName, script);
        }

        return await Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead).WaitAsync(Timeout);
    }

    /// <summary>Posts and reads the whole body as raw bytes from the response stream.</summary>
    public async Task<(HttpResponseMessage Response, byte[] Body)> PostAndReadAsync(string path, string json, string? script = null)
    {
        var response = await PostAsync(path, json, script);
        await using var stream = await response.Content.ReadAsStreamAsync().WaitAsync(Timeout);
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer).WaitAsync(Timeout);
        return (response, buffer.ToArray());
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync().AsTask().WaitAsync(Timeout);
    }
}
