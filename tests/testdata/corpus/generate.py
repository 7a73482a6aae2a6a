#!/usr/bin/env python3
"""Generates cases.json: the shared matcher corpus.

Expected spans and outputs come from Python's `re` over bytes (ASCII \\b \\w \\d \\s, as in RE2), an oracle
independent of both the Hush matcher and .NET Regex, followed by the policy's confirmation checks
(keywords, min_entropy, allow, validate), the union of mask spans (overlapping spans merge; adjacent ones do not)
and the earliest-starting span's replacement (ties: lower rule index).
Run: python3 tests/testdata/corpus/generate.py  (rewrites cases.json next to this script).
All secrets are fake.
"""
import base64, json, math, os, re, zlib

B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

def gh_token(prefix, random30):
    c = zlib.crc32(random30.encode())
    d = ""
    for _ in range(6):
        d = B62[c % 62] + d
        c //= 62
    return prefix + random30 + d

def b64u(s):
    return base64.urlsafe_b64encode(s.encode()).decode().rstrip("=")

def entropy(b):
    if not b:
        return 0.0
    n = len(b)
    return -sum((b.count(x) / n) * math.log2(b.count(x) / n) for x in set(b))

def is_github(s):
    if len(s) != 40 or not re.fullmatch(rb"gh[pousr]_[0-9A-Za-z]{36}", s):
        return False
    v = 0
    for ch in s[34:].decode():
        v = v * 62 + B62.index(ch)
    return v == zlib.crc32(s[4:34])

def is_jwt(s):
    parts = s.split(b".")
    if len(parts) != 3 or not parts[0] or not parts[1]:
        return False
    if not all(re.fullmatch(rb"[A-Za-z0-9_-]*", p) for p in parts):
        return False
    try:
        h = json.loads(base64.urlsafe_b64decode(parts[0] + b"=" * (-len(parts[0]) % 4)))
    except Exception:
        return False
    return isinstance(h, dict) and isinstance(h.get("alg"), str)

def is_luhn(s):
    if any(c not in b"0123456789 -" for c in s):
        return False
    digits = [c - 48 for c in s if 48 <= c <= 57]
    if not 12 <= len(digits) <= 19:
        return False
    total = 0
    for i, d in enumerate(reversed(digits)):
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0

def py_pattern(rule):
    p = rule.get("oracle_pattern", rule["pattern"])
    return p.replace("\\z", "\\Z")

def confirmed(rule, m):
    g = rule.get("secret", 0)
    if m.start(g) < 0 or m.end(g) == m.start(g):
        return None
    secret = m.group(g)
    whole = m.group(0).lower()
    kws = rule.get("keywords", [])
    if kws and not any(k.lower().encode() in whole for k in kws):
        return None
    if rule.get("min_entropy", 0) > 0 and entropy(secret) < rule["min_entropy"]:
        return None
    if any(a.lower().encode() in secret.lower() for a in rule.get("allow", [])):
        return None
    if any(re.search(a.encode(), secret) for a in rule.get("allow_regex", [])):
        return None
    v = rule.get("validate")
    if v == "github_crc32" and not is_github(secret):
        return None
    if v == "jwt" and not is_jwt(secret):
        return None
    if v == "luhn" and not is_luhn(secret):
        return None
    return (m.start(g), m.end(g))

def render(template, rule_id, secret):
    out, i = "", 0
    while i < len(template):
        if template.startswith("{{", i):
            out += "{"; i += 2
        elif template.startswith("}}", i):
            out += "}"; i += 2
        elif template[i] == "{":
            j = template.index("}", i)
            name = template[i + 1:j]
            if name == "id":
                out += rule_id
            elif name == "len":
                out += str(len(secret))
            elif name.startswith("keep:"):
                out += secret[:int(name[5:])].decode("latin-1")
            i = j + 1
        else:
            out += template[i]; i += 1
    return out.encode("utf-8") if all(ord(c) < 128 for c in out) else None

def expect(case):
    data = case["input"].encode("utf-8")
    spans, masks = [], []
    for index, rule in enumerate(case["rules"]):
        if rule.get("direction", "both") == "request":
            continue
        for m in re.finditer(py_pattern(rule).encode("latin-1"), data):
            s = confirmed(rule, m)
            if s is None:
                continue
            spans.append([s[0], s[1], rule["id"]])
            if rule.get("action", "mask") == "mask":
                masks.append((s[0], index, s[1]))
    masks.sort()
    out, cursor, i = b"", 0, 0
    while i < len(masks):
        start, index, end = masks[i]
        j = i + 1
        while j < len(masks) and masks[j][0] < end:
            end = max(end, masks[j][2]); j += 1
        rule = case["rules"][index]
        rep = render(rule.get("replacement", "[MASKED:{id}]"), rule["id"], data[start:end])
        out += data[cursor:start] + rep
        cursor, i = end, j
    out += data[cursor:]
    case["expected_spans"] = sorted(spans, key=lambda s: (s[0], s[1], s[2]))
    case["expected_output"] = out.decode("utf-8")
    return case

AWS = {"id": "aws-access-key", "pattern": r"\b((?:AKIA|ASIA)[0-9A-Z]{16})\b", "secret": 1}
GHP = {"id": "github-pat", "pattern": r"\bghp_[0-9A-Za-z]{36}\b", "replacement": "{keep:4}[MASKED:{id}]"}
GHP_CRC = dict(GHP, id="github-pat-crc", validate="github_crc32")
PWD = {"id": "password-assignment", "pattern": r"(?i)(?:password|passwd|pwd)\s{0,3}[:=]\s{0,3}[\"']?([^\s\"']{8,64})",
       "secret": 1, "min_entropy": 3.0}
SLACK = {"id": "slack-token", "pattern": r"\bxox[baprs]-[0-9A-Za-z-]{10,48}"}
TOKEN = {"id": "token-hex", "pattern": r"(?i)(?:key|token)[=:]([a-f0-9]{32})", "secret": 1, "keywords": ["token"]}
URLCRED = {"id": "url-credentials", "pattern": r"[a-z][a-z0-9+.-]{1,15}://[^:/\s@]{1,64}:([^@/\s]{3,64})@[^\s/]{1,100}",
           "secret": 1}
GOOGLE = {"id": "google-oauth-client", "pattern": r"([a-z0-9]{32})\.apps\.googleusercontent\.com", "secret": 1}
JWT = {"id": "jwt", "pattern": r"\beyJ[A-Za-z0-9_-]{8,300}\.eyJ[A-Za-z0-9_-]{8,600}\.[A-Za-z0-9_-]{0,300}", "validate": "jwt"}
CARD = {"id": "card", "pattern": r"\b(4[0-9]{3}(?:[ -]?[0-9]{4}){3})\b", "secret": 1, "validate": "luhn"}
PEM = {"id": "private-key", "pattern": r"(?s)-----BEGIN[ A-Z]{0,20}PRIVATE KEY-----.{16,300}?-----END[ A-Z]{0,20}PRIVATE KEY-----"}
HOLD = {"id": "terraform-destroy", "pattern": r"\bterraform\s{1,5}destroy\b", "action": "hold"}
HASHICORP = {"id": "hashicorp-tf-api-token", "pattern": r"(?i)[a-z0-9]{14}\.(?-i:atlasv1)\.[a-z0-9\-_=]{60,70}"}
SLACKHOOK = {"id": "slack-webhook-url",
             "pattern": r"(?:https?://)?hooks.slack.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}"}
HEX40 = {"id": "aws-secret-like", "pattern": r"\b([A-Za-z0-9+/]{40})\b", "secret": 1, "min_entropy": 4.0}

tok1 = gh_token("ghp_", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5")
tok2 = gh_token("ghp_", "zYxWvUtSrQpOnMlKjIhGfEdCbA9876")
bad_tok = tok1[:-1] + ("A" if tok1[-1] != "A" else "B")
jwt_ok = b64u('{"alg":"HS256","typ":"JWT"}') + "." + b64u('{"sub":"1234567890","name":"Fake"}') + ".c2lnbmF0dXJlX2Zha2U"
jwt_bad = "eyJub3Rqc29uIGF0IGFsbA." + b64u('{"sub":"1234567890","name":"Fake"}') + ".c2ln"

cases = [
    ("aws key in assignment", [AWS], "aws_access_key_id = AKIAQ3EGRT7NBVMWXYZ1\nregion = us-east-1\n"),
    ("aws key at input start", [AWS], "AKIAQ3EGRT7NBVMWXYZ1 is the key"),
    ("aws key at input end", [AWS], "the key is AKIAQ3EGRT7NBVMWXYZ1"),
    ("aws key is the whole input", [AWS], "ASIAQ3EGRT7NBVMWXYZ1"),
    ("two aws keys separated by a space", [AWS], "AKIAQ3EGRT7NBVMWXYZ1 ASIAZZ3EGRT7NBVMWXY2"),
    ("aws key glued to a word is not at a boundary", [AWS], "xAKIAQ3EGRT7NBVMWXYZ1 and AKIAQ3EGRT7NBVMWXYZ1x"),
    ("aws key too short", [AWS], "AKIAQ3EGRT7NBVMWXYZ and AKIA"),
    ("aws key lower case is not a key", [AWS], "akiaq3egrt7nbvmwxyz1"),
    ("aws key allow-listed example", [dict(AWS, allow=["EXAMPLE"])], "AKIAIOSFODNN7EXAMPLE AKIAQ3EGRT7NBVMWXYZ1"),
    ("aws key with unicode around", [AWS], "clé: «AKIAQ3EGRT7NBVMWXYZ1» ✓ 🔑"),
    ("aws key after multibyte letters", [AWS], "ÀÉÎAKIAQ3EGRT7NBVMWXYZ1ÕÜ"),
    ("github pat keeps prefix", [GHP], f"export GITHUB_TOKEN={tok1}\n"),
    ("github pat crc valid", [GHP_CRC], f"token: {tok1} and {tok2}"),
    ("github pat crc invalid", [GHP_CRC], f"token: {bad_tok}"),
    ("github pat too long is no boundary", [GHP], f"{tok1}X"),
    ("password assignment", [PWD], "db:\n  password: \"Xk9#mQ2$vL7!pR4z\"\n"),
    ("password upper case keyword", [PWD], "PASSWORD=Xk9mQ2vL7pR4zT8w"),
    ("password low entropy rejected", [PWD], "password = aaaaaaaaaaaa"),
    ("password too short", [PWD], "pwd=abc123"),
    ("slack bot token", [SLACK], "SLACK=xoxb-1234567890-abcdefghij-XYZ done"),
    ("slack near miss", [SLACK], "xoxq-1234567890abc and xoxb-short"),
    ("keywords filter rejects key but accepts token", [TOKEN],
     "key=0123456789abcdef0123456789abcdef token=fedcba9876543210fedcba9876543210"),
    ("url credentials", [URLCRED], "DATABASE_URL=postgres://admin:S3cr3tP4ss@db.internal:5432/app"),
    ("url without password", [URLCRED], "see https://example.com/path and ftp://host"),
    ("secret before literal wakes by look-back", [GOOGLE],
     "client_id=0123456789abcdefghijklmnopqrstuv.apps.googleusercontent.com"),
    ("jwt valid header", [JWT], f"Authorization: Bearer {jwt_ok}\n"),
    ("jwt header not json", [JWT], f"Bearer {jwt_bad}"),
    ("luhn valid card", [CARD], "card 4111 1111 1111 1111 exp 12/30"),
    ("luhn invalid card", [CARD], "card 4111-1111-1111-1112 exp"),
    ("pem private key block", [PEM],
     "x\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAfakefakefakefake\nabcdEFGH==\n-----END RSA PRIVATE KEY-----\ny"),
    ("pem header without body", [PEM], "-----BEGIN PRIVATE KEY-----short-----END PRIVATE KEY-----"),
    ("hold rule reports and keeps bytes", [HOLD], "run: terraform   destroy -auto-approve\n"),
    ("hold and mask together", [HOLD, AWS], "terraform destroy AKIAQ3EGRT7NBVMWXYZ1"),
    ("overlapping rules merge, earliest start wins",
     [{"id": "r-long", "pattern": r"id=[a-z]{4}[0-9]{4}", "secret": 0},
      {"id": "r-digits", "pattern": r"[0-9]{4}xyz"}],
     "id=abcd1234xyz end"),
    ("same start tie uses lower rule index",
     [{"id": "first", "pattern": r"sk_[a-z]{6}"}, {"id": "second", "pattern": r"sk_[a-z]{3}"}],
     "sk_abcdef!"),
    ("adjacent spans get separate replacements",
     [{"id": "left", "pattern": r"L[0-9]{3}"}, {"id": "right", "pattern": r"R[0-9]{3}"}],
     "L123R456 L111 R222"),
    ("same rule matches do not overlap", [{"id": "aba", "pattern": r"aba"}], "ababa abab"),
    ("lazy group takes the shortest body", [{"id": "lazy", "pattern": r"begin(.{1,20}?)end", "secret": 1}],
     "begin12end34end"),
    ("alternation leftmost-first backtracks", [{"id": "alt", "pattern": r"(?:ab|abcd)([0-9]{3})", "secret": 1}],
     "abcd123 ab456"),
    ("not word boundary", [{"id": "nb", "pattern": r"\Bzz[0-9]{2}"}], "zz12 azz34"),
    ("multiline line start", [{"id": "ml", "pattern": r"(?m)^SECRET=([A-Za-z0-9]{8,16})", "secret": 1}],
     "SECRET=abcdefgh1\n  SECRET=notmatched1\nSECRET=zyxwvuts2"),
    ("text start anchor", [{"id": "ts", "pattern": r"\Atoken:([a-z0-9]{8})", "secret": 1}],
     "token:abc12345 token:zzz99999"),
    ("text end anchor", [{"id": "te", "pattern": r"key:[0-9]{4}\z"}], "key:1234 key:5678"),
    ("utf-8 literal in pattern", [{"id": "umlaut", "pattern": r"pässwort=([A-Za-z0-9]{8})", "secret": 1,
                                   "oracle_pattern": r"p\xC3\xA4sswort=([A-Za-z0-9]{8})"}],
     "pässwort=Geheim12 passwort=Geheim34"),
    ("dot matches single bytes of utf-8", [{"id": "dot", "pattern": r"<(.{4})>", "secret": 1}], "<éé> <abcd> <ééé>"),
    ("replacement with length", [dict(AWS, replacement="[{len} bytes hidden]")], "k=AKIAQ3EGRT7NBVMWXYZ1"),
    ("replacement with escaped braces", [dict(AWS, replacement="{{{id}}}")], "k=AKIAQ3EGRT7NBVMWXYZ1"),
    ("request-only rule ignored on responses", [dict(AWS, direction="request")], "AKIAQ3EGRT7NBVMWXYZ1"),
    ("look-back: secret bytes before the literal", [HASHICORP],
     "TF_TOKEN=Ab3dEf6hIj9kLm.atlasv1." + "Zq8Lm3Tr6Wx1" * 5 + " end"),
    ("look-back: literal at input start has nothing before", [HASHICORP],
     ".atlasv1." + "a" * 60 + " and Ab3dEf6hIj9kL.atlasv1." + "b" * 60),
    ("look-back: long alphanumeric run before the secret", [HASHICORP],
     "x" * 30 + "Ab3dEf6hIj9kLm.ATLASV1." + "c" * 60 + " " + "y" * 40 + "Ab3dEf6hIj9kLm.atlasv1." + "d" * 61),
    ("look-back: optional scheme before the literal", [SLACKHOOK],
     "url: https://hooks.slack.com/services/T0000000/B0000000/" + "XXXXXXXXXXXXXXXXXXXXXXXX" + "abc/ "
     "and hooks.slack.com/workflows/" + "Ab3dEf6hIj9k" * 4 + "\nhttp://hooks.slack.com/triggers/short"),
    ("look-back and prefix rules together", [HASHICORP, SLACKHOOK, AWS],
     "https://hooks.slack.com/services/" + "Q" * 44 + " Ab3dEf6hIj9kLm.atlasv1." + "e" * 60 + " AKIAQ3EGRT7NBVMWXYZ1"),
    ("high entropy always-on rule", [HEX40],
     "secret: wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz8EXAMPLE and aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
    ("many literals, no secrets", [AWS, GHP, SLACK, PWD, URLCRED],
     "ghp_ AKIA xoxb- password: short https://x AKIA ghp_abc xoxp-"),
    ("empty input", [AWS, PWD], ""),
    ("plain prose passes unchanged", [AWS, GHP, PWD, SLACK],
     "The quick brown fox jumps over the lazy dog. Nothing to see here, just words and numbers 1234567890.\n"),
    ("mixed rule set", [AWS, GHP, PWD, SLACK, URLCRED, HOLD],
     f"aws=AKIAQ3EGRT7NBVMWXYZ1\ngh={tok1}\npassword: Zq8!Lm3#Tr6$Wx1@\nxoxp-0987654321-zyxwvuts\n"
     "mysql://root:hunter2hunter2@localhost/db\nterraform destroy\n"),
    ("secret near 4 KiB chunk edge", [AWS, GHP], "x" * 4085 + " AKIAQ3EGRT7NBVMWXYZ1 " + "y" * 30 + f" {tok2} " + "z" * 4070),
    ("long input with secrets spread", [AWS, PWD, SLACK],
     ("lorem ipsum dolor sit amet " * 40 + "AKIAQ3EGRT7NBVMWXYZ1 ") * 3 + "password=Rt5%Yh8^Uj2&Ik9* " +
     "consectetur adipiscing elit " * 50 + "xoxs-abcdefghij1234"),
]

out = [expect({"name": n, "rules": r, "input": i}) for n, r, i in cases]
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "cases.json")
with open(path, "w", encoding="utf-8") as f:
    json.dump(out, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"{len(out)} cases, {sum(len(c['expected_spans']) for c in out)} spans -> {path}")
