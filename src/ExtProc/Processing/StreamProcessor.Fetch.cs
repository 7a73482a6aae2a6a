using Envoy.Service.ExtProc.V3;
using Hush.ExtProc.Approvals;

namespace Hush.ExtProc.Processing;

/// <summary>
/// Deferred fetches: a request to <c>{prefix}{id}/response</c> routed through Envoy is answered here with a local
/// reply and never reaches the upstream. The service looks the hold up and calls <see cref="AnswerFetch"/>.
/// </summary>
internal sealed partial class StreamProcessor
{
    private const string FetchSuffix = "/response";

    /// <summary>The hold id a deferred fetch asks for: the service must answer it with <see cref="AnswerFetch"/>.</summary>
    public string? PendingFetch { get; private set; }

    private bool TryFetch(string? method, string? path)
    {
        if (_settings.Holds is null || path is null || !path.StartsWith(_settings.Holds.FetchPathPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = path.AsSpan(_settings.Holds.FetchPathPrefix.Length);
        var query = rest.IndexOf('?');
        if (query >= 0)
        {
            rest = rest[..query];
        }

        if (!rest.EndsWith(FetchSuffix, StringComparison.Ordinal) || !IsHoldId(rest[..^FetchSuffix.Length]))
        {
            Immediate(Envoy.Type.V3.StatusCode.NotFound, "hush_not_found", "not_found",
                $"Collect a held answer with GET {_settings.Holds.FetchPathPrefix}<approval id>{FetchSuffix}.");
            return true;
        }

        if (!string.Equals(method, "GET", StringComparison.Ordinal))
        {
            Immediate(Envoy.Type.V3.StatusCode.MethodNotAllowed, "hush_method_not_allowed", "method_not_allowed",
                "Held answers are collected with GET.");
            return true;
        }

        PendingFetch = rest[..^FetchSuffix.Length].ToString();
        return true;
    }

    private static bool IsHoldId(ReadOnlySpan<char> id)
    {
        if (id.Length is < 6 or > 64 || !id.StartsWith("hold_", StringComparison.Ordinal))
        {
            return false;
        }

        foreach (var c in id)
        {
            if (c is not (>= 'a' and <= 'z') and not (>= '0' and <= '9') and not '_')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Answers the pending fetch with <paramref name="outcome"/>; <paramref name="hold"/> carries the answer when released.</summary>
    public IReadOnlyList<ProcessingResponse> AnswerFetch(FetchOutcome outcome, HoldRecord? hold)
    {
        _answers.Clear();
        PendingFetch = null;
        Hold = hold;
        HoldOutcome = outcome switch
        {
            FetchOutcome.Released => HoldResolution.Released,
            FetchOutcome.Refused => hold?.Status == HoldStatus.Expired ? HoldResolution.Expired : HoldResolution.Denied,
            FetchOutcome.Pending => HoldResolution.Deferred,
            _ => HoldResolution.Failed,
        };
        switch (outcome)
        {
            case FetchOutcome.Released:
                _responseCapture?.Dispose();
                _responseCapture = new BodyCapture(Math.Max(_settings.AuditBodyBytes, 0));
                _responseCapture.Append(hold!.MaskedAnswer!);
                ImmediateBody(Envoy.Type.V3.StatusCode.Ok, hold.MaskedAnswer!, "hush_released", null, "x-hush-approval-id", hold.Id,
                    hold.ContentType ?? "application/octet-stream");
                break;
            case FetchOutcome.Pending:
                Reply(Envoy.Type.V3.StatusCode.Accepted, HoldReplies.HeldType, "pending_approval",
                    "This held answer is still waiting for an approver; try again later.", hold);
                break;
            case FetchOutcome.Refused:
                var (type, code, message) = HoldReplies.Describe(HoldOutcome.Value, hold, "");
                Reply(Envoy.Type.V3.StatusCode.Forbidden, type, code, message, hold);
                break;
            case FetchOutcome.Collected:
                Reply(Envoy.Type.V3.StatusCode.Gone, "hush_collected", "already_collected",
                    "This approved answer was already delivered; an approval releases an answer once.", null);
                break;
            case FetchOutcome.Forbidden:
                Reply(Envoy.Type.V3.StatusCode.Forbidden, "hush_forbidden", "not_requester",
                    "Only the caller who made the original request can collect a held answer.", null);
                break;
            case FetchOutcome.NotFound:
                Reply(Envoy.Type.V3.StatusCode.NotFound, "hush_not_found", "not_found", "No held answer has this approval id.", null);
                break;
            default:
                Reply(Envoy.Type.V3.StatusCode.ServiceUnavailable, HoldReplies.UnavailableType, "hold_unavailable",
                    "The approval store is unavailable; try again later.", null);
                break;
        }

        return _answers;
    }

    private void Reply(Envoy.Type.V3.StatusCode status, string type, string code, string message, HoldRecord? hold) =>
        ImmediateBody(status, HoldReplies.ErrorBody(Provider, type, code, message, hold, null), type, code,
            hold is null ? null : "x-hush-approval-id", hold?.Id);
}
