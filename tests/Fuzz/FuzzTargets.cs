using Hush.Fuzz.Targets;

namespace Hush.Fuzz;

/// <summary>The targets by command-line name.</summary>
internal static class FuzzTargets
{
    /// <summary>Every target name, in the order the docs list them.</summary>
    public static readonly string[] Names = ["regex", "policy", "artifact", "matcher", "codec"];

    /// <summary>A new instance of target <paramref name="name"/>, or null for an unknown name.</summary>
    public static IFuzzTarget? Create(string name) => name switch
    {
        "regex" => new RegexTarget(),
        "policy" => new PolicyTarget(),
        "artifact" => new ArtifactTarget(),
        "matcher" => new MatcherTarget(),
        "codec" => new CodecTarget(),
        _ => null,
    };
}
