namespace Hush.PolicyCompiler.Policies;

/// <summary>The decoded text of a policy file with a line table, to turn character offsets into line:col.</summary>
internal sealed class SourceText
{
    private readonly int[] _lineStarts;

    /// <summary>Indexes <paramref name="text"/>, whose diagnostics will name <paramref name="file"/>.</summary>
    public SourceText(string file, string text)
    {
        File = file;
        Text = text;
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            // YAML line breaks are \n, \r\n and a lone \r.
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    /// <summary>The file name used in diagnostics.</summary>
    public string File { get; }

    /// <summary>The whole file text.</summary>
    public string Text { get; }

    /// <summary>The 1-based line and column of the character at <paramref name="index"/> (clamped to the text).</summary>
    public SourcePosition PositionOf(int index)
    {
        index = Math.Clamp(index, 0, Text.Length);
        var line = Array.BinarySearch(_lineStarts, index);
        if (line < 0)
        {
            line = ~line - 1;
        }

        return new SourcePosition(line + 1, index - _lineStarts[line] + 1);
    }

    /// <summary>A diagnostic at the character <paramref name="index"/>.</summary>
    public Diagnostic Error(int index, string message) => new(File, PositionOf(index), message);
}
