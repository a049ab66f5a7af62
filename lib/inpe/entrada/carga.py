"""Carga de los datos de un semestre, ya validados y con tipos.

>>> d = cargar_semestre("2024-S1")            # lanza ErrorDeDatos si algo falla
>>> d.plan["indicadores"]                        # DataFrame del plan
>>> d.medidos["presupuesto"]                     # DataFrame del semestre

Cada DataFrame tiene una columna por columna del CSV, con su tipo (enteros
``Int64``, decimales ``float64``, textos ``str``, fechas ``datetime64[ns]``, si/no
``bool``; la celda vacía es ``<NA>``/``NaN``). El índice, llamado ``fila``, es el
número de fila del CSV en la hoja de cálculo (cabecera = 1), para que cualquier
mensaje posterior pueda señalar la fila; ``df.attrs["archivo"]`` es la ruta del
CSV relativa al proyecto.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .esquemas import DTYPES, ESQUEMAS_SEMESTRE
from .lectura import Falla
from .validacion import _validar, semestre_valido, semestres_en, _nombre_raiz

__all__ = ["DatosSemestre", "ErrorDeDatos", "cargar_semestre", "semestres_disponibles", "cargar_historial"]


class ErrorDeDatos(Exception):
    """Los datos no pasan la validación. ``fallas`` tiene la lista completa."""

    def __init__(self, fallas: list[Falla], avisos: list[str] | None = None):
        self.fallas = list(fallas)
        self.avisos = list(avisos or [])
        super().__init__(str(self))

    def __str__(self) -> str:
        n = len(self.fallas)
        cabeza = ("Los datos tienen 1 error" if n == 1 else f"Los datos tienen {n} errores") + \
            "; corríjalos y vuelva a ejecutar:"
        ancho = len(str(n))
        return "\n".join([cabeza] + [f"  {i:>{ancho}}. {f}" for i, f in enumerate(self.fallas, 1)])


@dataclass
class DatosSemestre:
    semestre: str
    plan: dict[str, pd.DataFrame] = field(default_factory=dict)
    medidos: dict[str, pd.DataFrame] = field(default_factory=dict)
    avisos: list[str] = field(default_factory=list)


def _final(arch) -> pd.DataFrame:
    df = arch.df.copy()
    for col in arch.esquema.columnas:
        if col.tipo == "si_no":
            df[col.nombre] = df[col.nombre].astype("bool")
    df.attrs["archivo"] = arch.archivo
    return df


def cargar_semestre(semestre: str, raiz: Path = Path("data")) -> DatosSemestre:
    """Valida el plan y el semestre y devuelve sus tablas. Lanza :class:`ErrorDeDatos`."""
    resultado, plan, medidos = _validar(Path(raiz), semestre)
    if resultado.errores:
        raise ErrorDeDatos(resultado.errores, resultado.avisos)
    medidos = {k: _final(v) for k, v in medidos.items()}
    for nombre, esquema in ESQUEMAS_SEMESTRE.items():
        if nombre not in medidos:  # archivo opcional ausente: tabla vacía con sus columnas y tipos
            medidos[nombre] = pd.DataFrame({c.nombre: pd.Series(dtype=DTYPES[c.tipo]) for c in esquema.columnas})
    return DatosSemestre(
        semestre=semestre,
        plan={k: _final(v) for k, v in plan.items()},
        medidos=medidos,
        avisos=list(resultado.avisos),
    )


def semestres_disponibles(raiz: Path = Path("data")) -> list[str]:
    """Semestres con carpeta en ``raiz`` (``AAAA-S1``/``AAAA-S2``), en orden cronológico."""
    return semestres_en(Path(raiz))


def cargar_historial(semestre: str, raiz: Path = Path("data")) -> pd.DataFrame:
    """``indicadores.csv`` de todos los semestres hasta ``semestre`` (inclusive).

    Valida cada semestre que lee (y el plan); si alguno falla lanza
    :class:`ErrorDeDatos` con todas las fallas juntas. Columnas: ``semestre``,
    ``anio`` (Int64), ``periodo`` (``S1``/``S2``), ``codigo_indicador``,
    ``logro_esperado``, ``valor_obtenido``; ordenado por semestre y código.
    """
    raiz = Path(raiz)
    if not semestre_valido(semestre):
        raise ErrorDeDatos([Falla(_nombre_raiz(raiz), regla=(
            "el semestre debe tener la forma AAAA-S1 o AAAA-S2, p. ej. 2024-S1"), valor=str(semestre))])
    semestres = [s for s in semestres_en(raiz) if s <= semestre]
    if semestre not in semestres:
        semestres.append(semestre)      # para que la validación informe que falta
    fallas: list[Falla] = []
    vistas: set[Falla] = set()
    tablas = []
    for s in semestres:
        resultado, _, medidos = _validar(raiz, s)
        for f in resultado.errores:
            if f not in vistas:           # las fallas del plan se repiten en cada semestre
                vistas.add(f)
                fallas.append(f)
        if not resultado.errores:
            df = medidos["indicadores"].df.reset_index(drop=True)
            df.insert(0, "semestre", s)
            tablas.append(df)
    if fallas:
        raise ErrorDeDatos(fallas)
    historial = pd.concat(tablas, ignore_index=True)
    historial["semestre"] = historial["semestre"].astype("str")
    historial.insert(1, "anio", pd.array([int(s[:4]) for s in historial["semestre"]], dtype="Int64"))
    historial.insert(2, "periodo", pd.Series([s[-2:] for s in historial["semestre"]], dtype="str"))
    historial = historial.sort_values(["semestre", "codigo_indicador"], kind="stable").reset_index(drop=True)
    historial.attrs["semestres"] = semestres
    return historial
