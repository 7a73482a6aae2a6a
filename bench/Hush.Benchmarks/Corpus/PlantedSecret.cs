namespace Hush.Benchmarks.Corpus;

/// <summary>Where a fake secret (or placeholder) was planted: byte offset and length in the corpus.</summary>
internal readonly record struct PlantedSecret(SecretKind Kind, int Offset, int Length);
