"""Lo que la serie de un indicador permite decir de su evolución (y nada más).

Una afirmación sobre la tendencia sale de aquí: desde cuándo hay datos, en cuántos semestres se
alcanzó la meta, cómo cambió el valor frente al periodo comparable. Con un solo semestre no hay
tendencia que contar. Un indicador acumulativo se compara con el mismo semestre del año anterior
(su primer semestre es medio año; el segundo, el año entero); uno de nivel, con el semestre previo.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from inpe.calculo import ceplan
from inpe.entrada import semestres


@dataclass(frozen=True)
class Comparacion:
    semestre: str
    anterior: float
    actual: float

    @property
    def diferencia(self) -> float:
        return self.actual - self.anterior

    @property
    def variacion_pct(self) -> float | None:
        return ceplan.variacion(self.anterior, self.actual)[1]


@dataclass(frozen=True)
class Serie:
    semestres: tuple[str, ...]
    con_valor: int            # semestres con valor obtenido
    en_meta: int              # de ellos, los que alcanzaron (o no excedieron) el logro esperado
    con_meta: int             # semestres con valor y con logro esperado distinto de cero
    comparacion: Comparacion | None
    #: Acumulativo: ``en_meta`` y ``con_meta`` cuentan años (el valor al cierre de cada año), no semestres.
    anual: bool = False

    @property
    def primero(self) -> str:
        return self.semestres[0]

    @property
    def periodos(self) -> int:
        return len(self.semestres)


def _cumple(esperado, obtenido, sentido) -> bool:
    return ceplan.estado_respecto_meta(esperado, obtenido, sentido) is ceplan.EstadoMeta.CUMPLE


def serie(evolucion: pd.DataFrame, fila: pd.Series, semestre: str) -> Serie:
    """``evolucion``: semestre, logro_esperado, valor_obtenido (resultados.evolucion); ``fila``: el indicador."""
    t = evolucion[evolucion["semestre"] <= semestre].sort_values("semestre")
    con_valor = t[t["valor_obtenido"].map(lambda v: not ceplan.es_faltante(v)).astype(bool)]
    con_meta = con_valor[con_valor["logro_esperado"].map(lambda e: not ceplan.es_faltante(e) and e != 0).astype(bool)]
    anual = fila["acumulacion"] == "acumulativo"
    if anual:  # su primer semestre es medio año: frente a la meta anual solo se juzga el cierre del año
        con_meta = con_meta[con_meta["semestre"].map(semestres.cierra_el_anio).astype(bool)]
    en_meta = sum(_cumple(e, v, fila["sentido"]) for e, v in zip(con_meta["logro_esperado"], con_meta["valor_obtenido"]))
    comparable = (semestres.mismo_del_anio_anterior(semestre) if fila["acumulacion"] == "acumulativo"
                  else semestres.anterior(semestre))
    valores = dict(zip(con_valor["semestre"], con_valor["valor_obtenido"]))
    comparacion = (Comparacion(comparable, float(valores[comparable]), float(valores[semestre]))
                   if comparable in valores and semestre in valores else None)
    return Serie(tuple(t["semestre"]), len(con_valor), int(en_meta), len(con_meta), comparacion, anual)
