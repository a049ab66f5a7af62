"""El código pasa el linter del proyecto: ruff, con las reglas de pyproject.toml ([tool.ruff])."""

from __future__ import annotations

import importlib.util
import re
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


def test_el_mapa_del_readme_nombra_cada_modulo_del_paquete():
    """Cada módulo de cada carpeta de lib/inpe/ está en la fila de su carpeta del mapa del README (y nada
    que no exista): la disposición y el mapa no se separan."""

    readme = (RAIZ / "README.md").read_text(encoding="utf-8")
    paquete = RAIZ / "lib" / "inpe"
    for carpeta in sorted(p for p in paquete.iterdir() if (p / "__init__.py").is_file()):
        fila = next((l for l in readme.splitlines() if l.startswith(f"| `{carpeta.name}/` |")), None)
        assert fila is not None, f"el mapa del README no tiene la fila de {carpeta.name}/"
        nombrados = set(re.findall(r"`([\w/]+)`", fila.split("|")[3]))
        hay = {m.stem for m in carpeta.glob("*.py") if m.name != "__init__.py"} | \
              {f"{d.name}/" for d in carpeta.iterdir() if (d / "__init__.py").is_file()}
        assert hay <= nombrados, f"{carpeta.name}/: el README no nombra {sorted(hay - nombrados)}"
        assert nombrados <= hay, f"{carpeta.name}/: el README nombra lo que no existe: {sorted(nombrados - hay)}"
    raiz = next(l for l in readme.splitlines() if "| la puerta |" in l)
    assert {m.name for m in paquete.glob("*.py") if m.name != "__init__.py"} <= set(re.findall(r"`([\w.]+\.py)`", raiz))
