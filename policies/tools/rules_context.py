"""Credentials recognised by the context before them (a keyword, a URL, a connection-string key)."""

import base64
import urllib.parse

from fakes import ALNUM, B62, B64, DIGITS, HEX, URL64, Fakes

# The assignment between a keyword and its value: optional closing quote, then `:`, `=`, `:=` or `=>`.
# `,` covers env("NAME", "value") and getenv("NAME", "default") forms.
ASSIGN = r"""["']?\s{0,8}(?::=|=>|[:=,])\s{0,8}["']?"""
PEM_BODY_ESCAPED = r"[A-Za-z0-9+/=\\]{64,}?"


def _pem_escaped(f: Fakes, label: str) -> str:
    return f.pem(label, sep="\\n")


def add(p) -> None:
    # ---- AWS ---------------------------------------------------------------------------------------
    f = Fakes("aws-secret-access-key")
    p.rule("aws-secret-access-key", "AWS secret access key next to its name",
           r"(?i)(?:aws[_-]?secret[_-]?access[_-]?key|aws[_-]?secret[_-]?key|secret[_-]?access[_-]?key)" + ASSIGN
           + r"([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)",
           min_entropy=3.5, allow=["EXAMPLE"])
    p.tp("[default]\nregion = eu-west-1\naws_secret_access_key = §\n", f.chars(B64, 40))
    p.tp('{"AccessKeyId": "id", "SecretAccessKey": "§", "SessionToken": null}', f.chars(B64, 40))
    p.tp("  AWS_SECRET_ACCESS_KEY: '§'", f.chars(B64, 40))
    p.fp("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")
    p.fp("aws_secret_access_key = ${AWS_SECRET_ACCESS_KEY}")
    p.fp('"SecretAccessKey": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"')

    # ---- Google Cloud ------------------------------------------------------------------------------
    f = Fakes("gcp-service-account-private-key")
    p.rule("gcp-service-account-private-key", "Private key in a Google Cloud service-account JSON key file",
           r'"private_key"\s{0,8}:\s{0,8}"(-----BEGIN (?:RSA )?PRIVATE KEY-----\\n' + PEM_BODY_ESCAPED
           + r'-----END (?:RSA )?PRIVATE KEY-----(?:\\n)?)"', max_length=16384)
    p.tp('{"type": "service_account", "project_id": "demo-project", "private_key_id": "' + f.chars(HEX, 40)
         + '", "private_key": "§", "client_email": "ci@demo-project.iam.gserviceaccount.com"}',
         _pem_escaped(f, "PRIVATE KEY") + "\\n")
    p.tp('{\n  "type": "service_account",\n  "private_key": "§",\n  "client_id": "1' + f.digits(20) + '"\n}',
         _pem_escaped(f, "PRIVATE KEY") + "\\n")
    p.fp('"private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"')
    p.fp('{"private_key_id": "' + f.chars(HEX, 40) + '", "private_key": ""}')

    # ---- Azure -------------------------------------------------------------------------------------
    f = Fakes("azure-storage-account-key")
    p.rule("azure-storage-account-key", "Azure storage / Cosmos DB account key in a connection string",
           r"(?i)\bAccountKey\s{0,8}=\s{0,8}([A-Za-z0-9+/]{86}==)")
    p.tp("DefaultEndpointsProtocol=https;AccountName=demostore;AccountKey=§;EndpointSuffix=core.windows.net",
         f.b64(64))
    p.tp('"CosmosDb": "AccountEndpoint=https://demo.documents.azure.com:443/;AccountKey=§;"', f.b64(64))
    p.fp("DefaultEndpointsProtocol=https;AccountName=demostore;AccountKey=<your-account-key>;")
    p.fp("AccountKey=" + f.chars(B64, 40) + "==;")

    f = Fakes("azure-sas-token")
    p.rule("azure-sas-token", "Signature of an Azure shared access signature (SAS) URL or connection string",
           r"(?i)\bsv=[0-9]{4}-[0-9]{2}-[0-9]{2}&[^\s\"'<>]{0,400}?[?&]sig=([A-Za-z0-9%+/=]{40,132})")
    sig = lambda: urllib.parse.quote(f.b64(32), safe="")  # noqa: E731
    p.tp("https://demostore.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=co&sp=rl"
         "&se=2026-12-31T00:00:00Z&st=2026-11-01T00:00:00Z&spr=https&sig=§", sig())
    p.tp("BlobEndpoint=https://demostore.blob.core.windows.net/;SharedAccessSignature=sv=2021-08-06&ss=bfqt"
         "&srt=sco&sp=rwdlacupx&se=2026-12-31T23:59:59Z&spr=https&sig=§", sig())
    p.fp("https://demostore.blob.core.windows.net/c/f.txt?sv=2022-11-02&sp=r&sig=<signature>")
    p.fp("https://cdn.example.test/img.png?w=200&sig=" + f.chars(B62, 44))

    f = Fakes("azure-shared-access-key")
    p.rule("azure-shared-access-key", "Azure Service Bus / Event Hubs / IoT Hub shared access key",
           r"(?i)\bSharedAccessKey\s{0,8}=\s{0,8}([A-Za-z0-9+/]{43}=)")
    p.tp("Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
         "SharedAccessKey=§", f.b64(32))
    p.tp("HostName=demo.azure-devices.net;DeviceId=sensor-1;SharedAccessKey=§", f.b64(32))
    p.fp("Endpoint=sb://demo.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;"
         "SharedAccessKey=<key>")
    p.fp("SharedAccessKey=abc=")

    f = Fakes("azure-ad-client-secret")
    p.rule("azure-ad-client-secret", "Microsoft Entra ID (Azure AD) application client secret",
           r"(?i:client[_-]?secret|azure[_-]?secret)" + ASSIGN
           + r"([A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?:[^A-Za-z0-9_~.-]|$)")
    p.tp("AZURE_CLIENT_SECRET=§", f.chars(ALNUM, 3) + "8Q~" + f.chars(URL64 + "~.", 34))
    p.tp('{"clientId": "app", "clientSecret": "§"}', f.chars(ALNUM, 3) + "7Q~" + f.chars(URL64 + "~.", 34))
    p.fp("client_secret = ${{ secrets.AZURE_CLIENT_SECRET }}")
    p.fp('client_secret=os.environ["AZURE_CLIENT_SECRET"]')

    f = Fakes("azure-devops-pat")
    p.rule("azure-devops-pat", "Azure DevOps personal access token (84-character and legacy 52-character forms)",
           r"(?i:azure[_-]?devops|azdo|ado[_-]|vsts)[\w.-]{0,20}?(?i:pat|token)" + ASSIGN
           + r"([A-Za-z0-9]{52}JQQJ9[A-Za-z0-9]{8}AZDO[A-Za-z0-9]{4}|[a-z2-7]{52})\b")
    p.tp("AZURE_DEVOPS_PAT=§", f.chars(ALNUM, 52) + "JQQJ9" + f.chars(ALNUM, 8) + "AZDO" + f.chars(ALNUM, 4))
    p.tp('ado_pat = "§"', f.chars("abcdefghijklmnopqrstuvwxyz234567", 52))
    p.fp("AZURE_DEVOPS_PAT=$(System.AccessToken)")
    p.fp('azure_devops_url = "https://dev.azure.com/example-org/"')

    # ---- GitHub App private key ---------------------------------------------------------------------
    f = Fakes("github-app-private-key")
    p.rule("github-app-private-key", "GitHub App private key assigned to its conventional name",
           r"(?i:github[_-]?app[_-]?private[_-]?key)" + r"""["']?\s{0,8}[:=]\s{0,8}[|>]?[-+]?\s{0,8}["']?"""
           + r"(-----BEGIN RSA PRIVATE KEY-----(?:\\n|\s)[A-Za-z0-9+/=\s\\]{40,}?-----END RSA PRIVATE KEY-----)",
           max_length=16384)
    p.tp('GITHUB_APP_PRIVATE_KEY="§"', _pem_escaped(f, "RSA PRIVATE KEY"))
    p.tp("github_app_private_key: |\n  §\n", f.pem("RSA PRIVATE KEY", sep="\n  "))
    p.fp("GITHUB_APP_PRIVATE_KEY_PATH=/etc/app/github-app.pem")
    p.fp('github_app_private_key: "-----BEGIN RSA PRIVATE KEY-----\\n<redacted>\\n-----END RSA PRIVATE KEY-----"')

    # ---- chat ----------------------------------------------------------------------------------------
    f = Fakes("slack-webhook-url")
    p.rule("slack-webhook-url", "Slack incoming webhook URL (the path after /services/ is the secret)",
           r"hooks\.slack\.com/services/(T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24})\b",
           allow=["XXXXXXXX"])
    hook = lambda: f"T{f.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/B{f.chars('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}/{f.chars(B62, 24)}"  # noqa: E501,E731
    p.tp("SLACK_WEBHOOK_URL=https://hooks.slack.com/services/§", hook())
    p.tp("curl -X POST -d '{\"text\":\"deployed\"}' https://hooks.slack.com/services/§", hook())
    p.fp("https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX")
    p.fp("see https://api.slack.com/messaging/webhooks and https://hooks.slack.com/services/")

    f = Fakes("discord-bot-token")
    p.rule("discord-bot-token", "Discord bot token (after a discord token name or `Bot `)",
           r"(?:(?i:discord)[\w.-]{0,20}?(?i:token|secret)" + ASSIGN + r"|\bBot\s{1,8})"
           + r"([MNO][A-Za-z0-9_-]{23,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38})(?:[^A-Za-z0-9_-]|$)")
    disc = lambda: (base64.b64encode(("1" + f.digits(18)).encode()).decode().rstrip("=") + "."  # noqa: E731
                    + f.chars(URL64, 6) + "." + f.chars(URL64, 38))
    p.tp("DISCORD_TOKEN=§", disc())
    p.tp('headers = {"Authorization": "Bot §"}', disc())
    p.fp("DISCORD_TOKEN=your-bot-token-here")
    p.fp("Bot Moderator.online.status")

    f = Fakes("discord-webhook-url")
    p.rule("discord-webhook-url", "Discord webhook URL (id and token)",
           r"discord(?:app)?\.com/api/webhooks/([0-9]{17,20}/[A-Za-z0-9_-]{60,68})(?:[^A-Za-z0-9_-]|$)")
    p.tp("https://discord.com/api/webhooks/§", f"1{f.digits(18)}/{f.chars(URL64, 68)}")
    p.tp('webhook = "https://discordapp.com/api/webhooks/§"', f"1{f.digits(17)}/{f.chars(URL64, 68)}")
    p.fp("https://discord.com/api/webhooks/123/abc")
    p.fp("https://discord.com/developers/docs/resources/webhook")

    f = Fakes("telegram-bot-token")
    p.rule("telegram-bot-token", "Telegram bot token (the part after the bot id)",
           r"(?:/bot|\b)[0-9]{8,10}:(AA[A-Za-z0-9_-]{32,33})(?:[^A-Za-z0-9_-]|$)")
    p.tp(f"https://api.telegram.org/bot{f.digits(10)}:§/sendMessage", "AA" + f.chars(URL64, 33))
    p.tp(f'bot = telebot.TeleBot("{f.digits(9)}:§")', "AA" + f.chars(URL64, 33))
    p.fp("12345678:AAbbbbbb")
    p.fp("id9" + f.digits(9) + ":AA" + f.chars(URL64, 33))

    # ---- Twilio, Mailgun, Heroku, Datadog ----------------------------------------------------------------
    f = Fakes("twilio-api-key")
    p.rule("twilio-api-key", "Twilio API key SID next to a Twilio name",
           r"(?i:twilio)[\w.-]{0,30}?" + ASSIGN + r"(SK[0-9a-fA-F]{32})\b")
    p.tp("TWILIO_API_KEY=§", "SK" + f.chars(HEX, 32))
    p.tp('twilio_api_key_sid: "§"', "SK" + f.chars(HEX, 32))
    p.tp("'key' => env('TWILIO_API', '§'),", "SK" + f.chars(HEX, 32))
    p.fp("twilio_api_key: SK" + "x" * 32)
    p.fp('const sid = "SK' + f.chars(HEX, 32) + '"')

    f = Fakes("twilio-auth-token")
    p.rule("twilio-auth-token", "Twilio auth token",
           r"(?i:twilio)[\w.-]{0,30}?(?i:auth[_-]?token|token|secret)" + ASSIGN + r"([0-9a-f]{32})\b")
    p.tp("TWILIO_AUTH_TOKEN=§", f.chars(HEX, 32))
    p.tp('twilio.authToken = "§";', f.chars(HEX, 32))
    p.fp("TWILIO_AUTH_TOKEN=${TWILIO_AUTH_TOKEN}")
    p.fp('twilio_auth_token = os.environ["TWILIO_AUTH_TOKEN"]')

    f = Fakes("twilio-account-sid")
    p.rule("twilio-account-sid", "Twilio account SID next to a Twilio name",
           r"(?i:twilio)[\w.-]{0,30}?(?i:account[_-]?sid|sid)" + ASSIGN + r"(AC[0-9a-f]{32})\b")
    p.tp("TWILIO_ACCOUNT_SID=§", "AC" + f.chars(HEX, 32))
    p.tp('twilioAccountSid = "§"', "AC" + f.chars(HEX, 32))
    p.fp("TWILIO_ACCOUNT_SID=AC" + "x" * 32)
    p.fp('account_sid = "AC' + f.chars(HEX, 32) + '"')

    f = Fakes("mailgun-private-api-key")
    p.rule("mailgun-private-api-key", "Mailgun private API key (current format) next to a Mailgun name",
           r"(?i:mailgun)[\w.-]{0,30}?(?i:api[_-]?key|key|secret|token)" + ASSIGN
           + r"([0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8})\b")
    p.tp("MAILGUN_API_KEY=§", f"{f.chars(HEX, 32)}-{f.chars(HEX, 8)}-{f.chars(HEX, 8)}")
    p.tp("mailgun.key = '§'", f"{f.chars(HEX, 32)}-{f.chars(HEX, 8)}-{f.chars(HEX, 8)}")
    p.fp("MAILGUN_API_KEY=${MAILGUN_API_KEY}")
    p.fp("MAILGUN_DOMAIN=mg.example.test")

    f = Fakes("heroku-api-key")
    p.rule("heroku-api-key", "Heroku API key (UUID form) next to a Heroku name",
           r"(?i:heroku)[\w.-]{0,30}?(?i:api[_-]?key|token|secret)" + ASSIGN
           + r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b")
    uuid = lambda: f"{f.chars(HEX, 8)}-{f.chars(HEX, 4)}-4{f.chars(HEX, 3)}-a{f.chars(HEX, 3)}-{f.chars(HEX, 12)}"  # noqa: E731,E501
    p.tp("HEROKU_API_KEY=§", uuid())
    p.tp('heroku_token: "§"', uuid())
    p.fp("HEROKU_APP_ID=" + uuid())
    p.fp("HEROKU_API_KEY: ${{ secrets.HEROKU_API_KEY }}")

    f = Fakes("datadog-api-key")
    p.rule("datadog-api-key", "Datadog API key next to its name",
           r"(?i:datadog[\w.-]{0,20}?api[_-]?key|dd[_-]api[_-]?key)" + ASSIGN + r"([a-fA-F0-9]{32})\b")
    p.tp("DD_API_KEY=§", f.chars(HEX, 32))
    p.tp('datadog_api_key = "§"', f.chars(HEX, 32))
    p.fp("DD_API_KEY=${DD_API_KEY}")
    p.fp("DD_SITE=datadoghq.eu")

    f = Fakes("datadog-app-key")
    p.rule("datadog-app-key", "Datadog application key next to its name",
           r"(?i:datadog[\w.-]{0,20}?app(?:lication)?[_-]?key|dd[_-]app(?:lication)?[_-]?key)" + ASSIGN
           + r"([a-fA-F0-9]{40})\b")
    p.tp("DD_APP_KEY=§", f.chars(HEX, 40))
    p.tp("datadog_application_key: §", f.chars(HEX, 40))
    p.fp("DD_APP_KEY=" + f.chars(HEX, 39))
    p.fp("see https://docs.datadoghq.com/account_management/api-app-keys/")

    # ---- Sentry, Vault, Terraform Cloud --------------------------------------------------------------------
    f = Fakes("sentry-dsn-secret")
    p.rule("sentry-dsn-secret", "Legacy Sentry DSN with a secret key (public:secret@host/project)",
           r"\bhttps?://([0-9a-f]{32}:[0-9a-f]{32})@[A-Za-z0-9.-]{1,100}/[0-9]{1,12}\b")
    p.tp("SENTRY_DSN=https://§@o" + f.digits(6) + ".ingest.sentry.io/" + f.digits(7),
         f.chars(HEX, 32) + ":" + f.chars(HEX, 32))
    p.tp('sentry_sdk.init("https://§@sentry.example.test/3")', f.chars(HEX, 32) + ":" + f.chars(HEX, 32))
    p.fp("SENTRY_DSN=https://" + f.chars(HEX, 32) + "@o" + f.digits(6) + ".ingest.sentry.io/" + f.digits(7))
    p.fp("https://" + f.chars(HEX, 32) + ":@sentry.io/1")

    f = Fakes("vault-legacy-token")
    p.rule("vault-legacy-token", "HashiCorp Vault token in the pre-1.10 `s.` format next to a Vault name",
           r"(?i:vault)[\w.-]{0,20}?(?i:token)(?:" + ASSIGN + r"|\s{1,8})(s\.[A-Za-z0-9_-]{24,200}(?:\.[A-Za-z0-9]{5})?)"
           r"(?:[^A-Za-z0-9_-]|$)")
    p.tp("VAULT_TOKEN=§", "s." + f.chars(B62, 24))
    p.tp("X-Vault-Token: §", "s." + f.chars(B62, 24))
    p.tp("vault login -method=token -vaultToken §", "s." + f.chars(URL64, 90))
    p.fp("VAULT_TOKEN=$(cat /run/secrets/vault)")
    p.fp("VAULT_ADDR=https://vault.example.test:8200")

    f = Fakes("terraform-cloud-token")
    p.rule("terraform-cloud-token", "Terraform Cloud / Enterprise API token (the part after .atlasv1.)",
           r"\b[A-Za-z0-9]{14}\.atlasv1\.([A-Za-z0-9_=-]{60,70})(?:[^A-Za-z0-9_=-]|$)")
    p.tp('credentials "app.terraform.io" {\n  token = "' + f.chars(B62, 14) + '.atlasv1.§"\n}', f.chars(URL64, 67))
    p.tp('{"credentials": {"app.terraform.io": {"token": "' + f.chars(B62, 14) + '.atlasv1.§"}}}',
         f.chars(URL64, 67))
    p.fp(f.chars(B62, 14) + ".atlasv1." + f.chars(B62, 30))
    p.fp("tokens look like <id>.atlasv1.<secret>")
