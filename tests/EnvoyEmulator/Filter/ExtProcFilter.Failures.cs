using System.Globalization;
using System.Text;
using Envoy.Service.ExtProc.V3;
using Grpc.Core;

namespace Hush.EnvoyEmulator.Filter;

/// <summary>Errors, timeouts, gRPC close, fail-open and immediate responses (§2.1, §2.5–§2.8).</summary>
public sealed partial class ExtProcFilter
{
    /// <summary>failure_mode_allow, forced off once FDS body data was sent (§2.6).</summary>
    private bool FailOpen => _config.FailureModeAllow && !_fullDuplexBodySeen;

    private void OnSpurious(string what)
    {
        _counters.IncSpurious();
        if (FailOpen)
        {
            _counters.IncFailureModeAllowed();
            Abandon();
            return;
        }

        FailClosed(_config.StatusOnError, "ext_proc_error_gRPC_error_9{spurious_message_" + what + "}");
    }

    private void OnTimeout(DirectionState d)
    {
        d.TimerRunning = false;
        _counters.IncMessageTimeouts();
        if (FailOpen)
        {
            _counters.IncFailureModeAllowed();
            Abandon();
            return;
        }

        FailClosed(504, "ext_proc_error_per-message_timeout_exceeded");
    }

    private void OnOverrideMessageTimeout(TimeSpan value)
    {
        _counters.IncOverrideReceived();
        var max = _config.MaxMessageTimeout;
        if (max < TimeSpan.FromMilliseconds(1) || value < TimeSpan.FromMilliseconds(1) || value > max)
        {
            _counters.IncOverrideIgnored();
            return;
        }

        // Applied to whichever direction has a running timer, once per sent message (§2.5).
        var d = _request.TimerRunning && _request.OverrideAllowed ? _request
            : _response.TimerRunning && _response.OverrideAllowed ? _response
            : null;
        if (d is null)
        {
            _counters.IncOverrideIgnored();
            return;
        }

        RestartTimer(d, value);
        d.OverrideAllowed = false;
    }

    private void OnGrpcClosed(Status status)
    {
        if (status.StatusCode == StatusCode.OK)
        {
            _counters.IncStreamsClosed();
            _sideStreamClosed = true;

            // Envoy stops consulting the server and releases everything it holds unmodified,
            // including queued chunks: the leak path a masking server must never trigger (§2.1).
            Abandon();
            return;
        }

        _counters.IncStreamsFailed();
        _sideStreamClosed = true;
        if (FailOpen)
        {
            _counters.IncFailureModeAllowed();
            Abandon();
            return;
        }

        var details = string.Create(CultureInfo.InvariantCulture, $"ext_proc_error_gRPC_error_{(int)status.StatusCode}{{{Sanitize(status.Detail)}}}");
        FailClosed(_config.StatusOnError, details);
    }

    private void OnImmediateResponse(ImmediateResponse immediate)
    {
        if (_config.DisableImmediateResponse)
        {
            OnSpurious("immediate_response_disabled");
            return;
        }

        var status = (int)(immediate.Status?.Code ?? 0);
        if (status < 200)
        {
            status = 200;
        }

        var details = immediate.Details.Length > 0 ? Sanitize(immediate.Details) : "ext_proc_immediate_response";
        if (_responseHeadersSent)
        {
            // Prior headers have already been sent: the only option left is a reset (§2.8).
            EndWithReset(details);
            return;
        }

        var headers = HttpHeaderList.Response(status);
        headers.Set("content-type", "text/plain");
        var error = HeaderMutator.Apply(headers, immediate.Headers, _config, _counters, replacing: false, isTrailers: false);
        if (error is not null)
        {
            FailClosed(_config.StatusOnError, Sanitize(error));
            return;
        }

        headers.Set(":status", status.ToString(CultureInfo.InvariantCulture));
        var body = immediate.Body.ToByteArray();
        headers.Set("content-length", body.Length.ToString(CultureInfo.InvariantCulture));
        EndWithLocalReply(new LocalReply(status, headers, body, details));
    }

    /// <summary>Fail closed: a local reply before response headers went downstream, a reset after.</summary>
    private void FailClosed(int status, string details)
    {
        if (_ended)
        {
            return;
        }

        if (_responseHeadersSent)
        {
            EndWithReset(details);
            return;
        }

        var headers = HttpHeaderList.Response(status);
        headers.Set("content-type", "text/plain");
        headers.Set("content-length", "0");
        EndWithLocalReply(new LocalReply(status, headers, [], details));
    }

    private void EndWithLocalReply(LocalReply reply)
    {
        EndProcessing();
        _responseHeadersSent = true;
        _output.OnLocalReply(reply);
    }

    private void EndWithReset(string details)
    {
        EndProcessing();
        _output.OnReset(details);
    }

    private void EndProcessing()
    {
        _ended = true;
        StopTimer(_request);
        StopTimer(_response);
        _request.Complete = true;
        _response.Complete = true;
        CloseSideStream();
    }

    /// <summary>The server is no longer consulted: release everything held, unmodified, in order.</summary>
    private void Abandon()
    {
        _abandoned = true;
        CloseSideStream();
        FlushUnprocessed(_request);
        FlushUnprocessed(_response);
    }

    private void FlushUnprocessed(DirectionState d)
    {
        StopTimer(d);
        d.Callback = CallbackState.Idle;
        if (d.Complete)
        {
            return;
        }

        if (d.HeldHeaders is not null)
        {
            ForwardHeaders(d, d.HeldHeaders, d.HeadersEndOfStream);
        }

        while (d.Outstanding.Count > 0)
        {
            var chunk = d.Outstanding.Dequeue();
            d.QueuedBytes -= chunk.Data.Length;
            ForwardData(d, chunk.Data, chunk.EndOfStream);
        }

        if (d.SentBody is not null)
        {
            ForwardData(d, d.SentBody, d.SentBodyEndOfStream);
            d.SentBody = null;
        }

        if (d.PendingHasData)
        {
            ForwardData(d, d.TakePending(), d.BodyComplete && !d.TrailersArrived);
        }

        if (d.HeldTrailers is not null)
        {
            ForwardTrailers(d, d.HeldTrailers);
        }
    }

    private void ApplyDynamicMetadata(ProcessingResponse response)
    {
        if (response.DynamicMetadata is null)
        {
            return;
        }

        foreach (var (ns, value) in response.DynamicMetadata.Fields)
        {
            // Only receiving namespaces are written, and each must hold a Struct (§2.12).
            if (value.StructValue is not null && _config.ReceivingNamespacesUntyped.Contains(ns))
            {
                _context.ReceivedDynamicMetadata.AddOrUpdate(
                    ns,
                    value.StructValue.Clone(),
                    (_, existing) =>
                    {
                        var merged = existing.Clone();
                        merged.MergeFrom(value.StructValue);
                        return merged;
                    });
            }
        }
    }

    /// <summary>Envoy replaces whitespace in response code details with '_'.</summary>
    private static string Sanitize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            sb.Append(char.IsWhiteSpace(c) ? '_' : c);
        }

        return sb.ToString();
    }
}
