namespace Hush.Policy.Confirmation;

/// <summary>What confirmation decided about a candidate.</summary>
internal enum ConfirmationKind : byte
{
    /// <summary>No match of the confirm pattern starts at or before the candidate's first accepting position.</summary>
    NoMatch = 0,

    /// <summary>A match exists but its secret failed keywords, entropy, allow-list or validator (or is absent).</summary>
    Rejected = 1,

    /// <summary>A match exists and its secret passed every check.</summary>
    Confirmed = 2,

    /// <summary>The confirm pattern exceeded its time budget; the matcher fails closed.</summary>
    TimedOut = 3,
}
