"""Formato de cifras, textos y fechas del informe, con las convenciones del Perú (es_PE).

Aquí, y solo aquí, se redondea: half-up a la precisión impresa, una sola vez, sobre el
valor exacto que calculó ``inpe.calculo.ceplan``. Babel redondea half-even, por eso se cuantiza
antes con ``Decimal`` y Babel solo pone separadores y símbolos.
"""

from __future__ import annotations

import datetime
import operator
import re
from decimal import ROUND_HALF_UP, Decimal
from numbers import Real

from babel.dates import format_date
from babel.numbers import format_currency, format_decimal, format_percent
from num2words import num2words

from inpe.calculo.ceplan import es_faltante
from inpe.entrada import semestres

LOCALE = "es_PE"
#: Lo que se imprime en lugar de un dato no disponible.
SIN_DATO = "—"

_ORDINAL_SEMESTRE = {1: "primer", 2: "segundo"}


def redondear(x: Real, decimales: int) -> Decimal:
    """Half-up a ``decimales`` sobre la representación decimal corta de x (2.445 → 2.45)."""
    return Decimal(str(x)).quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)


def _patron(decimales: int) -> str:
    """Patrón Babel con exactamente ``decimales`` cifras, para que no vuelva a redondear."""
    return "#,##0" + ("." + "0" * decimales if decimales else "")


def numero(x: Real | None, decimales: int = 0) -> str:
    """Número con separador de miles: 97664 → "97,664"."""
    if es_faltante(x):
        return SIN_DATO
    return format_decimal(redondear(x, decimales), format=_patron(decimales), locale=LOCALE)


def porcentaje(x: Real | None, decimales: int = 2) -> str:
    """Porcentaje ya expresado en puntos porcentuales: 40.82 → "40.82%"."""
    if es_faltante(x):
        return SIN_DATO
    # Dividir un Decimal entre 100 es exacto; Babel vuelve a multiplicar por 100.
    return format_percent(
        redondear(x, decimales) / 100, format=_patron(decimales) + "%", locale=LOCALE
    )


def soles(x: Real | None) -> str:
    """Monto en soles con dos decimales: "S/ 897,215,339.55" (espacio no separable, como Babel)."""
    if es_faltante(x):
        return SIN_DATO
    return format_currency(redondear(x, 2), "PEN", locale=LOCALE)


def valor_indicador(x: Real | None, unidad: str, decimales: int) -> str:
    """Valor de un indicador según su unidad del plan (porcentaje, numero, tasa_1000, tasa_100000)."""
    if unidad == "porcentaje":
        return porcentaje(x, decimales)
    if unidad == "numero" or unidad.startswith("tasa"):
        return numero(x, decimales)
    raise ValueError(
        f"Unidad de indicador no reconocida: {unidad!r}; "
        "debe ser 'porcentaje', 'numero', 'tasa_1000' o 'tasa_100000'."
    )


def _genero_del_numeral(palabras: str, genero: str) -> str:
    """Concordancia del numeral ante sustantivo: "un (01) objetivo", "una (01) AEI".

    Ante sustantivo, y ante "mil" o "millones", "uno" se apocopa ("veintiún mil"); en
    femenino concuerda la parte posterior a "millón/millones" ("doscientas una personas").
    """
    palabras = re.sub(r"\bveintiuno\b", "veintiún", palabras)
    palabras = re.sub(r"\buno\b", "un", palabras)
    if genero == "m":
        return palabras
    corte = max(palabras.rfind("millón"), palabras.rfind("millones"), 0)
    cola = palabras[corte:]
    cola = re.sub(r"\bveintiún\b", "veintiuna", cola)
    cola = re.sub(r"\bun\b", "una", cola)
    cola = re.sub(r"ientos\b", "ientas", cola)
    return palabras[:corte] + cola


def en_letras(n: int, genero: str = "m", digitos: int = 2) -> str:
    """Cantidad en letras con la cifra entre paréntesis, como la redacta el informe: "tres (03)".

    ``genero`` concuerda con el sustantivo que sigue ("m": "un (01)", "f": "una (01)");
    ``digitos`` es el mínimo de cifras del paréntesis (1 da "tres (3)"); desde 1000 la
    cifra lleva separador de miles.
    """
    if genero not in ("m", "f"):
        raise ValueError(f"Género no reconocido: {genero!r}; debe ser 'm' o 'f'.")
    if isinstance(n, bool):
        raise ValueError("La cantidad debe ser un entero, no un booleano.")
    try:
        n = operator.index(n)
    except TypeError:
        raise ValueError(f"La cantidad debe ser un entero no negativo: {n!r}.") from None
    if n < 0:
        raise ValueError(f"La cantidad debe ser un entero no negativo: {n}.")
    palabras = _genero_del_numeral(num2words(n, lang="es"), genero)
    cifra = f"{n:0{digitos}d}" if n < 1000 else numero(n)
    return f"{palabras} ({cifra})"


def semestre_parse(semestre: str) -> tuple[int, int]:
    """"2024-S1" → (2024, 1)."""
    return semestres.partes(semestre)


def semestre_texto(semestre: str) -> str:
    """"2024-S1" → "primer semestre de 2024": el único nombre del periodo en el informe (texto y cuadros)."""
    anio, n = semestres.partes(semestre)
    return f"{_ORDINAL_SEMESTRE[n]} semestre de {anio}"


def periodo_acumulado(semestre: str) -> str:
    """"2024-S1" → "primer semestre de 2024"; "2024-S2" → "año 2024".

    Para lo que se acumula desde enero (devengado, obras culminadas): al cierre del segundo semestre
    es lo del año, y decir «en el segundo semestre» le atribuiría lo ejecutado en el primero.
    """
    anio, n = semestres.partes(semestre)
    return semestre_texto(semestre) if n == 1 else f"año {anio}"


def semestre_corto(semestre: str) -> str:
    """"2024-S1" → "1.er sem. 2024": el mismo nombre, abreviado, solo para el eje de un gráfico."""
    anio, n = semestres.partes(semestre)
    return f"{'1.er' if n == 1 else '2.º'} sem. {anio}"


# --- precisión de cada clase de porcentaje (la guía de estilo: docs/guia_de_estilo.md) ---------------

def avance(x: Real | None) -> str:
    """Avance de un indicador o de una AEI (Cuadro 3): siempre dos decimales, "100.00%"."""
    return porcentaje(x, 2)


def avance_ao(x: Real | None) -> str:
    """Avance de una actividad operativa y ejecución presupuestal: siempre un decimal, "46.2%"."""
    return porcentaje(x, 1)


def variacion(x: Real | None) -> str:
    """Variación interanual de una población y participación en un total: sin decimales, "6%"."""
    return porcentaje(x, 0)


def fecha_corte(semestre: str) -> datetime.date:
    """Último día del semestre: fecha de corte de la información evaluada."""
    return semestres.corte(semestre)


def semestre_corte(semestre: str) -> str:
    """Fecha de corte en letras: "2024-S1" → "30 de junio de 2024"."""
    return format_date(fecha_corte(semestre), "long", locale=LOCALE)
