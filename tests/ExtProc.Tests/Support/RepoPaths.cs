namespace Hush.ExtProc.Tests.Support;

/// <summary>Repository files the tests use, copied beside the test binaries at build time.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<byte[]> s_default = new(() =>
        TestPolicies.Compile(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "testdata", "policies", "default.yaml"))));

    /// <summary>policies/default.yaml compiled (once per test run).</summary>
    public static byte[] DefaultPolicy => [.. s_default.Value];
}
