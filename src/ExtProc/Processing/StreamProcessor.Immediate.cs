using System.Buffers;
using System.Globalization;
using System.Text.Json;
using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;
using Hush.ExtProc.Metrics;

namespace Hush.ExtProc.Processing;

/// <summary>Local replies: an OpenAI-style JSON error body that SDKs already know how to surface.</summary>
internal sealed partial class StreamProcessor
{
    private void Immediate(Envoy.Type.V3.StatusCode status, string type, string code, string message) =>
        ImmediateBody(status, OpenAiError(type, code, message), type, code);

    private static byte[] OpenAiError(string type, string code, string message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("message", message);
            json.WriteString("type", type);
            json.WriteNull("param");
            json.WriteString("code", code);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Ends the stream with a local reply carrying <paramref name="body"/> (JSON) and optional extra headers.</summary>
    private void ImmediateBody(Envoy.Type.V3.StatusCode status, byte[] body, string details, string? code,
        string? extraHeader = null, string? extraValue = null, string contentType = "application/json")
    {
        var headers = new HeaderMutation();
        headers.SetHeaders.Add(Header("content-type", contentType));
        if (code is not null)
        {
            headers.SetHeaders.Add(Header("x-hush-error", code));
        }

        if (extraHeader is not null)
        {
            headers.SetHeaders.Add(Header(extraHeader, extraValue ?? ""));
        }

        _answers.Add(new ProcessingResponse
        {
            ImmediateResponse = new ImmediateResponse
            {
                Status = new Envoy.Type.V3.HttpStatus { Code = status },
                Headers = headers,
                Body = ByteString.CopyFrom(body),
                Details = details,
            },
        });
        Terminated = true;
        _request.Phase = DirectionPhase.Done;
        _response.Phase = DirectionPhase.Done;
        _metrics.ImmediateResponses.WithLabels(((int)status).ToString(CultureInfo.InvariantCulture)).Inc();
    }

    private static HeaderValueOption Header(string key, string value) =>
        new() { Header = new HeaderValue { Key = key, RawValue = ByteString.CopyFromUtf8(value) } };
}
