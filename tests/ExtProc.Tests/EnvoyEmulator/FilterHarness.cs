using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;

namespace Hush.ExtProc.Tests.EnvoyEmulator;

/// <summary>Drives an <see cref="ExtProcFilter"/> step by step (for tests that need exact interleavings).</summary>
internal sealed class FilterHarness : IAsyncDisposable
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(10);

    public FilterHarness(ScriptedExtProcServer server, ExtProcFilterConfig config, TimeProvider? time = null, ExtProcStreamContext? context = null)
    {
        Filter = new ExtProcFilter(server.Channel, config, Output, context, time);
    }

    public RecordingOutput Output { get; } = new();

    public ExtProcFilter Filter { get; }

    public DownstreamRecord Downstream => Output.Downstream;

    public UpstreamRecord Upstream => Output.Upstream;

    public Task Step(Task task) => task.WaitAsync(s_timeout);

    /// <summary>Request headers (GET, end of stream) through, and waits until they reached the upstream.</summary>
    public async Task GetThroughAsync()
    {
        await Step(Filter.DecodeHeadersAsync(HttpHeaderList.Request("GET", "/v1/x"), endOfStream: true));
        await Step(Output.UpstreamComplete.Task);
    }

    public Task Completion() => Step(Filter.Completion);

    public ValueTask DisposeAsync() => Filter.DisposeAsync();
}
