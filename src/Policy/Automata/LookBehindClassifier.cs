using System.Runtime.CompilerServices;

namespace Hush.Policy.Automata;

/// <summary>Maps the byte before a scan position to the <see cref="LookBehind"/> that selects the start state.</summary>
public static class LookBehindClassifier
{
    /// <summary>Whether <paramref name="b"/> is an ASCII word byte, as RE2 and Go define <c>\w</c> and <c>\b</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsWordByte(byte b) =>
        (uint)(b - '0') <= 9 || (uint)((b | 0x20) - 'a') <= 'z' - 'a' || b == '_';

    /// <summary>The look-behind kind for a scan that starts right after <paramref name="previous"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LookBehind Classify(byte previous) =>
        previous == (byte)'\n' ? LookBehind.LineFeed : IsWordByte(previous) ? LookBehind.Word : LookBehind.Other;
}
