using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;

namespace Hush.ExtProc.Processing;

/// <summary>Bodies in every mode Envoy uses, and trailers (where held-back bytes must be settled).</summary>
internal sealed partial class StreamProcessor
{
    private void OnBody(DirectionState direction, HttpBody body)
    {
        var fullDuplex = direction.BodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed;
        switch (direction.Phase)
        {
            case DirectionPhase.AwaitingHeaders:
                throw ExtProcFailure.Protocol($"{Name(direction, "body")} arrived before {Name(direction, "headers")}: Hush needs header mode SEND in every direction it scans");
            case DirectionPhase.Done when fullDuplex:
                // Envoy 1.35+ may re-deliver the final FULL_DUPLEX_STREAMED chunk (envoyproxy/envoy#46237); it
                // was answered already and FDS answers are not paired with chunks, so it is dropped.
                return;
            case DirectionPhase.Done:
                throw ExtProcFailure.Protocol($"{Name(direction, "body")} arrived after the end of the {Name(direction, "body")}");
            case DirectionPhase.AwaitingTrailers:
                throw ExtProcFailure.Protocol($"{Name(direction, "body")} arrived after the buffered body; only trailers may follow");
        }

        direction.BodyBytes += body.Body.Length;
        if (_settings.PassThrough || direction.SkipBody)
        {
            AnswerBody(direction, fullDuplex ? body.Body : null, unchanged: !fullDuplex, body.EndOfStream, contentLength: false);
            direction.Phase = body.EndOfStream ? DirectionPhase.Done : direction.Phase;
            return;
        }

        switch (direction.BodyMode)
        {
            case ProcessingMode.Types.BodySendMode.Buffered:
            case ProcessingMode.Types.BodySendMode.BufferedPartial:
                OnBufferedBody(direction, body);
                return;
            default:
                OnStreamedBody(direction, body, fullDuplex);
                return;
        }
    }

    private void OnBufferedBody(DirectionState direction, HttpBody body)
    {
        if (body.Body.Length > _settings.MaxBufferedBodyBytes)
        {
            Immediate(Envoy.Type.V3.StatusCode.PayloadTooLarge, "hush_payload_too_large", "payload_too_large",
                $"The {Name(direction, "body")} is {body.Body.Length} bytes; Hush scans buffered bodies up to {_settings.MaxBufferedBodyBytes} bytes (Hush:MaxBufferedBodyBytes).");
            return;
        }

        if (!body.EndOfStream && direction.BodyMode == ProcessingMode.Types.BodySendMode.BufferedPartial)
        {
            // Envoy lets the rest of a partially buffered body through unprocessed: refusing is the only safe answer.
            Immediate(Envoy.Type.V3.StatusCode.PayloadTooLarge, "hush_payload_too_large", "payload_too_large",
                $"The {Name(direction, "body")} exceeds Envoy's buffer in BUFFERED_PARTIAL mode; the remainder could not be scanned.");
            return;
        }

        var released = Scanner(direction).Process(body.Body.Memory, final: true, out var changed);
        CaptureReleased(direction, released);
        AnswerBody(direction, changed ? ByteString.CopyFrom(released) : null, unchanged: !changed, endOfStream: true,
            contentLength: changed && (direction.HadContentLength || direction.DecodeEncoding is not null));
        direction.Phase = body.EndOfStream ? DirectionPhase.Done : DirectionPhase.AwaitingTrailers;
    }

    private void OnStreamedBody(DirectionState direction, HttpBody body, bool fullDuplex)
    {
        var final = body.EndOfStream;
        var released = Scanner(direction).Process(body.Body.Memory, final, out var changed);
        CaptureReleased(direction, released);
        if (fullDuplex)
        {
            AnswerBody(direction, changed ? Lend(released) : body.Body, unchanged: false, final, contentLength: false);
        }
        else
        {
            AnswerBody(direction, changed ? Lend(released) : null, unchanged: !changed, final, contentLength: false);
        }

        if (final)
        {
            direction.Phase = DirectionPhase.Done;
        }
    }

    private void OnTrailers(DirectionState direction)
    {
        if (direction.Phase is DirectionPhase.AwaitingHeaders or DirectionPhase.Done)
        {
            throw ExtProcFailure.Protocol($"{Name(direction, "trailers")} arrived {(direction.Phase == DirectionPhase.Done ? "after the end of the stream" : "before the headers")}");
        }

        if (direction.Direction == TrafficDirection.Response
            && (_holdStage == HoldStage.Withholding || (_holdStage == HoldStage.BeforeHeaders && HoldCount > 0)))
        {
            throw ExtProcFailure.Limit("a held answer ended with trailers: its withheld bytes cannot be released in a trailers answer");
        }

        var scanner = direction.Scanner;
        if (scanner is not null && direction.Phase == DirectionPhase.Body && !_settings.PassThrough && !direction.SkipBody)
        {
            if (direction.BodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed)
            {
                // FDS answers are free-standing: the held tail goes out now, ahead of the trailers answer.
                var released = scanner.Process(ReadOnlyMemory<byte>.Empty, final: true, out _);
                AnswerBody(direction, ByteString.CopyFrom(released), unchanged: false, endOfStream: false, contentLength: false);
            }
            else if (scanner.HeldBytes > 0)
            {
                // Envoy sends trailers only after every chunk was answered and a trailers answer carries no body,
                // so held bytes can no longer be released: end the stream rather than drop or leak them.
                throw ExtProcFailure.Limit($"{scanner.HeldBytes} held-back bytes at {Name(direction, "trailers")} cannot be released in STREAMED mode (use FULL_DUPLEX_STREAMED for bodies with trailers)");
            }
        }

        direction.Phase = DirectionPhase.Done;
        var answer = new ProcessingResponse();
        if (direction.Direction == TrafficDirection.Request)
        {
            answer.RequestTrailers = new TrailersResponse();
        }
        else
        {
            answer.ResponseTrailers = new TrailersResponse();
        }

        _answers.Add(answer);
    }

    private BodyScanner Scanner(DirectionState direction)
    {
        if (direction.Scanner is { } scanner)
        {
            return scanner;
        }

        var matcher = direction.Direction == TrafficDirection.Request ? _policy!.Request : _policy!.Response;
        var decoder = direction.DecodeEncoding is { } encoding
            ? ChunkDecompressor.Create(encoding, (long)_settings.MaxBufferedBodyBytes * 16)
            : null;
        return direction.Scanner = new BodyScanner(matcher, direction.Direction, _settings.MaxHeldBackBytes, decoder, _metrics,
            direction.ContentType);
    }

    private void AnswerBody(DirectionState direction, ByteString? body, bool unchanged, bool endOfStream, bool contentLength)
    {
        if (!contentLength && direction.BodyMode != ProcessingMode.Types.BodySendMode.FullDuplexStreamed)
        {
            _answers.Add(ReusedBodyAnswer(direction.Direction, unchanged ? null : body ?? ByteString.Empty));
            return;
        }

        // From here on: FULL_DUPLEX_STREAMED, or a whole body whose content-length must be set.
        var common = new CommonResponse();
        if (direction.BodyMode == ProcessingMode.Types.BodySendMode.FullDuplexStreamed)
        {
            common.BodyMutation = new BodyMutation
            {
                StreamedResponse = new StreamedBodyResponse { Body = body ?? ByteString.Empty, EndOfStream = endOfStream },
            };
        }
        else if (!unchanged)
        {
            common.BodyMutation = new BodyMutation { Body = body ?? ByteString.Empty };
            common.HeaderMutation = new HeaderMutation();
            common.HeaderMutation.SetHeaders.Add(new HeaderValueOption
            {
                Header = new HeaderValue
                {
                    Key = "content-length",
                    RawValue = ByteString.CopyFromUtf8((body?.Length ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture)),
                },
            });
        }

        var answer = new ProcessingResponse();
        if (direction.Direction == TrafficDirection.Request)
        {
            answer.RequestBody = new BodyResponse { Response = common };
        }
        else
        {
            answer.ResponseBody = new BodyResponse { Response = common };
        }

        _answers.Add(answer);
    }
}
