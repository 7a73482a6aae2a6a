namespace Hush.Benchmarks.Corpus;

/// <summary>A generated corpus: its bytes, the planted secrets and the SHA-256 that proves reproducibility.</summary>
internal sealed class CorpusResult
{
    /// <summary>Creates a result.</summary>
    public CorpusResult(byte[] bytes, IReadOnlyList<PlantedSecret> planted, string sha256Hex)
    {
        Bytes = bytes;
        Planted = planted;
        Sha256Hex = sha256Hex;
    }

    /// <summary>The corpus bytes (UTF-8 text).</summary>
    public byte[] Bytes { get; }

    /// <summary>Planted secrets and placeholders, by increasing offset.</summary>
    public IReadOnlyList<PlantedSecret> Planted { get; }

    /// <summary>Lower-case hex SHA-256 of <see cref="Bytes"/>.</summary>
    public string Sha256Hex { get; }
}
