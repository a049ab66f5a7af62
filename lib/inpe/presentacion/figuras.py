"""Figuras y secciones generadas como Markdown que lleva sus propias imágenes.

Las secciones que salen del plan (una por AEI, por indicador, por AO clave) tienen un número de
figuras que ningún cuaderno conoce de antemano, así que no pueden ser celdas con ``#| label``. Cada
figura va como Markdown de Quarto, ``![leyenda](informe_figuras/fig-x.svg){#fig-x fig-alt="…"}``, y
sus bytes viajan en los metadatos de la misma salida de la celda (:data:`CLAVE`). Antes de
renderizar, :func:`inpe.publicacion.render.escribir_figuras` los deja en :data:`CARPETA`: el cuaderno
ejecutado sigue siendo autosuficiente (la caché de cuadernos no tiene archivos aparte que guardar).
"""

from __future__ import annotations

import base64
import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from inpe.redaccion.escape import escapar_markdown

if TYPE_CHECKING:  # el renderizador usa este módulo sin dibujar: no carga matplotlib
    from matplotlib.figure import Figure

#: Carpeta de las imágenes, junto al informe.ipynb que se renderiza.
CARPETA = "informe_figuras"
#: Clave de los metadatos de la salida con las imágenes: {archivo: SVG en base64}.
CLAVE = "inpe-figuras"
#: Sin fecha ni versión en el SVG: dos construcciones iguales dan bytes iguales (los identificadores
#: internos salen de ``svg.hashsalt``, fijo en el estilo de :mod:`inpe.presentacion.graficos`).
METADATOS_SVG = {"Date": None, "Creator": None}


def etiqueta(prefijo: str, codigo: str) -> str:
    """Etiqueta de referencia cruzada derivada de un código: ("fig", "IND.01.AEI.01.01") → "fig-ind-01-aei-01-01"."""
    return f"{prefijo}-" + re.sub(r"[^a-z0-9]+", "-", codigo.lower()).strip("-")


def svg(fig: Figure) -> bytes:
    """La figura en SVG (una ``Figure`` sin pyplot: nada la retiene después), con el texto como trazos: el
    PDF la lleva como vector (nítida al imprimir, sin depender de las fuentes del lector), y dibujarla
    cuesta menos que un PNG a 150 ppp."""
    buf = io.BytesIO()
    fig.savefig(buf, format="svg", metadata=METADATOS_SVG)
    return buf.getvalue()


def _atributo(texto: str) -> str:
    return texto.replace("\\", "\\\\").replace('"', '\\"')


@dataclass
class Bloque:
    """Markdown ya compuesto y las imágenes que referencia; se muestra como una salida text/markdown."""

    texto: str = ""
    figuras: dict[str, bytes] = field(default_factory=dict, repr=False)

    def __add__(self, otro: "Bloque | str") -> "Bloque":
        otro = otro if isinstance(otro, Bloque) else Bloque(str(otro))
        partes = [t for t in (self.texto.strip(), otro.texto.strip()) if t]
        return Bloque("\n\n".join(partes), {**self.figuras, **otro.figuras})

    def _repr_mimebundle_(self, include=None, exclude=None):
        metadatos = {CLAVE: {k: base64.b64encode(v).decode("ascii") for k, v in self.figuras.items()}}
        # text/plain explícito: si no, IPython guardaría el repr (con los bytes de las imágenes) en el cuaderno.
        return {"text/markdown": self.texto, "text/plain": self.texto}, metadatos if self.figuras else {}


def unir(*bloques: "Bloque | str") -> Bloque:
    total = Bloque()
    for b in bloques:
        if b:
            total = total + b
    return total


def figura(fig: Figure, id_: str, leyenda: str, alt: str) -> Bloque:
    """Una figura numerada (Figura N en los dos renderizadores), con su leyenda y su texto alternativo."""
    archivo = f"{CARPETA}/{id_}.svg"
    texto = f'![{escapar_markdown(leyenda)}]({archivo}){{#{id_} fig-alt="{_atributo(alt)}" width="100%"}}'
    return Bloque(texto, {archivo: svg(fig)})
