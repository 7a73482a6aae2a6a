using System.Buffers;
using System.Text.Json;
using Hush.ExtProc.Audit;

namespace Hush.ExtProc.Processing;

/// <summary>
/// What the audit trail learns about the exchange: copies of the released (masked) bodies, rule hit counts, the
/// requested model, and the verdict. Only bytes Hush released are captured, so the record holds masked text only.
/// </summary>
internal sealed partial class StreamProcessor
{
    // Enough of a prompt to find its "model" even when the audit keeps no bodies.
    private const int ModelProbeBytes = 4096;

    private BodyCapture? _requestCapture;
    private BodyCapture? _responseCapture;
    private string? _model;
    private bool _modelRead;

    /// <summary>The model the request asked for (its top-level JSON <c>model</c>), when known.</summary>
    public string? Model
    {
        get
        {
            if (!_modelRead && _requestCapture is not null)
            {
                _modelRead = _request.Phase == DirectionPhase.Done;
                _model = ReadModel(_requestCapture);
            }

            return _model;
        }
    }

    private void CaptureReleased(DirectionState direction, ReadOnlySpan<byte> released)
    {
        BodyCapture? capture;
        if (direction.Direction == TrafficDirection.Request)
        {
            var cap = _settings.AuditBodyBytes > 0 || _settings.Holds is not null ? Math.Max(_settings.AuditBodyBytes, ModelProbeBytes) : 0;
            capture = cap == 0 ? null : _requestCapture ??= new BodyCapture(cap);
        }
        else
        {
            var cap = _holdStage != HoldStage.Off ? Math.Max(_settings.AuditBodyBytes, _settings.MaxBufferedBodyBytes) : _settings.AuditBodyBytes;
            capture = cap == 0 ? null : _responseCapture ??= new BodyCapture(cap);
            _messageCaptureStart = capture?.Length ?? 0;
        }

        capture?.Append(released);
    }

    /// <summary>The audit record of this exchange (masked data only); <paramref name="failed"/> when the stream ended in an error.</summary>
    public AuditRecord BuildAuditRecord(bool failed, TimeSpan latency)
    {
        var verdict = failed ? AuditVerdict.Error : HoldOutcome switch
        {
            HoldResolution.Released => AuditVerdict.Approved,
            HoldResolution.Denied => AuditVerdict.Denied,
            HoldResolution.Expired => AuditVerdict.Expired,
            HoldResolution.Deferred => AuditVerdict.Held,
            HoldResolution.Failed => AuditVerdict.Error,
            // Any other local reply (401, 413, 502, 503) refused the exchange.
            _ => Terminated ? AuditVerdict.Error : MaskCount > 0 ? AuditVerdict.Masked : AuditVerdict.Passed,
        };
        var (request, requestCut) = Text(_requestCapture, _settings.AuditBodyBytes);
        var (response, responseCut) = Text(_responseCapture, _settings.AuditBodyBytes);
        return AuditRecord.ForCaller(Identity) with
        {
            Route = Route ?? Policies.PolicyStore.DefaultName,
            Provider = Provider,
            Model = Model,
            PolicySha256 = _policy?.ArtifactSha256,
            RuleHits = Hits(),
            Verdict = verdict,
            Approver = Hold?.DecidedBy,
            Justification = Hold?.Justification,
            HoldId = Hold?.Id,
            LatencyMicroseconds = (long)latency.TotalMicroseconds,
            MaskedRequest = request,
            RequestTruncated = requestCut,
            MaskedResponse = response,
            ResponseTruncated = responseCut,
        };
    }

    private List<AuditRuleHit> Hits()
    {
        var hits = new List<AuditRuleHit>();
        if (_policy is null)
        {
            return hits;
        }

        var rules = _policy.Policy.Rules;
        var request = _request.Scanner?.RuleHits;
        var response = _response.Scanner?.RuleHits;
        for (var i = 0; i < rules.Count; i++)
        {
            long count = (request is null ? 0 : request[i]) + (response is null ? 0 : response[i]);
            if (count > 0)
            {
                hits.Add(new AuditRuleHit(rules[i].Id, count));
            }
        }

        return hits;
    }

    private static (MaskedText? Text, bool Cut) Text(BodyCapture? capture, int cap)
    {
        if (capture is null || cap == 0)
        {
            return (null, false);
        }

        var kept = Math.Min(capture.Count, cap);
        var bytes = GC.AllocateUninitializedArray<byte>(kept);
        capture.CopyTo(bytes);
        return (MaskedText.Adopt(bytes), capture.Truncated || capture.Count > cap);
    }

    private static string? ReadModel(BodyCapture capture)
    {
        var json = ArrayPool<byte>.Shared.Rent(Math.Max(capture.Count, 1));
        try
        {
            capture.CopyTo(json.AsSpan(0, capture.Count));
            return ReadModel(json.AsSpan(0, capture.Count));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(json);
        }
    }

    private static string? ReadModel(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json, isFinalBlock: false, state: default);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    return null;
                }

                var isModel = reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("model"u8);
                if (!reader.Read())
                {
                    return null;
                }

                if (isModel)
                {
                    return reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && !reader.TrySkip())
                {
                    return null;
                }
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }
}
