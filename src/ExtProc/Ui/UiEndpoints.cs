using System.Collections.Frozen;
using System.Reflection;
using Hush.ExtProc.Api;

namespace Hush.ExtProc.Ui;

/// <summary>
/// Serves the review UI (plain HTML, JS and CSS embedded in this assembly) under <c>/ui/</c> on the admin port.
/// The pages are public; every piece of data they show comes from the JWT-protected API. A strict
/// Content-Security-Policy allows only this origin's own script, style and fetches: no inline script, no CDN.
/// </summary>
internal static class UiEndpoints
{
    /// <summary>The URL prefix of the UI.</summary>
    public const string Prefix = "/ui/";

    private const string ResourcePrefix = "Hush.ExtProc.Ui.Assets.";

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; " +
        "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, string> s_types = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Maps <c>/ui</c> (redirect to <c>/ui/</c>), <c>/ui/</c> (index.html) and <c>/ui/{file}</c> (the embedded files).</summary>
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var assets = Load();
        var index = assets["index.html"];
        // One route: routing matches "/ui" and "/ui/" alike, so two routes would be ambiguous. "/ui" is redirected
        // because the page's relative asset URLs only resolve under "/ui/".
        app.MapGet(Prefix + "{file?}", new RequestDelegate(context =>
        {
            if (context.Request.RouteValues["file"] is not string file)
            {
                if (!context.Request.Path.Value!.EndsWith('/'))
                {
                    context.Response.Redirect(Prefix);
                    return Task.CompletedTask;
                }

                return WriteAsync(context, index);
            }

            return assets.TryGetValue(file, out var asset)
                ? WriteAsync(context, asset)
                : ApiErrors.WriteAsync(context, StatusCodes.Status404NotFound, "not_found", "no such UI file");
        }));
    }

    /// <summary>The embedded UI files by file name (index.html, app.js, app.css).</summary>
    public static FrozenDictionary<string, UiAsset> Load()
    {
        var assembly = typeof(UiEndpoints).Assembly;
        var assets = new Dictionary<string, UiAsset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames())
        {
            if (!name.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            var file = name[ResourcePrefix.Length..];
            if (!s_types.TryGetValue(Path.GetExtension(file), out var type))
            {
                continue;
            }

            assets[file] = new UiAsset(Read(assembly, name), type);
        }

        if (!assets.ContainsKey("index.html"))
        {
            throw new InvalidOperationException("The review UI's embedded index.html is missing from " + assembly.GetName().Name);
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException("Embedded resource " + name + " cannot be opened");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    private static Task WriteAsync(HttpContext context, UiAsset asset)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = asset.ContentType;
        response.ContentLength = asset.Content.Length;
        ApiHeaders.NoStore(response);
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
        return response.Body.WriteAsync(asset.Content, context.RequestAborted).AsTask();
    }
}
