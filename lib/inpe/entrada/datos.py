"""Los datos de un semestre ya validados (:class:`DatosSemestre`) y su foto en el área de trabajo.

Lo único que leen los cálculos y los cuadernos. Este módulo no importa la validación (pandera,
los esquemas): un kernel que lee la foto de una construcción no la necesita.

Cada DataFrame tiene una columna por columna de la tabla, con su tipo (enteros ``Int64``,
decimales ``float64``, textos ``str``, fechas ``datetime64[ns]``, si/no ``bool``; la celda vacía
es ``<NA>``/``NaN``). El índice, llamado ``fila``, es el número de fila de la hoja de cálculo
(cabecera = 1), para que cualquier mensaje posterior pueda señalar la fila;
``df.attrs["archivo"]`` es la ruta de la tabla relativa al proyecto.
"""

from __future__ import annotations

import pickle
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .textos import Texto


@dataclass
class DatosSemestre:
    semestre: str
    plan: dict[str, pd.DataFrame] = field(default_factory=dict)
    medidos: dict[str, pd.DataFrame] = field(default_factory=dict)
    textos_plan: dict[str, Texto] = field(default_factory=dict)
    comentarios: dict[str, Texto] = field(default_factory=dict)
    #: Indicadores de todos los semestres hasta el evaluado (columnas: semestre, anio, periodo,
    #: codigo_indicador, logro_esperado, valor_obtenido).
    historial: pd.DataFrame | None = None
    avisos: list[str] = field(default_factory=list)
    usos: list[str] = field(default_factory=list)

    def texto_plan(self, nombre: str) -> str:
        return self.textos_plan[nombre].contenido if nombre in self.textos_plan else ""

    def comentario(self, nombre: str) -> str:
        """El comentario del semestre; vacío si no se escribió o si su bloque de opciones dice ``publicar: no``."""
        t = self.comentarios.get(nombre)
        return t.contenido if t is not None and t.publicar else ""

    @property
    def no_publicados(self) -> list[Texto]:
        return [t for t in self.comentarios.values() if not t.publicar]


def guardar(datos: DatosSemestre, ruta: Path, contexto: dict) -> None:
    """La foto que leen los cuadernos de una construcción: los datos validados y lo que la construcción
    sabe de ellos (``contexto``: la auditoría, la procedencia). La escribe el programa, nunca un usuario."""
    with open(ruta, "wb") as f:
        pickle.dump({"datos": datos, **contexto}, f, protocol=pickle.HIGHEST_PROTOCOL)


def leer(ruta: Path) -> dict:
    """La foto que escribió :func:`guardar` en el área de trabajo de la construcción (nunca un archivo de data/)."""
    with open(ruta, "rb") as f:
        foto = pickle.load(f)
    if not isinstance(foto, dict) or not isinstance(foto.get("datos"), DatosSemestre):
        raise TypeError(f"{ruta} no es una foto de los datos del informe")
    return foto
