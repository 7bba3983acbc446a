"""Key rotation: a former SECRET_KEY listed in SECRET_KEY_FALLBACKS still verifies what it
signed (sessions, signed links), while new signatures use the new key."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from django.core import signing

ROOT = Path(__file__).resolve().parents[3]
OLD = "old-key-" + "o1d" * 20
NEW = "new-key-" + "n3w" * 20

CHECK = """
import django
django.setup()
from django.core import signing
import sys
print(signing.loads(sys.argv[1]))
print(signing.dumps("fresh") != signing.dumps("fresh", key=sys.argv[2]))
"""


def test_a_value_signed_with_the_former_key_is_accepted_during_rotation():
    signed = signing.dumps("signed before the rotation", key=OLD)
    env = {
        **os.environ,
        "DEBUG": "true",
        "DJANGO_SETTINGS_MODULE": "minuted.settings",
        "SECRET_KEY": NEW,
        "SECRET_KEY_FALLBACKS": OLD,
    }
    result = subprocess.run(
        [sys.executable, "-c", CHECK, signed, OLD],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["signed", "before", "the", "rotation", "True"]

    env.pop("SECRET_KEY_FALLBACKS")
    refused = subprocess.run(
        [sys.executable, "-c", CHECK, signed, OLD],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "BadSignature" in refused.stderr
