namespace Hush.EnvoyEmulator.Filter;

/// <summary>A STREAMED chunk that was sent to the server and is held until its answer arrives.</summary>
/// <param name="Data">The original bytes (released unmodified if the server goes away).</param>
/// <param name="EndOfStream">Whether the chunk ended the message.</param>
internal readonly record struct QueuedChunk(byte[] Data, bool EndOfStream);
