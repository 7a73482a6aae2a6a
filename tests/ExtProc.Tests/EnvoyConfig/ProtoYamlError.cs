namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>One finding of <see cref="ProtoYamlValidator"/>: where it is in the YAML and what Envoy's loader would say.</summary>
/// <param name="Path">Field path from the validated root, e.g. <c>static_resources.clusters[0].connect_timeout</c>.</param>
/// <param name="Line">1-based line of the offending node.</param>
/// <param name="Column">1-based column of the offending node.</param>
/// <param name="Message">What is wrong.</param>
internal sealed record ProtoYamlError(string Path, long Line, long Column, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path} ({Line}:{Column}): {Message}";
}
