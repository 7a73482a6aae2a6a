#!/usr/bin/env python3
"""Mint a demo RS256 JWT for envoy-local.yaml (issuer https://hush.local/demo-idp, audience llm-gateway).

Demo only: demo-signing-key.pem is a throwaway key published in this repository; never trust it anywhere else.
Usage: python3 envoy/local/mint-token.py [SUBJECT] [LIFETIME_SECONDS]   (needs the 'cryptography' package)
"""
import base64
import json
import pathlib
import sys
import time

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def main() -> None:
    here = pathlib.Path(__file__).resolve().parent
    key = serialization.load_pem_private_key((here / "demo-signing-key.pem").read_bytes(), password=None)
    subject = sys.argv[1] if len(sys.argv) > 1 else "demo-user"
    lifetime = int(sys.argv[2]) if len(sys.argv) > 2 else 3600
    now = int(time.time())
    header = {"alg": "RS256", "typ": "JWT", "kid": "hush-demo-1"}
    payload = {"iss": "https://hush.local/demo-idp", "aud": "llm-gateway", "sub": subject, "iat": now, "exp": now + lifetime}
    signing_input = b64(json.dumps(header, separators=(",", ":")).encode()) + "." + b64(json.dumps(payload, separators=(",", ":")).encode())
    signature = key.sign(signing_input.encode(), padding.PKCS1v15(), hashes.SHA256())
    print(signing_input + "." + b64(signature))


if __name__ == "__main__":
    main()
