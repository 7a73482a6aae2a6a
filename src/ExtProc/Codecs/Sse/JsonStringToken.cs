namespace Hush.ExtProc.Codecs.Sse;

/// <summary>
/// A string value found in an event's JSON data: its literal at [TokenStart, TokenStart + TokenLength) of the data
/// (quotes included), its decoded UTF-8 in the scanner's buffer, its schema role and array positions
/// (<paramref name="Choice"/>, <paramref name="Tool"/>) and, for Anthropic fields, the field name.
/// </summary>
/// <remarks>
/// Not readonly: the scanner's reuse paths move tokens in place. A <c>with</c> copy of this 32-byte struct was built
/// on the stack field by field and read back as one vector, a store-forwarding stall on every token of every event.
/// </remarks>
internal record struct JsonStringToken(
    int TokenStart, int TokenLength, int DecodedStart, int DecodedLength, JsonStringRole Role, int Choice, int Tool, JsonName Field);
