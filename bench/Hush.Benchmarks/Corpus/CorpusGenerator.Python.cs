namespace Hush.Benchmarks.Corpus;

/// <summary>Python modules: imports, a class with docstrings and methods.</summary>
internal sealed partial class CorpusGenerator
{
    private void WritePython(int end)
    {
        _sink.Append("\"\"\"").Append(Sentence()).Line("\"\"\"").Line();
        _sink.Line("import json").Line("import logging").Line("import os").Line("from typing import Any, Optional").Line();
        _sink.Line("logger = logging.getLogger(__name__)").Line();
        _ = TryPlant(SecretSyntax.Python, "");

        _sink.Line().Append("class ").Append(Ident.Pascal(IdentWords(1, 3))).Line(":");
        _sink.Append("    \"\"\"").Append(Sentence()).Line("\"\"\"").Line();
        _sink.Append("    def __init__(self, ").Append(Ident.Snake(IdentWords(1, 2))).Append(": str, timeout: int = ")
            .Append(_rng.Between(1, 120)).Line(") -> None:");
        for (var i = _rng.Between(2, 5); i > 0; i--)
        {
            var name = Ident.Snake(IdentWords(1, 2));
            _sink.Append("        self.").Append(name).Append(" = ").Append(name).Line();
        }

        while (_sink.Length < end)
        {
            _sink.Line().Append("    def ").Append(Ident.Snake(IdentWords(2, 3))).Append("(self, ").Append(Ident.Snake(IdentWords(1, 2)))
                .Append(", ").Append(Ident.Snake(IdentWords(1, 2))).Line("=None):");
            _sink.Append("        \"\"\"").Append(Sentence()).Line("\"\"\"");
            for (var s = _rng.Between(3, 10); s > 0; s--)
            {
                PythonStatement("        ");
            }

            _sink.Append("        return ").Line(Ident.Snake(IdentWords(1, 2)));
        }
    }

    private void PythonStatement(string indent)
    {
        if (TryPlant(SecretSyntax.Python, indent))
        {
            return;
        }

        var a = Ident.Snake(IdentWords(1, 2));
        var b = Ident.Snake(IdentWords(1, 2));
        _sink.Append(indent);
        switch (_rng.Next(8))
        {
            case 0:
                _sink.Append(a).Append(" = self.session.get(f\"https://").Append(_rng.Pick(WordLists.Hosts)).Append(_rng.Pick(WordLists.Paths))
                    .Append("/{").Append(b).Append("}\", timeout=").Append(_rng.Between(1, 60)).Line(")");
                break;
            case 1:
                _sink.Append("if ").Append(a).Append(".status_code != ").Append(_rng.Pick(s_statuses)).Line(":").Append(indent)
                    .Append("    raise RuntimeError(\"").Append(Sentence()).Line("\")");
                break;
            case 2:
                _sink.Append("# ").Line(Sentence());
                break;
            case 3:
                _sink.Append(a).Append(" = [item for item in ").Append(b).Append(" if item[\"").Append(Ident.Snake(IdentWords(1, 1)))
                    .Line("\"]]");
                break;
            case 4:
                _sink.Append("logger.info(\"").Append(Sentence().TrimEnd('.')).Append(" %s\", ").Append(a).Line(")");
                break;
            case 5:
                _sink.Append("for ").Append(a).Append(" in ").Append(b).Line(":").Append(indent).Append("    total += ").Append(a).Append('.')
                    .Append(Ident.Snake(IdentWords(1, 1))).Append(" * ").Append(_rng.Between(2, 50)).Line();
                break;
            case 6:
                _sink.Append(a).Append(" = json.loads(").Append(b).Line(")");
                break;
            default:
                _sink.Append(a).Append(" = {\"").Append(_rng.PickSkewed(WordLists.English)).Append("\": ").Append(_rng.Between(0, 999))
                    .Append(", \"").Append(_rng.PickSkewed(WordLists.English)).Append("\": \"").Append(_rng.PickSkewed(WordLists.English)).Line("\"}");
                break;
        }
    }
}
