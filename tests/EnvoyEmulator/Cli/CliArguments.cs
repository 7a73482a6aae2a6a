namespace Hush.EnvoyEmulator.Cli;

/// <summary>Minimal <c>--name value</c> parsing (repeatable options keep every value).</summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, List<string>> _values = new(StringComparer.Ordinal);

    private CliArguments()
    {
    }

    /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> on a dangling or unknown-shaped token.</summary>
    public static CliArguments Parse(IEnumerable<string> args)
    {
        var parsed = new CliArguments();
        using var e = args.GetEnumerator();
        while (e.MoveNext())
        {
            var name = e.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                throw new ArgumentException($"unexpected argument '{name}'");
            }

            if (!e.MoveNext())
            {
                throw new ArgumentException($"option '{name}' needs a value");
            }

            if (!parsed._values.TryGetValue(name, out var list))
            {
                parsed._values[name] = list = [];
            }

            list.Add(e.Current);
        }

        return parsed;
    }

    /// <summary>The last value of <paramref name="name"/>, or <paramref name="fallback"/>.</summary>
    public string? Get(string name, string? fallback = null) => _values.TryGetValue(name, out var list) ? list[^1] : fallback;

    /// <summary>The value of a required option.</summary>
    public string Required(string name) => Get(name) ?? throw new ArgumentException($"option '{name}' is required");

    /// <summary>Every value of a repeatable option.</summary>
    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var list) ? list : [];

    /// <summary>A duration like <c>200ms</c>, <c>2s</c>, <c>5m</c>, <c>1h</c> (Envoy-style).</summary>
    public static TimeSpan ParseDuration(string text)
    {
        static double Number(string s) => double.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        return text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => TimeSpan.FromMilliseconds(Number(text[..^2])),
            _ when text.EndsWith('s') => TimeSpan.FromSeconds(Number(text[..^1])),
            _ when text.EndsWith('m') => TimeSpan.FromMinutes(Number(text[..^1])),
            _ when text.EndsWith('h') => TimeSpan.FromHours(Number(text[..^1])),
            _ => TimeSpan.FromSeconds(Number(text)),
        };
    }
}
