namespace Hush.ExtProc.Identity;

/// <summary>Where the caller's verified identity comes from (the <c>Hush:Identity</c> section).</summary>
public sealed class IdentityOptions
{
    /// <summary>Dynamic-metadata namespace jwt_authn writes to (hard-coded in Envoy; forwarded by ext_proc's metadata_options).</summary>
    public string MetadataNamespace { get; set; } = "envoy.filters.http.jwt_authn";

    /// <summary>jwt_authn's <c>payload_in_metadata</c> key.</summary>
    public string PayloadKey { get; set; } = "jwt_payload";

    /// <summary>Refuse requests without an identity with 401 (immediate response).</summary>
    public bool Required { get; set; }

    /// <summary>
    /// Also accept the payload from a request header (jwt_authn's <c>forward_payload_header</c>, base64url JSON).
    /// Off by default: a header can be spoofed by the client unless jwt_authn sanitises it on every route, while
    /// metadata cannot be set by a client at all.
    /// </summary>
    public bool HeaderFallback { get; set; }

    /// <summary>Header read when <see cref="HeaderFallback"/> is on.</summary>
    public string HeaderName { get; set; } = "x-jwt-payload";

    /// <summary>
    /// Extra claim mapping for CI systems other than GitHub Actions and GitLab CI: provenance field
    /// (<c>repository</c>, <c>run_id</c>, <c>run_attempt</c>, <c>sha</c>, <c>ref</c>, <c>workflow</c>, <c>actor</c>,
    /// <c>pipeline_id</c>, <c>job_id</c>) to claim name. Applied when the issuer is not a known CI issuer.
    /// </summary>
    public Dictionary<string, string> ClaimMapping { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Name the mapped CI system is reported as.</summary>
    public string MappedSystemName { get; set; } = "custom";
}
