namespace Hush.ExtProc.Codecs.Json;

/// <summary>The RFC 8259 number grammar, one state per position; <see cref="Invalid"/> rejects the byte.</summary>
internal enum JsonNumberState
{
    /// <summary>The byte does not continue the number.</summary>
    Invalid,

    /// <summary>After <c>-</c>: a digit must follow.</summary>
    Minus,

    /// <summary>A leading <c>0</c> (complete).</summary>
    Zero,

    /// <summary>Integer digits (complete).</summary>
    Integer,

    /// <summary>After <c>.</c>: a digit must follow.</summary>
    Dot,

    /// <summary>Fraction digits (complete).</summary>
    Fraction,

    /// <summary>After <c>e</c>/<c>E</c>: a sign or digit must follow.</summary>
    Exponent,

    /// <summary>After the exponent sign: a digit must follow.</summary>
    ExponentSign,

    /// <summary>Exponent digits (complete).</summary>
    ExponentDigits,
}
