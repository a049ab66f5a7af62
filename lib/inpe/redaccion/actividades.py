"""Las oraciones de las actividades operativas (AO) claves de una AEI (§3.2).

Texto plano salvo donde se dice *Markdown*. El avance de una AO lleva un decimal y no tiene tope
(una AO puede ejecutar más de lo programado). Lo que dice la fuente se dice tal cual: una AO sin
meta física programada no recibe una meta inventada; si la fuente declara su avance, se cita como
avance reportado. Las formas varían de una AO a la siguiente (:func:`~inpe.redaccion.gramatica.variante`),
sin azar: el mismo lugar da siempre la misma oración.
"""

from __future__ import annotations

import re

import pandas as pd

from inpe.calculo import ceplan
from inpe.calculo.implementacion import desagregado_ao, establecimientos_ao, resumen_avance_ao
from inpe.redaccion import formato
from inpe.redaccion.gramatica import (
    cantidad,
    cantidad_con_articulo,
    cantidad_pronominal,
    enumerar,
    mayuscula_inicial,
    minuscula_inicial,
    segun,
    variante,
)

n = formato.numero


def _avance(a: float) -> str:
    """«un avance de 102.9%, por encima de lo programado»."""
    texto = f"un avance de {formato.avance_ao(a)}"
    if a > ceplan.AVANCE_MAXIMO:
        return texto + ", por encima de lo programado"
    if a == ceplan.AVANCE_MAXIMO:
        return texto + ", igual a lo programado"
    return texto


def resultado(ao: pd.Series, orden: int = 0) -> str:
    """Lo programado frente a lo ejecutado, o lo que la fuente da cuando no hay meta física."""
    prog, ejec, unidad = ao["programado"], ao["ejecutado"], ao["unidad_medida"]
    reportado = ao.get("avance_reportado")
    sin_prog = ceplan.es_faltante(prog) or prog == 0
    if not sin_prog and not ceplan.es_faltante(ejec):
        a = float(ao["avance"])
        return variante(
            orden,
            f"Frente a una meta física de {n(prog)} {unidad}, la ejecución llegó a {n(ejec)}: {_avance(a)}.",
            f"La ejecución sumó {n(ejec)} {unidad}, de una meta física de {n(prog)}: {_avance(a)}.",
            f"Su meta física del semestre era de {n(prog)} {unidad} y la ejecución llegó a {n(ejec)}, {_avance(a)}.",
        )
    if not sin_prog:
        return f"Su meta física del semestre era de {n(prog)} {unidad}; no se reportó su ejecución."
    partes = []
    if not ceplan.es_faltante(ejec):
        partes.append(f"La ejecución del semestre llegó a {n(ejec)} {unidad}")
    if not ceplan.es_faltante(reportado):
        fuente = f"la fuente reporta un avance de {formato.avance_ao(reportado)}"
        partes.append(fuente if partes else mayuscula_inicial(fuente))
        return "; ".join(partes) + ", sin una meta física programada con la cual calcularlo."
    if partes:
        return partes[0] + "; no se programó meta física, por lo que no se calcula su avance."
    return "No se reportó su meta física programada ni su ejecución del semestre."


def establecimientos(ao: pd.Series, tipo: tuple[str, str] | None) -> str:
    """«Se implementa en 14 establecimientos de medio libre: A, B y C.» (``tipo``: singular, plural)."""
    cuantos, lista = establecimientos_ao(ao)
    if cuantos is None:
        return ""
    singular, plural = tipo or ("establecimiento", "establecimientos")
    if cuantos == 1 and lista:
        return f"Se implementa en el {singular} de {lista[0]}."
    texto = f"Se implementa en {n(cuantos)} {segun(cuantos, singular, plural)}"
    return texto + (f": {enumerar(lista)}." if lista else ".")


_PREDICADO = re.compile(r"^\w+(?:aron|ieron|ó|ió)\b")


def _clausula(concepto: str, valor: float, unidad: str, con_unidad: bool) -> tuple[str, bool]:
    """(cláusula, es_frase_nominal) de una fila del desagregado.

    Un concepto que empieza por un verbo en pretérito («Participaron en talleres productivos») es un
    predicado: lleva delante la cantidad y, la primera vez, la unidad de la AO como sujeto. Cualquier
    otro («personas privadas de libertad trasladadas») es una frase nominal que sigue a la cifra.
    """
    c = minuscula_inicial(concepto.strip())
    if not _PREDICADO.match(c):
        return f"{n(valor)} {c}", True
    return (f"{n(valor)} {unidad} {c}" if con_unidad else f"{n(valor)} {c}"), False


#: Un dato complementario que nombra una inversión («EP Chimbote (CUI 2135162): …») va con la inversión.
CON_CUI = re.compile(r"\bCUI\s+(\d+)\)?\s*:\s*(.*)")


def desagregado(ao: pd.Series, tabla: pd.DataFrame) -> str:
    """Desagregación del ejecutado y datos complementarios (los que nombran un CUI van con su inversión).

    «De ese total» solo si las partes suman exactamente lo ejecutado; si no, se presentan como
    desagregación reportada, sin afirmar una identidad que los datos no cumplen.
    """
    d = desagregado_ao(tabla, ao["codigo_ao"])
    unidad = ao["unidad_medida"]
    oraciones = []
    partes = [(c, v) for c, v in d["partes"] if not CON_CUI.search(c)]
    if partes:
        clausulas = [_clausula(c, v, unidad, i == 0)[0] for i, (c, v) in enumerate(partes)]
        suma_total = not ceplan.es_faltante(ao["ejecutado"]) and d["suma"] == float(ao["ejecutado"])
        inicio = "De ese total, " if suma_total else "Según la desagregación reportada, "
        oraciones.append(inicio + enumerar(clausulas) + ".")
    complementarios = [(c, v) for c, v in d["complementarios"] if not CON_CUI.search(c)]
    nominales = [(c, v) for c, v in complementarios if _clausula(c, v, unidad, True)[1]]
    if nominales:
        verbo = "se registró" if len(nominales) == 1 and nominales[0][1] == 1 else "se registraron"
        oraciones.append(f"{'Además, ' if oraciones else 'En el semestre '}{verbo} "
                         f"{enumerar(_clausula(c, v, unidad, True)[0] for c, v in nominales)}.")
    for c, v in complementarios:
        clausula, nominal = _clausula(c, v, unidad, True)
        if not nominal:
            oraciones.append(f"Además, {clausula}.")
    return " ".join(oraciones)


def complementos_por_cui(tabla: pd.DataFrame) -> dict[str, list[str]]:
    """Datos complementarios que nombran un CUI, como oración de su inversión.

    «EP Chimbote (CUI 2135162): plazas para internos en el taller de manualidad», 111 →
    «Comprende además 111 plazas para internos en el taller de manualidad.»
    """
    salida: dict[str, list[str]] = {}
    for r in tabla[~tabla["suma_al_total"]].itertuples():
        m = CON_CUI.search(r.concepto)
        if m:
            salida.setdefault(m.group(1), []).append(f"Comprende además {n(r.valor)} {minuscula_inicial(m.group(2))}.")
    return salida


def resumen(aos: pd.DataFrame) -> str:
    """Lo que resume la figura de avance de las AO (tras «La Figura N resume el avance de»)."""
    r = resumen_avance_ao(aos)
    if r["con_avance"] == 0:
        return "las AO claves: ninguna tiene meta física programada ni avance reportado."
    limite, cien = formato.porcentaje(ceplan.UMBRAL_MEDIO, 0), formato.porcentaje(ceplan.AVANCE_MAXIMO, 0)
    con = cantidad_con_articulo(r["con_avance"], "AO clave con avance", "AO claves con avance")
    c, b = r["cumplen"], r["bajo_umbral"]
    entre = r["con_avance"] - c - b
    partes = [f"{cantidad(c)} {segun(c or 1, f'llegó al {cien} o lo superó', f'llegaron al {cien} o lo superaron')}",
              *([f"{cantidad(entre)} {segun(entre, 'quedó', 'quedaron')} entre el {limite} y el {cien}"]
                if entre else []),
              f"{cantidad(b)} {segun(b or 1, 'quedó', 'quedaron')} por debajo del {limite}"]
    texto = f"{con} (calculado o reportado por la fuente): {enumerar(partes)}."
    if r["sin_avance"]:
        sin = cantidad_con_articulo(r["sin_avance"], "AO sin meta ni avance", "AO sin meta ni avance")
        texto += f" {mayuscula_inicial(sin)} {segun(r['sin_avance'], 'se describe', 'se describen')} en el texto de su AEI."
    return texto


def titulo_figura(aos: pd.DataFrame, periodo: str) -> str:
    """Título de la figura de AO: cuántas de las que tienen avance (calculado o reportado) llegaron al 100%.

    No «a lo programado»: una AO sin meta física programada puede tener el avance que reporta la fuente.
    """
    r = resumen_avance_ao(aos)
    c, k = r["cumplen"], r["con_avance"]
    cien = formato.porcentaje(ceplan.AVANCE_MAXIMO, 0)
    if k == 0:
        return f"En el {periodo}, ninguna AO clave tiene avance"
    if k == 1:
        return f"En el {periodo}, la única AO clave con avance {'llegó' if c else 'no llegó'} al {cien}"
    if c == 0:
        return f"En el {periodo}, ninguna de las {n(k)} AO claves con avance llegó al {cien}"
    return f"En el {periodo}, {n(c)} de {n(k)} AO claves con avance {segun(c, 'llegó', 'llegaron')} al {cien}"


def intro_cuadro(codigo_aei: str, k: int, tabla: str, orden: int = 0) -> str:
    """La oración que presenta el cuadro de AO claves de una AEI (``tabla``: «@tbl-…»; Markdown sin datos)."""
    aoc = f"{cantidad(k)} {segun(k, 'Actividad Operativa Clave', 'Actividades Operativas Claves')}"
    que = f"{segun(k, 'contribuye', 'contribuyen')} directamente a su resultado"
    lista = "la única Actividad Operativa Clave" if k == 1 else f"las {aoc}"
    return variante(
        orden,
        f"Para implementar la {codigo_aei} se priorizó la ejecución de {aoc}, que {que} y se "
        f"{segun(k, 'lista', 'listan')} en el {tabla}",
        f"El {tabla} lista {lista} de la {codigo_aei}, que {que}",
        f"La {codigo_aei} se implementa mediante {aoc}, que {que}, {segun(k, 'listada', 'listadas')} en el {tabla}",
    )


#: Rótulo de cada estado de mantenimientos.csv; uno nuevo se muestra sin guiones.
ESTADOS_MANTENIMIENTO = {
    "culminado": "culminado",
    "en_ejecucion": "en ejecución",
    "con_contrato": "con contrato",
    "buena_pro": "buena pro",
    "proceso_convocatoria": "proceso de convocatoria",
}


def rotulo_estado(estado: str) -> str:
    return ESTADOS_MANTENIMIENTO.get(estado, estado.replace("_", " "))


def rotulo_figura(ao: pd.Series, avance: float) -> str:
    """Lo que se escribe junto a la barra de una AO: «7,571 de 7,360 (102.9%)» o «avance reportado: 75.0%»."""
    if ceplan.es_faltante(ao["avance"]):
        return f"avance reportado: {formato.avance_ao(avance)}"
    return f"{n(ao['ejecutado'])} de {n(ao['programado'])} ({formato.avance_ao(avance)})"


def mantenimientos(conteo: dict[str, int], rotulos: dict[str, str], periodo: str) -> str:
    """«En el …, se registran diecinueve (19) mantenimientos …: cuatro (04) en estado “culminado”, …»."""
    total = sum(conteo.values())
    if total == 0:
        return f"En el {periodo} no se registraron mantenimientos preventivos ni correctivos."
    partes = [f"{cantidad_pronominal(k)} en estado “{rotulos.get(e, rotulo_estado(e))}”" for e, k in conteo.items()]
    sustantivo = segun(total, "mantenimiento preventivo o correctivo", "mantenimientos preventivos y correctivos")
    return (f"En el {periodo} se {segun(total, 'registra', 'registran')} {formato.en_letras(total)} {sustantivo} "
            f"en los establecimientos penitenciarios: {enumerar(partes)}.")
