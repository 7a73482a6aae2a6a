using Microsoft.AspNetCore.Http;

namespace Hush.EnvoyEmulator.Front;

/// <summary>Writes what the filter releases to the downstream client, flushing every chunk.</summary>
internal sealed partial class FrontRequestHandler
{
    private async Task WriteDownstreamAsync(HttpContext context, ProxyOutput output, CancellationToken ct)
    {
        var response = context.Response;
        await foreach (var item in output.Downstream.Reader.ReadAllAsync(ct).ConfigureAwait(false))
        {
            switch (item.Kind)
            {
                case OutputItemKind.Headers:
                    response.StatusCode = int.Parse(item.Headers!.Get(":status") ?? "502", System.Globalization.CultureInfo.InvariantCulture);
                    foreach (var (key, value) in item.Headers.Entries)
                    {
                        if (key.StartsWith(':') || s_hopByHop.Contains(key))
                        {
                            continue;
                        }

                        if (key == "content-length" && long.TryParse(value, out var length))
                        {
                            response.ContentLength = length;
                            continue;
                        }

                        response.Headers.Append(key, value);
                    }

                    await response.StartAsync(ct).ConfigureAwait(false);
                    break;
                case OutputItemKind.Data:
                    if (item.Data!.Length > 0)
                    {
                        await response.Body.WriteAsync(item.Data, ct).ConfigureAwait(false);
                        await response.Body.FlushAsync(ct).ConfigureAwait(false);
                    }

                    break;
                case OutputItemKind.Trailers:
                    if (response.SupportsTrailers())
                    {
                        foreach (var (key, value) in item.Headers!.Entries)
                        {
                            response.AppendTrailer(key, value);
                        }
                    }

                    break;
                case OutputItemKind.LocalReply:
                    await FrontProxy.WriteLocalReplyAsync(context, item.Reply!).ConfigureAwait(false);
                    break;
                case OutputItemKind.Reset:
                    context.Abort();
                    return;
            }

            if (item.EndOfStream)
            {
                return;
            }
        }
    }
}
