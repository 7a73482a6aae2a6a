namespace Hush.Benchmarks.Corpus;

/// <summary>C# source files: a namespace, a class with fields and async methods.</summary>
internal sealed partial class CorpusGenerator
{
    private static readonly string[] s_csTypes = ["string", "int", "long", "bool", "decimal", "Guid", "DateTimeOffset", "TimeSpan"];

    private void WriteCSharp(int end)
    {
        _sink.Append("// ").Line(Sentence());
        _sink.Line("using System;").Line("using System.Collections.Generic;").Line("using System.Linq;").Line("using System.Threading;")
            .Line("using System.Threading.Tasks;").Line();
        _sink.Append("namespace ").Append(Ident.Pascal(IdentWords(1, 2))).Append('.').Append(Ident.Pascal(IdentWords(1, 2))).Line(";").Line();
        var type = Ident.Pascal(IdentWords(1, 2)) + _rng.Pick(new[] { "Service", "Repository", "Handler", "Controller", "Client" });
        _sink.Append("/// <summary>").Append(Sentence()).Line("</summary>");
        _sink.Append("public sealed class ").Line(type).Line("{");
        for (var i = _rng.Between(2, 5); i > 0; i--)
        {
            if (!TryPlant(SecretSyntax.CSharp, "    "))
            {
                _sink.Append("    private readonly I").Append(Ident.Pascal(IdentWords(1, 2))).Append(" _").Append(Ident.Camel(IdentWords(1, 2))).Line(";");
            }
        }

        while (_sink.Length < end)
        {
            _sink.Line().Append("    /// <summary>").Append(Sentence()).Line("</summary>");
            _sink.Append("    public async Task<").Append(Ident.Pascal(IdentWords(1, 2))).Append("> ").Append(Ident.Pascal(IdentWords(2, 3)))
                .Append("Async(").Append(_rng.Pick(s_csTypes)).Append(' ').Append(Ident.Camel(IdentWords(1, 2)))
                .Line(", CancellationToken cancellationToken)").Line("    {");
            for (var s = _rng.Between(3, 12); s > 0; s--)
            {
                CSharpStatement("        ");
            }

            _sink.Append("        return ").Append(Ident.Camel(IdentWords(1, 2))).Line(";").Line("    }");
        }

        _sink.Line("}");
    }

    private void CSharpStatement(string indent)
    {
        if (TryPlant(SecretSyntax.CSharp, indent))
        {
            return;
        }

        var a = Ident.Camel(IdentWords(1, 2));
        var b = Ident.Camel(IdentWords(1, 2));
        var p = Ident.Pascal(IdentWords(1, 2));
        _sink.Append(indent);
        switch (_rng.Next(10))
        {
            case 0:
                _sink.Append("var ").Append(a).Append(" = await _").Append(b).Append('.').Append(p).Append("Async(").Append(a)
                    .Line(", cancellationToken).ConfigureAwait(false);");
                break;
            case 1:
                _sink.Append("if (").Append(a).Line(" is null)").Append(indent).Line("{").Append(indent)
                    .Append("    throw new ArgumentNullException(nameof(").Append(a).Line("));").Append(indent).Line("}");
                break;
            case 2:
                _sink.Append("_logger.LogInformation(\"").Append(Sentence().TrimEnd('.')).Append(" {").Append(p).Append("}\", ").Append(a).Line(");");
                break;
            case 3:
                _sink.Append("foreach (var item in ").Append(a).Line(")").Append(indent).Line("{").Append(indent).Append("    ").Append(b)
                    .Append(" += item.").Append(p).Append(" * ").Append(_rng.Between(2, 100)).Line(";").Append(indent).Line("}");
                break;
            case 4:
                _sink.Append("// ").Line(Sentence());
                break;
            case 5:
                _sink.Append("var ").Append(a).Append(" = new Dictionary<string, int> { [\"").Append(_rng.PickSkewed(WordLists.English))
                    .Append("\"] = ").Append(_rng.Between(0, 999)).Append(", [\"").Append(_rng.PickSkewed(WordLists.English)).Append("\"] = ")
                    .Append(_rng.Between(0, 999)).Line(" };");
                break;
            case 6:
                _sink.Append("var ").Append(a).Append(" = ").Append(b).Append(".Where(x => x.").Append(p).Append(" > ").Append(_rng.Between(0, 500))
                    .Append(").Select(x => x.").Append(Ident.Pascal(IdentWords(1, 1))).Line(").ToList();");
                break;
            case 7:
                _sink.Append("var ").Append(a).Append(" = $\"https://").Append(_rng.Pick(WordLists.Hosts)).Append(_rng.Pick(WordLists.Paths))
                    .Append("/{").Append(b).Line("}\";");
                break;
            case 8:
                _sink.Append(a).Append('.').Append(p).Append(" = ").Append(b).Append('.').Append(p).Append(" ?? \"")
                    .Append(_rng.PickSkewed(WordLists.English)).Line("\";");
                break;
            default:
                _sink.Append("await Task.Delay(TimeSpan.FromMilliseconds(").Append(_rng.Between(10, 5000)).Line("), cancellationToken);");
                break;
        }
    }
}
