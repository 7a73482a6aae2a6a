namespace Hush.Benchmarks.Corpus;

/// <summary>Kinds of fake secrets (and look-alike placeholders) planted in the corpus.</summary>
internal enum SecretKind
{
    /// <summary>AWS access key id: <c>AKIA</c> and 16 base32 characters.</summary>
    AwsAccessKeyId,

    /// <summary>AWS secret access key: 40 base64 characters, planted next to its keyword.</summary>
    AwsSecretAccessKey,

    /// <summary>GitHub classic personal access token with a valid CRC32 checksum tail.</summary>
    GithubToken,

    /// <summary>Slack bot token <c>xoxb-…</c>.</summary>
    SlackBotToken,

    /// <summary>A high-entropy value assigned to a password/secret keyword.</summary>
    PasswordAssignment,

    /// <summary>Generic API key: 32 alphanumerics assigned to an <c>api_key</c>-like name.</summary>
    GenericApiKey,

    /// <summary>JSON Web Token with a decodable header.</summary>
    Jwt,

    /// <summary>PEM private key block.</summary>
    PemPrivateKey,

    /// <summary>A placeholder that looks like a credential but is not one (<c>${VAR}</c>, <c>&lt;your-key&gt;</c>, …).</summary>
    Placeholder,
}
