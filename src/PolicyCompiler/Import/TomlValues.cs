using Tomlyn.Model;

namespace Hush.PolicyCompiler.Import;

/// <summary>Typed reads from an untyped Tomlyn table that tolerate absent keys and report wrong types.</summary>
/// <param name="file">File name for error messages.</param>
internal sealed class TomlValues(string file)
{
    /// <summary>A string value, or null when absent.</summary>
    public string? String(TomlTable table, string key, string where) => table.TryGetValue(key, out object? v)
        ? v as string ?? throw Wrong(key, where, "a string", v)
        : null;

    /// <summary>An array of strings, or empty when absent.</summary>
    public List<string> Strings(TomlTable table, string key, string where)
    {
        var list = new List<string>();
        if (!table.TryGetValue(key, out object? v))
        {
            return list;
        }

        if (v is not TomlArray array)
        {
            throw Wrong(key, where, "an array of strings", v);
        }

        foreach (object? item in array)
        {
            list.Add(item as string ?? throw Wrong(key, where, "an array of strings", item));
        }

        return list;
    }

    /// <summary>A number (TOML integer or float), or null when absent.</summary>
    public double? Number(TomlTable table, string key, string where) => table.TryGetValue(key, out object? v)
        ? v switch
        {
            long l => l,
            double d => d,
            _ => throw Wrong(key, where, "a number", v),
        }
        : null;

    /// <summary>An integer, or null when absent.</summary>
    public int? Integer(TomlTable table, string key, string where) => table.TryGetValue(key, out object? v)
        ? v is long l && l is >= 0 and <= int.MaxValue ? (int)l : throw Wrong(key, where, "a non-negative integer", v)
        : null;

    /// <summary>
    /// Tables under <paramref name="key"/>: an array of tables (<c>[[key]]</c>) or a single table (<c>[key]</c>,
    /// the older gitleaks spelling of allowlists).
    /// </summary>
    public List<TomlTable> Tables(TomlTable table, string key, string where)
    {
        var list = new List<TomlTable>();
        if (!table.TryGetValue(key, out object? v))
        {
            return list;
        }

        switch (v)
        {
            case TomlTableArray array:
                list.AddRange(array);
                break;
            case TomlTable single:
                list.Add(single);
                break;
            default:
                throw Wrong(key, where, "a table or an array of tables", v);
        }

        return list;
    }

    private RuleImportException Wrong(string key, string where, string expected, object? actual) =>
        new(file, 0, 0, $"{where}: `{key}` must be {expected}, not {actual?.GetType().Name ?? "null"}");
}
