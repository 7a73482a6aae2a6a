namespace Hush.Benchmarks.Rules;

/// <summary>
/// A small stand-in policy used only when <c>policies/default.yaml</c> is absent, so the benchmarks always run.
/// Patterns only; no credential values.
/// </summary>
internal static class BuiltInPolicy
{
    /// <summary>Policy source in the v1 language.</summary>
    public const string Yaml = """
        version: 1
        name: bench-builtin
        policy_version: "1"
        rules:
          - id: aws-access-key-id
            pattern: '\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16})\b'
            secret: 1
          - id: aws-secret-access-key
            pattern: '(?i)aws_?secret_?access_?key\s{0,4}[:=]\s{0,4}["'']?([A-Za-z0-9/+]{40})\b'
            secret: 1
          - id: github-classic-pat
            pattern: '\b(ghp_[A-Za-z0-9]{36})\b'
            secret: 1
          - id: github-fine-grained-pat
            pattern: '\b(github_pat_[A-Za-z0-9_]{82})\b'
            secret: 1
          - id: slack-bot-token
            pattern: '\b(xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24})\b'
            secret: 1
          - id: slack-webhook
            pattern: 'https://hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24}'
          - id: jwt
            pattern: '\b(eyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})'
            secret: 1
            max_length: 4096
          - id: pem-private-key
            pattern: '-----BEGIN [A-Z ]{0,20}PRIVATE KEY-----[A-Za-z0-9+/=\s]{16,}?-----END [A-Z ]{0,20}PRIVATE KEY-----'
            max_length: 8192
          - id: password-assignment
            pattern: '(?i)\b(?:password|passwd|pwd|secret)\s{0,4}[:=]\s{0,4}["'']([^"''\s]{8,64})["'']'
            secret: 1
            min_entropy: 3.0
          - id: generic-api-key
            pattern: '(?i)\b(?:api_?key|access_?token)\s{0,4}[:=]\s{0,4}["'']([A-Za-z0-9]{32,40})["'']'
            secret: 1
            min_entropy: 3.0
          - id: stripe-secret-key
            pattern: '\b(sk_live_[A-Za-z0-9]{24,99})\b'
            secret: 1
          - id: openai-key
            pattern: '\b(sk-(?:proj-)?[A-Za-z0-9_-]{20,160})\b'
            secret: 1
        """;
}
