"""Turning the bytes of a text file into text, or refusing it."""

from .base import InvalidSource

BOMS = {b"\xef\xbb\xbf": "utf-8"}


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, mean this is not a text file."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
    return controls > len(sample) * 0.05


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (with or without a BOM), falling back to Windows-1252.

    Most wire text is UTF-8; the usual exception is copy saved on Windows,
    whose curly quotes are invalid UTF-8 but valid cp1252.
    """
    if not data.strip():
        raise InvalidSource("the file is empty")
    if looks_binary(data):
        raise InvalidSource("this is a binary file, not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise InvalidSource(f"cannot tell the text encoding ({error.reason})") from None
