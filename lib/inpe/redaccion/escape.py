"""Texto Markdown seguro: lo que llega de los datos se ve tal cual, sin romper el documento.

Módulo liviano (solo la biblioteca estándar): lo importan los kernels de los cuadernos.
"""

from __future__ import annotations

import re

# Todo signo de puntuación ASCII, que es lo que Pandoc admite escapar con barra invertida: así no
# hay clase que se escape a la regla (énfasis, enlaces, HTML, citas @, matemáticas $, cuadros |,
# listas «1.», títulos #, atajos de Quarto {{< >}}, y también la tipografía: «---» no se vuelve raya
# ni las comillas rectas se curvan). El lector ve el carácter tal cual.
_PUNTUACION = re.compile(r"([!-/:-@\[-`{-~])")


def escapar_markdown(texto: str) -> str:
    """Texto de datos -> Markdown literal, en una línea: un nombre con `<script>`, `*` o `---` se ve tal cual.

    Los saltos de línea se vuelven espacios: un dato no puede partir un párrafo ni un cuadro.
    """
    return _PUNTUACION.sub(r"\\\1", " ".join(str(texto).splitlines()))


class TextoMarkdown:
    """Texto que el kernel muestra tal cual como text/markdown.

    No usamos ``IPython.display.Markdown``: si su texto es la ruta de un archivo existente,
    muestra el contenido del archivo en lugar del texto.
    """

    def __init__(self, texto: str):
        self.texto = texto

    def _repr_markdown_(self) -> str:
        return self.texto

    def __repr__(self) -> str:
        """La salida text/plain del cuaderno: el mismo texto (no una dirección de memoria, que cambia en cada corrida)."""
        return self.texto


def parrafos(texto: str) -> str:
    """Texto de un CSV con párrafos separados por línea en blanco -> párrafos Markdown literales."""
    return "\n\n".join(escapar_markdown(" ".join(p.split())) for p in re.split(r"\n\s*\n", str(texto).strip())
                       if p.strip())
