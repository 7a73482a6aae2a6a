using System.Globalization;

namespace Hush.ExtProc.Audit;

/// <summary>
/// Checks a hash chain record by record: gapless sequence numbers from the anchor (or 1), each previous hash equal to
/// the hash before it, each stored hash equal to the hash of the record's canonical form. Stops at the first break.
/// </summary>
internal sealed class AuditChainVerifier
{
    private long _expectedSequence;
    private string _expectedPrev;
    private long _count;
    private AuditVerification? _broken;

    /// <summary>Starts a chain after <paramref name="anchor"/> (retention), or at sequence 1 with the genesis hash.</summary>
    public AuditChainVerifier(AuditAnchor? anchor = null)
    {
        _expectedSequence = (anchor?.Sequence ?? 0) + 1;
        _expectedPrev = anchor?.Hash ?? AuditCanonical.GenesisHash;
    }

    /// <summary>True once a break was found; further records are ignored.</summary>
    public bool IsBroken => _broken is not null;

    /// <summary>Verifies <paramref name="records"/> in the order given.</summary>
    public static AuditVerification Verify(IEnumerable<AuditRecord> records, AuditAnchor? anchor = null)
    {
        ArgumentNullException.ThrowIfNull(records);
        var verifier = new AuditChainVerifier(anchor);
        foreach (var record in records)
        {
            if (!verifier.Add(record))
            {
                break;
            }
        }

        return verifier.Result();
    }

    /// <summary>Checks the next record; false once the chain is broken.</summary>
    public bool Add(AuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_broken is not null)
        {
            return false;
        }

        if (record.Sequence != _expectedSequence)
        {
            return Fail(AuditBreak.SequenceGap, Invariant($"expected sequence {_expectedSequence}, found {record.Sequence}"));
        }

        if (!string.Equals(record.PrevHash, _expectedPrev, StringComparison.Ordinal))
        {
            return Fail(AuditBreak.PrevHashMismatch, $"previous hash is {record.PrevHash}, the record before hashes to {_expectedPrev}");
        }

        var actual = AuditCanonical.ComputeHash(record);
        if (!string.Equals(record.Hash, actual, StringComparison.Ordinal))
        {
            return Fail(AuditBreak.HashMismatch, $"stored hash is {record.Hash}, the content hashes to {actual}");
        }

        _count++;
        _expectedSequence++;
        _expectedPrev = record.Hash;
        return true;
    }

    /// <summary>Reports a stored row at <paramref name="sequence"/> that could not be decoded.</summary>
    public bool AddMalformed(long sequence, string why)
    {
        if (_broken is not null)
        {
            return false;
        }

        return sequence != _expectedSequence
            ? Fail(AuditBreak.SequenceGap, Invariant($"expected sequence {_expectedSequence}, found {sequence}"))
            : Fail(AuditBreak.Malformed, why);
    }

    /// <summary>The verdict so far.</summary>
    public AuditVerification Result() => _broken ?? new AuditVerification
    {
        RecordCount = _count,
        HeadSequence = _expectedSequence - 1,
        HeadHash = _expectedPrev,
    };

    private bool Fail(AuditBreak why, string detail)
    {
        _broken = new AuditVerification
        {
            Break = why,
            BrokenSequence = _expectedSequence,
            Detail = detail,
            RecordCount = _count,
            HeadSequence = _expectedSequence - 1,
            HeadHash = _expectedPrev,
        };
        return false;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
