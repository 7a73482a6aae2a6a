namespace Hush.Fuzz;

/// <summary>One replayed input that made its target throw.</summary>
/// <param name="File">The input's path relative to the replayed folder.</param>
/// <param name="Error">The exception's type, message and stack trace.</param>
internal sealed record ReplayFailure(string File, string Error);
