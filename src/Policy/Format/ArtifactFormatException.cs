namespace Hush.Policy.Format;

/// <summary>
/// An artifact is truncated, corrupted, of another format version, or describes an invalid policy. The message
/// names the field (and the rule, when there is one) and ends with the byte offset where the problem was found.
/// </summary>
public sealed class ArtifactFormatException : Exception
{
    /// <summary>Creates the exception; <paramref name="detail"/> is completed with the offset.</summary>
    public ArtifactFormatException(string detail, long offset)
        : base($"{detail} (at byte offset {offset})")
    {
        Offset = offset;
        Detail = detail;
    }

    /// <summary>Creates the exception with a prepared message and an underlying cause.</summary>
    public ArtifactFormatException(string message, long offset, Exception? innerException)
        : base(message, innerException)
    {
        Offset = offset;
        Detail = message;
    }

    /// <summary>Byte offset in the artifact where the problem was found.</summary>
    public long Offset { get; }

    /// <summary>The description of the problem without the offset suffix.</summary>
    public string Detail { get; }
}
