"""Fixtures compartidas: el informe 2024-S1 construido una vez por sesión, desde una copia limpia."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

RAIZ = Path(__file__).resolve().parents[1]
VENV = Path(sys.prefix)


def copia_limpia(destino: Path) -> Path:
    """Lo que git no ignora (lo versionado y lo nuevo), sin output/ ni entornos."""
    archivos = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                              cwd=RAIZ, capture_output=True, text=True, check=True).stdout.split("\0")
    for rel in filter(None, archivos):
        origen = RAIZ / rel
        if origen.is_file():
            (destino / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origen, destino / rel)
    return destino


@pytest.fixture(scope="session")
def construido(tmp_path_factory) -> Path:
    copia = copia_limpia(tmp_path_factory.mktemp("repo"))
    assert not (copia / "output").exists()
    # La orden del README; el entorno ya instalado se reutiliza (-o: no reinstalar).
    r = subprocess.run(["make", "informe", f"VENV={VENV}", "-o", f"{VENV}/.instalado"],
                       cwd=copia, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    return copia / "output" / "2024-S1"


@pytest.fixture(scope="session")
def texto_pdf(construido) -> str:
    """Texto completo del PDF, tal como lo lee pypdf."""
    return "\n".join(p.extract_text() for p in PdfReader(construido / "informe.pdf").pages)


@pytest.fixture(scope="session")
def html(construido) -> str:
    return (construido / "informe.html").read_text(encoding="utf-8")
