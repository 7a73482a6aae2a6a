namespace Hush.Benchmarks.Corpus;

/// <summary>Go-like source files: a package, imports, a struct and methods with error handling.</summary>
internal sealed partial class CorpusGenerator
{
    private void WriteGo(int end)
    {
        _sink.Append("// Package ").Append(Ident.Snake(IdentWords(1, 1))).Append(' ').Line(Sentence());
        _sink.Append("package ").Line(Ident.Snake(IdentWords(1, 1)).Replace("_", "")).Line();
        _sink.Line("import (").Line("\t\"context\"").Line("\t\"fmt\"").Line("\t\"net/http\"").Line("\t\"time\"").Line(")").Line();
        var type = Ident.Pascal(IdentWords(1, 2));
        _sink.Append("type ").Append(type).Line(" struct {");
        for (var i = _rng.Between(2, 6); i > 0; i--)
        {
            _sink.Append('\t').Append(Ident.Pascal(IdentWords(1, 2))).Append(' ').Append(_rng.Pick(new[] { "string", "int", "*http.Client", "time.Duration", "[]byte" }))
                .Append(" `json:\"").Append(Ident.Snake(IdentWords(1, 2))).Line("\"`");
        }

        _sink.Line("}").Line();
        while (_sink.Length < end)
        {
            _sink.Append("// ").Append(Ident.Pascal(IdentWords(2, 3))).Append(' ').Line(Sentence());
            _sink.Append("func (s *").Append(type).Append(") ").Append(Ident.Pascal(IdentWords(2, 3))).Append("(ctx context.Context, ")
                .Append(Ident.Camel(IdentWords(1, 2))).Append(" string) (*").Append(Ident.Pascal(IdentWords(1, 2))).Line(", error) {");
            for (var s = _rng.Between(3, 10); s > 0; s--)
            {
                GoStatement("\t");
            }

            _sink.Append("\treturn ").Append(Ident.Camel(IdentWords(1, 2))).Line(", nil").Line("}").Line();
        }
    }

    private void GoStatement(string indent)
    {
        if (TryPlant(SecretSyntax.Go, indent))
        {
            return;
        }

        var a = Ident.Camel(IdentWords(1, 2));
        var b = Ident.Camel(IdentWords(1, 2));
        _sink.Append(indent);
        switch (_rng.Next(7))
        {
            case 0:
                _sink.Append(a).Append(", err := s.").Append(Ident.Camel(IdentWords(1, 1))).Append('.').Append(Ident.Pascal(IdentWords(1, 2)))
                    .Append("(ctx, ").Append(b).Line(")").Append(indent).Line("if err != nil {").Append(indent).Append("\treturn nil, fmt.Errorf(\"")
                    .Append(Ident.Snake(IdentWords(1, 2)).Replace('_', ' ')).Line(": %w\", err)").Append(indent).Line("}");
                break;
            case 1:
                _sink.Append("// ").Line(Sentence());
                break;
            case 2:
                _sink.Append(a).Append(" := fmt.Sprintf(\"https://").Append(_rng.Pick(WordLists.Hosts)).Append(_rng.Pick(WordLists.Paths))
                    .Append("/%s\", ").Append(b).Line(")");
                break;
            case 3:
                _sink.Append("for _, item := range ").Append(a).Line(" {").Append(indent).Append('\t').Append(b).Append(" += item.")
                    .Append(Ident.Pascal(IdentWords(1, 1))).Line().Append(indent).Line("}");
                break;
            case 4:
                _sink.Append("ctx, cancel := context.WithTimeout(ctx, ").Append(_rng.Between(1, 30)).Line("*time.Second)").Append(indent).Line("defer cancel()");
                break;
            case 5:
                _sink.Append(a).Append(" := map[string]int{\"").Append(_rng.PickSkewed(WordLists.English)).Append("\": ").Append(_rng.Between(0, 99))
                    .Append(", \"").Append(_rng.PickSkewed(WordLists.English)).Append("\": ").Append(_rng.Between(0, 99)).Line("}");
                break;
            default:
                _sink.Append("log.Printf(\"").Append(Sentence().TrimEnd('.')).Append(": %v\", ").Append(a).Line(")");
                break;
        }
    }
}
