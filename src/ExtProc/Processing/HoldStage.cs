namespace Hush.ExtProc.Processing;

/// <summary>Where a response that may be held stands.</summary>
internal enum HoldStage
{
    /// <summary>No hold rule applies (or holds are off): answers flow as usual.</summary>
    Off,

    /// <summary>The headers answer is withheld with every chunk answer until the body ends (a denial is then a clean local reply).</summary>
    BeforeHeaders,

    /// <summary>Answers flow; the headers are out, so a hold from here on withholds chunk answers and a denial is in-band.</summary>
    Streaming,

    /// <summary>A hold rule fired while streaming: chunk answers carry no bytes; the real bytes are kept until the decision.</summary>
    Withholding,

    /// <summary>The hold was raised and the final answer waits for the decision.</summary>
    Raised,

    /// <summary>The hold was resolved.</summary>
    Resolved,
}
