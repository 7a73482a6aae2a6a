using Envoy.Service.ExtProc.V3;
using Google.Protobuf.WellKnownTypes;
using ProtoValue = Google.Protobuf.WellKnownTypes.Value;
using Hush.ExtProc.Identity;
using Hush.ExtProc.Policies;

namespace Hush.ExtProc.Processing;

/// <summary>Who asked: identity from jwt_authn's metadata (or the opt-in header), and what Hush reports back to Envoy.</summary>
internal sealed partial class StreamProcessor
{
    private bool _identityChecked;
    private bool _identityRead;
    private bool _outcomeReported;

    /// <summary>The caller, once known (null when the request carried no identity).</summary>
    public CallerIdentity? Identity { get; private set; }

    private void ReadIdentity(ProcessingRequest message)
    {
        // jwt_authn runs before ext_proc, so the first message carrying metadata has all there will be: one lookup
        // per stream, not per chunk.
        if (!_identityRead && message.MetadataContext is not null)
        {
            _identityRead = true;
            Identity = _settings.Identity.FromMetadata(message.MetadataContext);
        }
    }

    /// <summary>
    /// Settles the identity at request headers: metadata first, then the header fallback if enabled. Returns false
    /// (after queuing a 401) when an identity is required and missing.
    /// </summary>
    private bool SettleIdentity(string? headerPayload)
    {
        if (_identityChecked)
        {
            return true;
        }

        _identityChecked = true;
        Identity ??= _settings.Identity.FromHeader(headerPayload);
        if (Identity is not null || !_settings.Identity.Options.Required)
        {
            return true;
        }

        Immediate(Envoy.Type.V3.StatusCode.Unauthorized, "hush_unauthenticated", "unauthenticated",
            "Hush requires a verified caller identity (a JWT checked by Envoy's jwt_authn) and this request has none.");
        return false;
    }

    /// <summary>Caller and CI run for Envoy's access log, attached to the request headers answer.</summary>
    private void ReportIdentity(ProcessingResponse answer)
    {
        if (_settings.MetadataNamespace.Length == 0 || Identity is not { } identity)
        {
            return;
        }

        var fields = new Struct();
        Put(fields, "identity_source", identity.Source);
        Put(fields, "route", Route ?? PolicyStore.DefaultName);
        Put(fields, "subject", identity.Subject);
        Put(fields, "ci_system", identity.Ci?.System);
        Put(fields, "repository", identity.Ci?.Repository);
        Put(fields, "run_id", identity.Ci?.RunId);
        Put(fields, "sha", identity.Ci?.Sha);
        answer.DynamicMetadata = Wrap(fields);
    }

    /// <summary>Counts for Envoy's access log, attached to the last answer of the response.</summary>
    private void ReportOutcome()
    {
        // A raised hold's only answer so far is the timer extension, which Envoy reads for nothing else: wait for the real end.
        if (_outcomeReported || _settings.MetadataNamespace.Length == 0 || _answers.Count == 0 || _response.Phase != DirectionPhase.Done
            || _holdStage == HoldStage.Raised)
        {
            return;
        }

        _outcomeReported = true;
        var fields = new Struct();
        fields.Fields["masks"] = ProtoValue.ForNumber(MaskCount);
        fields.Fields["holds"] = ProtoValue.ForNumber(HoldCount);
        if (_policy is not null)
        {
            Put(fields, "policy_sha256", _policy.ArtifactSha256);
            Put(fields, "policy_version", _policy.Policy.Version);
        }

        _answers[^1].DynamicMetadata = Wrap(fields);
    }

    private Struct Wrap(Struct fields)
    {
        var root = new Struct();
        root.Fields[_settings.MetadataNamespace] = ProtoValue.ForStruct(fields);
        return root;
    }

    private static void Put(Struct fields, string name, string? value)
    {
        if (value is not null)
        {
            fields.Fields[name] = ProtoValue.ForString(value);
        }
    }
}
