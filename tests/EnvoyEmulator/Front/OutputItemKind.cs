namespace Hush.EnvoyEmulator.Front;

/// <summary>What the filter released towards one side of the proxy.</summary>
internal enum OutputItemKind
{
    /// <summary>Headers (with end_of_stream flag).</summary>
    Headers,

    /// <summary>Body bytes (with end_of_stream flag).</summary>
    Data,

    /// <summary>Trailers (ends the message).</summary>
    Trailers,

    /// <summary>A local reply replaces the response.</summary>
    LocalReply,

    /// <summary>The stream is reset.</summary>
    Reset,
}
