using System.Diagnostics;
using System.Text;
using Hush.Benchmarks.Infrastructure;
using Hush.Policy.Rules;
using Hush.PolicyCompiler.Compilation;
using Hush.PolicyCompiler.Import;
using Hush.PolicyCompiler.Policies;

namespace Hush.Benchmarks.Rules;

/// <summary>
/// A benchmarked rule set: <c>default</c> (policies/default.yaml, or <see cref="BuiltInPolicy"/> when it is absent)
/// or <c>gitleaks</c> (the shared gitleaks.toml imported with <see cref="RuleImporter"/>), compiled. Rules that do
/// not compile are dropped and counted, so one bad rule does not stop the benchmark.
/// </summary>
internal sealed class PolicySet
{
    /// <summary>The rule sets the benchmarks know, as <c>[Params]</c> values.</summary>
    public static readonly string[] Names = ["default", "gitleaks"];

    private static readonly Dictionary<string, PolicySet> s_cache = new(StringComparer.Ordinal);

    private PolicySet(string name, string source, PolicyDocument document, CompilationResult result, IReadOnlyList<string> dropped, TimeSpan compileTime)
    {
        Name = name;
        Source = source;
        Document = document;
        Result = result;
        Dropped = dropped;
        CompileTime = compileTime;
    }

    /// <summary>Rule set name.</summary>
    public string Name { get; }

    /// <summary>Where the rules came from.</summary>
    public string Source { get; }

    /// <summary>The loaded (and, after drops, filtered) document.</summary>
    public PolicyDocument Document { get; }

    /// <summary>The successful compilation.</summary>
    public CompilationResult Result { get; }

    /// <summary>The compiled policy.</summary>
    public CompiledPolicy Policy => Result.Policy!;

    /// <summary>Ids of rules dropped because they did not compile.</summary>
    public IReadOnlyList<string> Dropped { get; }

    /// <summary>Time of the final (successful) compilation.</summary>
    public TimeSpan CompileTime { get; }

    /// <summary>The compiled rule set <paramref name="name"/>, cached per process.</summary>
    public static PolicySet Get(string name)
    {
        lock (s_cache)
        {
            if (!s_cache.TryGetValue(name, out var set))
            {
                set = Load(name);
                s_cache[name] = set;
            }

            return set;
        }
    }

    /// <summary>Loads the source document of rule set <paramref name="name"/>.</summary>
    public static (PolicyDocument Document, string Source) LoadDocument(string name)
    {
        PolicyLoadResult loaded;
        string source;
        switch (name)
        {
            case "default" when File.Exists(RepoPaths.DefaultPolicy):
                source = "policies/default.yaml";
                loaded = PolicyLoader.LoadFile(RepoPaths.DefaultPolicy);
                break;
            case "default":
                source = "built-in bench policy (policies/default.yaml missing)";
                loaded = PolicyLoader.Load("bench-builtin.yaml", Encoding.UTF8.GetBytes(BuiltInPolicy.Yaml));
                break;
            case "gitleaks":
                source = "../shared/corpora/gitleaks.toml via RuleImporter";
                var imported = RuleImporter.Import("gitleaks", [RepoPaths.GitleaksToml]);
                loaded = PolicyLoader.Load("gitleaks.yaml", Encoding.UTF8.GetBytes(imported.PolicyYaml));
                break;
            default:
                throw new ArgumentException($"unknown rule set {name}; expected one of {string.Join(", ", Names)}", nameof(name));
        }

        if (loaded.Document is null)
        {
            throw new InvalidOperationException($"{source} does not load: {string.Join("; ", loaded.Diagnostics.Take(5))}");
        }

        return (loaded.Document, source);
    }

    /// <summary>Compiles a document with the default options.</summary>
    public static CompilationResult Compile(PolicyDocument document) => PolicyCompilation.Compile(document, new CompilationOptions());

    private static PolicySet Load(string name)
    {
        var (document, source) = LoadDocument(name);
        var watch = Stopwatch.StartNew();
        var result = Compile(document);
        var dropped = new List<string>();
        if (!result.Success)
        {
            // Keep the rules that compiled: drop every rule of rules:/hold: that has no statistics, and retry once.
            var ok = new HashSet<string>(result.Stats.Select(s => s.Id), StringComparer.Ordinal);
            dropped.AddRange(document.AllRules().Select(r => r.Id).Where(id => !ok.Contains(id)));
            document = new PolicyDocument
            {
                File = document.File,
                SourceSha256 = document.SourceSha256,
                Name = document.Name,
                PolicyVersion = document.PolicyVersion,
                Description = document.Description,
                Rules = [.. document.Rules.Where(r => ok.Contains(r.Id))],
                EnvVars = document.EnvVars,
                HoldRules = [.. document.HoldRules.Where(r => ok.Contains(r.Id))],
                Fallback = document.Fallback,
            };
            watch.Restart();
            result = Compile(document);
            if (!result.Success)
            {
                throw new InvalidOperationException($"{source} does not compile: {string.Join("; ", result.Diagnostics.Take(5))}");
            }
        }

        return new PolicySet(name, source, document, result, dropped, watch.Elapsed);
    }
}
