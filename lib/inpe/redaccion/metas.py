"""Cómo se lee el valor obtenido de un indicador frente a su logro esperado: una sola tabla de decisión.

Todas las oraciones sobre un resultado (la de §3.1, la breve del resumen y de las conclusiones, el
título de una figura, la del análisis de implementación) parten de :func:`leer`; así no pueden
contradecirse. La decisión depende de cinco cosas:

============  =============  ============================  ==================================
sentido       acumulación    al primer semestre             al cierre del año (o un nivel)
============  =============  ============================  ==================================
Ascendente    acumulativo    ≥ meta: ``ALCANZA``;           ≥ meta: ``ALCANZA``;
                             < meta: ``EN_CAMINO``          < meta: ``NO_ALCANZA``
Ascendente    nivel          ≥ meta: ``ALCANZA``; < meta: ``NO_ALCANZA``
Descendente   acumulativo    > máx.: ``EXCEDE``;            > máx.: ``EXCEDE``;
                             ≤ máx.: ``DENTRO_PARCIAL``     ≤ máx.: ``DENTRO``
Descendente   nivel          > máx.: ``EXCEDE``; ≤ máx.: ``DENTRO``
============  =============  ============================  ==================================

más ``SIN_META`` (logro esperado cero o vacío) y ``SIN_VALOR`` (no se reportó). Un indicador
acumulativo suma a lo largo del año (casos, actos, unidades construidas): al primer semestre su
valor es parcial, así que no se declara cumplida ni incumplida una meta anual que aún puede
cambiar. El avance se calcula siempre con la regla de CEPLAN (:mod:`inpe.calculo.ceplan`); esta
tabla solo decide cómo se dice.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import pandas as pd

from inpe.calculo import ceplan
from inpe.entrada import semestres
from inpe.redaccion import formato


class Situacion(StrEnum):
    SIN_META = "sin_meta"
    SIN_VALOR = "sin_valor"
    ALCANZA = "alcanza"
    NO_ALCANZA = "no_alcanza"
    EN_CAMINO = "en_camino"
    DENTRO = "dentro"
    DENTRO_PARCIAL = "dentro_parcial"
    EXCEDE = "excede"


@dataclass(frozen=True)
class Lectura:
    """El resultado de un indicador frente a su meta, listo para redactarse."""

    situacion: Situacion
    obtenido: str             # el valor obtenido, formateado con su unidad
    esperado: str             # el logro esperado, formateado
    avance: str               # el avance (dos decimales)
    nivel: str                # "alto", "medio", "bajo"
    igual: bool               # obtenido y esperado iguales a la precisión publicada
    parcial: bool             # acumulativo en un semestre que no cierra el año
    proporcion: float | None  # obtenido / esperado × 100, sin tope
    anio: int
    reportado: bool = True    # se reportó el valor obtenido (puede faltar también sin meta)

    @property
    def cumple(self) -> bool:
        return self.situacion in (Situacion.ALCANZA, Situacion.DENTRO, Situacion.DENTRO_PARCIAL)


def valor(fila: pd.Series, columna: str) -> str:
    """Logro esperado o valor obtenido con la unidad y decimales que fija el plan."""
    return formato.valor_indicador(fila[columna], fila["unidad"], int(fila["decimales"]))


def leer(fila: pd.Series, semestre: str) -> Lectura:
    """La fila de un indicador (resultados.indicadores) leída con la tabla de decisión del módulo."""
    esperado_x, obtenido_x = fila["logro_esperado"], fila["valor_obtenido"]
    estado = ceplan.estado_respecto_meta(esperado_x, obtenido_x, fila["sentido"])
    parcial = fila["acumulacion"] == "acumulativo" and not semestres.cierra_el_anio(semestre)
    descendente = fila["sentido"] == ceplan.Sentido.DESCENDENTE
    if estado is ceplan.EstadoMeta.SIN_META:
        situacion = Situacion.SIN_META
    elif estado is ceplan.EstadoMeta.SIN_VALOR:
        situacion = Situacion.SIN_VALOR
    elif descendente:
        cumple = estado is ceplan.EstadoMeta.CUMPLE
        situacion = (Situacion.DENTRO_PARCIAL if parcial else Situacion.DENTRO) if cumple else Situacion.EXCEDE
    elif estado is ceplan.EstadoMeta.CUMPLE:
        situacion = Situacion.ALCANZA
    else:
        situacion = Situacion.EN_CAMINO if parcial else Situacion.NO_ALCANZA
    con_valores = situacion not in (Situacion.SIN_META, Situacion.SIN_VALOR)
    return Lectura(
        situacion=situacion, obtenido=valor(fila, "valor_obtenido"), esperado=valor(fila, "logro_esperado"),
        avance=formato.avance(fila["avance"]), nivel=str(fila["semaforo"]).lower(),
        igual=con_valores and valor(fila, "valor_obtenido") == valor(fila, "logro_esperado"),
        parcial=parcial, proporcion=ceplan.porcentaje_de(obtenido_x, esperado_x) if con_valores else None,
        anio=semestres.partes(semestre)[0], reportado=not ceplan.es_faltante(obtenido_x))
