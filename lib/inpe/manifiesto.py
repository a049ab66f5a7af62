"""Procedencia: qué datos, parámetros, código y motores produjeron cada informe."""

from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import platform
import subprocess
from pathlib import Path

import pypandoc
import typst


def archivos_de_entrada(raiz: Path, semestre: str) -> list[Path]:
    """El plan, el semestre y los semestres anteriores (las figuras de evolución los leen)."""
    datos = raiz / "data"
    carpetas = [datos / "plan"] + sorted(p for p in datos.iterdir() if p.is_dir() and p.name <= semestre and p.name != "plan")
    return sorted(f for c in carpetas for f in c.rglob("*") if f.is_file())


def huella(ruta: Path) -> dict:
    contenido = ruta.read_bytes()
    info = {"sha256": hashlib.sha256(contenido).hexdigest(), "bytes": len(contenido)}
    if ruta.suffix == ".csv":
        texto = contenido.decode("utf-8-sig", errors="replace")
        filas = [f for f in csv.reader(texto.splitlines()) if any(c.strip() for c in f)]
        info["filas"] = max(len(filas) - 1, 0)
    return info


def git(raiz: Path) -> dict:
    def correr(*args):
        r = subprocess.run(["git", *args], cwd=raiz, capture_output=True, text=True)
        return r.stdout.strip() if r.returncode == 0 else None

    commit = correr("rev-parse", "HEAD")
    cambios = correr("status", "--porcelain", "--untracked-files=no")
    return {"commit": commit, "modificado": bool(cambios) if cambios is not None else None}


def versiones() -> dict:
    paquetes = {}
    for req in importlib.metadata.requires("informe-inpe") or []:
        nombre = req.split(";")[0].split("==")[0].split(">")[0].split("<")[0].strip()
        if "extra ==" in req:
            continue
        try:
            paquetes[nombre] = importlib.metadata.version(nombre)
        except importlib.metadata.PackageNotFoundError:
            paquetes[nombre] = None
    return {
        "python": platform.python_version(),
        "paquetes": dict(sorted(paquetes.items())),
        "pandoc": pypandoc.get_pandoc_version(),
        "typst": typst.__version__ if hasattr(typst, "__version__") else importlib.metadata.version("typst"),
    }


def manifiesto(raiz: Path, semestre: str, parametros: dict, motor: str | None, tiempos: dict) -> dict:
    return {
        "semestre": semestre,
        "parametros": parametros,
        "entradas": {str(f.relative_to(raiz)): huella(f) for f in archivos_de_entrada(raiz, semestre)},
        "cuadernos": {str(f.relative_to(raiz)): huella(f) for f in sorted((raiz / "notebooks").glob("*.ipynb"))},
        "git": git(raiz),
        "versiones": versiones(),
        "renderizador": motor,
        "tiempos_s": tiempos,
    }
