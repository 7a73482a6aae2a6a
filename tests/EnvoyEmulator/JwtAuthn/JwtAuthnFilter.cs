using System.Text;
using Google.Protobuf.WellKnownTypes;
using Hush.EnvoyEmulator.Filter;

namespace Hush.EnvoyEmulator.JwtAuthn;

/// <summary>
/// Envoy's <c>envoy.filters.http.jwt_authn</c> on request headers: verifies the bearer token where a rule requires
/// it, strips it unless <c>forward</c>, and stores the payload in dynamic metadata (§3.2).
/// </summary>
public sealed class JwtAuthnFilter(JwtProviderOptions options, TimeProvider? time = null)
{
    /// <summary>The hard-coded dynamic metadata namespace of jwt_authn.</summary>
    public const string MetadataNamespace = "envoy.filters.http.jwt_authn";

    private readonly JwtVerifier _verifier = new(options, time);

    /// <summary>Runs the filter; returns the 401 local reply on failure, null when the request continues.</summary>
    public LocalReply? OnRequestHeaders(HttpHeaderList headers, ExtProcStreamContext context)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(context);
        var path = headers.Get(":path") ?? "/";
        var required = false;
        foreach (var prefix in options.RequiredPrefixes)
        {
            required |= path.StartsWith(prefix, StringComparison.Ordinal);
        }

        if (!required)
        {
            return null;
        }

        var value = headers.Get(options.FromHeader);
        if (value is null || !value.StartsWith(options.ValuePrefix, StringComparison.Ordinal))
        {
            return Unauthorized(headers, JwtStatus.Missing, invalidToken: false);
        }

        var result = _verifier.Verify(value[options.ValuePrefix.Length..].Trim());
        if (!result.Succeeded)
        {
            return Unauthorized(headers, result.Failure!, invalidToken: true);
        }

        if (!options.Forward)
        {
            headers.Remove(options.FromHeader);
        }

        var ns = context.DynamicMetadata.GetOrAdd(MetadataNamespace, _ => new Struct());
        ns.Fields[options.PayloadInMetadata] = Value.ForStruct(result.Payload!);
        return null;
    }

    private static LocalReply Unauthorized(HttpHeaderList request, string status, bool invalidToken)
    {
        var body = Encoding.UTF8.GetBytes(status);
        var realm = "http://" + (request.Get(":authority") ?? "localhost") + (request.Get(":path") ?? "/");
        var reply = HttpHeaderList.Response(401)
            .Add("www-authenticate", invalidToken ? $"Bearer realm=\"{realm}\", error=\"invalid_token\"" : $"Bearer realm=\"{realm}\"")
            .Add("content-type", "text/plain")
            .Add("content-length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return new LocalReply(401, reply, body, "jwt_authn_access_denied{" + status.Replace(' ', '_') + "}");
    }
}
