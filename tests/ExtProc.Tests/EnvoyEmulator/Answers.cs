using Envoy.Config.Core.V3;
using Envoy.Service.ExtProc.V3;
using Google.Protobuf;

namespace Hush.ExtProc.Tests.EnvoyEmulator;

/// <summary>Builders for server answers.</summary>
internal static class Answers
{
    /// <summary>The empty CONTINUE answer matching <paramref name="request"/>'s type.</summary>
    public static ProcessingResponse ContinueFor(ProcessingRequest request) => request.RequestCase switch
    {
        ProcessingRequest.RequestOneofCase.RequestHeaders => new() { RequestHeaders = new HeadersResponse() },
        ProcessingRequest.RequestOneofCase.ResponseHeaders => new() { ResponseHeaders = new HeadersResponse() },
        ProcessingRequest.RequestOneofCase.RequestBody => new() { RequestBody = new BodyResponse() },
        ProcessingRequest.RequestOneofCase.ResponseBody => new() { ResponseBody = new BodyResponse() },
        ProcessingRequest.RequestOneofCase.RequestTrailers => new() { RequestTrailers = new TrailersResponse() },
        ProcessingRequest.RequestOneofCase.ResponseTrailers => new() { ResponseTrailers = new TrailersResponse() },
        _ => throw new ArgumentException("no request set", nameof(request)),
    };

    /// <summary>A response_body answer replacing the chunk with <paramref name="text"/>.</summary>
    public static ProcessingResponse ResponseBody(string text) => new()
    {
        ResponseBody = new BodyResponse { Response = new CommonResponse { BodyMutation = new BodyMutation { Body = ByteString.CopyFromUtf8(text) } } },
    };

    /// <summary>A request_body answer replacing the chunk with <paramref name="text"/>.</summary>
    public static ProcessingResponse RequestBody(string text) => new()
    {
        RequestBody = new BodyResponse { Response = new CommonResponse { BodyMutation = new BodyMutation { Body = ByteString.CopyFromUtf8(text) } } },
    };

    /// <summary>A header mutation setting <paramref name="key"/> via raw_value (append unset = overwrite).</summary>
    public static HeaderMutation Set(params (string Key, string Value)[] headers)
    {
        var mutation = new HeaderMutation();
        foreach (var (key, value) in headers)
        {
            mutation.SetHeaders.Add(new HeaderValueOption { Header = new HeaderValue { Key = key, RawValue = ByteString.CopyFromUtf8(value) } });
        }

        return mutation;
    }

    /// <summary>Body text of a request message.</summary>
    public static string BodyText(ProcessingRequest request) =>
        (request.RequestBody ?? request.ResponseBody)?.Body.ToStringUtf8() ?? "";
}
