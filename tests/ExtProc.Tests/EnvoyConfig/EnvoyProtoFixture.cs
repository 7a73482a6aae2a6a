namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>
/// xunit class fixture over <see cref="EnvoyProtoSet.Shared"/>: compiles Envoy's API protos once per test run and fails
/// every test that uses it, with the set-up hint, when the npm protos or protoc are missing (never a skip).
/// </summary>
public sealed class EnvoyProtoFixture
{
    /// <summary>Compiles (or reuses) the shared descriptor set.</summary>
    public EnvoyProtoFixture() => Protos = EnvoyProtoSet.Shared;

    /// <summary>Envoy's descriptors.</summary>
    internal EnvoyProtoSet Protos { get; }
}
