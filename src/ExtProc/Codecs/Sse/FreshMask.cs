using Hush.Policy.Matching;

namespace Hush.ExtProc.Codecs.Sse;

/// <summary>
/// A string masked on its own with a fresh matcher: the input, the masked text (null when unchanged) and the matches
/// reported, kept so a repeat of the same string is answered without a new matcher.
/// </summary>
internal sealed record FreshMask(byte[] Text, byte[]? Masked, MatchEvent[] Events);
