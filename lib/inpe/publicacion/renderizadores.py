"""Los dos renderizadores del informe ejecutado y cuál se usa.

- Quarto (1.9 o posterior) si está en el PATH: lo que usan quienes instalan Quarto.
- El propio (:mod:`inpe.publicacion.render`): Pandoc y Typst, los dos motores que Quarto maneja,
  para máquinas sin Quarto (CI, una máquina nueva).

Los dos reciben la misma configuración (_quarto.yml), la misma plantilla Typst y los mismos
estilos; una prueba compara sus documentos.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path

import nbformat
import yaml

from inpe.publicacion import render

RENDERIZADOR_PROPIO = "Pandoc + Typst (renderizador propio)"
MOTORES = ("auto", "quarto", "pandoc")


class ErrorDeRenderizador(RuntimeError):
    """Se pidió un renderizador que no está, o el renderizador falló; el mensaje dice cuál y por qué."""


@lru_cache(maxsize=1)
def quarto_disponible() -> str | None:
    """Versión de Quarto si está en el PATH y es 1.9 o posterior."""
    exe = shutil.which("quarto")
    if not exe:
        return None
    try:
        version = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    partes = tuple(int(p) for p in version.split(".")[:2] if p.isdigit())
    return version if partes >= (1, 9) else None


def motor_a_usar(motor: str = "auto") -> str:
    """«quarto» o «pandoc», según lo pedido y lo instalado."""
    if motor not in MOTORES:
        raise ErrorDeRenderizador(f"motor desconocido: {motor!r} (auto, quarto o pandoc)")
    if motor == "quarto" and not quarto_disponible():
        raise ErrorDeRenderizador("se pidió --motor quarto, pero Quarto 1.9 o posterior no está en el PATH")
    if motor == "auto":
        return "quarto" if quarto_disponible() else "pandoc"
    return motor


def descripcion(motor: str) -> str:
    """El renderizador en palabras: «Quarto 1.11.0» o «Pandoc + Typst (renderizador propio)»."""
    if motor == "quarto":
        version = quarto_disponible()
        return f"Quarto {version}" if version else "Quarto"
    return RENDERIZADOR_PROPIO


def con_pandoc(informe: Path, destino: Path, metadatos: dict, marca_tiempo: int) -> None:
    """informe.ipynb -> destino/informe.html y destino/informe.pdf con Pandoc y Typst."""
    nb = nbformat.read(informe, as_version=4)
    md = render.cuaderno_a_markdown(nb, destino / "medios")
    (destino / "informe.md").write_text(md, encoding="utf-8")
    meta = destino / "metadatos.yml"
    meta.write_text(yaml.safe_dump(metadatos, allow_unicode=True, sort_keys=True), encoding="utf-8")
    # El HTML (un proceso de Pandoc) se arma mientras este hilo arma el PDF: los dos formatos a la vez.
    with ThreadPoolExecutor(max_workers=1) as hilo:
        html = hilo.submit(render.html, md, meta, destino / "informe.html", destino)
        avisos = render.pdf(md, meta, destino / "informe.pdf", destino, marca_tiempo)
        html.result()
    if avisos:
        raise ErrorDeRenderizador("Typst emitió avisos:\n" + "\n".join(avisos))


def configuracion_para(conf: dict, raiz: Path, carpeta: Path) -> dict:
    """El _quarto.yml del proyecto para renderizar un informe ya ejecutado en ``carpeta``.

    Mismos formatos, plantillas y estilos, sin pre/post-render: aquí no se ejecuta nada, solo se
    renderiza. Las rutas van relativas a ``carpeta`` (Quarto antepone la carpeta del proyecto
    incluso a una ruta absoluta).
    """
    conf = {**conf, "project": {"type": "default", "render": ["informe.ipynb"]}}
    conf["format"] = {k: dict(v) for k, v in conf["format"].items()}

    def relativa(ruta: str) -> str:
        return os.path.relpath(raiz / ruta, carpeta)

    html, typst_ = conf["format"]["html"], conf["format"]["typst"]
    html["css"] = [relativa(c) for c in html["css"]]
    html["include-after-body"] = relativa(html["include-after-body"])
    html["filters"] = [c if c == "quarto" else relativa(c) for c in html.get("filters", [])]
    typst_["template-partials"] = [relativa(c) for c in typst_["template-partials"]]
    typst_["filters"] = [relativa(c) for c in typst_.get("filters", [])]
    return conf


def con_quarto(informe: Path, destino: Path, conf: dict, raiz: Path, marca_tiempo: int) -> None:
    """Quarto renderiza el informe.ipynb ya ejecutado en ``destino`` (sin punto inicial: Quarto no lee
    un _quarto.yml dentro de una carpeta oculta), los dos formatos en una sola llamada."""
    if informe.parent != destino:
        shutil.copy(informe, destino / "informe.ipynb")
    render.escribir_figuras(nbformat.read(informe, as_version=4), destino)
    (destino / "_quarto.yml").write_text(
        yaml.safe_dump(configuracion_para(conf, raiz, destino), allow_unicode=True, sort_keys=False), encoding="utf-8")
    r = subprocess.run(["quarto", "render", "informe.ipynb", "--no-execute"], cwd=destino, capture_output=True,
                       text=True, timeout=900, env={**os.environ, "SOURCE_DATE_EPOCH": str(marca_tiempo)})
    faltan = [n for n in ("informe.html", "informe.pdf") if not (destino / n).exists()]
    if r.returncode != 0 or faltan:
        raise ErrorDeRenderizador(f"Quarto falló:\n{r.stderr[-2000:]}")
