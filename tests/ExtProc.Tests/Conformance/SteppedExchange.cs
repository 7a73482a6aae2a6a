using Envoy.Service.ExtProc.V3;
using Grpc.Core;
using Hush.EnvoyEmulator.Exchange;
using Hush.EnvoyEmulator.Filter;

namespace Hush.ExtProc.Tests.Conformance;

/// <summary>
/// One HTTP stream through the emulated Envoy filter, driven event by event (for exact interleavings), with a
/// timeout on every step and the same protocol checks as <see cref="Conform"/>.
/// </summary>
internal sealed class SteppedExchange : IAsyncDisposable
{
    private static readonly TimeSpan s_step = TimeSpan.FromSeconds(20);

    /// <summary>Creates the filter (the side stream opens with the first message).</summary>
    public SteppedExchange(ChannelBase channel, ExtProcFilterConfig config, ExtProcStreamContext? context = null)
    {
        Filter = new ExtProcFilter(channel, config, Output, context, null, Counters, Transcript);
    }

    /// <summary>What reached the upstream and the downstream.</summary>
    public RecordingOutput Output { get; } = new();

    /// <summary>The filter's stats.</summary>
    public ExtProcCounters Counters { get; } = new();

    /// <summary>Every side-stream message in order.</summary>
    public ExtProcTranscript Transcript { get; } = new();

    /// <summary>The emulated Envoy filter.</summary>
    public ExtProcFilter Filter { get; }

    /// <summary>What the downstream received.</summary>
    public DownstreamRecord Downstream => Output.Downstream;

    /// <summary>What the upstream received.</summary>
    public UpstreamRecord Upstream => Output.Upstream;

    /// <summary>Awaits one step with the step timeout.</summary>
    public Task Step(Task task) => task.WaitAsync(s_step);

    /// <summary>A GET with no body through to the upstream.</summary>
    public async Task GetThroughAsync()
    {
        await Step(Filter.DecodeHeadersAsync(Scripts.Get(), endOfStream: true));
        await Step(Output.UpstreamComplete.Task);
    }

    /// <summary>Waits until the filter has sent at least <paramref name="count"/> messages on the side stream.</summary>
    public async Task WaitSentAsync(long count)
    {
        var deadline = DateTime.UtcNow + s_step;
        while (Counters.StreamMsgsSent < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {Counters.StreamMsgsSent} of {count} messages sent");
            await Task.Delay(10);
        }
    }

    /// <summary>Waits for the end of the stream, then checks the invariants (no spurious answer, order, mutations).</summary>
    public async Task CompleteAndCheckAsync(bool responseFullDuplex = false)
    {
        await Step(Filter.Completion);
        ProtocolChecks.AssertClean(Transcript.Entries, Counters);
        ProtocolChecks.AssertAnsweredInOrder(Transcript.Entries, responseFullDuplex: responseFullDuplex);
    }

    /// <summary>Indexes of the transcript entries matching <paramref name="sent"/> (messages) in order.</summary>
    public IReadOnlyList<int> IndexesOfSent(ProcessingRequest.RequestOneofCase sent) =>
        [.. Transcript.Entries.Select((e, i) => (e, i)).Where(x => x.e.Request?.RequestCase == sent).Select(x => x.i)];

    /// <summary>Indexes of the transcript entries matching <paramref name="answer"/> (answers) in order.</summary>
    public IReadOnlyList<int> IndexesOfReceived(ProcessingResponse.ResponseOneofCase answer) =>
        [.. Transcript.Entries.Select((e, i) => (e, i)).Where(x => x.e.Response?.ResponseCase == answer).Select(x => x.i)];

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await Filter.DisposeAsync().AsTask().WaitAsync(s_step);
}
