namespace Hush.PolicyCompiler.Policies;

/// <summary>One <c>allow:</c> entry: a literal the secret may contain, or a regex that may match in it.</summary>
/// <param name="Value">The literal text or the pattern.</param>
/// <param name="IsRegex">Whether <paramref name="Value"/> is a pattern (the <c>regex:</c> form).</param>
/// <param name="Map">Where the value's characters are in the file, for errors inside a pattern.</param>
internal sealed record PolicyAllowEntry(string Value, bool IsRegex, ScalarSourceMap? Map);
