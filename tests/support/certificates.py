"""Throwaway self-signed certificates for tests and benches that need a TLS endpoint on loopback.

Why one place: the link checker's tests (a certificate for a name) and the HAProxy bench (one for an
address) both shell out to ``openssl req``; the command's options are easy to get subtly wrong.
"""

from __future__ import annotations

import subprocess
from pathlib import Path


def self_signed(folder: Path, subject: str, alt_name: str, days: int = 2) -> tuple[Path, Path]:
    """Make ``cert.pem`` and ``key.pem`` in ``folder`` for ``subject`` (a CN) with one ``alt_name``
    (``DNS:site.example`` or ``IP:127.0.0.1``), and return their paths."""
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", str(days), "-subj", f"/CN={subject}"]
        + ["-addext", f"subjectAltName={alt_name}", "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    return cert, key
