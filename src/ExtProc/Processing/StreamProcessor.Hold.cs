using System.Security.Cryptography;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Hush.ExtProc.Approvals;
using Hush.Policy.Rules;

namespace Hush.ExtProc.Processing;

/// <summary>
/// Holding a response for approval. Where the headers are not yet released (BUFFERED, or STREAMED with
/// send_body_without_waiting_for_header_response) every response answer is withheld until the body ends, so a
/// denial is a clean local reply. Otherwise answers flow until a hold rule fires; from that chunk on they carry no
/// bytes (the masked bytes are kept), the final chunk's answer waits for the decision, and a denial is in-band.
/// Withheld answers keep Envoy's timer alive with one <c>override_message_timeout</c> per message. The processor
/// stays synchronous: it raises <see cref="RaisedHold"/> and the service persists it, waits, and calls
/// <see cref="ResolveHold"/>.
/// </summary>
internal sealed partial class StreamProcessor
{
    private readonly List<ProcessingResponse> _withheld = new(0);
    private HoldStage _holdStage;
    private HoldStage _raisedFrom;
    private long _withholdFrom;
    private long _messageCaptureStart;

    /// <summary>A hold raised by the last message: the service must persist it, wait, then call <see cref="ResolveHold"/>.</summary>
    public HoldRecord? RaisedHold { get; private set; }

    /// <summary>How the stream's hold ended, or null when nothing was held.</summary>
    public HoldResolution? HoldOutcome { get; private set; }

    /// <summary>The hold as last seen (decided, pending when deferred), for the audit record.</summary>
    public HoldRecord? Hold { get; private set; }

    private void PlanHold()
    {
        _holdStage = HoldStage.Off;
        if (_settings.Holds is null || _policy is null || !_policy.HasResponseHolds || _settings.PassThrough
            || _response.SkipBody || Terminated || _response.Phase != DirectionPhase.Body)
        {
            return;
        }

        _holdStage = _response.BodyMode switch
        {
            ProcessingMode.Types.BodySendMode.Buffered => HoldStage.BeforeHeaders,
            ProcessingMode.Types.BodySendMode.Streamed when _sendBodyWithoutWaiting => HoldStage.BeforeHeaders,
            ProcessingMode.Types.BodySendMode.None => HoldStage.Off,
            _ => HoldStage.Streaming,
        };
    }

    private void AfterResponseMessage()
    {
        var done = _response.Phase == DirectionPhase.Done;
        var holds = _response.Scanner?.HoldCount ?? 0;
        switch (_holdStage)
        {
            case HoldStage.BeforeHeaders when _response.BodyMode == ProcessingMode.Types.BodySendMode.Buffered:
                // Envoy keeps the headers until the single body answer, so only that answer is withheld.
                if (done && holds > 0)
                {
                    WithholdAll();
                    Raise(HoldStage.BeforeHeaders);
                }

                break;
            case HoldStage.BeforeHeaders:
                WithholdAll();
                if (done && holds == 0)
                {
                    _answers.AddRange(_withheld);
                    _withheld.Clear();
                    _holdStage = HoldStage.Resolved;
                }
                else if (done)
                {
                    Raise(HoldStage.BeforeHeaders);
                }
                else
                {
                    KeepTimerAlive();
                }

                break;
            case HoldStage.Streaming when holds > 0:
                _holdStage = HoldStage.Withholding;
                _withholdFrom = _messageCaptureStart;
                Blank(done);
                break;
            case HoldStage.Withholding:
                Blank(done);
                break;
        }

        var withholding = _holdStage == HoldStage.Withholding || (_holdStage == HoldStage.Raised && _raisedFrom == HoldStage.Withholding);
        if (withholding && _responseCapture is { Truncated: true })
        {
            // The withheld rest is released from the capture: past its cap bytes would be lost, so fail closed.
            throw ExtProcFailure.Limit($"an answer withheld for approval outgrew Hush:MaxBufferedBodyBytes ({_responseCapture.Cap} bytes)");
        }
    }

    // Chunk answers from the hold on carry nothing; the final one is kept back until the decision.
    private void Blank(bool done)
    {
        var fullDuplex = _response.BodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed;
        for (var i = _answers.Count - 1; i >= 0; i--)
        {
            if (_answers[i].ResponseCase != ProcessingResponse.ResponseOneofCase.ResponseBody)
            {
                continue;
            }

            if (fullDuplex)
            {
                _answers.RemoveAt(i);
            }
            else
            {
                _answers[i].ResponseBody.Response ??= new CommonResponse();
                _answers[i].ResponseBody.Response.BodyMutation = new BodyMutation { Body = ByteString.Empty };
            }
        }

        if (!done)
        {
            return;
        }

        if (!fullDuplex && _answers.Count > 0)
        {
            _withheld.Add(_answers[^1]);
            _answers.RemoveAt(_answers.Count - 1);
        }

        Raise(HoldStage.Withholding);
    }

    private void WithholdAll()
    {
        // Withheld answers outlive this message's write, so their bodies must not stay in lent buffers.
        foreach (var answer in _answers)
        {
            Own(answer);
        }

        _withheld.AddRange(_answers);
        _answers.Clear();
    }

    private void KeepTimerAlive()
    {
        if (_response.BodyMode != ProcessingMode.Types.BodySendMode.FullDuplexStreamed)
        {
            _answers.Add(new ProcessingResponse { OverrideMessageTimeout = Duration.FromTimeSpan(_settings.Holds!.OverrideTimeout) });
        }
    }

    private void Raise(HoldStage from)
    {
        _raisedFrom = from;
        _holdStage = HoldStage.Raised;
        KeepTimerAlive();
        var holds = _settings.Holds!;
        var capture = _responseCapture!;
        var answer = capture.ToArray();
        var now = _time.GetUtcNow();
        var rules = new List<HeldRule>();
        var groups = new List<string>();
        var hits = _response.Scanner?.RuleHits;
        var policy = _policy!.Policy;
        for (var i = 0; hits is not null && i < hits.Length; i++)
        {
            var rule = policy.Rules[i];
            if (hits[i] == 0 || rule.Action != RuleAction.Hold)
            {
                continue;
            }

            rules.Add(new HeldRule(rule.Id, rule.Reason, rule.Approvers, hits[i]));
            foreach (var group in rule.Approvers.Length > 0 ? rule.Approvers : holds.DefaultApprovers)
            {
                if (!groups.Contains(group, StringComparer.Ordinal))
                {
                    groups.Add(group);
                }
            }
        }

        Hold = RaisedHold = new HoldRecord
        {
            Id = NewHoldId(),
            CreatedAt = now,
            ExpiresAt = now + holds.Expiry,
            Status = HoldStatus.Pending,
            Requester = Identity,
            Route = Route ?? Policies.PolicyStore.DefaultName,
            Provider = Provider,
            Model = Model,
            Rules = rules,
            ApproverGroups = groups,
            Excerpt = HeldExcerpt.Build(answer, _response.ContentType, _policy.Response, holds.ExcerptContext),
            PolicySha256 = _policy.ArtifactSha256,
            AnswerDigest = Convert.ToHexStringLower(SHA256.HashData(answer)),
            ContentType = _response.ContentType,
            MaskedAnswer = capture.Truncated ? null : answer,
            Instance = holds.Instance,
        };
    }

    /// <summary>
    /// Ends the raised hold with <paramref name="resolution"/> (<paramref name="hold"/> is the hold as the store now
    /// has it) and returns the answers that finish the response.
    /// </summary>
    public IReadOnlyList<ProcessingResponse> ResolveHold(HoldResolution resolution, HoldRecord? hold)
    {
        _answers.Clear();
        RaisedHold = null;
        Hold = hold ?? Hold;
        HoldOutcome = resolution;
        _holdStage = HoldStage.Resolved;
        var clean = _raisedFrom == HoldStage.BeforeHeaders;
        if (resolution == HoldResolution.Released)
        {
            Release(clean);
        }
        else if (clean)
        {
            Refuse(resolution);
        }
        else
        {
            RefuseInBand(resolution);
        }

        ReportOutcome();
        return _answers;
    }

    private void Release(bool clean)
    {
        if (clean)
        {
            _answers.AddRange(_withheld);
        }
        else
        {
            FinishInBand(_responseCapture!.ToArray((int)_withholdFrom));
        }

        _withheld.Clear();
    }

    private void FinishInBand(byte[] bytes)
    {
        // A copy of this stream's own: nothing else writes to it.
        var body = UnsafeByteOperations.UnsafeWrap(bytes);
        if (_response.BodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed)
        {
            AnswerBody(_response, body, unchanged: false, endOfStream: true, contentLength: false);
            return;
        }

        var final = _withheld.Count > 0 ? _withheld[^1] : new ProcessingResponse { ResponseBody = new BodyResponse() };
        final.ResponseBody.Response ??= new CommonResponse();
        final.ResponseBody.Response.BodyMutation = new BodyMutation { Body = body };
        _answers.Add(final);
    }

    private static string NewHoldId()
    {
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        const string alphabet = "abcdefghijklmnopqrstuvwxyz234567";
        Span<char> id = stackalloc char[26];
        var bits = 0;
        var value = 0;
        var n = 0;
        foreach (var b in random)
        {
            value = (value << 8) | b;
            bits += 8;
            while (bits >= 5 && n < 26)
            {
                id[n++] = alphabet[(value >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        if (n < 26)
        {
            id[n++] = alphabet[(value << (5 - bits)) & 31];
        }

        return "hold_" + new string(id[..n]);
    }
}
