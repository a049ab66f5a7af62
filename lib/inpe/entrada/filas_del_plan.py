"""Las filas de un semestre nuevo que salen del plan: una por código del plan en cada tabla cuya clave se enumera.

Una columna de la clave se enumera si es un código cuyo patrón es el de la clave de una tabla del plan
(``codigo_indicador``: los indicadores del plan; ``PLIEGO|AEI.NN.NN``: el literal ``PLIEGO`` y las AEI),
o si es una lista cerrada que la tabla exige completa (``entidad.concepto``). Lo usan
:mod:`inpe.entrada.nuevo` (la carpeta CSV) y :mod:`inpe.entrada.plantilla_excel` (el libro).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import product

from .esquemas import ESQUEMAS_PLAN, ESQUEMAS_SEMESTRE, Columna, Esquema
from .validacion import TablaValidada


@dataclass(frozen=True)
class Tabla:
    """Una tabla del semestre nuevo: su esquema y sus filas (solo las columnas de la clave escritas)."""

    esquema: Esquema
    filas: list[dict[str, str]]
    #: Las columnas cuyos valores salieron del plan (o de la lista cerrada del esquema).
    del_plan: tuple[str, ...] = ()
    #: Si el plan la exige este semestre (obligatoria o pedida por un uso del plan).
    exigida: bool = True



def _alternativas(patron: str) -> list[str]:
    """Las alternativas de primer nivel de una expresión regular (``PLIEGO|AEI…`` -> dos)."""
    partes, nivel, actual, escape = [], 0, "", False
    for c in patron:
        if escape:
            actual, escape = actual + c, False
            continue
        if c == "\\":
            actual, escape = actual + c, True
            continue
        if c in "([{":
            nivel += 1
        elif c in ")]}":
            nivel -= 1
        if c == "|" and nivel == 0:
            partes.append(actual)
            actual = ""
        else:
            actual += c
    return partes + [actual]


def _claves_del_plan() -> dict[str, str]:
    """Patrón del código que es la clave de una tabla del plan -> esa tabla (``AEI\\.[0-9]{2}…`` -> ``aei``)."""
    salida = {}
    for nombre, e in ESQUEMAS_PLAN.items():
        if len(e.clave) == 1 and (col := e.columna(e.clave[0])).tipo == "codigo":
            salida[col.patron] = nombre
    return salida


def origen(col: Columna) -> list[tuple[str, str]] | None:
    """De dónde salen todos los valores que admite la columna, si se pueden enumerar; None si no.

    Una lista de ``("valor", v)`` (la lista cerrada, «si»/«no», un literal del patrón como ``PLIEGO``)
    y ``("plan", tabla)`` (los códigos de esa tabla del plan, cuando el patrón es el de su clave).
    """
    if col.valores:
        return [("valor", str(v)) for v in col.valores]
    if col.tipo == "si_no":
        return [("valor", "si"), ("valor", "no")]
    if col.tipo != "codigo" or not col.patron:
        return None
    del_plan = _claves_del_plan()
    partes = []
    for alternativa in _alternativas(col.patron):
        if alternativa in del_plan:
            partes.append(("plan", del_plan[alternativa]))
        elif re.escape(alternativa) == alternativa and re.fullmatch(col.patron, alternativa):
            partes.append(("valor", alternativa))
        else:
            return None
    return partes


def codigos_por_tabla(plan: dict[str, TablaValidada]) -> dict[str, list[str]]:
    """Tabla del plan -> los códigos de su clave, en el orden del plan."""
    salida: dict[str, list[str]] = {}
    for nombre in _claves_del_plan().values():
        t, columna = plan.get(nombre), ESQUEMAS_PLAN[nombre].clave[0]
        if t is not None and t.df is not None and columna in t.df:
            salida[nombre] = [str(c) for c in dict.fromkeys(t.df[columna].dropna())]
    return salida


def valores_enumerables(col: Columna, codigos: dict[str, list[str]]) -> list[str] | None:
    """Los valores de :func:`origen`, con los códigos del plan en lugar de su tabla."""
    partes = origen(col)
    if partes is None:
        return None
    return [v for tipo, x in partes for v in ([x] if tipo == "valor" else codigos.get(x, []))]


def origen_de_filas(esquema: Esquema) -> dict[str, list[tuple[str, str]]] | None:
    """Si las filas de la tabla salen del plan: el :func:`origen` de cada columna de su clave; None si no.

    Un código se enumera siempre (una fila por código del plan); una lista cerrada, solo si la tabla
    la exige completa (``completa``): si no, no todas sus filas tienen que estar.
    """
    if not esquema.clave:
        return None
    salida = {}
    for nombre in esquema.clave:
        col = esquema.columna(nombre)
        partes = origen(col) if col.tipo == "codigo" or (col.valores and esquema.completa == nombre) else None
        if not partes:
            return None
        salida[nombre] = partes
    return salida


def filas_del_plan(esquema: Esquema, codigos: dict[str, list[str]]) -> list[dict[str, str]]:
    """Las filas de la tabla que se deducen del plan, con sus demás columnas vacías; [] si no se deducen."""
    if origen_de_filas(esquema) is None:
        return []
    listas = [valores_enumerables(esquema.columna(n), codigos) for n in esquema.clave]
    return [{c.nombre: "" for c in esquema.columnas} | dict(zip(esquema.clave, combinacion))
            for combinacion in product(*listas)]


def tablas_nuevas(plan: dict[str, TablaValidada], usos: list[str]) -> dict[str, Tabla]:
    """Cada tabla del semestre, con las filas que salen del plan (o solo la cabecera)."""
    codigos = codigos_por_tabla(plan)
    salida = {}
    for nombre, esquema in ESQUEMAS_SEMESTRE.items():
        filas = filas_del_plan(esquema, codigos)
        salida[nombre] = Tabla(esquema, filas, tuple(esquema.clave) if filas else (), esquema.exigido(usos))
    return salida


def denominaciones(plan: dict[str, TablaValidada]) -> dict[str, str]:
    """Código del plan -> su denominación (para que el analista sepa de qué trata cada fila o texto)."""
    salida: dict[str, str] = {}
    for nombre, esquema in ESQUEMAS_PLAN.items():
        t = plan.get(nombre)
        if len(esquema.clave) != 1 or t is None or t.df is None or "denominacion" not in t.df:
            continue
        for codigo, texto in zip(t.df[esquema.clave[0]], t.df["denominacion"]):
            if isinstance(codigo, str) and isinstance(texto, str):
                salida[codigo] = " ".join(texto.split())
    return salida
