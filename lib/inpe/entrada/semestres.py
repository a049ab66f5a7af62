"""El identificador de un semestre (``AAAA-S1``, ``AAAA-S2``): su forma, su orden y su corte.

Es la única definición: el identificador forma rutas (``data/<semestre>/``, ``output/<semestre>/``),
así que se valida estricto (``[0-9]``, no ``\\d``, que también acepta dígitos arábigos) antes de
tocar una ruta, un cuaderno o un shell.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path

PATRON = r"[0-9]{4}-S[12]"
_PATRON = re.compile(PATRON)
_CORTE = {1: (6, 30), 2: (12, 31)}
MENSAJE = "el formato es AAAA-S1 o AAAA-S2 (p. ej. 2024-S1)"
#: El de una orden sin semestre (``make informe``, ``python -m inpe``): el de la referencia.
POR_DEFECTO = "2024-S1"


def es_valido(semestre: object) -> bool:
    return isinstance(semestre, str) and bool(_PATRON.fullmatch(semestre))


def partes(semestre: str) -> tuple[int, int]:
    """"2024-S1" → (2024, 1); ValueError con el mensaje de la línea de órdenes si no tiene la forma."""
    if not es_valido(semestre):
        raise ValueError(f"Semestre no válido: {semestre!r}; {MENSAJE}.")
    anio, n = semestre.split("-S")
    return int(anio), int(n)


def siguiente(semestre: str) -> str:
    anio, n = partes(semestre)
    return f"{anio}-S2" if n == 1 else f"{anio + 1}-S1"


def anterior(semestre: str) -> str:
    anio, n = partes(semestre)
    return f"{anio - 1}-S2" if n == 1 else f"{anio}-S1"


def mismo_del_anio_anterior(semestre: str) -> str:
    anio, n = partes(semestre)
    return f"{anio - 1}-S{n}"


def corte(semestre: str) -> datetime.date:
    """Último día del semestre: fecha de corte de la información evaluada."""
    anio, n = partes(semestre)
    mes, dia = _CORTE[n]
    return datetime.date(anio, mes, dia)


def cierra_el_anio(semestre: str) -> bool:
    """El segundo semestre cierra el año: lo acumulado es ya el valor anual."""
    return partes(semestre)[1] == 2


def en(carpeta: Path) -> list[str]:
    """Semestres con carpeta en ``carpeta`` (la de datos), en orden cronológico."""
    carpeta = Path(carpeta)
    if not carpeta.is_dir():
        return []
    return sorted(p.name for p in carpeta.iterdir() if p.is_dir() and es_valido(p.name))
