using Hush.ExtProc.Approvals;

namespace Hush.ExtProc.Processing;

/// <summary>Refusing or deferring a held answer: a local reply before the headers are out, in-band after.</summary>
internal sealed partial class StreamProcessor
{
    /// <summary>The LLM provider of this exchange (from the route, else from the request path).</summary>
    public string? Provider { get; private set; }

    private string FetchPath(HoldRecord? hold) => _settings.Holds!.FetchPathPrefix + (hold?.Id ?? "") + "/response";

    private void Refuse(HoldResolution resolution)
    {
        _withheld.Clear();
        var hold = Hold;
        var fetch = resolution == HoldResolution.Deferred ? FetchPath(hold) : null;
        var (type, code, message) = HoldReplies.Describe(resolution, hold, fetch ?? "");
        var body = HoldReplies.ErrorBody(Provider, type, code, message, hold, fetch);
        switch (resolution)
        {
            case HoldResolution.Deferred:
                ImmediateBody(Envoy.Type.V3.StatusCode.Accepted, body, type, code, "x-hush-approval-id", hold?.Id);
                break;
            case HoldResolution.Failed:
                ImmediateBody(Envoy.Type.V3.StatusCode.ServiceUnavailable, body, type, code);
                break;
            default:
                ImmediateBody(Envoy.Type.V3.StatusCode.Forbidden, body, type, code, "x-hush-approval-id", hold?.Id);
                break;
        }
    }

    private void RefuseInBand(HoldResolution resolution)
    {
        var hold = Hold;
        var fetch = resolution == HoldResolution.Deferred ? FetchPath(hold) : null;
        var (type, code, message) = HoldReplies.Describe(resolution, hold, fetch ?? "");
        var body = HoldReplies.ErrorBody(Provider, type, code, message, hold, fetch);
        FinishInBand(HoldReplies.InBand(Provider, _response.ContentType, body));
        _withheld.Clear();
    }
}
