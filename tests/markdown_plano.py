"""El Markdown que generan los módulos de redacción, leído como lo verá el lector: sin las barras
con que se escapa cada signo de los datos (ver inpe.redaccion.escape)."""

import re

_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def plano(md: str) -> str:
    return _ESCAPE.sub(r"\1", md)
