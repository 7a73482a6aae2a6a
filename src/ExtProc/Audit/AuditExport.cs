using System.Text;

namespace Hush.ExtProc.Audit;

/// <summary>The JSON-lines export of any store: one canonical form with its <c>hash</c> key per line, in sequence order, streamed.</summary>
internal static class AuditExport
{
    private static readonly UTF8Encoding s_utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes the records of <paramref name="store"/> matching <paramref name="filter"/> to <paramref name="output"/> as UTF-8; returns the count.</summary>
    public static async Task<long> WriteAsync(IAuditStore store, AuditFilter filter, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        var writer = new StreamWriter(output, s_utf8, bufferSize: 64 * 1024, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            return await WriteAsync(store, filter, writer, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>As above, to a text writer (the admin command's stdout).</summary>
    public static async Task<long> WriteAsync(IAuditStore store, AuditFilter filter, TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(output);
        long count = 0;
        await foreach (var record in store.QueryAsync(filter, cancellationToken).ConfigureAwait(false))
        {
            await output.WriteAsync(AuditCanonical.Form(record, includeHash: true).AsMemory(), cancellationToken).ConfigureAwait(false);
            await output.WriteAsync("\n".AsMemory(), cancellationToken).ConfigureAwait(false);
            count++;
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return count;
    }
}
