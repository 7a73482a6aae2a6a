using Hush.EnvoyEmulator.Filter;

namespace Hush.EnvoyEmulator.Front;

/// <summary>One released piece of traffic queued for the proxy's upstream or downstream writer.</summary>
internal sealed class OutputItem
{
    /// <summary>What it is.</summary>
    public required OutputItemKind Kind { get; init; }

    /// <summary>Headers or trailers.</summary>
    public HttpHeaderList? Headers { get; init; }

    /// <summary>Body bytes.</summary>
    public byte[]? Data { get; init; }

    /// <summary>Ends the message.</summary>
    public bool EndOfStream { get; init; }

    /// <summary>The local reply.</summary>
    public LocalReply? Reply { get; init; }

    /// <summary>Reset details.</summary>
    public string? Details { get; init; }
}
