namespace Hush.PolicyCompiler.Import;

/// <summary>An example text shipped with a foreign rule; kept out of the policy and used by tests.</summary>
/// <param name="RuleId">Id of the imported rule in the written policy (after sanitising).</param>
/// <param name="Text">The example text.</param>
/// <param name="Positive">True for an example the rule must find, false for one it must not.</param>
/// <param name="SourceFile">The rule file the example came from.</param>
internal sealed record ImportedExample(string RuleId, string Text, bool Positive, string SourceFile);
