namespace Hush.ExtProc.Tests.EnvoyConfig;

/// <summary>
/// One textual addition to a proto file of the npm snapshot, applied to a temporary copy before protoc runs
/// (see <see cref="ProtoOverlay"/>): find each anchor in turn (a line that starts with it, after indentation),
/// then insert <see cref="Text"/> after the last anchor's line, or at the end of the file when there is no anchor.
/// </summary>
/// <param name="Root">The folder under the npm package's <c>deps/</c> the file lives in (<c>envoy-api</c>, <c>protoc-gen-validate</c>).</param>
/// <param name="File">The proto's import path, e.g. <c>envoy/service/ext_proc/v3/external_processor.proto</c>.</param>
/// <param name="Anchors">Line prefixes to find in order; empty appends at the end of the file.</param>
/// <param name="Text">Proto source to insert (lines separated by <c>\n</c>; the file's own line ending is used).</param>
/// <param name="Why">Where the addition comes from, shown when an anchor is missing.</param>
internal sealed record ProtoPatch(string Root, string File, string[] Anchors, string Text, string Why)
{
    /// <summary>Applies the patch to <paramref name="source"/>, failing loudly when an anchor is missing.</summary>
    public string ApplyTo(string source)
    {
        var newline = source.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = source.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var insertAt = lines.Count;
        var from = 0;
        foreach (var anchor in Anchors)
        {
            var found = lines.FindIndex(from, l => l.TrimStart().StartsWith(anchor, StringComparison.Ordinal));
            if (found < 0)
            {
                throw new InvalidOperationException(
                    $"Proto overlay: anchor '{anchor}' not found in {Root}/{File} (did the npm package change? {Why})");
            }

            from = found + 1;
            insertAt = from;
        }

        lines.InsertRange(insertAt, Text.Split('\n'));
        return string.Join(newline, lines);
    }
}
