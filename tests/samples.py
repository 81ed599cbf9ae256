"""The shared samples and schemas, kept beside the checkout (``../shared``) on the
team's machines and in CI, but not in a user's fresh clone.

Tests that read them are marked ``needs_samples`` or ``needs_xsd`` and skip,
saying why, when the folder is missing. Every format's mapping is also covered
by the project's own small files under ``tests/files/`` (tests/wire/).
"""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SAMPLES = SHARED / "samples"
XSD_DIR = SHARED / "xsd"
REFERENCE_STORY = SAMPLES / "text" / "reference-story.txt"

needs_samples = pytest.mark.skipif(
    not SAMPLES.is_dir(),
    reason=f"needs the real wire samples in {SAMPLES}, which sit beside the checkout on the team's "
    "machines and in CI but not in this clone (tests/files covers every format without them)",
)


def require_xsd():
    """Skip the calling test when the official sitemap schemas are not beside the checkout."""
    if not XSD_DIR.is_dir():
        pytest.skip(
            f"needs the official sitemap XSDs in {XSD_DIR}, which sit beside the checkout on the "
            "team's machines and in CI but not in this clone"
        )
