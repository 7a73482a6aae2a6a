namespace Hush.PolicyCompiler.Automata;

/// <summary>
/// A partition of the 256 byte values into classes that no NFA transition and no needed look-around can tell
/// apart, so the DFA has one column per class.
/// </summary>
internal sealed class ByteClasses
{
    /// <summary>Creates the partition.</summary>
    public ByteClasses(byte[] classOf, int count, byte[] representatives)
    {
        ClassOf = classOf;
        Count = count;
        Representatives = representatives;
    }

    /// <summary>Class of every byte value.</summary>
    public byte[] ClassOf { get; }

    /// <summary>Number of classes (end-of-input excluded).</summary>
    public int Count { get; }

    /// <summary>The smallest byte of each class; any member behaves the same.</summary>
    public byte[] Representatives { get; }
}
