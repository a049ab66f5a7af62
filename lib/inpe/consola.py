"""Lo que la consola y el registro muestran: el texto de los datos, citado tal cual e inofensivo.

Un mensaje puede citar lo que trae una celda o un nombre de archivo. Ese texto no debe poder
cambiar lo que se ve: nada de marcado de Rich (``[bold]``, ``:warning:``), nada de secuencias de
control de la terminal (``ESC[2K`` borra una línea; ``\\r`` reescribe la anterior). Por eso cada
mensaje pasa por :func:`visible` y se imprime como ``rich.text.Text``, nunca como marcado.
"""

from __future__ import annotations

import logging
import unicodedata

from rich.console import Console
from rich.text import Text

#: Sin marcado, sin emojis, sin resaltado automático y sin cortar líneas (los mensajes se copian).
consola = Console(stderr=True, highlight=False, soft_wrap=True, markup=False, emoji=False)


def visible(texto: object) -> str:
    """El texto con cada carácter de control o invisible escrito como ``\\u001b``.

    Se conservan el salto de línea y el tabulador (los pone el propio programa); cualquier otro
    carácter de las categorías de control, formato, uso privado o sin asignar se cita por su
    código, para que el lector vea qué hay en la celda sin que la terminal lo interprete.
    """
    salida = []
    for c in str(texto):
        if c in "\n\t" or not unicodedata.category(c).startswith("C"):
            salida.append(c)
        else:
            salida.append(f"\\u{ord(c):04x}")
    return "".join(salida)


def _linea(*partes: tuple[str, str]) -> Text:
    return Text.assemble(*((visible(t), estilo) for t, estilo in partes))


def titulo(texto: str) -> None:
    consola.print(_linea((texto, "bold")))


def paso(texto: str) -> None:
    consola.print(_linea(("  ▶ ", "cyan"), (texto, "")))


def hecho(texto: str) -> None:
    consola.print(_linea(("  ✓ ", "green"), (texto, "")))


def aviso(texto: str) -> None:
    consola.print(_linea(("  aviso: ", "yellow"), (texto, "")))


def error(texto: str) -> None:
    consola.print(_linea(("Error: ", "bold red"), (texto, "")))


def nota(texto: str) -> None:
    consola.print(_linea((texto, "")))


def listo(texto: str) -> None:
    consola.print(_linea(("Informe listo", "bold green"), (texto, "")))


class FormatoVisible(logging.Formatter):
    """El registro (construccion.log) con la misma regla que la consola."""

    def format(self, record: logging.LogRecord) -> str:
        return visible(super().format(record))
