"""El código pasa el linter del proyecto: ruff, con las reglas de pyproject.toml ([tool.ruff])."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]


def test_ruff_no_encuentra_nada_en_lib_scripts_ni_tests():
    assert importlib.util.find_spec("ruff") is not None, \
        "ruff no está instalado: .venv/bin/pip install -c constraints.txt -e '.[test]'"
    r = subprocess.run([sys.executable, "-m", "ruff", "check", "--output-format", "concise", "lib", "scripts", "tests"],
                       cwd=RAIZ, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
