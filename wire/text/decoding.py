"""Turning the bytes of a text file into text, or refusing it."""

import codecs

from charset_normalizer import from_bytes

from wire.items import InvalidSource

BOMS = [
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]


# Control characters other than tab, line feed, form feed and carriage return.
CONTROL_BYTES = bytes(byte for byte in range(32) if byte not in (9, 10, 12, 13))


def looks_binary(data: bytes) -> bool:
    """NUL bytes, or many control characters, mean this is not a text file."""
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, CONTROL_BYTES))
    return controls > len(sample) * 0.05


def detect_encoding(data: bytes) -> str:
    """The encoding of ``data``: a BOM, else UTF-8, else Windows-1252, else a guess.

    Most wire text is UTF-8; the usual exception is copy saved on Windows,
    whose curly quotes are invalid UTF-8 but valid cp1252. Only bytes that are
    neither go to charset-normalizer, whose guesses on short text are shaky.
    """
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return encoding
    for encoding in ("utf-8", "cp1252"):
        try:
            data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return encoding
    best = from_bytes(data[:65536]).best()
    if best is None:
        raise InvalidSource("cannot tell the text encoding")
    return best.encoding


def decode_text(data: bytes) -> str:
    """Decode text in UTF-8 (with or without a BOM), UTF-16 with a BOM, cp1252 or a detected encoding."""
    if not data.strip():
        raise InvalidSource("the file is empty")
    for bom, encoding in BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise InvalidSource(
                    f"the file starts with a {encoding} mark but is not {encoding} ({error.reason})"
                ) from None
    if looks_binary(data):
        raise InvalidSource("this is a binary file, not text")
    encoding = detect_encoding(data)
    try:
        return data.decode(encoding)
    except (UnicodeDecodeError, LookupError) as error:
        raise InvalidSource(f"cannot tell the text encoding ({error})") from None
