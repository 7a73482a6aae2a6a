namespace Hush.ExtProc.Audit;

/// <summary>How every store links a new record into the chain: caps the masked texts, assigns position, time and previous hash, then hashes.</summary>
internal static class AuditChain
{
    /// <summary>
    /// <paramref name="record"/> as stored at <paramref name="sequence"/> after the record hashed <paramref name="previousHash"/>,
    /// stamped <paramref name="time"/>, its masked texts cut at <paramref name="maxMaskedBytes"/> UTF-8 bytes (and flagged).
    /// </summary>
    public static AuditRecord Next(AuditRecord record, long sequence, string previousHash, DateTimeOffset time, int maxMaskedBytes)
    {
        ArgumentNullException.ThrowIfNull(record);
        var (request, requestCut) = Cap(record.MaskedRequest, maxMaskedBytes);
        var (response, responseCut) = Cap(record.MaskedResponse, maxMaskedBytes);
        var stamped = record with
        {
            Sequence = sequence,
            Time = time,
            MaskedRequest = request,
            RequestTruncated = record.RequestTruncated || requestCut,
            MaskedResponse = response,
            ResponseTruncated = record.ResponseTruncated || responseCut,
            PrevHash = previousHash,
            Hash = "",
        };
        return stamped with { Hash = AuditCanonical.ComputeHash(stamped) };
    }

    private static (MaskedText? Text, bool Truncated) Cap(MaskedText? text, int maxBytes) =>
        text is null ? (null, false) : text.Cap(maxBytes);
}
