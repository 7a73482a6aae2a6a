namespace Hush.Benchmarks.Corpus;

/// <summary>Vocabularies the corpus draws from, most frequent first (the pickers skew toward the front).</summary>
internal static class WordLists
{
    /// <summary>Common English words, roughly by frequency.</summary>
    public static readonly string[] English =
    [
        "the", "of", "and", "to", "a", "in", "is", "that", "for", "it", "as", "was", "with", "be", "by", "on",
        "not", "this", "are", "or", "at", "from", "but", "have", "an", "they", "which", "you", "were", "their",
        "one", "all", "we", "can", "there", "has", "been", "if", "more", "when", "will", "would", "who", "so",
        "no", "some", "what", "up", "out", "into", "than", "then", "them", "these", "only", "other", "its",
        "new", "time", "about", "also", "may", "first", "any", "each", "after", "should", "over", "most",
        "because", "before", "between", "through", "while", "where", "much", "such", "those", "both", "many",
        "system", "data", "request", "response", "server", "client", "value", "change", "result", "example",
        "number", "process", "service", "user", "order", "network", "file", "support", "model", "version",
        "people", "work", "world", "state", "information", "problem", "question", "answer", "case", "point",
        "different", "important", "small", "large", "following", "general", "simple", "possible", "available",
        "use", "make", "need", "find", "give", "show", "run", "build", "write", "read", "return", "check",
        "configure", "deploy", "update", "create", "delete", "handle", "parse", "store", "send", "receive",
        "quickly", "usually", "however", "therefore", "instead", "already", "always", "often", "never",
        "environment", "configuration", "application", "database", "connection", "function", "variable",
        "method", "interface", "pipeline", "cluster", "container", "deployment", "migration", "schema",
        "latency", "throughput", "memory", "buffer", "stream", "chunk", "cache", "queue", "worker", "thread",
        "token", "secret", "password", "key", "credential", "account", "session", "permission", "policy",
        "certificate", "signature", "header", "payload", "endpoint", "gateway", "proxy", "region", "bucket",
        "river", "mountain", "garden", "window", "morning", "history", "village", "market", "summer", "music",
        "kitchen", "letter", "journey", "island", "forest", "evening", "weather", "library", "harbor", "bridge",
    ];

    /// <summary>Words that form identifiers in code (nouns and verbs of typical business software).</summary>
    public static readonly string[] Identifier =
    [
        "get", "set", "user", "order", "item", "id", "name", "list", "count", "value", "result", "data", "config",
        "client", "service", "request", "response", "handler", "create", "update", "delete", "find", "load",
        "save", "parse", "build", "index", "total", "price", "amount", "customer", "account", "invoice", "cart",
        "product", "payment", "status", "message", "event", "queue", "worker", "job", "task", "retry", "timeout",
        "limit", "offset", "page", "size", "buffer", "stream", "reader", "writer", "cache", "store", "repo",
        "session", "context", "options", "settings", "manager", "factory", "provider", "validator", "mapper",
        "report", "metric", "path", "url", "host", "port", "region", "tenant", "team", "project", "file", "line",
        "token", "key", "auth", "header", "body", "payload", "schema", "table", "row", "column", "query", "filter",
    ];

    /// <summary>Given names for people in payloads and prose.</summary>
    public static readonly string[] FirstNames =
    [
        "Alice", "Bob", "Carol", "Dmitri", "Elena", "Farah", "George", "Hana", "Ivan", "Julia", "Kenji", "Lena",
        "Mateo", "Nadia", "Oscar", "Priya", "Quentin", "Rosa", "Samir", "Tomás", "Uma", "Victor", "Wei", "Yara",
    ];

    /// <summary>Family names.</summary>
    public static readonly string[] LastNames =
    [
        "Smith", "Garcia", "Müller", "Nakamura", "Okafor", "Rossi", "Kowalski", "Dubois", "Silva", "Chen",
        "Novak", "Andersen", "Haddad", "Ivanova", "Kim", "Larsen", "Moreau", "Patel", "Schmidt", "Yilmaz",
    ];

    /// <summary>Words with non-ASCII characters, so the corpus exercises multi-byte UTF-8.</summary>
    public static readonly string[] NonAscii =
    [
        "café", "naïve", "résumé", "Zürich", "São Paulo", "façade", "über", "jalapeño", "smörgåsbord", "Kraków",
        "東京", "北京", "Москва", "Αθήνα", "🚀", "✅", "⚠️", "—", "“quoted”", "€42",
    ];

    /// <summary>Fictional host names (reserved example domains).</summary>
    public static readonly string[] Hosts =
    [
        "api.example.com", "auth.example.org", "internal.example.net", "db-01.corp.example", "cdn.example.com",
        "payments.example.com", "queue.example.internal", "grafana.example.com",
    ];

    /// <summary>LLM model names as they appear in chat completion payloads.</summary>
    public static readonly string[] Models =
    [
        "gpt-4o-mini", "gpt-4.1", "claude-sonnet-4", "llama-3.1-70b-instruct", "mistral-large", "gemini-2.0-flash",
    ];

    /// <summary>HTTP paths (with a placeholder resolved by the generators).</summary>
    public static readonly string[] Paths =
    [
        "/api/v1/orders", "/api/v1/users", "/api/v2/payments", "/healthz", "/v1/chat/completions", "/login",
        "/api/v1/invoices", "/static/app.js", "/metrics", "/api/v1/search", "/oauth/token", "/api/v1/projects",
    ];

    /// <summary>Log levels, most frequent first.</summary>
    public static readonly string[] Levels = ["INFO", "DEBUG", "INFO", "WARN", "ERROR", "TRACE"];

    /// <summary>User agents.</summary>
    public static readonly string[] UserAgents =
    [
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36",
        "curl/8.5.0", "python-requests/2.32.3", "Go-http-client/2.0", "okhttp/4.12.0", "Envoy/1.32",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1",
    ];
}
