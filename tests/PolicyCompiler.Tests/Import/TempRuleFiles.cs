namespace Hush.PolicyCompiler.Tests.Import;

/// <summary>Inline rule-file texts written to a private temporary folder for the importer to read.</summary>
internal sealed class TempRuleFiles : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "hush-import-" + Guid.NewGuid().ToString("N"));

    public TempRuleFiles() => Directory.CreateDirectory(_dir);

    /// <summary>Writes <paramref name="text"/> as <paramref name="name"/> and returns its path.</summary>
    public string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
