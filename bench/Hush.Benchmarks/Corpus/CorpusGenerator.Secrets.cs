namespace Hush.Benchmarks.Corpus;

/// <summary>Planting of fake secrets and placeholders in the syntax of the surrounding document.</summary>
internal sealed partial class CorpusGenerator
{
    private static readonly string[][] s_passwordNames =
        [["password"], ["db", "password"], ["admin", "password"], ["secret"], ["client", "secret"], ["smtp", "password"]];

    private static readonly string[][] s_apiKeyNames = [["api", "key"], ["service", "api", "key"], ["access", "token"]];
    private static readonly string[][] s_jwtNames = [["auth", "token"], ["id", "token"], ["bearer", "token"]];

    /// <summary>Whether a secret or a placeholder is due at the current position (never inside a capture).</summary>
    private bool PlantDue => !_capturing && (_sink.Length >= _nextSecretAt || _sink.Length >= _nextPlaceholderAt);

    /// <summary>
    /// Writes the due secret or placeholder as one statement of <paramref name="syntax"/>: whole lines for code
    /// (indented by <paramref name="indent"/>), a paragraph for prose, a member for JSON, a fragment for logs.
    /// Returns false (and writes nothing) when nothing is due.
    /// </summary>
    private bool TryPlant(SecretSyntax syntax, string indent)
    {
        if (_capturing)
        {
            return false;
        }

        if (_sink.Length >= _nextSecretAt)
        {
            var kind = PickKind();
            WriteAssignment(syntax, indent, kind, NamesFor(kind), MakeValue(kind, syntax));
            _nextSecretAt = NextGap(MeanSecretGap);
            return true;
        }

        if (_sink.Length >= _nextPlaceholderAt)
        {
            var names = _rng.Chance(0.5) ? _rng.Pick(s_passwordNames) : _rng.Pick(s_apiKeyNames);
            WriteAssignment(syntax, indent, SecretKind.Placeholder, names, _secrets.Placeholder());
            _nextPlaceholderAt = NextGap(MeanSecretGap);
            return true;
        }

        return false;
    }

    private SecretKind PickKind()
    {
        var p = _rng.Next(100);
        return p switch
        {
            < 16 => SecretKind.AwsAccessKeyId,
            < 22 => SecretKind.AwsSecretAccessKey,
            < 38 => SecretKind.GithubToken,
            < 50 => SecretKind.SlackBotToken,
            < 70 => SecretKind.PasswordAssignment,
            < 78 => SecretKind.GenericApiKey,
            < 94 => SecretKind.Jwt,
            _ => SecretKind.PemPrivateKey,
        };
    }

    private string[] NamesFor(SecretKind kind) => kind switch
    {
        SecretKind.AwsAccessKeyId => ["aws", "access", "key", "id"],
        SecretKind.AwsSecretAccessKey => ["aws", "secret", "access", "key"],
        SecretKind.GithubToken => ["github", "token"],
        SecretKind.SlackBotToken => ["slack", "bot", "token"],
        SecretKind.PasswordAssignment => _rng.Pick(s_passwordNames),
        SecretKind.GenericApiKey => _rng.Pick(s_apiKeyNames),
        SecretKind.Jwt => _rng.Pick(s_jwtNames),
        _ => ["private", "key"],
    };

    private string MakeValue(SecretKind kind, SecretSyntax syntax) => kind switch
    {
        SecretKind.AwsAccessKeyId => _secrets.AwsAccessKeyId(),
        SecretKind.AwsSecretAccessKey => _secrets.AwsSecretAccessKey(),
        SecretKind.GithubToken => _secrets.GithubToken(),
        SecretKind.SlackBotToken => _secrets.SlackBotToken(),
        SecretKind.PasswordAssignment => _secrets.Password(),
        SecretKind.GenericApiKey => _secrets.ApiKey(),
        SecretKind.Jwt => _secrets.Jwt(),

        // Inside JSON a PEM block is one string with escaped line feeds, as in a GCP service-account key file.
        _ => _secrets.PemPrivateKey(syntax is SecretSyntax.Json or SecretSyntax.ChatContent ? "\\n" : "\n"),
    };

    private void WriteAssignment(SecretSyntax syntax, string indent, SecretKind kind, string[] names, string value)
    {
        var pem = kind == SecretKind.PemPrivateKey;
        var variant = _rng.Next(3);
        switch (syntax)
        {
            case SecretSyntax.CSharp:
                _sink.Append(indent).Append(pem ? $"var {Ident.Camel(names)} = @\"" : variant switch
                {
                    0 => $"private const string {Ident.Pascal(names)} = \"",
                    1 => $"var {Ident.Camel(names)} = \"",
                    _ => $"options.{Ident.Pascal(names)} = \"",
                });
                Value(kind, value).Line("\";");
                break;
            case SecretSyntax.Python:
                _sink.Append(indent).Append(pem ? $"{Ident.UpperSnake(names)} = \"\"\"" : variant switch
                {
                    0 => $"{Ident.UpperSnake(names)} = \"",
                    1 => $"{Ident.Snake(names)} = \"",
                    _ => $"os.environ[\"{Ident.UpperSnake(names)}\"] = \"",
                });
                Value(kind, value).Line(pem ? "\"\"\"" : "\"");
                break;
            case SecretSyntax.JavaScript:
                _sink.Append(indent).Append(pem ? $"const {Ident.Camel(names)} = `" : variant switch
                {
                    0 => $"const {Ident.Camel(names)} = '",
                    1 => $"process.env.{Ident.UpperSnake(names)} = '",
                    _ => $"headers['x-{Ident.Kebab(names)}'] = '",
                });
                Value(kind, value).Line(pem ? "`;" : "';");
                break;
            case SecretSyntax.Go:
                _sink.Append(indent).Append(pem ? $"{Ident.Camel(names)} := `" : variant switch
                {
                    0 => $"{Ident.Camel(names)} := \"",
                    1 => $"os.Setenv(\"{Ident.UpperSnake(names)}\", \"",
                    _ => $"cfg.{Ident.Pascal(names)} = \"",
                });
                Value(kind, value).Line(pem ? "`" : variant == 1 ? "\")" : "\"");
                break;
            case SecretSyntax.Json:
                _sink.Append($"\"{Ident.Snake(names)}\": \"");
                Value(kind, value).Append('"');
                break;
            case SecretSyntax.Log:
                _sink.Append(pem ? "loaded key material:\n" : kind == SecretKind.Jwt ? "Authorization: Bearer " : $"{Ident.Snake(names)}=");
                Value(kind, value);
                break;
            default:
                if (pem)
                {
                    var nl = syntax == SecretSyntax.ChatContent ? "\\n" : "\n";
                    _sink.Append("Here is the key the service was started with:").Append(nl).Append(nl).Append("```").Append(nl);
                    Value(kind, value).Append(nl).Append("```").Append(nl).Append(nl);
                }
                else
                {
                    var words = string.Join(' ', names);
                    var (prefix, suffix) = variant switch
                    {
                        0 => ($"Set `{Ident.UpperSnake(names)}=", "` before you run the deploy script again."),
                        1 => ($"The {words} for the staging account is ", " and it should be rotated."),
                        _ => ("I used `", $"` as the {words} in the request and it returned 401."),
                    };
                    _sink.Append(prefix);
                    Value(kind, value).Append(suffix).Append(' ');
                }

                break;
        }
    }

    private CorpusSink Value(SecretKind kind, string value)
    {
        var start = _sink.Length;
        _sink.Append(value);
        _planted.Add(new PlantedSecret(kind, start, _sink.Length - start));
        return _sink;
    }
}
