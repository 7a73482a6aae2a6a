namespace Hush.Policy.Matching;

internal sealed partial class LiteralPrefilter
{
    private int Child(int node, byte b)
    {
        if (node == 0)
        {
            // The root has an edge for most letters and nearly every suffix probe starts there.
            return _trieRoot[b];
        }

        for (var e = _trieEdgeStart[node]; e < _trieEdgeStart[node + 1]; e++)
        {
            if (_trieEdgeByte[e] == b)
            {
                return _trieEdgeTarget[e];
            }
        }

        return -1;
    }

    /// <summary>The root's children as a table by byte (-1: none).</summary>
    private static int[] RootTable(int[] edgeStart, byte[] edgeByte, int[] edgeTarget)
    {
        var root = new int[256];
        Array.Fill(root, -1);
        for (var e = edgeStart[0]; e < edgeStart[1]; e++)
        {
            root[edgeByte[e]] = edgeTarget[e];
        }

        return root;
    }

    private static (int[] EdgeStart, byte[] EdgeByte, int[] EdgeTarget) BuildTrie(byte[][] literals)
    {
        var children = new List<Dictionary<byte, int>> { new() };
        foreach (var literal in literals)
        {
            var node = 0;
            foreach (var raw in literal)
            {
                var b = Confirmation.SecretChecks.ToLowerAscii(raw);
                if (!children[node].TryGetValue(b, out var next))
                {
                    next = children.Count;
                    children.Add([]);
                    children[node][b] = next;
                }

                node = next;
            }
        }

        var edgeStart = new int[children.Count + 1];
        var edgeByte = new List<byte>();
        var edgeTarget = new List<int>();
        for (var n = 0; n < children.Count; n++)
        {
            edgeStart[n] = edgeByte.Count;
            foreach (var (b, target) in children[n])
            {
                edgeByte.Add(b);
                edgeTarget.Add(target);
            }
        }

        edgeStart[children.Count] = edgeByte.Count;
        return (edgeStart, [.. edgeByte], [.. edgeTarget]);
    }
}
