"""Deterministic generators of FAKE credential values for the default policy's tests.

Every value is structurally valid for its rule (prefix, length, charset, checksum) but random: a seeded
`random.Random` per rule id makes the output reproducible, so regenerating the policy changes nothing.
None of these values was ever issued by a provider.
"""

import base64
import json
import random
import zlib

DIGITS = "0123456789"
UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
LOWER = "abcdefghijklmnopqrstuvwxyz"
B62 = DIGITS + UPPER + LOWER          # GitHub's base62 alphabet order: 0-9, A-Z, a-z
ALNUM = B62
HEX = "0123456789abcdef"
HEX_UP = "0123456789ABCDEF"
B64 = B62 + "+/"
URL64 = B62 + "-_"
B32 = UPPER + "234567"


class Fakes:
    """A seeded source of fake values; one instance per rule id."""

    def __init__(self, seed_text: str) -> None:
        self._rng = random.Random(zlib.crc32(seed_text.encode()))

    def chars(self, charset: str, n: int) -> str:
        """n random characters from charset."""
        return "".join(self._rng.choice(charset) for _ in range(n))

    def digits(self, n: int, first_nonzero: bool = True) -> str:
        s = self.chars(DIGITS, n)
        if first_nonzero and s[0] == "0":
            s = "1" + s[1:]
        return s

    def raw(self, n: int) -> bytes:
        return bytes(self._rng.randrange(256) for _ in range(n))

    def b64(self, nbytes: int) -> str:
        return base64.b64encode(self.raw(nbytes)).decode()

    def b64url(self, nbytes: int) -> str:
        return base64.urlsafe_b64encode(self.raw(nbytes)).decode().rstrip("=")

    def github(self, prefix: str) -> str:
        """GitHub/npm checksummed token: prefix + 30 base62 + base62(CRC32(those 30)), zero-padded to 6."""
        body = self.chars(B62, 30)
        return prefix + body + base62_crc32(body)

    def github_bad_checksum(self, prefix: str) -> str:
        """Structurally a token, but the checksum is off by one digit (the validator must reject it)."""
        good = self.github(prefix)
        last = good[-1]
        return good[:-1] + B62[(B62.index(last) + 1) % 62]

    def pem(self, label: str, nbytes: int = 180, sep: str = "\n") -> str:
        """A PEM block of random bytes (not a real key) with 64-character lines joined by sep."""
        body = base64.b64encode(b"\x30\x82" + self.raw(nbytes)).decode()
        lines = [body[i:i + 64] for i in range(0, len(body), 64)]
        return f"-----BEGIN {label}-----{sep}" + sep.join(lines) + f"{sep}-----END {label}-----"

    def jwt(self, header: dict | None = None) -> str:
        header = header if header is not None else {"alg": "HS256", "typ": "JWT"}
        payload = {"sub": "fake-user-" + self.digits(4), "name": "Fake Person", "iat": 1700000000}
        seg = lambda o: base64.urlsafe_b64encode(json.dumps(o, separators=(",", ":")).encode()).decode().rstrip("=")
        return seg(header) + "." + seg(payload) + "." + self.b64url(32)


def base62_crc32(text: str) -> str:
    """Base62 (0-9A-Za-z) of CRC32(text), left-padded with '0' to six characters."""
    n = zlib.crc32(text.encode())
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = B62[r] + out
    return out.rjust(6, "0")
