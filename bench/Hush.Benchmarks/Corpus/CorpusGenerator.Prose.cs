using System.Text;

namespace Hush.Benchmarks.Corpus;

/// <summary>English-like prose: Markdown documents with headings, paragraphs, lists and the odd non-ASCII word.</summary>
internal sealed partial class CorpusGenerator
{
    private void WriteProse(int end)
    {
        _sink.Append("# ").Line(Title()).Line();
        while (_sink.Length < end)
        {
            switch (_rng.Next(10))
            {
                case 0:
                    _sink.Append("## ").Line(Title()).Line();
                    break;
                case 1:
                    for (var i = _rng.Between(2, 6); i > 0; i--)
                    {
                        _sink.Append("- ").Line(Sentence());
                    }

                    _sink.Line();
                    break;
                default:
                    for (var i = _rng.Between(3, 8); i > 0; i--)
                    {
                        if (!TryPlant(SecretSyntax.Prose, ""))
                        {
                            _sink.Append(Sentence()).Append(' ');
                        }
                    }

                    _sink.Line().Line();
                    break;
            }
        }
    }

    /// <summary>A capitalised heading of two to six words.</summary>
    private string Title()
    {
        var sb = new StringBuilder();
        for (var i = _rng.Between(2, 6); i > 0; i--)
        {
            var w = _rng.PickSkewed(WordLists.English);
            sb.Append(char.ToUpperInvariant(w[0])).Append(w, 1, w.Length - 1);
            if (i > 1)
            {
                sb.Append(' ');
            }
        }

        return sb.ToString();
    }

    /// <summary>One sentence of 5 to 22 words with occasional commas, names, numbers and non-ASCII words.</summary>
    private string Sentence()
    {
        var sb = new StringBuilder();
        var count = _rng.Between(5, 22);
        for (var i = 0; i < count; i++)
        {
            var r = _rng.Next(100);
            var w = r switch
            {
                0 => _rng.Pick(WordLists.NonAscii),
                1 => _rng.Pick(WordLists.FirstNames),
                2 => _rng.Between(2, 5000).ToString(System.Globalization.CultureInfo.InvariantCulture),
                3 => "`" + Ident.Camel(IdentWords(1, 3)) + "`",
                _ => _rng.PickSkewed(WordLists.English),
            };
            if (i == 0)
            {
                sb.Append(char.ToUpperInvariant(w[0])).Append(w, 1, w.Length - 1);
            }
            else
            {
                sb.Append(w);
            }

            if (i < count - 1)
            {
                sb.Append(_rng.Chance(0.08) ? ", " : " ");
            }
        }

        sb.Append(_rng.Next(12) switch { 0 => '?', 1 => '!', _ => '.' });
        return sb.ToString();
    }

    /// <summary><paramref name="min"/> to <paramref name="max"/> identifier words.</summary>
    private string[] IdentWords(int min, int max)
    {
        var words = new string[_rng.Between(min, max)];
        for (var i = 0; i < words.Length; i++)
        {
            words[i] = _rng.PickSkewed(WordLists.Identifier);
        }

        return words;
    }
}
