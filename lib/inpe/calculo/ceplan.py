"""Reglas de cálculo de CEPLAN tal como las aplica el Informe de Evaluación Institucional.

Funciones puras y sin redondeo: el valor exacto sirve para el semáforo y para los
promedios; el redondeo (half-up a la precisión impresa) se aplica una sola vez, en
``inpe.redaccion.formato``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from enum import StrEnum
from numbers import Real

#: Avance desde el cual una AEI deja de estar en nivel Bajo (banda [75, 95)).
UMBRAL_MEDIO = 75.0
#: Avance desde el cual una AEI está en nivel Alto (≥ 95).
UMBRAL_ALTO = 95.0
#: Tope del avance: CEPLAN no reconoce sobrecumplimiento en indicadores.
AVANCE_MAXIMO = 100.0


class Sentido(StrEnum):
    """Sentido esperado del indicador: si mejora al subir o al bajar."""

    ASCENDENTE = "Ascendente"
    DESCENDENTE = "Descendente"


class Nivel(StrEnum):
    """Nivel de avance del semáforo CEPLAN (igual a su texto: ``Nivel.BAJO == "Bajo"``)."""

    BAJO = "Bajo"
    MEDIO = "Medio"
    ALTO = "Alto"


class EstadoMeta(StrEnum):
    """Situación del valor obtenido frente al logro esperado, sin redacción (la pone el cuaderno)."""

    SIN_META = "sin_meta"
    SIN_VALOR = "sin_valor"
    CUMPLE = "cumple"
    NO_CUMPLE = "no_cumple"


def es_faltante(x: object) -> bool:
    """Dato no disponible: ``None``, NaN o ``pd.NA`` (celda vacía en el CSV)."""
    if x is None:
        return True
    try:
        return bool(x != x)  # NaN es el único valor distinto de sí mismo
    except TypeError:  # pd.NA no admite bool()
        return True


def _sentido(sentido: str) -> Sentido:
    """Valida el sentido: un error de tipeo no debe invertir silenciosamente el cálculo."""
    try:
        return Sentido(sentido)
    except ValueError:
        raise ValueError(
            f"Sentido de indicador no reconocido: {sentido!r}; "
            "debe ser 'Ascendente' o 'Descendente'."
        ) from None


def _no_negativo(x: Real, nombre: str) -> float:
    """Las metas y valores de los indicadores no pueden ser negativos."""
    x = float(x)
    if x < 0:
        raise ValueError(f"El {nombre} no puede ser negativo: {x}.")
    return x


def _cociente(numerador: Real | None, denominador: Real | None) -> float | None:
    """numerador / denominador, o None si falta algún dato o el denominador es 0."""
    if es_faltante(numerador) or es_faltante(denominador) or denominador == 0:
        return None
    return float(numerador) / float(denominador)


def avance_indicador(
    logro_esperado: Real | None, valor_obtenido: Real | None, sentido: str
) -> float:
    """Avance (%) del indicador respecto a su logro esperado, con tope de 100.

    Ascendente: obtenido / esperado × 100. Descendente: esperado / obtenido × 100
    (obtenido 0 con meta positiva es cumplimiento pleno). Sin meta (0 o vacía) o sin
    valor reportado, el avance es 0, como en el Cuadro 3 del informe de referencia.
    """
    sentido = _sentido(sentido)
    if es_faltante(logro_esperado) or es_faltante(valor_obtenido):
        return 0.0
    esperado = _no_negativo(logro_esperado, "logro esperado")
    obtenido = _no_negativo(valor_obtenido, "valor obtenido")
    if esperado == 0:
        return 0.0
    if sentido is Sentido.ASCENDENTE:
        avance = obtenido / esperado * 100
    elif obtenido == 0:
        avance = AVANCE_MAXIMO
    else:
        avance = esperado / obtenido * 100
    return min(avance, AVANCE_MAXIMO)


def avance_aei(avances: Iterable[Real]) -> float:
    """Avance de la AEI: promedio simple de los avances de sus indicadores."""
    valores = [float(a) for a in avances]
    if not valores:
        raise ValueError("La AEI no tiene indicadores: no se puede calcular su avance.")
    return math.fsum(valores) / len(valores)


def semaforo(avance: Real) -> Nivel:
    """Nivel del semáforo: Bajo [0, 75), Medio [75, 95), Alto ≥ 95.

    Se aplica al avance sin redondear, para que 74.996 (impreso 75.00) siga siendo Bajo.
    """
    if es_faltante(avance):
        raise ValueError("No se puede asignar semáforo a un avance no disponible.")
    if avance >= UMBRAL_ALTO:
        return Nivel.ALTO
    if avance >= UMBRAL_MEDIO:
        return Nivel.MEDIO
    return Nivel.BAJO


def conteo_semaforo(avances: Iterable[Real]) -> dict[str, int]:
    """Tabla resumen del semáforo: cuántas AEI hay en cada nivel, en orden Bajo, Medio, Alto, Total."""
    conteo = {str(n): 0 for n in Nivel}
    for a in avances:
        conteo[str(semaforo(a))] += 1
    conteo["Total"] = sum(conteo.values())
    return conteo


def ejecucion_presupuestal(pim: Real | None, devengado: Real | None) -> float | None:
    """Ejecución presupuestal (%): devengado / PIM × 100; None si no hay PIM."""
    r = _cociente(devengado, pim)
    return None if r is None else r * 100


def avance_ao(programado: Real | None, ejecutado: Real | None) -> float | None:
    """Avance (%) de una actividad operativa, sin tope (la ejecución puede superar lo programado).

    None cuando no hay programación (vacía o 0) o no se reportó lo ejecutado.
    """
    r = _cociente(ejecutado, programado)
    return None if r is None else r * 100


def variacion(
    anterior: Real | None, actual: Real | None
) -> tuple[float | None, float | None]:
    """Variación entre dos periodos: (absoluta, porcentual respecto al anterior).

    La porcentual es None si el periodo anterior es 0 o falta (no hay base de comparación).
    """
    if es_faltante(anterior) or es_faltante(actual):
        return None, None
    absoluta = float(actual) - float(anterior)
    r = _cociente(absoluta, anterior)
    return absoluta, (None if r is None else r * 100)


def tasa(numerador: Real | None, denominador: Real | None, por: int) -> float | None:
    """Tasa por ``por`` unidades (p. ej. profesionales por cada 1,000 internos, ``por=1_000``)."""
    r = _cociente(numerador, denominador)
    return None if r is None else r * por


def porcentaje_de(parte: Real | None, total: Real | None) -> float | None:
    """Proporción en porcentaje: parte / total × 100 (p. ej. evaluados favorables / evaluados)."""
    return tasa(parte, total, 100)


def estado_respecto_meta(
    logro_esperado: Real | None, valor_obtenido: Real | None, sentido: str
) -> EstadoMeta:
    """Código de la situación frente a la meta, para que el texto lo elija el cuaderno.

    Descendente cumple cuando el valor obtenido no supera al logro esperado.
    """
    sentido = _sentido(sentido)
    if es_faltante(logro_esperado) or logro_esperado == 0:
        return EstadoMeta.SIN_META
    if es_faltante(valor_obtenido):
        return EstadoMeta.SIN_VALOR
    if sentido is Sentido.ASCENDENTE:
        cumple = valor_obtenido >= logro_esperado
    else:
        cumple = valor_obtenido <= logro_esperado
    return EstadoMeta.CUMPLE if cumple else EstadoMeta.NO_CUMPLE
