using Hush.ExtProc.Approvals;

namespace Hush.ExtProc.Auth;

/// <summary>The outcome of <see cref="JwtValidator.Validate"/>: the verified identity, or the reason the token was refused.</summary>
/// <param name="Identity">The caller, when the token verified.</param>
/// <param name="Error">One of <see cref="JwtErrors"/>, when it did not.</param>
internal readonly record struct JwtValidation(ApproverIdentity? Identity, string? Error)
{
    /// <summary>True when the token verified.</summary>
    public bool Succeeded => Identity is not null;

    /// <summary>A refusal with <paramref name="error"/>.</summary>
    public static JwtValidation Fail(string error) => new(null, error);
}
