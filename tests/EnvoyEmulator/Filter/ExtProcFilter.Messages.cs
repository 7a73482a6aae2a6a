using System.Globalization;
using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace Hush.EnvoyEmulator.Filter;

/// <summary>Building ProcessingRequests (§2.2) and the per-direction message timer (§2.5).</summary>
public sealed partial class ExtProcFilter
{
    private void SendHeadersMessage(DirectionState d, HttpHeaderList headers, bool endOfStream)
    {
        var request = NewRequest(d);
        var message = new HttpHeaders { Headers = headers.ToHeaderMap(), EndOfStream = endOfStream };
        if (d.Direction == TrafficDirection.Request)
        {
            request.RequestHeaders = message;
        }
        else
        {
            request.ResponseHeaders = message;
        }

        d.Callback = CallbackState.HeadersCallback;
        Send(d, request, timer: d.BodyMode != Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode.FullDuplexStreamed);
    }

    private void SendBodyMessage(DirectionState d, byte[] data, bool endOfStream, CallbackState callback, bool timer)
    {
        var request = NewRequest(d);
        var message = new HttpBody { Body = ByteString.CopyFrom(data), EndOfStream = endOfStream };
        if (d.Direction == TrafficDirection.Request)
        {
            request.RequestBody = message;
        }
        else
        {
            request.ResponseBody = message;
        }

        d.Callback = callback;
        _fullDuplexBodySeen |= d.BodyMode == Envoy.Extensions.Filters.Http.ExtProc.V3.ProcessingMode.Types.BodySendMode.FullDuplexStreamed;
        Send(d, request, timer);
    }

    private void SendTrailersMessage(DirectionState d, HttpHeaderList trailers, CallbackState callback, bool timer)
    {
        var request = NewRequest(d);
        var message = new HttpTrailers { Trailers = trailers.ToHeaderMap() };
        if (d.Direction == TrafficDirection.Request)
        {
            request.RequestTrailers = message;
        }
        else
        {
            request.ResponseTrailers = message;
        }

        d.Callback = callback;
        Send(d, request, timer);
    }

    private ProcessingRequest NewRequest(DirectionState d)
    {
        var request = new ProcessingRequest { MetadataContext = BuildMetadata() };
        if (!_firstMessageSent)
        {
            _firstMessageSent = true;
            request.ProtocolConfig = new ProtocolConfiguration
            {
                RequestBodyMode = _config.ProcessingMode.RequestBodyMode,
                ResponseBodyMode = _config.ProcessingMode.ResponseBodyMode,
                SendBodyWithoutWaitingForHeaderResponse = _config.SendBodyWithoutWaitingForHeaderResponse,
            };
        }

        var names = d.Direction == TrafficDirection.Request ? _config.RequestAttributes : _config.ResponseAttributes;
        if (names.Count > 0 && !d.AttributesSent)
        {
            d.AttributesSent = true;
            request.Attributes[AttributesKey] = BuildAttributes(names);
        }

        return request;
    }

    /// <summary>Forwarding namespaces only; present even when empty (§2.2).</summary>
    private Metadata BuildMetadata()
    {
        var metadata = new Metadata();
        foreach (var ns in _config.ForwardingNamespacesUntyped)
        {
            if (_context.DynamicMetadata.TryGetValue(ns, out var value))
            {
                metadata.FilterMetadata[ns] = value.Clone();
            }
        }

        return metadata;
    }

    private Struct BuildAttributes(IReadOnlyList<string> names)
    {
        var result = new Struct();
        var request = _request.OriginalHeaders;
        var response = _response.OriginalHeaders;
        foreach (var name in names)
        {
            // Attributes not yet available are omitted; unknown ones too (the emulator has no CEL).
            Value? value = name switch
            {
                "request.path" when request?.Get(":path") is { } path => Value.ForString(path),
                "request.method" when request?.Get(":method") is { } method => Value.ForString(method),
                "request.scheme" when request?.Get(":scheme") is { } scheme => Value.ForString(scheme),
                "connection.id" => Value.ForNumber(_context.ConnectionId),
                "response.code" when response?.Get(":status") is { } status
                    && int.TryParse(status, NumberStyles.None, CultureInfo.InvariantCulture, out var code) => Value.ForNumber(code),
                _ => null,
            };
            if (value is not null)
            {
                result.Fields[name] = value;
            }
        }

        return result;
    }

    private void Send(DirectionState d, ProcessingRequest request, bool timer)
    {
        // The timer starts before the message can reach the server, so a test that reacts to the server seeing
        // the message (and advances a fake clock) always finds the timer armed.
        if (timer)
        {
            RestartTimer(d, _config.MessageTimeout);
            d.OverrideAllowed = true;
        }

        EnsureSideStream();
        _counters.IncStreamMsgsSent();
        _transcript.AddSent(request);
        _writes!.Writer.TryWrite(request);
    }

    private void RestartTimer(DirectionState d, TimeSpan timeout)
    {
        d.Timer?.Dispose();
        var generation = ++d.TimerGeneration;
        d.TimerRunning = true;
        d.Timer = _time.CreateTimer(
            static state =>
            {
                var (filter, direction, gen) = ((ExtProcFilter, TrafficDirection, long))state!;
                filter.Post(new FilterEvent { Kind = FilterEventKind.Timeout, Direction = direction, Generation = gen });
            },
            (this, d.Direction, generation),
            timeout,
            Timeout.InfiniteTimeSpan);
    }

    private static void StopTimer(DirectionState d)
    {
        d.Timer?.Dispose();
        d.Timer = null;
        d.TimerRunning = false;
        d.TimerGeneration++;
    }
}
