namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>The JSON value Envoy turns a YAML scalar into (see <see cref="JsonScalar"/>).</summary>
internal enum JsonScalarKind
{
    /// <summary>JSON null: an empty plain scalar, <c>~</c> or <c>null</c>.</summary>
    Null,

    /// <summary>JSON true or false.</summary>
    Bool,

    /// <summary>A JSON number holding an integer in the int32 range.</summary>
    Integer,

    /// <summary>A JSON string.</summary>
    String,
}
