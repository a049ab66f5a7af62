"""Scripts pre-render y post-render de `quarto render` (ver _quarto.yml).

Quarto (>= 1.5) vuelve a leer la lista de archivos tras el pre-render: así el informe.ipynb
que dejamos en la raíz, ya ejecutado por papermill, es lo que Quarto renderiza.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from inpe import construccion as c


def _proyecto() -> c.Proyecto:
    return c.Proyecto(Path.cwd(), os.environ.get("INPE_SEMESTRE", "2024-S1"))


def previo() -> None:
    p = _proyecto()
    c.validar(p)
    c.auditar(p)  # una contradicción en los datos detiene también `quarto render`
    c.ejecutar(p, renderizador=c.descripcion_renderizador("quarto"))
    shutil.copy(p.salida / "informe.ipynb", p.raiz / "informe.ipynb")


def posterior() -> None:
    p = _proyecto()
    for nombre in ("informe.html", "informe.pdf"):
        if (p.raiz / nombre).exists():
            c.publicar(p.raiz / nombre, p.salida / nombre)
    c.escribir_manifiesto(p, c.descripcion_renderizador("quarto"), {"semestre": p.semestre, "motor": "quarto"})


if __name__ == "__main__":
    {"previo": previo, "posterior": posterior}[sys.argv[1]]()
