namespace Hush.PolicyCompiler.Import;

/// <summary>File access for the importers, turning I/O failures into located import errors.</summary>
internal static class ImportFiles
{
    /// <summary>Reads a whole UTF-8 file.</summary>
    public static string ReadText(string file)
    {
        try
        {
            return File.ReadAllText(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new RuleImportException(file, 0, 0, "cannot read: " + e.Message);
        }
    }
}
