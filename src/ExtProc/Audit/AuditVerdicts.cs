namespace Hush.ExtProc.Audit;

/// <summary>The wire names of <see cref="AuditVerdict"/> (the canonical form and the database use these, never the enum number).</summary>
internal static class AuditVerdicts
{
    /// <summary>The lowercase wire name of <paramref name="verdict"/>.</summary>
    public static string ToWire(AuditVerdict verdict) => verdict switch
    {
        AuditVerdict.Passed => "passed",
        AuditVerdict.Masked => "masked",
        AuditVerdict.Held => "held",
        AuditVerdict.Approved => "approved",
        AuditVerdict.Denied => "denied",
        AuditVerdict.Expired => "expired",
        AuditVerdict.Error => "error",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown audit verdict."),
    };

    /// <summary>Parses an exact (case-sensitive) wire name; anything else is rejected so a tampered value cannot alias a valid one.</summary>
    public static bool TryParse(string? wire, out AuditVerdict verdict)
    {
        switch (wire)
        {
            case "passed": verdict = AuditVerdict.Passed; return true;
            case "masked": verdict = AuditVerdict.Masked; return true;
            case "held": verdict = AuditVerdict.Held; return true;
            case "approved": verdict = AuditVerdict.Approved; return true;
            case "denied": verdict = AuditVerdict.Denied; return true;
            case "expired": verdict = AuditVerdict.Expired; return true;
            case "error": verdict = AuditVerdict.Error; return true;
            default: verdict = default; return false;
        }
    }
}
