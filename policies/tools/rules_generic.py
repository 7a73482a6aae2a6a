"""Generic secrets: private key blocks, JWTs, credentials in URLs and connection strings, assignments.

These come last so that a provider rule confirming the same span supplies the replacement.
"""

import base64

from fakes import ALNUM, B62, B64, DIGITS, HEX, LOWER, URL64, Fakes

KINDS = r"(?:(?:RSA|DSA|EC|OPENSSH|ENCRYPTED) )?"

# Placeholders that are not secrets, for rules whose secret is a free-form password.
PLACEHOLDER_PASSWORDS = r"(?i)^(?:password|passw0rd|pass|passwd|pwd|secret|changeme|change_me|example|postgres|root|admin|test|guest|\*+|x+)$"
PLACEHOLDER_REFS = [
    {"regex": r"^(?:\$|%\(|<|\{)"},   # ${VAR}, $VAR, %(name)s, <password>, {password}
    "your_", "your-", "xxxx", "****", "EXAMPLE", "changeme", "placeholder", "redacted",
]


def add(p) -> None:
    f = Fakes("private-key")
    p.rule("private-key", "PEM private key block (RSA, DSA, EC, OPENSSH, ENCRYPTED, PKCS#8); the whole block",
           r"(-----BEGIN " + KINDS + r"PRIVATE KEY-----[A-Za-z0-9+/=\s:,-]{40,}?-----END " + KINDS
           + r"PRIVATE KEY-----)", max_length=16384)
    p.tp("key.pem:\n§\n", f.pem("RSA PRIVATE KEY"))
    p.tp("```\n§\n```", f.pem("OPENSSH PRIVATE KEY", 300))
    p.tp("ssl_key: |\n  §\n", f.pem("EC PRIVATE KEY", 100, sep="\n  "))
    p.tp("§", f.pem("PRIVATE KEY"))
    p.tp("§", "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,"
         + f.chars("0123456789ABCDEF", 32) + "\n\n" + f.pem("X", 120).split("\n", 1)[1].rsplit("\n", 1)[0]
         + "\n-----END RSA PRIVATE KEY-----")
    p.tp("§", f.pem("ENCRYPTED PRIVATE KEY"))
    p.fp(f.pem("PUBLIC KEY"))
    p.fp("-----BEGIN RSA PRIVATE KEY-----\n...\n-----END RSA PRIVATE KEY-----")
    p.fp(f.pem("CERTIFICATE"))

    f = Fakes("private-key-json-escaped")
    p.rule("private-key-json-escaped", "PEM private key block inside a JSON or .env string (newlines as \\n)",
           r"(-----BEGIN " + KINDS + r"PRIVATE KEY-----(?:\\r)?\\n[A-Za-z0-9+/=\\:, -]{40,}?-----END " + KINDS
           + r"PRIVATE KEY-----(?:\\r)?(?:\\n)?)", max_length=16384)
    p.tp('{"key": "§"}', f.pem("RSA PRIVATE KEY", sep="\\n") + "\\n")
    p.tp('PRIVATE_KEY="§"', f.pem("OPENSSH PRIVATE KEY", sep="\\n"))
    p.fp('{"key": "-----BEGIN PRIVATE KEY-----\\n<your key here>\\n-----END PRIVATE KEY-----\\n"}')
    p.fp('{"cert": "' + f.pem("CERTIFICATE", sep="\\n") + '"}')

    f = Fakes("pgp-private-key-block")
    p.rule("pgp-private-key-block", "ASCII-armoured PGP private key block",
           r"(-----BEGIN PGP PRIVATE KEY BLOCK-----(?s:.){40,}?-----END PGP PRIVATE KEY BLOCK-----)",
           max_length=16384)
    body = lambda: f.pem("X", 200).split("\n", 1)[1].rsplit("\n", 1)[0]  # noqa: E731
    p.tp("§", "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n" + body() + "\n=" + f.chars(B64, 4)
         + "\n-----END PGP PRIVATE KEY BLOCK-----")
    p.tp("gpg --import <<'EOF'\n§\nEOF", "-----BEGIN PGP PRIVATE KEY BLOCK-----\nComment: fake key (user@example.test)\n\n"
         + body() + "\n-----END PGP PRIVATE KEY BLOCK-----")
    p.fp("-----BEGIN PGP PRIVATE KEY BLOCK-----\n...\n-----END PGP PRIVATE KEY BLOCK-----")
    p.fp("-----BEGIN PGP PUBLIC KEY BLOCK-----\n\n" + body() + "\n-----END PGP PUBLIC KEY BLOCK-----")

    f = Fakes("ssh2-encrypted-private-key")
    p.rule("ssh2-encrypted-private-key", "SSH.com (SECSH) encrypted private key block",
           r"(---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----(?s:.){40,}?---- END SSH2 ENCRYPTED PRIVATE KEY ----)",
           max_length=16384)
    p.tp("§", "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: \"fake\"\n" + body()
         + "\n---- END SSH2 ENCRYPTED PRIVATE KEY ----")
    p.tp("key:\n§\n", "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n" + body()
         + "\n---- END SSH2 ENCRYPTED PRIVATE KEY ----")
    p.fp("---- BEGIN SSH2 PUBLIC KEY ----\n" + body() + "\n---- END SSH2 PUBLIC KEY ----")
    p.fp("---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n---- END SSH2 ENCRYPTED PRIVATE KEY ----")

    f = Fakes("putty-private-key")
    p.rule("putty-private-key", "PuTTY private key file (.ppk): the private lines",
           r"PuTTY-User-Key-File-[23]: (?s:.)*?Private-Lines: [0-9]{1,3}\r?\n([A-Za-z0-9+/=\r\n]{40,}?)"
           r"\r?\nPrivate-MAC:", max_length=16384)
    lines = lambda n: "\n".join(f.chars(B64, 64) for _ in range(n))  # noqa: E731
    for version, extra in (("2", ""), ("3", "Key-Derivation: Argon2id\nArgon2-Memory: 8192\n")):
        p.tp("PuTTY-User-Key-File-" + version + ": ssh-rsa\nEncryption: none\nComment: fake-key\n" + extra
             + "Public-Lines: 2\n" + lines(2) + "\nPrivate-Lines: 3\n§\nPrivate-MAC: " + f.chars(HEX, 40),
             lines(3))
    p.fp("PuTTY-User-Key-File-3: ssh-ed25519")
    p.fp("PuTTY-User-Key-File-2: ssh-rsa\nPrivate-Lines: 1\nAAAA\nPrivate-MAC: " + f.chars(HEX, 40))

    f = Fakes("jwt")
    p.rule("jwt", "JSON Web Token (header with alg, payload, signature)",
           r"\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{16,})", validate="jwt", max_length=8192)
    p.tp("Authorization: Bearer §", f.jwt())
    p.tp('{"id_token": "§", "expires_in": 3600}', f.jwt({"alg": "RS256", "kid": "fake-kid"}))
    p.fp("token = " + f.jwt({"typ": "JWT"}) + "  # header without alg")
    p.fp("eyJhbGciOiJub25lIn0.eyJzdWIiOiJmYWtlIn0.")

    f = Fakes("database-connection-string")
    p.rule("database-connection-string", "Database or broker URL with a password (user:password is masked)",
           r"(?i)\b(?:postgres(?:ql)?|mysql|mariadb|mongodb(?:\+srv)?|rediss?|amqps?|mssql|sqlserver|cockroachdb"
           r"|clickhouse)://([^\s:@/\"'<>]{0,64}:[^\s@/\"'<>]{1,128})@",
           allow=[{"regex": r"(?i):(?:password|passw0rd|pass|passwd|pwd|secret|changeme|example|postgres|root|admin"
                            r"|test|guest|\*+|x+)$"},
                  {"regex": r":(?:\$|%\(|<|\{)"}])
    pw = lambda n=16: f.chars(ALNUM + "-_.~!", n)  # noqa: E731
    p.tp("DATABASE_URL=postgres://§@db.internal:5432/app", "app:" + pw())
    p.tp('MONGO_URI = "mongodb+srv://§@cluster0.ab1cd.mongodb.net/?retryWrites=true"', "svc:" + pw(20))
    p.tp("REDIS_URL=redis://§@cache:6379/0", ":" + pw(24))
    p.tp("broker_url = 'amqp://§@rabbit:5672//'", "worker:" + pw())
    p.fp("postgres://postgres:postgres@localhost:5432/dev")
    p.fp("mysql://user:${DB_PASSWORD}@db/app")
    p.fp("postgresql://localhost:5432/app")

    f = Fakes("url-credentials")
    p.rule("url-credentials", "Password in a scheme://user:password@host URL",
           r"\b[A-Za-z][A-Za-z0-9+.-]{1,20}://[^\s:@/\"'<>]{1,64}:([^\s:@/\"'<>]{4,128})@[A-Za-z0-9\[]",
           allow=[{"regex": PLACEHOLDER_PASSWORDS}, {"regex": r"^(?:\$|%\(|<|\{)"}])
    p.tp("git clone https://deploy:§@git.example.test/org/repo.git", f.chars(ALNUM, 20))
    p.tp("lftp ftp://backup:§@files.example.test/", f.chars(ALNUM + "-_.~!", 14))
    p.tp("SMTP_URL=smtp://mailer:§@smtp.example.test:587", f.chars(ALNUM, 16))
    p.fp("https://user:${TOKEN}@git.example.test/repo.git")
    p.fp("https://example.test:8443/path?a=b@c")
    p.fp("ssh://git@github.com:22/org/repo.git")
    p.fp("const myURL = new URL('https://abc:xyz@example.com');")

    f = Fakes("ado-net-password")
    p.rule("ado-net-password", "Password in an ADO.NET / ODBC style connection string (;Password=...;)",
           r"(?i);[ \t]{0,8}(?:password|pwd)[ \t]{0,8}=[ \t]{0,8}([^;\"'\s{<$%(][^;\"'\r\n]{0,127})",
           allow=[{"regex": PLACEHOLDER_PASSWORDS}, "your_", "your-"])
    p.tp("Server=tcp:db.example.test,1433;Initial Catalog=app;User ID=app;Password=§;Encrypt=True;",
         f.chars(ALNUM + "!#-_", 18))
    p.tp('"Default": "Host=db;Database=app;Username=app;Pwd=§"', f.chars(ALNUM, 16))
    p.fp("Server=db;Database=app;Integrated Security=true;")
    p.fp("Server=db;User Id=sa;Password={0};")
    p.fp("Server=db;User Id=sa;Password=your_password;")
    p.fp("user = (char *) (p + 1);\npwd = (char *) (p + 1 + ulen);")

    f = Fakes("http-basic-auth")
    p.rule("http-basic-auth", "HTTP Basic credentials in an Authorization header",
           r"(?i)\bauthorization\s{0,8}:\s{0,8}basic\s{1,8}([A-Za-z0-9+/]{8,200}={0,2})(?:[^A-Za-z0-9+/=]|$)", min_entropy=3.0)
    basic = lambda: base64.b64encode(f"svc-{f.chars(LOWER, 5)}:{f.chars(ALNUM, 14)}".encode()).decode()  # noqa: E731
    p.tp('curl -H "Authorization: Basic §" https://api.example.test/v1', basic())
    p.tp("GET /v1 HTTP/1.1\r\nHost: api.example.test\r\nauthorization: basic §\r\n\r\n", basic())
    p.fp('curl -H "Authorization: Basic $CREDENTIALS" https://api.example.test')
    p.fp("Authorization: Basic <base64 of user:password>")

    f = Fakes("http-bearer-token")
    p.rule("http-bearer-token", "Opaque bearer token in an Authorization header",
           r"(?i)\bauthorization\s{0,8}:\s{0,8}bearer\s{1,8}([A-Za-z0-9._~+/-]{20,500}={0,2})", min_entropy=3.5,
           allow=PLACEHOLDER_REFS)
    p.tp('curl -H "Authorization: Bearer §" https://api.example.test/v1/me', f.chars(URL64, 40))
    p.tp("Authorization: Bearer §\n", f.chars(ALNUM, 32) + "." + f.chars(ALNUM, 20))
    p.fp('curl -H "Authorization: Bearer $API_TOKEN" https://api.example.test')
    p.fp("Authorization: Bearer <your-access-token-here>")

    f = Fakes("generic-secret-assignment")
    p.rule("generic-secret-assignment",
           "A high-entropy value assigned to a name ending in password, secret, token, api key, private key...",
           r"(?i)(?:password|passwd|passphrase|pwd|secret|token|api_key|api-key|apikey|access_key|access-key|accesskey"
           r"|auth_key|auth-key|authkey|private_key|private-key|privatekey)" r"""["']?\s{0,8}(?::=|=>|[:=])\s{0,8}["'`]?"""
           r"([A-Za-z0-9!#%&*+./@^_~-][A-Za-z0-9!#$%&*+./:=?@^_|~-]{7,63})(?:[\"'`\s,;]|$)",
           min_entropy=3.0,
           allow=PLACEHOLDER_REFS + [
               {"regex": r"(?i)^(?:password|passwd|secret|token|changeme|example|sample|default|test)[0-9!_.-]{0,6}$"},
               {"regex": r"^[A-Za-z_$][A-Za-z0-9_$]*(?:\.[A-Za-z_$][A-Za-z0-9_$]*)+$"},   # self.password, process.env.X
               {"regex": r"^[0-9.]+$"},                                                 # numbers, versions
               {"regex": r"^_{0,2}(?:[a-z]+(?:[_-][a-z]+)*|[A-Za-z][a-z]+(?:[A-Z][a-z]+)*|[A-Z]+(?:_[A-Z]+)*[0-9]{0,2})$"},
               # ^ words and identifiers: next_char, _authKey, my-auth-token-here, MY_TOKEN1
               {"regex": r"^[0-9a-f]{16}$"},                                            # .NET PublicKeyToken
               {"regex": r"^(?:/|\./|~/)[A-Za-z0-9_./@:#%+~-]*$"},                      # file paths, URL paths
               {"regex": r"^[a-z0-9_.-]+(?:/[a-z0-9_.#-]+)+$"},                         # routes: cms/sites/passwords#edit
               {"regex": r"^arn:"},                                                     # AWS ARNs
               {"regex": r"^/\^"},                                                      # regex literals: /^Unexpected
               {"regex": r"^#[a-z][a-z0-9_-]*$"},                                       # #anchors, CSS ids
               {"regex": r"://"},                                                       # URLs (see url-credentials)
               {"regex": r"@[A-Za-z0-9-]{1,63}\.[A-Za-z]{2,}"},                        # user@host, e-mail
           ])
    p.tp('db_password = "§"', f.chars(ALNUM + "!#%&*", 16))
    p.tp('{"apiKey": "§", "region": "eu"}', f.chars(ALNUM, 32))
    p.tp("CLIENT_SECRET=§\n", f.chars(ALNUM + "-_", 40))
    p.tp("spring.datasource.password: §", f.chars(ALNUM, 12))
    p.fp("password = getPassword()")
    p.fp("password: ${DB_PASSWORD}")
    p.fp('token = "xxxxxxxxxxxxxxxxxxxx"')
    p.fp('api_key = "<your-api-key>"')
    p.fp("PASSWORD=changeme123")
    p.fp("password = self.password")
    p.fp("max_tokens = 4096")
    p.fp('secret_name = "prod/db/credentials"')
    p.fp("PWD=/home/dev/project")
    p.fp('IAMUserChangePassword = "arn:aws:iam::aws:policy/IAMUserChangePassword"')
    p.fp("put '/forgot-password' => \"cms/sites/passwords#update\", as: 'update_password'")
    p.fp('this.addPassword = "#add-password";')
    p.fp("const UNEXPECTED_TOKEN = /^Unexpected token/i")
    p.fp("if token == \"expected-value\":")
    p.fp("self.token = nextchar")
    p.fp("cache_token = currentToken")
    p.fp('<add assembly="System.Web, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b03f5f7f11d50a3a" />')
    p.fp("const { authKey: _authKey } = opts; token: 'my-auth-token-here'")
