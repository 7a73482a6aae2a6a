namespace Hush.Benchmarks.Corpus;

/// <summary>JavaScript modules: imports, exported async functions, template literals and arrow functions.</summary>
internal sealed partial class CorpusGenerator
{
    private void WriteJavaScript(int end)
    {
        _sink.Append("// ").Line(Sentence());
        _sink.Line("import { useEffect, useState } from 'react';").Append("import { ").Append(Ident.Camel(IdentWords(1, 2)))
            .Append(" } from './").Append(Ident.Kebab(IdentWords(1, 2))).Line("';").Line();
        while (_sink.Length < end)
        {
            _sink.Append("export async function ").Append(Ident.Camel(IdentWords(2, 3))).Append('(').Append(Ident.Camel(IdentWords(1, 2)))
                .Append(", { ").Append(Ident.Camel(IdentWords(1, 1))).Append(" = ").Append(_rng.Between(0, 100)).Line(" } = {}) {");
            for (var s = _rng.Between(3, 10); s > 0; s--)
            {
                JavaScriptStatement("  ");
            }

            _sink.Append("  return ").Append(Ident.Camel(IdentWords(1, 2))).Line(";").Line("}").Line();
        }
    }

    private void JavaScriptStatement(string indent)
    {
        if (TryPlant(SecretSyntax.JavaScript, indent))
        {
            return;
        }

        var a = Ident.Camel(IdentWords(1, 2));
        var b = Ident.Camel(IdentWords(1, 2));
        _sink.Append(indent);
        switch (_rng.Next(8))
        {
            case 0:
                _sink.Append("const ").Append(a).Append(" = await fetch(`https://").Append(_rng.Pick(WordLists.Hosts)).Append(_rng.Pick(WordLists.Paths))
                    .Append("/${").Append(b).Line("}`, { method: 'GET' });");
                break;
            case 1:
                _sink.Append("if (!").Append(a).Line(".ok) {").Append(indent).Append("  throw new Error('").Append(Sentence().Replace('\'', ' '))
                    .Line("');").Append(indent).Line("}");
                break;
            case 2:
                _sink.Append("// ").Line(Sentence());
                break;
            case 3:
                _sink.Append("const ").Append(a).Append(" = ").Append(b).Append(".filter((x) => x.").Append(Ident.Camel(IdentWords(1, 1)))
                    .Append(" > ").Append(_rng.Between(0, 100)).Append(").map((x) => x.").Append(Ident.Camel(IdentWords(1, 2))).Line(");");
                break;
            case 4:
                _sink.Append("console.log('").Append(Sentence().Replace('\'', ' ')).Append("', ").Append(a).Line(");");
                break;
            case 5:
                _sink.Append("const { ").Append(a).Append(", ").Append(b).Append(" } = await ").Append(Ident.Camel(IdentWords(1, 2))).Line(".json();");
                break;
            case 6:
                _sink.Append("for (const item of ").Append(a).Line(") {").Append(indent).Append("  ").Append(b).Append(" += item.")
                    .Append(Ident.Camel(IdentWords(1, 1))).Line(";").Append(indent).Line("}");
                break;
            default:
                _sink.Append("const ").Append(a).Append(" = { ").Append(Ident.Camel(IdentWords(1, 1))).Append(": '").Append(_rng.PickSkewed(WordLists.English))
                    .Append("', ").Append(Ident.Camel(IdentWords(1, 1))).Append(": ").Append(_rng.Between(0, 9999)).Line(" };");
                break;
        }
    }
}
