namespace Hush.Fuzz;

/// <summary>An input made a target break one of its oracles (an output mismatch, an internal error surfaced as a diagnostic, …).</summary>
/// <param name="message">Which oracle failed and how; never contains input text, which may be large or binary.</param>
internal sealed class FuzzOracleException(string message) : Exception(message);
