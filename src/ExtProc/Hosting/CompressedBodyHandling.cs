namespace Hush.ExtProc.Hosting;

/// <summary>What the server does with a body whose <c>content-encoding</c> it would otherwise have to scan blind.</summary>
public enum CompressedBodyHandling
{
    /// <summary>Decompress (gzip, deflate, br), mask, send on uncompressed and drop <c>content-encoding</c>.</summary>
    Decompress = 0,

    /// <summary>Refuse with an immediate 502 and a JSON error.</summary>
    Refuse = 1,
}
