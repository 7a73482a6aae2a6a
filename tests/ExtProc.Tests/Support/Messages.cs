using System.Text;
using Envoy.Config.Core.V3;
using Envoy.Extensions.Filters.Http.ExtProc.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;

namespace Hush.ExtProc.Tests.Support;

/// <summary>Builders of the messages Envoy sends, shaped as Envoy shapes them (values in raw_value, lower-case keys).</summary>
internal static class Messages
{
    /// <summary>A header map from name/value pairs.</summary>
    public static HeaderMap Map(params (string Key, string Value)[] headers)
    {
        var map = new HeaderMap();
        foreach (var (key, value) in headers)
        {
            map.Headers.Add(new HeaderValue { Key = key, RawValue = ByteString.CopyFromUtf8(value) });
        }

        return map;
    }

    /// <summary>The first message of a stream: request headers plus protocol_config.</summary>
    public static ProcessingRequest RequestHeaders(
        ProcessingMode.Types.BodySendMode requestMode = ProcessingMode.Types.BodySendMode.None,
        ProcessingMode.Types.BodySendMode responseMode = ProcessingMode.Types.BodySendMode.Streamed,
        bool endOfStream = true,
        bool withoutWaiting = false,
        string path = "/v1/chat/completions",
        params (string Key, string Value)[] extra)
    {
        var headers = new List<(string, string)>
        {
            (":method", "POST"), (":path", path), (":scheme", "http"), (":authority", "llm.local"),
            ("content-type", "application/json"), ("accept-encoding", "gzip, br"),
        };
        headers.AddRange(extra);
        return new ProcessingRequest
        {
            RequestHeaders = new HttpHeaders { Headers = Map([.. headers]), EndOfStream = endOfStream },
            ProtocolConfig = new ProtocolConfiguration
            {
                RequestBodyMode = requestMode,
                ResponseBodyMode = responseMode,
                SendBodyWithoutWaitingForHeaderResponse = withoutWaiting,
            },
            MetadataContext = new Metadata(),
        };
    }

    /// <summary>Response headers.</summary>
    public static ProcessingRequest ResponseHeaders(string contentType = "text/event-stream", bool endOfStream = false,
        params (string Key, string Value)[] extra)
    {
        var headers = new List<(string, string)> { (":status", "200"), ("content-type", contentType) };
        headers.AddRange(extra);
        return new ProcessingRequest
        {
            ResponseHeaders = new HttpHeaders { Headers = Map([.. headers]), EndOfStream = endOfStream },
            MetadataContext = new Metadata(),
        };
    }

    /// <summary>A response body chunk.</summary>
    public static ProcessingRequest ResponseBody(string text, bool endOfStream = false) =>
        ResponseBody(Encoding.UTF8.GetBytes(text), endOfStream);

    /// <summary>A response body chunk.</summary>
    public static ProcessingRequest ResponseBody(byte[] bytes, bool endOfStream = false) => new()
    {
        ResponseBody = new HttpBody { Body = ByteString.CopyFrom(bytes), EndOfStream = endOfStream },
        MetadataContext = new Metadata(),
    };

    /// <summary>A request body chunk.</summary>
    public static ProcessingRequest RequestBody(string text, bool endOfStream = true) => new()
    {
        RequestBody = new HttpBody { Body = ByteString.CopyFromUtf8(text), EndOfStream = endOfStream },
        MetadataContext = new Metadata(),
    };

    /// <summary>Response trailers.</summary>
    public static ProcessingRequest ResponseTrailers() => new()
    {
        ResponseTrailers = new HttpTrailers { Trailers = Map(("grpc-status", "0")) },
        MetadataContext = new Metadata(),
    };

    /// <summary>
    /// The bytes a STREAMED/BUFFERED body answer lets through for <paramref name="chunk"/>: the mutation's body,
    /// nothing for clear_body, or the original chunk when the answer carries no mutation (Envoy's rule).
    /// </summary>
    public static byte[] Released(BodyResponse answer, byte[] chunk)
    {
        var mutation = answer.Response?.BodyMutation;
        return mutation?.MutationCase switch
        {
            BodyMutation.MutationOneofCase.Body => mutation.Body.ToByteArray(),
            BodyMutation.MutationOneofCase.ClearBodyFlag => [],
            BodyMutation.MutationOneofCase.StreamedResponse => mutation.StreamedResponse.Body.ToByteArray(),
            _ => chunk,
        };
    }
}
