using YamlDotNet.Core;

namespace Hush.PolicyCompiler.Policies;

/// <summary>A scalar with its parsed value, style and a map from value offsets back to the file.</summary>
internal sealed record YamlScalar(int Start, int End, string Value, ScalarStyle Style, ScalarSourceMap Map)
    : YamlNodeBase(Start, End)
{
    /// <summary>Whether the scalar is plain (unquoted), which decides whether it may be read as a number.</summary>
    public bool IsPlain => Style == ScalarStyle.Plain;

    /// <summary>Whether the scalar is a plain empty value or <c>~</c>/<c>null</c>.</summary>
    public bool IsNull => IsPlain && (Value.Length == 0 || Value is "~" or "null" or "Null" or "NULL");

    /// <inheritdoc />
    public override string KindName => IsNull ? "null" : "a scalar";
}
