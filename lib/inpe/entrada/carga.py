"""Validar y cargar: de las carpetas de data/ a los datos con tipo de un semestre (:mod:`.datos`).

>>> d = cargar_semestre("2024-S1")            # lanza ErrorDeDatos si algo falla
>>> d.plan["indicadores"]                        # DataFrame del plan
>>> d.medidos["presupuesto"]                     # DataFrame del semestre
>>> d.comentario("factores_AEI.01.01")          # texto revisado ("" si no se escribió o no se publica)

La construcción valida una vez y guarda estos datos en su área de trabajo (:func:`.datos.guardar`);
cada cuaderno los lee de allí (:func:`.datos.leer`) en lugar de validar otra vez.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import semestres
from .carpetas import Validacion, tabla_de, validar
from .datos import DatosSemestre
from .esquemas import DTYPES, ESQUEMAS_SEMESTRE
from .fallas import Falla

__all__ = ["ErrorDeDatos", "cargar_semestre", "desde_validacion"]


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


def _historial(v: Validacion, plan_indicadores: pd.DataFrame) -> pd.DataFrame:
    """La serie de cada indicador del plan: los semestres anteriores (solo sus códigos que siguen en el plan) y el actual."""
    tablas = {**{s: t.df for s, t in v.anteriores.items()}, v.semestre: v.medidos["indicadores"].df}
    partes = []
    for s in sorted(tablas):
        df = tablas[s].reset_index(drop=True)
        df = df[df["codigo_indicador"].isin(plan_indicadores["codigo_indicador"])]
        df.insert(0, "semestre", s)
        partes.append(df)
    h = pd.concat(partes, ignore_index=True)
    h["semestre"] = h["semestre"].astype("str")
    h.insert(1, "anio", pd.array([semestres.partes(s)[0] for s in h["semestre"]], dtype="Int64"))
    h.insert(2, "periodo", pd.Series([s[-2:] for s in h["semestre"]], dtype="str"))
    h = h.sort_values(["semestre", "codigo_indicador"], kind="stable").reset_index(drop=True)
    h.attrs["semestres"] = sorted(tablas)
    return h


def desde_validacion(v: Validacion) -> DatosSemestre:
    """Los datos con tipo de una validación sin errores."""
    if v.errores:
        raise ErrorDeDatos(v.errores, v.avisos)
    medidos = {k: tabla_de(t) for k, t in v.medidos.items()}
    for nombre, esquema in ESQUEMAS_SEMESTRE.items():
        if nombre not in medidos:  # tabla opcional ausente: vacía, con sus columnas y tipos
            vacia = pd.DataFrame({c.nombre: pd.Series(dtype=DTYPES[c.tipo]) for c in esquema.columnas})
            vacia.attrs["archivo"] = f"data/{v.semestre}/{esquema.archivo}"
            medidos[nombre] = vacia
    plan = {k: tabla_de(t) for k, t in v.plan.items()}
    return DatosSemestre(semestre=v.semestre, plan=plan, medidos=medidos, textos_plan=v.textos_plan,
                         comentarios=v.comentarios, historial=_historial(v, plan["indicadores"]),
                         avisos=list(v.avisos), usos=list(v.usos))


def cargar_semestre(semestre: str, raiz: Path = Path("data")) -> DatosSemestre:
    """Valida el plan y el semestre y devuelve sus tablas. Lanza :class:`ErrorDeDatos`."""
    return desde_validacion(validar(Path(raiz), semestre))
