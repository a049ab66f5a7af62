"""El texto del informe, sección por sección, como texto plano: la instantánea que se revisa en git.

Cada cambio de redacción (del código, de los datos o de un comentario) cambia un archivo de
``tests/instantaneas/<semestre>/`` y se lee en la revisión como un diff de texto. Sale del
informe.ipynb ya ejecutado (el mismo para Quarto y para el renderizador propio); Pandoc lo pasa a
texto plano (cuadros incluidos), sin imágenes ni bloques crudos: la procedencia técnica, que cambia
con cada commit, no entra.

    python -m inpe.publicacion.instantanea output/2024-S1/informe.ipynb tests/instantaneas/2024-S1
"""

from __future__ import annotations

import re
import sys
import tempfile
from pathlib import Path

import nbformat
import pypandoc

from inpe.publicacion import render

#: Un título de nivel 1 a 4 con su etiqueta: cada uno abre un archivo de la instantánea, que lleva su nombre
#: (sin número de orden: agregar una sección no renombra las demás).
TITULO = re.compile(r"^#{1,4} .*\{#(sec-[\w-]+)[^}]*\}\s*$", re.M)


def secciones(nb) -> dict[str, str]:
    """{«sec-…»: texto plano de la sección}, en el orden del informe."""
    with tempfile.TemporaryDirectory(prefix="inpe-instantanea-") as tmp:
        md = render.cuaderno_a_markdown(nb, Path(tmp) / "medios")
    cortes = list(TITULO.finditer(md))
    salida = {}
    for i, m in enumerate(cortes):
        fin = cortes[i + 1].start() if i + 1 < len(cortes) else len(md)
        trozo = re.sub(r"!\[([^\]]*)\]\([^)]*\)(\{[^}]*\})?", r"[Figura: \1]", md[m.start():fin])
        texto = pypandoc.convert_text(trozo, "plain", format="markdown-smart", extra_args=["--wrap=none"])
        salida[m.group(1)] = texto.strip() + "\n"
    return salida


def escribir(nb, carpeta: Path) -> list[str]:
    """Reemplaza la instantánea de ``carpeta``; devuelve los archivos escritos."""
    carpeta.mkdir(parents=True, exist_ok=True)
    for viejo in carpeta.glob("*.txt"):
        viejo.unlink()
    nombres = []
    for nombre, texto in secciones(nb).items():
        (carpeta / f"{nombre}.txt").write_text(texto, encoding="utf-8")
        nombres.append(f"{nombre}.txt")
    return nombres


if __name__ == "__main__":
    escritos = escribir(nbformat.read(sys.argv[1], as_version=4), Path(sys.argv[2]))
    print(f"{len(escritos)} secciones en {sys.argv[2]}")
