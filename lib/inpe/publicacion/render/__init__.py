"""Renderizador propio para máquinas sin Quarto: cuaderno ejecutado -> Markdown -> HTML y PDF.

Usa los dos motores que Quarto mismo maneja (Pandoc y Typst) y admite exactamente el
subconjunto de Quarto de DESIGN.md §5: opciones de celda ``#|`` (label, fig-cap, fig-alt,
tbl-cap, echo, output), referencias @fig-/@tbl-/@sec- (filtro Lua), salidas Markdown,
imágenes y tablas de barras. Lo que queda fuera del subconjunto es un error, no un silencio.
"""

from __future__ import annotations

import base64
import copy
import hashlib
import logging
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pypandoc
import typst
import yaml

from inpe.presentacion import figuras

log = logging.getLogger("inpe")

AQUI = Path(__file__).parent
#: Plantilla Typst única: la incluyen plantilla.typ (este renderizador) y Quarto (template-partials).
TYPST = AQUI / "typst"
HTML = AQUI / "html"
OPCIONES_ADMITIDAS = {"label", "fig-cap", "fig-alt", "tbl-cap", "echo", "output", "classes"}
_OPCION = re.compile(r"^#\|\s?(.*)$")


class ErrorDeRender(RuntimeError):
    """El renderizado falló; el mensaje dice en qué celda o motor."""


@dataclass(frozen=True)
class Celda:
    opciones: dict
    codigo: str


def opciones_de_celda(fuente: str) -> Celda:
    """Separa las líneas ``#|`` iniciales (YAML) del código, como hace Quarto."""
    lineas = fuente.splitlines()
    yaml_lineas = []
    while lineas and (m := _OPCION.match(lineas[0])):
        yaml_lineas.append(m.group(1))
        lineas.pop(0)
    opciones = yaml.safe_load("\n".join(yaml_lineas)) if yaml_lineas else {}
    if not isinstance(opciones, dict):
        raise ErrorDeRender(f"opciones de celda ilegibles: {yaml_lineas!r}")
    return Celda(opciones=opciones, codigo="\n".join(lineas))


def _atributo(texto: str) -> str:
    return texto.replace("\\", "\\\\").replace('"', '\\"')


def celda_a_markdown(cell, indice: int, medios: Path, prefijo: str) -> str:
    """Una celda del cuaderno ejecutado como Markdown de Pandoc."""
    if cell.cell_type == "markdown":
        return cell.source
    if cell.cell_type == "raw":
        return ""
    celda = opciones_de_celda(cell.source)
    desconocidas = set(celda.opciones) - OPCIONES_ADMITIDAS
    if desconocidas:
        raise ErrorDeRender(f"celda {indice}: opciones fuera del subconjunto admitido: {sorted(desconocidas)}")
    partes = []
    if celda.opciones.get("echo", False) and celda.codigo.strip():
        partes.append(f"```python\n{celda.codigo}\n```")
    if celda.opciones.get("output", True) is False:
        return "\n\n".join(partes)
    etiqueta = celda.opciones.get("label", "")
    for k, out in enumerate(cell.get("outputs", [])):
        tipo = out.get("output_type")
        if tipo == "error":
            raise ErrorDeRender(f"celda {indice}: el cuaderno guarda un error: {out.get('ename')}: {out.get('evalue')}")
        if tipo == "stream":
            if out.get("name") == "stderr":
                raise ErrorDeRender(f"celda {indice}: el cuaderno guarda un aviso: {out.get('text', '').strip()}")
            partes.append(f"```\n{out.get('text', '').rstrip()}\n```")
            continue
        datos = out.get("data", {})
        if "image/png" in datos:
            nombre = f"{prefijo}-{etiqueta or f'celda{indice}'}-{k}.png"
            (medios / nombre).write_bytes(base64.b64decode(datos["image/png"]))
            partes.append(_figura(celda.opciones, f"{medios.name}/{nombre}"))
        elif "text/markdown" in datos:
            md = datos["text/markdown"]
            _escribir(out.get("metadata", {}).get(figuras.CLAVE, {}), medios.parent)
            if etiqueta.startswith("tbl-"):
                md = f"{md.rstrip()}\n\n: {celda.opciones.get('tbl-cap', '')} {{#{etiqueta}}}"
            partes.append(md)
        elif "text/plain" in datos:
            partes.append(f"```\n{datos['text/plain']}\n```")
    return "\n\n".join(partes)


def _escribir(imagenes: dict[str, str], carpeta: Path) -> None:
    """Deja en ``carpeta`` las imágenes que una salida Markdown lleva en sus metadatos (ver presentacion.figuras)."""
    for nombre, datos in imagenes.items():
        ruta = (carpeta / nombre).resolve()
        if ruta.parent != (carpeta / figuras.CARPETA).resolve() or ruta.suffix != ".svg":
            raise ErrorDeRender(f"imagen fuera de {figuras.CARPETA}/: {nombre!r}")
        ruta.parent.mkdir(parents=True, exist_ok=True)
        ruta.write_bytes(base64.b64decode(datos))


def escribir_figuras(nb, carpeta: Path) -> None:
    """Las imágenes de todas las salidas del cuaderno ejecutado, en ``carpeta``/informe_figuras (para Quarto)."""
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            _escribir(out.get("metadata", {}).get(figuras.CLAVE, {}), Path(carpeta))


def _figura(opciones: dict, ruta: str) -> str:
    etiqueta = opciones.get("label", "")
    cap = opciones.get("fig-cap", "")
    atributos = [f"#{etiqueta}"] if etiqueta.startswith("fig-") else []
    if "fig-alt" in opciones:
        atributos.append(f'fig-alt="{_atributo(opciones["fig-alt"])}"')
    atributos.append('width="100%"')
    return f"![{cap}]({ruta}){{{' '.join(atributos)}}}"


def cuaderno_a_markdown(nb, medios: Path, prefijo: str = "fig") -> str:
    """Cuaderno ejecutado (ya con el texto final de las expresiones en línea) -> Markdown."""
    medios.mkdir(parents=True, exist_ok=True)
    bloques = [celda_a_markdown(c, i, medios, prefijo) for i, c in enumerate(nb.cells, start=1)]
    return "\n\n".join(b for b in bloques if b.strip()) + "\n"


def _pandoc(md: str, formato: str, salida: Path, extra: list[str], cwd: Path) -> None:
    args = ["--lua-filter", str(AQUI / "literal.lua"), "--lua-filter", str(AQUI / "crossref.lua"), "--number-sections",
            "--resource-path", str(cwd), *extra]
    # Pandoc directo, con su directorio de trabajo: pypandoc lo fija con os.chdir, que es de todo el proceso
    # y se pisaría con el otro formato o con la ejecución del semestre siguiente (construir --todos).
    r = subprocess.run([pypandoc.get_pandoc_path(), "--from=markdown-smart", f"--to={formato}",
                        f"--output={salida}", *args], input=md, cwd=cwd, capture_output=True, text=True,
                       encoding="utf-8", errors="replace")
    if r.returncode != 0:
        raise ErrorDeRender(f"Pandoc ({formato}) falló: {r.stderr.strip()}")
    if r.stderr.strip():
        log.warning("Pandoc (%s): %s", formato, r.stderr.strip())


def politica_de_seguridad(guion: str) -> str:
    """CSP del HTML: nada sale del archivo y solo corre el guion propio (su huella), ningún otro."""
    huella = base64.b64encode(hashlib.sha256(guion.encode("utf-8")).digest()).decode("ascii")
    return (f"default-src 'none'; script-src 'sha256-{huella}'; style-src 'unsafe-inline'; img-src data:; "
            "font-src data:; base-uri 'none'; form-action 'none'")


def html(md: str, metadatos: Path, salida: Path, cwd: Path) -> None:
    """Un solo archivo HTML: imágenes y estilos incrustados, índice lateral, secciones numeradas."""
    guion = (HTML / "navegacion.js").read_text(encoding="utf-8")
    pie = cwd / "navegacion.html"
    pie.write_text(f"<script>{guion}</script>\n", encoding="utf-8")
    _pandoc(md, "html5", salida, [
        "--standalone", "--embed-resources", "--toc", "--toc-depth=4", "--template", str(HTML / "plantilla.html"),
        "--metadata-file", str(metadatos), "--css", str(HTML / "estilo.css"), "--css", str(HTML / "comun.css"),
        "--include-after-body", str(pie), "--variable", f"csp={politica_de_seguridad(guion)}",
    ], cwd)


def pdf(md: str, metadatos: Path, salida: Path, cwd: Path, marca_tiempo: int) -> list[str]:
    """Typst vía Pandoc; devuelve los avisos del compilador (p. ej. una fuente que falta)."""
    typ = salida.with_suffix(".typ")
    _pandoc(md, "typst", typ, ["--standalone", "--metadata-file", str(metadatos),
                                "--template", str(TYPST / "plantilla.typ")], cwd)
    try:
        _, avisos = typst.compile_with_warnings(
            str(typ), output=str(salida), root=str(cwd), ignore_system_fonts=True, timestamp=marca_tiempo,
        )
    except typst.TypstError as e:
        raise ErrorDeRender(f"Typst falló: {e}") from None
    return [str(a.message) if hasattr(a, "message") else str(a) for a in avisos]


def unir_cuadernos(cuadernos: list, metadatos: dict):
    """Un solo cuaderno ejecutado (el informe), con el front matter YAML que Quarto lee."""
    nb = nbformat.v4.new_notebook()
    front = "---\n" + yaml.safe_dump(metadatos, allow_unicode=True, sort_keys=True) + "---"
    portada = nbformat.v4.new_raw_cell(front)
    portada.id = "informe-metadatos"  # nbformat le daría un id al azar: el mismo informe, los mismos bytes
    nb.cells.append(portada)
    for c in cuadernos:
        for cell in c.cells:
            if "parameters" in cell.metadata.get("tags", []) or "injected-parameters" in cell.metadata.get("tags", []):
                continue
            cell = copy.deepcopy(cell)
            # Tiempos de ejecución (papermill, nbclient): Quarto los copia al HTML y harían que dos
            # construcciones iguales den bytes distintos.
            for clave in ("papermill", "execution"):
                cell.metadata.pop(clave, None)
            # Una lista de etiquetas vacía no dice nada, y Quarto copia los atributos de una celda en un orden
            # que varía de una corrida a otra (dos atributos, dos órdenes posibles): con uno, el HTML es estable.
            if not cell.metadata.get("tags", True):
                cell.metadata.pop("tags")
            nb.cells.append(cell)
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb
