using System.Text;
using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Hush.ExtProc.Hosting;
using Hush.ExtProc.Metrics;

namespace Hush.ExtProc.Processing;

/// <summary>Headers: content inspection, accept-encoding removal, compression decisions and binary skips.</summary>
internal sealed partial class StreamProcessor
{
    private void OnHeaders(DirectionState direction, HttpHeaders headers)
    {
        if (direction.Phase != DirectionPhase.AwaitingHeaders)
        {
            throw ExtProcFailure.Protocol($"{Name(direction, "headers")} received twice");
        }

        string? contentType = null;
        var contentTypes = 0;
        var allSkipped = true;
        string? contentEncoding = null;
        var acceptEncoding = false;
        string? identityHeader = null;
        string? path = null;
        string? authority = null;
        string? method = null;
        var identityHeaderName = _settings.Identity.Options.HeaderName;
        foreach (var header in headers.Headers?.Headers ?? [])
        {
            switch (header.Key)
            {
                case "content-type":
                    // Repeated entries: the first picks the codec; any disagreement disables skipping below.
                    contentTypes++;
                    var type = Value(header);
                    contentType ??= type;
                    allSkipped &= _settings.IsSkipped(type);
                    break;
                case "content-encoding":
                    // Repeated entries are one chained encoding ("gzip, br"), which is refused, never half-decoded.
                    var encoding = Value(header).Trim().ToLowerInvariant();
                    contentEncoding = contentEncoding is null ? encoding : contentEncoding + ", " + encoding;
                    break;
                case "content-length":
                    direction.HadContentLength = true;
                    break;
                case "accept-encoding":
                    acceptEncoding = true;
                    break;
                case ":path":
                    path = Value(header);
                    break;
                case ":authority":
                    authority = Value(header);
                    break;
                case ":method":
                    method = Value(header);
                    break;
                default:
                    if (header.Key == identityHeaderName)
                    {
                        identityHeader = Value(header);
                    }

                    break;
            }
        }

        if (direction.Direction == TrafficDirection.Request)
        {
            if (!SettleIdentity(identityHeader))
            {
                return;
            }

            if (_audit is { Accepting: false })
            {
                // Fail closed: an exchange the audit trail cannot take is refused rather than left unrecorded.
                _metrics.AuditRefusals.Inc();
                Immediate(Envoy.Type.V3.StatusCode.ServiceUnavailable, "hush_audit_unavailable", "audit_unavailable",
                    "Hush cannot record this exchange in its audit trail right now, so it is refused; try again shortly.");
                return;
            }

            if (TryFetch(method, path))
            {
                return;
            }

            SelectRoute(path, authority);
            Provider = ProviderOf(path);
            var maskRequests = (Route is not null ? _routes!.Find(Route)?.MaskRequests : null) ?? _settings.MaskRequests;
            if (!maskRequests)
            {
                // The operator turned prompt masking off for this route: request chunks are answered unchanged.
                direction.SkipBody = true;
            }
        }

        HeaderMutation? mutation = null;
        if (direction.Direction == TrafficDirection.Request && acceptEncoding && _settings.StripAcceptEncoding)
        {
            // Responses then arrive uncompressed and are scanned as they stream; decoding is the fallback.
            (mutation ??= new HeaderMutation()).RemoveHeaders.Add("accept-encoding");
        }

        direction.ContentType = contentType;
        direction.Phase = headers.EndOfStream ? DirectionPhase.Done : DirectionPhase.Body;
        ProcessingMode? modeOverride = null;
        var bodyComes = !headers.EndOfStream && !(direction.BodyModeKnown && direction.BodyMode == ProcessingMode.Types.BodySendMode.None);
        if (bodyComes && !_settings.PassThrough && !direction.SkipBody)
        {
            if (contentTypes > 0 && allSkipped)
            {
                direction.SkipBody = true;
                _metrics.SkippedBodies.WithLabels(direction.Direction == TrafficDirection.Request ? "request" : "response").Inc();
                modeOverride = SkipOverride(direction);
            }
            else if (contentEncoding is { Length: > 0 } and not "identity")
            {
                if (!ChunkDecompressor.Supports(contentEncoding) || _settings.CompressedBodies == CompressedBodyHandling.Refuse)
                {
                    RefuseEncoding(direction, contentEncoding);
                    return;
                }

                direction.DecodeEncoding = contentEncoding;
                mutation ??= new HeaderMutation();
                mutation.RemoveHeaders.Add("content-encoding");
                mutation.RemoveHeaders.Add("content-length");
                direction.HadContentLength = false;
            }
        }

        var common = new CommonResponse();
        if (mutation is not null)
        {
            common.HeaderMutation = mutation;
        }

        var answer = new ProcessingResponse();
        if (direction.Direction == TrafficDirection.Request)
        {
            answer.RequestHeaders = new HeadersResponse { Response = common };
            ReportIdentity(answer);
        }
        else
        {
            answer.ResponseHeaders = new HeadersResponse { Response = common };
        }

        if (modeOverride is not null)
        {
            answer.ModeOverride = modeOverride;
        }

        _answers.Add(answer);
        if (direction.Direction == TrafficDirection.Response)
        {
            PlanHold();
        }
    }

    private string? ProviderOf(string? path)
    {
        if (Route is not null && _routes!.Find(Route)?.Provider is { Length: > 0 } configured)
        {
            return configured;
        }

        if (path is null)
        {
            return null;
        }

        return path.StartsWith("/v1/messages", StringComparison.Ordinal) ? HoldReplies.Anthropic
            : path.Contains("/chat/completions", StringComparison.Ordinal) || path.Contains("/responses", StringComparison.Ordinal)
              || path.Contains("/completions", StringComparison.Ordinal) || path.Contains("/embeddings", StringComparison.Ordinal) ? "openai"
            : null;
    }

    /// <summary>
    /// A mode override that turns this direction's body off and restates the other direction's mode, because Envoy
    /// reads body modes in an override literally (unset = NONE). Null when Envoy would ignore it anyway.
    /// </summary>
    private ProcessingMode? SkipOverride(DirectionState direction)
    {
        if (!_request.BodyModeKnown || _sendBodyWithoutWaiting
            || _request.BodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed
            || _response.BodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed
            || direction.BodyMode == ProcessingMode.Types.BodySendMode.None)
        {
            return null;
        }

        return new ProcessingMode
        {
            RequestBodyMode = direction.Direction == TrafficDirection.Request ? ProcessingMode.Types.BodySendMode.None : _request.BodyMode,
            ResponseBodyMode = direction.Direction == TrafficDirection.Response ? ProcessingMode.Types.BodySendMode.None : _response.BodyMode,
        };
    }

    private void RefuseEncoding(DirectionState direction, string encoding)
    {
        _metrics.Errors.WithLabels("decompression").Inc();
        var why = ChunkDecompressor.Supports(encoding)
            ? $"The {Name(direction, "body")} is compressed ({encoding}) and Hush:CompressedBodies is Refuse."
            : $"The {Name(direction, "body")} uses content-encoding '{Truncate(encoding)}', which Hush cannot decode and so cannot scan.";
        Immediate(Envoy.Type.V3.StatusCode.BadGateway, "hush_unscannable_encoding", "unscannable_encoding", why);
    }

    private void SelectRoute(string? path, string? authority)
    {
        if (_routes is null || _routes.IsEmpty || _store is null || _settings.PassThrough)
        {
            return;
        }

        var route = _routes.Select(path, authority, Identity);
        if (route is null)
        {
            return;
        }

        // Fail closed rather than fall back to the default rules the route was configured to replace.
        _policy = _store.Get(route) ?? throw new ExtProcFailure("policy", Grpc.Core.StatusCode.Unavailable,
            $"the policy of route '{route}' is not loaded");
        Route = route;
    }

    private static string Value(HeaderValue header) =>
        header.RawValue.Length > 0 ? Encoding.Latin1.GetString(header.RawValue.Span) : header.Value;

    private static string Truncate(string text) => text.Length <= 32 ? text : text[..32];
}
