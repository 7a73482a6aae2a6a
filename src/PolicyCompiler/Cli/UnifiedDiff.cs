using System.Text;

namespace Hush.PolicyCompiler.Cli;

/// <summary>A line-based unified-style diff, for showing expected versus actual test output.</summary>
internal static class UnifiedDiff
{
    /// <summary>
    /// The diff of <paramref name="expected"/> and <paramref name="actual"/> as one hunk covering both texts (test
    /// cases are short, so every line is shown with its <c>' '</c>, <c>'-'</c> or <c>'+'</c> prefix).
    /// </summary>
    public static string Create(string expected, string actual, string expectedLabel = "expected", string actualLabel = "actual")
    {
        var a = expected.Split('\n');
        var b = actual.Split('\n');
        // Longest common subsequence table, filled from the end so the walk below goes forwards.
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var sb = new StringBuilder();
        sb.Append("--- ").Append(expectedLabel).Append('\n');
        sb.Append("+++ ").Append(actualLabel).Append('\n');
        sb.Append($"@@ -1,{a.Length} +1,{b.Length} @@\n");
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                sb.Append(' ').Append(Visible(a[x])).Append('\n');
                x++;
                y++;
            }
            else if (y >= b.Length || (x < a.Length && lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                sb.Append('-').Append(Visible(a[x])).Append('\n');
                x++;
            }
            else
            {
                sb.Append('+').Append(Visible(b[y])).Append('\n');
                y++;
            }
        }

        return sb.ToString();
    }

    /// <summary>Makes a carriage return or trailing blank visible, since it is otherwise an invisible difference.</summary>
    private static string Visible(string line)
    {
        line = line.Replace("\r", "\\r", StringComparison.Ordinal);
        return line.Length > 0 && line[^1] is ' ' or '\t' ? line + "⏎" : line;
    }
}
