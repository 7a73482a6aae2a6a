using System.Net;
using Hush.EnvoyEmulator.Filter;

namespace Hush.EnvoyEmulator.Front;

/// <summary>The router part: sends released request traffic upstream and feeds the response into the filter.</summary>
internal sealed partial class FrontRequestHandler
{
    private async Task RunUpstreamAsync(ProxyOutput output, ExtProcFilter filter, CancellationToken ct)
    {
        var reader = output.Upstream.Reader;
        if (!await reader.WaitToReadAsync(ct).ConfigureAwait(false) || !reader.TryRead(out var first) || first.Kind != OutputItemKind.Headers)
        {
            return;
        }

        var headers = first.Headers!;
        var path = headers.Get(":path") ?? "/";
        var method = headers.Get(":method") ?? "GET";
        var uri = new Uri(options.Upstream, path.TrimStart('/'));
        using var request = new HttpRequestMessage(new HttpMethod(method), uri) { Version = HttpVersion.Version11 };
        if (!first.EndOfStream)
        {
            request.Content = new ChannelRequestContent(reader);
        }

        foreach (var (key, value) in headers.Entries)
        {
            if (key.StartsWith(':') || s_hopByHop.Contains(key))
            {
                continue;
            }

            if (key == "content-length")
            {
                if (request.Content is not null && long.TryParse(value, out var length))
                {
                    request.Content.Headers.ContentLength = length;
                }

                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(key, value))
            {
                request.Content?.Headers.TryAddWithoutValidation(key, value);
            }
        }

        using var response = await upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
        var responseHeaders = HttpHeaderList.Response((int)response.StatusCode);
        foreach (var (key, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (s_hopByHop.Contains(key))
            {
                continue;
            }

            foreach (var value in values)
            {
                responseHeaders.Add(key, value);
            }
        }

        var noBody = method == "HEAD" || response.StatusCode is HttpStatusCode.NoContent or HttpStatusCode.NotModified
            || response.Content.Headers.ContentLength == 0;
        await filter.EncodeHeadersAsync(responseHeaders, noBody).ConfigureAwait(false);
        if (noBody)
        {
            return;
        }

        await using var body = await response.Content.ReadAsStreamAsync(ct).ConfigureAwait(false);
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var read = await body.ReadAsync(buffer, ct).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            await filter.EncodeDataAsync(buffer.AsMemory(0, read), endOfStream: false).ConfigureAwait(false);
        }

        var trailers = new HttpHeaderList();
        foreach (var (key, values) in response.TrailingHeaders)
        {
            foreach (var value in values)
            {
                trailers.Add(key, value);
            }
        }

        if (trailers.Count > 0)
        {
            await filter.EncodeTrailersAsync(trailers).ConfigureAwait(false);
        }
        else
        {
            // The end of a chunked/streamed body arrives as an empty end-of-stream data frame.
            await filter.EncodeDataAsync(ReadOnlyMemory<byte>.Empty, endOfStream: true).ConfigureAwait(false);
        }
    }
}
