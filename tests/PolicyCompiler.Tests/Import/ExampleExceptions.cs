namespace Hush.PolicyCompiler.Tests.Import;

/// <summary>
/// Deviations from "every example is found by its own rule, no negative example is", each verified by hand,
/// with the reason. Keys: <c>compile:ID</c> (the rule does not compile), <c>ID+N</c> (positive example N of the
/// rule, 0-based, not found), <c>ID-N</c> (negative example N found). The test fails on any deviation not listed
/// here and on any listed one that no longer happens, so the list stays exact.
/// </summary>
internal static class ExampleExceptions
{
    // Each reason was checked by hand and with .NET Regex in Unicode mode (a superset of what Rust's regex
    // accepts for these patterns): the example text does not match the source pattern at all.
    private const string UserPassGap =
        "no match in any engine: more than 16 characters between `user(name)` and `pass(word)`, the pattern allows {0,16}";

    private const string NoDbKeyword =
        "no match in any engine: the example (copied from kingfisher.generic.3) has no `db_user`, `db_username` or `db_name`";

    /// <summary>Nosey Parker.</summary>
    public static IReadOnlyDictionary<string, string> NoseyParker { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
    };

    /// <summary>Kingfisher.</summary>
    public static IReadOnlyDictionary<string, string> Kingfisher { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["kingfisher.generic.3+0"] = UserPassGap,
        ["kingfisher.generic.3+1"] = UserPassGap,
        ["kingfisher.generic.3+2"] = UserPassGap,
        ["kingfisher.generic.3+3"] = UserPassGap,
        ["kingfisher.generic.4+1"] = UserPassGap,
        ["kingfisher.generic.8+0"] = NoDbKeyword,
        ["kingfisher.generic.8+1"] = NoDbKeyword,
        ["kingfisher.generic.8+2"] = NoDbKeyword,
        ["kingfisher.generic.8+3"] = NoDbKeyword,
        ["kingfisher.generic.8+4"] = NoDbKeyword,
        ["kingfisher.travisci.1+0"] =
            "no match in any engine: the 22-character group needs word boundaries on both sides, but the only candidate word is 29 characters long",
    };
}
