namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>The result of validating one YAML node against a protobuf message type.</summary>
/// <param name="Errors">What Envoy's strict JSON/YAML loader would reject.</param>
/// <param name="Deprecated">Fields set that the protos mark <c>deprecated</c> (Envoy warns, or refuses them by default).</param>
internal sealed record ProtoYamlReport(IReadOnlyList<ProtoYamlError> Errors, IReadOnlyList<ProtoYamlError> Deprecated)
{
    /// <summary>Every error on its own line, for assertion messages.</summary>
    public string Describe() => Errors.Count == 0 ? "no errors" : string.Join('\n', Errors);
}
