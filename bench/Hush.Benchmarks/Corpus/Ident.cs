namespace Hush.Benchmarks.Corpus;

/// <summary>Joins identifier words in the naming styles of the generated languages.</summary>
internal static class Ident
{
    /// <summary><c>fooBarBaz</c>.</summary>
    public static string Camel(string[] words)
    {
        var pascal = Pascal(words);
        return char.ToLowerInvariant(pascal[0]) + pascal[1..];
    }

    /// <summary><c>FooBarBaz</c>.</summary>
    public static string Pascal(string[] words)
    {
        var result = "";
        foreach (var w in words)
        {
            result += char.ToUpperInvariant(w[0]) + w[1..];
        }

        return result;
    }

    /// <summary><c>foo_bar_baz</c>.</summary>
    public static string Snake(string[] words) => string.Join('_', words);

    /// <summary><c>FOO_BAR_BAZ</c>.</summary>
    public static string UpperSnake(string[] words) => string.Join('_', words).ToUpperInvariant();

    /// <summary><c>foo-bar-baz</c>.</summary>
    public static string Kebab(string[] words) => string.Join('-', words);
}
