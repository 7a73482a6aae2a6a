using System.Security.Cryptography;
using Hush.Policy.Format;

namespace Hush.ExtProc.Policies;

/// <summary>Reads an artifact and validates it fully (format, checksum, matchers) before anyone may use it.</summary>
internal static class PolicyLoader
{
    /// <summary>Loads <paramref name="path"/>; every failure is a <see cref="PolicyLoadException"/> with one clear message.</summary>
    public static LoadedPolicy Load(string path, TimeProvider time, byte[]? placeholderKey = null)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new PolicyLoadException($"policy artifact '{path}' does not exist (compile one with: hushc compile POLICY.yaml -o {path})");
        }
        catch (DirectoryNotFoundException)
        {
            throw new PolicyLoadException($"policy artifact '{path}' does not exist (its folder is missing)");
        }
        catch (IOException ex)
        {
            throw new PolicyLoadException($"policy artifact '{path}' cannot be read: {ex.Message}");
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new PolicyLoadException($"policy artifact '{path}' cannot be read: {ex.Message}");
        }

        try
        {
            var policy = ArtifactReader.Read(bytes);
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            return new LoadedPolicy(policy, sha, time.GetUtcNow(), placeholderKey);
        }
        catch (ArtifactFormatException ex)
        {
            throw new PolicyLoadException($"policy artifact '{path}' is invalid at byte {ex.Offset}: {ex.Message}");
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or FormatException)
        {
            throw new PolicyLoadException($"policy artifact '{path}' cannot be prepared: {ex.Message}");
        }
    }
}
