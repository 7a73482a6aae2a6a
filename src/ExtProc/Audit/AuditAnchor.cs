namespace Hush.ExtProc.Audit;

/// <summary>
/// The last record removed by retention: the chain of the remaining records starts after <see cref="Sequence"/> and its
/// first record's previous hash must equal <see cref="Hash"/>.
/// </summary>
/// <param name="Sequence">Sequence number of the last deleted record.</param>
/// <param name="Hash">Record hash of the last deleted record.</param>
internal sealed record AuditAnchor(long Sequence, string Hash);
