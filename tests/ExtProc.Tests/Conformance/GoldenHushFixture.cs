using Hush.ExtProc.Tests.Support;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>One Hush server with the golden policy and default options, shared by the tests of a class.</summary>
public sealed class GoldenHushFixture : IAsyncLifetime
{
    private HushTestServer? _server;

    /// <summary>The running server.</summary>
    internal HushTestServer Server => _server ?? throw new InvalidOperationException("fixture not started");

    /// <inheritdoc />
    public async Task InitializeAsync() => _server = await HushTestServer.StartAsync(TestPolicies.GoldenBytes);

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
