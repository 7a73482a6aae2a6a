namespace Hush.PolicyCompiler.Policies;

/// <summary>The outcome of loading a policy: the document when it is valid, and every problem found.</summary>
internal sealed record PolicyLoadResult(PolicyDocument? Document, IReadOnlyList<Diagnostic> Diagnostics)
{
    /// <summary>Whether the policy loaded without errors.</summary>
    public bool Success => Document is not null && Diagnostics.Count == 0;
}
