"""Procedencia: qué datos, parámetros, código y motores produjeron cada informe.

Dos productos con la misma fuente:

- ``output/<semestre>/manifest.json`` (:func:`manifiesto`): huella SHA-256, bytes y filas de cada
  archivo de entrada, parámetros, commit de git y si había cambios sin confirmar, versiones de
  Python, de cada paquete instalado, de Pandoc, de Typst y de Quarto (si se usó), el
  renderizador, huellas de los cuadernos, del código y de las salidas, el resultado de la
  auditoría, la fecha y los tiempos de cada etapa;
- el colofón del informe (:func:`procedencia` y las funciones ``colofon_*``): lo esencial, sin
  tiempos ni reloj, para que dos construcciones de las mismas entradas den el mismo documento.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import importlib.metadata
import io
import platform
import re
import subprocess
from datetime import datetime, timezone
from pathlib import Path

import pypandoc
import typst

import inpe
from inpe.entrada import semestres
from inpe.redaccion import formato

#: Algoritmo de las huellas (lo nombra el colofón).
ALGORITMO = "SHA-256"
#: Caracteres de la huella que muestra el colofón (el manifiesto guarda la huella completa).
HUELLA_CORTA = 12
VERSION_MANIFIESTO = 2
#: Los paquetes que nombra el colofón (el manifiesto guarda todos).
PAQUETES_PRINCIPALES = ("pandas", "papermill", "matplotlib", "babel", "pandera")


# ------------------------------------------------------------------ entradas

def archivos_de_entrada(raiz: Path, semestre: str) -> list[Path]:
    """El plan, el semestre y los semestres anteriores (las figuras de evolución los leen)."""
    datos = Path(raiz) / "data"
    carpetas = [datos / "plan"] + [datos / s for s in semestres.en(datos) if s <= semestre]
    return sorted((f for c in carpetas if c.is_dir() for f in c.rglob("*") if f.is_file()),
                  key=lambda f: f.relative_to(datos).as_posix())


def huella(ruta: Path) -> dict:
    """SHA-256 y bytes; en los CSV, además, las filas de datos (sin cabecera ni filas vacías)."""
    contenido = Path(ruta).read_bytes()
    info = {"sha256": hashlib.sha256(contenido).hexdigest(), "bytes": len(contenido)}
    if Path(ruta).suffix.lower() == ".csv":
        texto = contenido.decode("utf-8-sig", errors="replace")
        filas = [f for f in csv.reader(io.StringIO(texto, newline="")) if any(c.strip() for c in f)]
        info["filas"] = max(len(filas) - 1, 0)
    return info


def huella_conjunta(huellas: dict[str, dict]) -> str:
    """Una huella para un grupo de archivos: cambia si cambia cualquiera, o su nombre."""
    h = hashlib.sha256()
    for nombre in sorted(huellas):
        h.update(f"{nombre}\0{huellas[nombre]['sha256']}\n".encode("utf-8"))
    return h.hexdigest()


def _relativa(ruta: Path, raiz: Path) -> str:
    return Path(ruta).resolve().relative_to(Path(raiz).resolve()).as_posix()


def entradas(raiz: Path, semestre: str) -> dict[str, dict]:
    raiz = Path(raiz)
    return {_relativa(f, raiz): huella(f) for f in archivos_de_entrada(raiz, semestre)}


def codigo() -> dict:
    """Huella del paquete ``inpe`` que se importó (el código que de verdad produjo el informe)."""
    carpeta = Path(inpe.__file__).resolve().parent
    archivos = sorted(f for f in carpeta.rglob("*") if f.is_file() and "__pycache__" not in f.parts
                      and f.suffix in (".py", ".lua", ".typ", ".css", ".js", ".html"))
    huellas = {f.relative_to(carpeta).as_posix(): huella(f) for f in archivos}
    return {"paquete": "inpe", "archivos": len(huellas), "sha256": huella_conjunta(huellas)}


# ------------------------------------------------------------------ git y versiones

def git(raiz: Path) -> dict:
    """Commit de HEAD y si el árbol tiene cambios sin confirmar (incluye archivos nuevos no ignorados).

    Solo si ``raiz`` es la raíz de un repositorio: una copia sin ``.git`` dentro de otro
    repositorio no toma el commit ajeno.
    """
    raiz = Path(raiz).resolve()

    def correr(*args):
        try:
            r = subprocess.run(["git", *args], cwd=raiz, capture_output=True, text=True, timeout=60)
        except (OSError, subprocess.SubprocessError):
            return None
        return r.stdout.strip() if r.returncode == 0 else None

    tope = correr("rev-parse", "--show-toplevel")
    if not tope or Path(tope).resolve() != raiz:
        return {"commit": None, "modificado": None}
    commit = correr("rev-parse", "HEAD")
    cambios = correr("status", "--porcelain")
    return {"commit": commit, "modificado": bool(cambios) if cambios is not None else None}


@functools.lru_cache(maxsize=1)
def paquetes() -> dict[str, str]:
    """Versión de cada paquete instalado en el entorno, por nombre normalizado.

    Se lee una vez por proceso: cada lectura cuesta unos 50 ms, una construcción la pide para las claves de
    la caché, la procedencia y el manifiesto, y lo instalado no cambia mientras corre. No se modifica.
    """
    out = {}
    for dist in importlib.metadata.distributions():
        nombre = dist.metadata.get("Name")
        if nombre:
            out.setdefault(re.sub(r"[-_.]+", "-", nombre).lower(), dist.version)
    return dict(sorted(out.items()))


@functools.lru_cache(maxsize=1)
def version_pandoc() -> str:
    return pypandoc.get_pandoc_version()


def version_typst_py() -> str:
    """Versión del paquete de Python ``typst`` (el envoltorio)."""
    return getattr(typst, "__version__", None) or importlib.metadata.version("typst")


@functools.lru_cache(maxsize=1)
def version_typst() -> str:
    """Versión del compilador Typst que trae el paquete (la que firma el PDF como «Creator»)."""
    m = re.search(rb"/Creator\s*\(Typst ([^)]*)\)", typst.compile("x".encode("utf-8")))
    return m.group(1).decode("ascii", "replace") if m else version_typst_py()


def versiones(quarto: str | None = None, todos_los_paquetes: bool = True) -> dict:
    """Las de Python, Pandoc, Typst y Quarto, y las de los paquetes: todos o los del colofón."""
    v = {
        "python": platform.python_version(),
        "implementacion": platform.python_implementation(),
        "pandoc": version_pandoc(),
        "typst": version_typst(),
        "typst_py": version_typst_py(),
        "quarto": quarto,
    }
    todos = paquetes()
    v["paquetes"] = dict(todos) if todos_los_paquetes else {n: todos[n] for n in PAQUETES_PRINCIPALES if n in todos}
    return v


def _version_quarto(renderizador: str | None) -> str | None:
    if renderizador and renderizador.startswith("Quarto "):
        return renderizador.removeprefix("Quarto ")
    return None


# ------------------------------------------------------------------ manifiesto y colofón

def procedencia(raiz: Path, semestre: str, renderizador: str) -> dict:
    """Lo esencial y determinista: entradas, git, versiones de motores y renderizador (el mismo que
    nombrará el manifiesto: lo decide la construcción antes de ejecutar los cuadernos)."""
    return {
        "semestre": semestre,
        "entradas": entradas(raiz, semestre),
        "git": git(raiz),
        "versiones": versiones(_version_quarto(renderizador), todos_los_paquetes=False),
        "renderizador": renderizador,
    }


def manifiesto(raiz: Path, semestre: str, parametros: dict, motor: str | None, tiempos: dict,
               salidas: Path | None = None, auditoria: list | None = None) -> dict:
    """Contenido de manifest.json. ``salidas`` es la carpeta con el HTML y el PDF producidos."""
    raiz = Path(raiz)
    datos = {
        "version_manifiesto": VERSION_MANIFIESTO,
        "semestre": semestre,
        "parametros": parametros,
        "entradas": entradas(raiz, semestre),
        "cuadernos": {_relativa(f, raiz): huella(f) for f in sorted((raiz / "notebooks").glob("*.ipynb"))},
        "codigo": codigo(),
        "git": git(raiz),
        "versiones": versiones(_version_quarto(motor)),
        "renderizador": motor,
    }
    if salidas is not None:
        datos["salidas"] = {n: huella(Path(salidas) / n) for n in ("informe.html", "informe.pdf")
                            if (Path(salidas) / n).is_file()}
    if auditoria:
        datos["auditoria"] = [{"codigo": r.codigo, "severidad": str(r.severidad), "resultado": str(r.resultado),
                               "mensaje": r.mensaje} for r in auditoria]
    datos["fecha_construccion"] = datetime.now(timezone.utc).replace(microsecond=0).isoformat()
    datos["tiempos_s"] = dict(tiempos)
    return datos


def corta(sha256: str) -> str:
    return sha256[:HUELLA_CORTA]


def colofon_entradas(p: dict) -> list[list[str]]:
    """Filas del cuadro del colofón: archivo, filas, huella corta.

    Los CSV del plan y del semestre van uno por uno; los textos Markdown de cada carpeta y los
    semestres anteriores, agrupados con una huella conjunta.
    """
    semestre = p["semestre"]
    filas, grupos = [], {}
    for ruta, h in p["entradas"].items():
        partes = ruta.split("/")
        propio = len(partes) >= 3 and partes[1] in ("plan", semestre)
        if propio and ruta.endswith(".csv") and len(partes) == 3:
            filas.append([ruta, formato.numero(h.get("filas")), corta(h["sha256"])])
        else:
            carpeta = "/".join(partes[:-1]) if propio else "/".join(partes[:2])
            grupos.setdefault(carpeta, {})[ruta] = h
    for carpeta, huellas in sorted(grupos.items()):
        n = len(huellas)
        filas.append([f"{carpeta}/ ({formato.numero(n)} {'archivo' if n == 1 else 'archivos'})", "—",
                      corta(huella_conjunta(huellas))])
    return filas


def colofon_git(p: dict) -> str:
    g = p["git"]
    if not g.get("commit"):
        return "una copia del proyecto sin historial de git (no hay commit que citar)"
    estado = ("con cambios locales sin confirmar: el commit por sí solo no reproduce este informe"
              if g.get("modificado") else "sin cambios locales")
    return f"el commit {g['commit'][:HUELLA_CORTA]} del repositorio, {estado}"


def colofon_motores(p: dict) -> str:
    v = p["versiones"]
    partes = [f"Python {v['python']}"]
    if v.get("pandoc"):
        partes.append(f"Pandoc {v['pandoc']}")
    if v.get("typst"):
        partes.append(f"Typst {v['typst']}")
    if v.get("quarto"):
        partes.append(f"Quarto {v['quarto']}")
    return ", ".join(partes[:-1]) + " y " + partes[-1] if len(partes) > 1 else partes[0]


def colofon_paquetes(p: dict) -> str:
    return ", ".join(f"{n} {v}" for n, v in p["versiones"].get("paquetes", {}).items())
