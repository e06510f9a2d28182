"""A self-signed certificate made by openssl for the TLS servers the client's tests run on
loopback."""

from __future__ import annotations

import subprocess
from pathlib import Path


def self_signed(folder: Path, name: str, alt_name: str) -> tuple[Path, Path]:
    """(certificate, key) for `name`, valid for `alt_name` ("IP:127.0.0.1", "DNS:host")."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", f"/CN={name}", "-addext", f"subjectAltName={alt_name}",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    return cert, key
