using Envoy.Service.ExtProc.V3;

namespace Hush.EnvoyEmulator.Filter;

/// <summary>Every ProcessingRequest sent and ProcessingResponse received on one side stream, in order; thread-safe.</summary>
public sealed class ExtProcTranscript
{
    private readonly Lock _lock = new();
    private readonly List<TranscriptEntry> _entries = [];

    /// <summary>A snapshot of all entries in order.</summary>
    public IReadOnlyList<TranscriptEntry> Entries
    {
        get
        {
            lock (_lock)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>The messages sent, in order.</summary>
    public IReadOnlyList<ProcessingRequest> Sent => [.. Entries.Where(e => e.Request is not null).Select(e => e.Request!)];

    /// <summary>The messages received, in processing order.</summary>
    public IReadOnlyList<ProcessingResponse> Received => [.. Entries.Where(e => e.Response is not null).Select(e => e.Response!)];

    internal void AddSent(ProcessingRequest request)
    {
        lock (_lock)
        {
            _entries.Add(new TranscriptEntry(request.Clone(), null));
        }
    }

    internal void AddReceived(ProcessingResponse response)
    {
        lock (_lock)
        {
            _entries.Add(new TranscriptEntry(null, response.Clone()));
        }
    }
}
