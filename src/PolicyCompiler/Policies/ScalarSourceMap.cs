using YamlDotNet.Core;

namespace Hush.PolicyCompiler.Policies;

/// <summary>
/// Maps an offset in a YAML scalar's value (for example a regex error offset inside a pattern) back to the line
/// and column in the file where the character producing it was written, through quoting, escapes, line folding
/// and block indentation.
/// </summary>
/// <remarks>
/// The map is rebuilt from the raw scalar text and checked against the parser's value; if the two ever disagree
/// (an unusual form the rebuild does not model) every offset maps to the scalar's start, which is still a correct
/// if coarser position.
/// </remarks>
internal sealed partial class ScalarSourceMap
{
    private readonly SourceText _source;
    private readonly int[] _indices;
    private readonly int _fallbackIndex;

    private ScalarSourceMap(SourceText source, int[] indices, int fallbackIndex)
    {
        _source = source;
        _indices = indices;
        _fallbackIndex = fallbackIndex;
    }

    /// <summary>Whether the rebuild matched the parsed value, so positions are exact.</summary>
    public bool IsExact => _indices.Length > 0;

    /// <summary>The position of the character that produced value offset <paramref name="offset"/>.</summary>
    /// <remarks>An offset equal to the value length (errors at the end of a pattern) maps just past the last character.</remarks>
    public SourcePosition PositionOf(int offset) => _source.PositionOf(IndexOf(offset));

    /// <summary>The file character index that produced value offset <paramref name="offset"/>.</summary>
    public int IndexOf(int offset)
    {
        if (_indices.Length == 0)
        {
            return _fallbackIndex;
        }

        return _indices[Math.Clamp(offset, 0, _indices.Length - 1)];
    }

    /// <summary>
    /// Builds the map of a scalar whose raw text spans <paramref name="start"/>..<paramref name="end"/> (exclusive)
    /// of <paramref name="source"/> and whose parsed value is <paramref name="value"/>.
    /// </summary>
    public static ScalarSourceMap Build(SourceText source, int start, int end, ScalarStyle style, string value)
    {
        var text = source.Text;
        start = Math.Clamp(start, 0, text.Length);
        end = Math.Clamp(end, start, text.Length);
        List<int>? indices = style switch
        {
            ScalarStyle.Plain => Flow(text, start, end, quote: '\0', value),
            ScalarStyle.SingleQuoted => Flow(text, start, end, quote: '\'', value),
            ScalarStyle.DoubleQuoted => Flow(text, start, end, quote: '"', value),
            ScalarStyle.Literal or ScalarStyle.Folded => Block(text, start, end, style == ScalarStyle.Folded, value),
            _ => null,
        };
        return indices is null ? new ScalarSourceMap(source, [], start) : new ScalarSourceMap(source, [.. indices], start);
    }

    /// <summary>Checks the rebuilt characters against the value and appends the end sentinel.</summary>
    private static List<int>? Finish(List<char> chars, List<int> indices, string value, int endIndex)
    {
        // Block scalars are rebuilt with every trailing line break kept; chomping only removes trailing breaks.
        if (chars.Count < value.Length)
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            if (chars[i] != value[i])
            {
                return null;
            }
        }

        for (var i = value.Length; i < chars.Count; i++)
        {
            if (chars[i] != '\n')
            {
                return null;
            }
        }

        var sentinel = value.Length == 0 ? endIndex : indices[value.Length - 1] + 1;
        indices.RemoveRange(value.Length, indices.Count - value.Length);
        indices.Add(sentinel);
        return indices;
    }

    private static bool IsBreak(char c) => c is '\n' or '\r';

    private static bool IsBlank(char c) => c is ' ' or '\t';

    /// <summary>Skips one line break (\r\n, \n or \r) at <paramref name="i"/>.</summary>
    private static int SkipBreak(string text, int i) =>
        text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? i + 2 : i + 1;
}
