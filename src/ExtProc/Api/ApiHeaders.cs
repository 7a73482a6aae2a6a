namespace Hush.ExtProc.Api;

/// <summary>Response headers every API and UI answer carries.</summary>
internal static class ApiHeaders
{
    /// <summary>Forbids caching (answers carry holds and audit data) and MIME sniffing.</summary>
    public static void NoStore(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
    }
}
