namespace Hush.Benchmarks.Corpus;

/// <summary>The surrounding text a planted secret is written in, which decides how it is quoted.</summary>
internal enum SecretSyntax
{
    /// <summary>C# source.</summary>
    CSharp,

    /// <summary>Python source.</summary>
    Python,

    /// <summary>JavaScript source.</summary>
    JavaScript,

    /// <summary>Go source.</summary>
    Go,

    /// <summary>A JSON object member (key and value, no separator).</summary>
    Json,

    /// <summary>The rest of a log line.</summary>
    Log,

    /// <summary>A prose sentence (Markdown).</summary>
    Prose,

    /// <summary>A prose sentence inside a JSON string (chat completion content): line feeds are escaped.</summary>
    ChatContent,
}
