"""Texto Markdown seguro: lo que llega de los datos se ve tal cual, sin romper el documento.

Módulo liviano (solo la biblioteca estándar): lo importan los kernels de los cuadernos.
"""

from __future__ import annotations

import re

# Lo que un resultado en línea no puede traer sin romper el Markdown (énfasis, enlaces, HTML,
# citas @, matemáticas $, tablas |). Se escapa con barra invertida: el lector ve el carácter.
_ESPECIALES_MD = re.compile(r"([\\`*_{}\[\]<>#@$|~^])")


def escapar_markdown(texto: str) -> str:
    """Texto de datos -> Markdown literal: un nombre con `<script>` o `*` se ve tal cual."""
    return _ESPECIALES_MD.sub(r"\\\1", texto)


class TextoMarkdown:
    """Texto que el kernel muestra tal cual como text/markdown.

    No usamos ``IPython.display.Markdown``: si su texto es la ruta de un archivo existente,
    muestra el contenido del archivo en lugar del texto.
    """

    def __init__(self, texto: str):
        self.texto = texto

    def _repr_markdown_(self) -> str:
        return self.texto
