namespace Hush.ExtProc.Auth;

/// <summary>
/// Settings of the approvers' JWT check (<c>Hush:Auth</c>): the keys, issuer and audiences a token of the approvals
/// API and review UI must match, where its groups are, and which groups may read the audit trail.
/// </summary>
internal sealed class AuthOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Hush:Auth";

    /// <summary>The groups allowed to read the audit trail when <see cref="AuditorGroups"/> is not set.</summary>
    public static readonly IReadOnlyList<string> DefaultAuditorGroups = ["security", "auditors"];

    /// <summary>A file holding a JWKS document (read at start). Keys from it and from <see cref="Jwks"/> are combined.</summary>
    public string? JwksPath { get; set; }

    /// <summary>An inline JWKS document (JSON).</summary>
    public string? Jwks { get; set; }

    /// <summary>The required <c>iss</c>; unset accepts any issuer.</summary>
    public string? Issuer { get; set; }

    /// <summary>When not empty, the token's <c>aud</c> (string or array) must contain one of these.</summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>The claim holding the caller's groups: an array of strings, or one string separated by spaces or commas.</summary>
    public string GroupsClaim { get; set; } = "groups";

    /// <summary>Tolerance applied to <c>exp</c> and <c>nbf</c>.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Groups whose members may read the audit trail; unset means <see cref="DefaultAuditorGroups"/>. Nullable rather
    /// than pre-filled because the configuration binder appends to a pre-filled array instead of replacing it.
    /// </summary>
    public string[]? AuditorGroups { get; set; }

    /// <summary>The auditor groups in force (<see cref="AuditorGroups"/> or the default).</summary>
    public IReadOnlyList<string> EffectiveAuditorGroups => AuditorGroups ?? DefaultAuditorGroups;
}
