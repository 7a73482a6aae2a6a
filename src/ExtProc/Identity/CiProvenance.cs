namespace Hush.ExtProc.Identity;

/// <summary>Which pipeline run asked: the CI claims of the caller's OIDC token (GitHub Actions, GitLab CI or mapped).</summary>
public sealed record CiProvenance
{
    /// <summary>github-actions, gitlab-ci, or the configured name of a mapped system.</summary>
    public required string System { get; init; }

    /// <summary>Repository or project path (owner/name).</summary>
    public string? Repository { get; init; }

    /// <summary>Run or pipeline id.</summary>
    public string? RunId { get; init; }

    /// <summary>Run attempt (GitHub) .</summary>
    public string? RunAttempt { get; init; }

    /// <summary>Job id (GitLab).</summary>
    public string? JobId { get; init; }

    /// <summary>Commit SHA.</summary>
    public string? Sha { get; init; }

    /// <summary>Git ref.</summary>
    public string? Ref { get; init; }

    /// <summary>Workflow name (GitHub).</summary>
    public string? Workflow { get; init; }

    /// <summary>Reusable workflow reference (GitHub job_workflow_ref).</summary>
    public string? JobWorkflowRef { get; init; }

    /// <summary>Who triggered the run (GitHub actor, GitLab user_login).</summary>
    public string? Actor { get; init; }
}
