"""Proceso de implementación de las AEI (§3.2): AO, inversiones, mantenimientos y presupuesto.

Funciones puras: reciben tablas o filas ya cargadas (``Informe``) y devuelven cifras o
texto. El texto se genera desde los datos para que no pueda contradecirlos: un conteo
sale de las filas que cuenta y una lista, del mismo lugar que su número.

Convención de salida, dicha en cada función:
- *texto plano*: para una expresión en línea `` `{python} ...` ``, que lo escapa sola;
- *Markdown*: para ``md(...)`` en una celda de código; lo que viene de los datos ya va
  escapado y el marcado (negritas, listas, notas al pie) es del propio módulo.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd

from inpe.calculo import ceplan, resultados
from inpe.redaccion import formato, narrativa
from inpe.redaccion.escape import escapar_markdown as esc
# Piezas de redacción comunes, definidas una sola vez en narrativa: "a, b y c", "uno (01)" y
# la forma que concuerda con un número.
from inpe.redaccion.narrativa import cantidad_pronominal, enumerar, segun

# --- utilidades de redacción --------------------------------------------------------------


def minuscula_inicial(texto: str) -> str:
    """Primera letra en minúscula (un concepto del CSV que pasa a mitad de oración).

    Una sigla se deja como está: "EP Puno" no pasa a "eP Puno"; solo se baja la inicial
    cuando la letra siguiente ya es minúscula ("Participaron" → "participaron") o no es
    una letra ("A los…" → "a los…").
    """
    if not texto or (len(texto) > 1 and texto[1].isupper()):
        return texto
    return texto[:1].lower() + texto[1:]


def mayuscula_inicial(texto: str) -> str:
    """Primera letra en mayúscula (un fragmento que pasa a encabezar una oración)."""
    return texto[:1].upper() + texto[1:] if texto else texto


def _punto(texto: str) -> str:
    """Cierra la oración con punto si no lo tiene (los comentarios llegan con o sin él)."""
    texto = texto.strip()
    return texto if not texto or texto.endswith((".", ":", "!", "?")) else texto + "."


def parrafos(texto: str) -> list[str]:
    """Párrafos de un comentario (separados por línea en blanco), sin vacíos."""
    return [p.strip() for p in re.split(r"\n\s*\n", texto or "") if p.strip()]


def partir_comentario(texto: str) -> tuple[str, str]:
    """(primer párrafo, resto) de un comentario.

    El primer párrafo explica el resultado del indicador ("Esto debido a que…") y va
    pegado a la oración del avance; el resto (AO articuladas, contexto) va después del
    presupuesto, en el orden en que lo lee el informe de referencia.
    """
    partes = parrafos(texto)
    if not partes:
        return "", ""
    return partes[0], "\n\n".join(partes[1:])


def _pct1(x) -> str:
    """Porcentaje con un decimal: la precisión de la ejecución presupuestal y de las AO."""
    return formato.porcentaje(x, 1)


# --- presupuesto por AEI --------------------------------------------------------------------


def oracion_presupuesto(fila: pd.Series | None, periodo: str) -> str:
    """PIM, devengado y ejecución de una AEI, con un decimal como el pliego (texto plano).

    Sin fila en presupuesto.csv el informe dice que no se reportó presupuesto: un monto
    faltante no se rellena con cero, porque cero sería una cifra que nadie reportó.
    """
    if fila is None:
        return "Para esta AEI no se reportó Presupuesto Institucional Modificado (PIM) ni devengado en el periodo evaluado."
    pim, devengado = fila["pim"], fila["devengado"]
    ejecucion = ceplan.ejecucion_presupuestal(pim, devengado)
    inicio = f"Esta AEI cuenta con un Presupuesto Institucional Modificado (PIM) de {formato.soles(pim)}"
    if ceplan.es_faltante(devengado):
        return inicio + f"; al {periodo} no se reportó su devengado."
    if ejecucion is None:
        return inicio + f" y un devengado de {formato.soles(devengado)}; sin PIM no se calcula la ejecución presupuestal."
    return (inicio + f". Al {periodo}, se ha logrado ejecutar {formato.soles(devengado)}, lo que representa "
            f"una ejecución presupuestal del {_pct1(ejecucion)}.")


def presupuesto_por_aei(aei: pd.DataFrame, presupuesto: pd.DataFrame) -> pd.DataFrame:
    """Una fila por AEI del plan (en su orden) con PIM, devengado y ejecución; NaN si no se reportó.

    Parte de las AEI y no del presupuesto para que una AEI sin fila (AEI.03.01) siga
    apareciendo, como "sin presupuesto reportado", en el gráfico y en el texto.
    """
    p = presupuesto[presupuesto["ambito"] != "PLIEGO"][["ambito", "pim", "devengado"]]
    t = aei[["codigo_aei", "denominacion"]].merge(p, left_on="codigo_aei", right_on="ambito", how="left")
    t["ejecucion"] = [ceplan.ejecucion_presupuestal(a, b) for a, b in zip(t["pim"], t["devengado"])]
    t["ejecucion"] = t["ejecucion"].astype("float64")
    return t.drop(columns="ambito").reset_index(drop=True)


def rango_ejecucion(tabla: pd.DataFrame) -> tuple[pd.Series, pd.Series] | None:
    """(AEI de menor ejecución, AEI de mayor ejecución) de ``presupuesto_por_aei``; None sin datos."""
    con = tabla.dropna(subset=["ejecucion"])
    if con.empty:
        return None
    return con.loc[con["ejecucion"].idxmin()], con.loc[con["ejecucion"].idxmax()]


def oracion_rango_ejecucion(tabla: pd.DataFrame) -> str:
    """"la ejecución por AEI va de 35.2% (AEI.01.03) a 53.0% (AEI.01.06)" y las que no reportan (texto plano)."""
    rango = rango_ejecucion(tabla)
    if rango is None:
        return "ninguna AEI reportó presupuesto"
    menor, mayor = rango
    texto = (f"la ejecución por AEI va de {_pct1(menor['ejecucion'])} ({menor['codigo_aei']}) "
             f"a {_pct1(mayor['ejecucion'])} ({mayor['codigo_aei']})")
    sin = tabla[tabla["ejecucion"].isna()]["codigo_aei"].tolist()
    if sin:
        texto += f"; {enumerar(sin)} no {'reporta' if len(sin) == 1 else 'reportan'} presupuesto"
    return texto


def titulo_presupuesto(tabla: pd.DataFrame, pliego: pd.Series | None, periodo: str) -> str:
    """Título de la figura de presupuesto: el hallazgo (ejecución del pliego y rango por AEI)."""
    partes = []
    if pliego is not None and (e := ceplan.ejecucion_presupuestal(pliego["pim"], pliego["devengado"])) is not None:
        partes.append(f"Al {periodo}, el pliego ejecutó el {_pct1(e)} de su PIM")
    else:
        partes.append(f"Ejecución presupuestal al {periodo}")
    rango = rango_ejecucion(tabla)
    if rango is not None:
        menor, mayor = rango
        partes.append(f"por AEI, de {_pct1(menor['ejecucion'])} ({menor['codigo_aei']}) "
                      f"a {_pct1(mayor['ejecucion'])} ({mayor['codigo_aei']})")
    return "; ".join(partes)


# --- avance de la AEI -----------------------------------------------------------------------


def _detalle_indicador(ind: pd.Series, anio: int) -> str:
    """Resultado de un indicador frente a su meta, según el estado que calculó ``ceplan`` (sin paréntesis,
    para poder ir dentro de una enumeración)."""
    estado = ind["estado"]
    if estado == ceplan.EstadoMeta.SIN_VALOR:
        return (f"no se reportó valor obtenido frente a un logro esperado para {anio} de "
                f"{narrativa.valor(ind, 'logro_esperado')}")
    obtenido = narrativa.valor(ind, "valor_obtenido")
    if estado == ceplan.EstadoMeta.SIN_META:
        return f"no tiene logro esperado para {anio}; su valor obtenido es {obtenido}"
    esperado = narrativa.valor(ind, "logro_esperado")
    descendente = ind["sentido"] == ceplan.Sentido.DESCENDENTE
    if estado == ceplan.EstadoMeta.CUMPLE:
        if obtenido == esperado:
            return f"su valor obtenido de {obtenido} iguala el logro esperado para {anio}"
        if descendente:
            return (f"su valor obtenido de {obtenido} se mantiene por debajo del logro esperado para {anio} "
                    f"de {esperado}, como corresponde a su sentido descendente")
        return f"su valor obtenido de {obtenido} supera el logro esperado para {anio} de {esperado}"
    if descendente:
        return (f"su valor obtenido de {obtenido} supera el logro esperado para {anio} de {esperado}, "
                "cuando se espera que disminuya")
    return f"su valor obtenido de {obtenido} es inferior al logro esperado para {anio} de {esperado}"


def oracion_avance_aei(aei: pd.Series, indicadores: pd.DataFrame, periodo: str, anio: int) -> str:
    """Avance de la AEI (Cuadro 3) y el resultado de cada indicador que lo explica (texto plano).

    Se repite aquí lo que dice §3.1 porque §3.2 lo usa como punto de partida del análisis
    de las AO; al salir de las mismas tablas, las dos secciones no pueden discrepar.
    """
    inicio = (f"Al {periodo}, la AEI registra un nivel de avance de {formato.porcentaje(aei['avance'])} "
              f"(nivel {str(aei['semaforo']).lower()})")
    filas = [f for _, f in indicadores.iterrows()]
    if not filas:
        return inicio + "."
    if len(filas) == 1:
        ind = filas[0]
        tope = (", el máximo que reconoce la metodología de CEPLAN"
                if ind["avance"] >= ceplan.AVANCE_MAXIMO and ind["estado"] == ceplan.EstadoMeta.CUMPLE else "")
        return f"{inicio}{tope}: en su indicador «{ind['denominacion']}», {_detalle_indicador(ind, anio)}."
    detalles = [f"en «{f['denominacion']}», con un avance de {formato.porcentaje(f['avance'])}, "
                f"{_detalle_indicador(f, anio)}" for f in filas]
    return (f"{inicio}, promedio simple del avance de sus {formato.en_letras(len(filas))} indicadores: "
            + "; ".join(detalles[:-1]) + "; y " + detalles[-1] + ".")


def parrafos_aei(aei: pd.Series, indicadores: pd.DataFrame, presupuesto: pd.Series | None, comentario: str,
                 periodo: str, anio: int, complemento: str = "") -> str:
    """Análisis de una AEI en §3.2: avance, su explicación, presupuesto y contexto (Markdown).

    ``complemento`` (texto plano) es una oración de datos propia de la AEI (p. ej. los
    establecimientos pendientes de interconexión); el primer párrafo del comentario va
    pegado al avance que explica y el resto tras el presupuesto.
    """
    primero, resto = partir_comentario(comentario)
    p1 = " ".join(x for x in (esc(oracion_avance_aei(aei, indicadores, periodo, anio)), esc(complemento), primero) if x)
    bloques = [p1, esc(oracion_presupuesto(presupuesto, periodo)), resto]
    return "\n\n".join(b for b in bloques if b)


# --- actividades operativas -----------------------------------------------------------------


def texto_avance_ao(avance: float | None) -> str:
    """Nivel de avance de una AO en palabras, con un decimal (texto plano).

    Sin tope, a diferencia de los indicadores: una AO puede ejecutar más de lo programado
    y se dice "superior a lo programado". Sin programación no hay cociente y se dice.
    """
    if avance is None or ceplan.es_faltante(avance):
        return "sin programación registrada"
    if avance > ceplan.AVANCE_MAXIMO:
        return f"superior a lo programado ({_pct1(avance)})"
    if avance == ceplan.AVANCE_MAXIMO:
        return f"del {formato.porcentaje(avance, 0)}, igual a lo programado"
    return f"del {_pct1(avance)}"


def oracion_resultado_ao(ao: pd.Series, periodo: str) -> str:
    """Meta física programada frente a la ejecutada, con su unidad y su avance (texto plano)."""
    prog, ejec = ao["programado"], ao["ejecutado"]
    unidad = ao["unidad_medida"]
    if ceplan.es_faltante(prog) and ceplan.es_faltante(ejec):
        return ""
    if ceplan.es_faltante(prog) or prog == 0:
        if ceplan.es_faltante(ejec):
            return f"Al {periodo}, la AO no registró meta física programada para el semestre ni se reportó su ejecución."
        return (f"Al {periodo}, la meta física ejecutada fue de {formato.numero(ejec)} {unidad}, "
                f"{texto_avance_ao(None)} para el semestre, por lo que no se calcula su nivel de avance.")
    if ceplan.es_faltante(ejec):
        return (f"Al {periodo}, la meta física programada fue de {formato.numero(prog)} {unidad}; "
                "no se reportó su ejecución.")
    avance = ceplan.avance_ao(prog, ejec)
    return (f"Al {periodo}, la meta física programada fue de {formato.numero(prog)} {unidad} y la ejecutada, "
            f"de {formato.numero(ejec)} {unidad}: un nivel de avance {texto_avance_ao(avance)}.")


def establecimientos_ao(ao: pd.Series) -> tuple[int | None, list[str]]:
    """(número, lista) de establecimientos donde se implementa la AO.

    Si el informe nombra los establecimientos, el número es el largo de la lista: así el
    texto nunca dice "15 establecimientos" y enumera 14 (FOCOS en la referencia). Solo sin
    lista se usa la cifra declarada en actividades_operativas.csv.
    """
    lista = list(ao.get("lista_establecimientos", []) or [])
    if lista:
        return len(lista), lista
    n = ao.get("establecimientos")
    return (None if ceplan.es_faltante(n) else int(n)), []


def oracion_establecimientos(ao: pd.Series, singular: str, plural: str) -> str:
    """"Se encuentra implementada en 14 establecimientos de medio libre: A, B y C." (texto plano)."""
    n, lista = establecimientos_ao(ao)
    if n is None:
        return ""
    if n == 1 and lista:
        return f"Se encuentra implementada en el {singular} de {lista[0]}."
    texto = f"Se encuentra implementada en {formato.numero(n)} {singular if n == 1 else plural}"
    return texto + (f": {enumerar(lista)}." if lista else ".")


def desagregado_ao(desagregado: pd.DataFrame, codigo_ao: str) -> dict:
    """Partes que suman al ejecutado de la AO, datos complementarios y la suma de las partes."""
    t = desagregado[desagregado["codigo_ao"] == codigo_ao]
    partes = [(r.concepto, float(r.valor)) for r in t[t["suma_al_total"]].itertuples()]
    complementarios = [(r.concepto, float(r.valor)) for r in t[~t["suma_al_total"]].itertuples()]
    return {"partes": partes, "complementarios": complementarios,
            "suma": sum(v for _, v in partes) if partes else None}


_PREDICADO = re.compile(r"^\w+(?:aron|ieron|ó|ió)\b")


def _clausula(concepto: str, valor: float, unidad: str, con_unidad: bool) -> tuple[str, bool]:
    """(cláusula, es_frase_nominal) de una fila del desagregado.

    Un concepto que empieza por un verbo en pretérito ("Participaron en talleres
    productivos") es un predicado: lleva delante la cantidad y, la primera vez, la unidad
    de la AO como sujeto. Cualquier otro ("Personas privadas de libertad trasladadas") es
    una frase nominal completa y se cuenta tal cual.
    """
    c = minuscula_inicial(concepto.strip())
    if not _PREDICADO.match(c):
        return f"{formato.numero(valor)} {c}", True
    return (f"{formato.numero(valor)} {unidad} {c}" if con_unidad else f"{formato.numero(valor)} {c}"), False


def oracion_desagregado(ao: pd.Series, desagregado: pd.DataFrame) -> str:
    """Desagregación del ejecutado (p. ej. AO.01.01.09 por modalidad) y datos complementarios (texto plano).

    "De ese total" solo si las partes suman exactamente el ejecutado; si no, se presentan
    como desagregación reportada, sin afirmar una identidad que los datos no cumplen.
    """
    d = desagregado_ao(desagregado, ao["codigo_ao"])
    unidad = ao["unidad_medida"]
    oraciones = []
    if d["partes"]:
        clausulas = [_clausula(c, v, unidad, i == 0)[0] for i, (c, v) in enumerate(d["partes"])]
        suma_total = not ceplan.es_faltante(ao["ejecutado"]) and d["suma"] == float(ao["ejecutado"])
        inicio = "De ese total, " if suma_total else "Según la desagregación reportada, "
        oraciones.append(inicio + enumerar(clausulas) + ".")
    for concepto, valor in d["complementarios"]:
        clausula, nominal = _clausula(concepto, valor, unidad, True)
        verbo = "se registró" if valor == 1 else "se registraron"
        oraciones.append(f"Además, {verbo} {clausula}." if nominal else f"Además, {clausula}.")
    return " ".join(oraciones)


def nota_fuente(norma: str, corte) -> str:
    """Texto de la nota al pie de una cifra con fuente propia: "Fuente: PADIN … – junio de 2024" (texto plano)."""
    return f"Fuente: {norma} – {narrativa.mes(corte)}."


def parrafos_ao(aos: pd.DataFrame, desagregado: pd.DataFrame, comentarios: Mapping[str, str], periodo: str,
                establecimiento: tuple[str, str] = ("establecimiento penitenciario", "establecimientos penitenciarios"),
                notas: Mapping[str, str] | None = None) -> str:
    """Un bloque por AO clave: qué es, dónde se implementa, programado frente a ejecutado,
    desagregación y el comentario del metodólogo (Markdown).

    ``establecimiento`` es (singular, plural) del tipo de establecimiento de la AEI;
    ``notas`` asocia a una AO una nota al pie de fuente (texto plano) que se pone tras su cifra.
    """
    notas = notas or {}
    bloques = []
    for _, ao in aos.iterrows():
        descripcion = str(ao["descripcion"]).strip() if not ceplan.es_faltante(ao["descripcion"]) else ""
        cabeza = (f"**AO. {esc(ao['denominacion'])}**, {esc(descripcion)}" if descripcion
                  else f"**AO. {esc(ao['denominacion'])}.**")
        donde = oracion_establecimientos(ao, *establecimiento)
        bloques.append(" ".join(x for x in (cabeza, esc(donde)) if x))
        resultado = esc(oracion_resultado_ao(ao, periodo))
        if resultado and ao["codigo_ao"] in notas:
            resultado += f"^[{esc(notas[ao['codigo_ao']])}]"
        detalle = " ".join(x for x in (resultado, esc(oracion_desagregado(ao, desagregado)),
                                         (comentarios.get(ao["codigo_ao"]) or "").strip()) if x)
        if detalle:
            bloques.append(detalle)
    return "\n\n".join(bloques)


def resumen_avance_ao(aos: pd.DataFrame, umbral: float = ceplan.UMBRAL_MEDIO) -> dict[str, int]:
    """Cuántas AO hay, cuántas tienen meta programada, cuántas la alcanzan o superan y cuántas quedan bajo el umbral."""
    avances = [a for a in aos["avance"] if not ceplan.es_faltante(a)]
    return {
        "total": len(aos),
        "con_meta": len(avances),
        "sin_meta": len(aos) - len(avances),
        "cumplen": sum(a >= ceplan.AVANCE_MAXIMO for a in avances),
        "bajo_umbral": sum(a < umbral for a in avances),
    }


def titulo_avance_ao(aos: pd.DataFrame, periodo: str) -> str:
    """Título de la figura de AO: cuántas con meta alcanzaron lo programado."""
    r = resumen_avance_ao(aos)
    return (f"Al {periodo}, {formato.numero(r['cumplen'])} de {formato.numero(r['con_meta'])} AO claves con meta "
            f"física programada {segun(r['cumplen'], 'alcanzó o superó', 'alcanzaron o superaron')} lo programado")


def oracion_resumen_ao(aos: pd.DataFrame, umbral: float = ceplan.UMBRAL_MEDIO) -> str:
    """Lo que resume la figura de avance de las AO, tras "resume el avance de " (texto plano).

    "las seis (06) AO claves con meta física programada: tres (03) alcanzaron o superaron lo
    programado y ninguna quedó por debajo del 75%. Las dos (02) AO sin meta física …". Un
    conteo en cero se dice con "ninguna" y la oración de las AO sin meta se omite si no las hay.
    """
    r = resumen_avance_ao(aos, umbral)
    con_meta = narrativa.cantidad_con_articulo(r["con_meta"], "AO clave con meta física programada",
                                               "AO claves con meta física programada")
    if r["con_meta"] == 0:
        texto = "las AO claves: ninguna tiene meta física programada."
    else:
        limite = formato.porcentaje(umbral, 0)
        partes = [f"{narrativa.cantidad(r['cumplen'])} "
                  f"{segun(r['cumplen'] or 1, 'alcanzó o superó', 'alcanzaron o superaron')} lo programado",
                  f"{narrativa.cantidad(r['bajo_umbral'])} "
                  f"{segun(r['bajo_umbral'] or 1, 'quedó', 'quedaron')} por debajo del {limite}"]
        texto = f"{con_meta}: {enumerar(partes)}."
    if r["sin_meta"] and r["con_meta"]:
        sin = narrativa.cantidad_con_articulo(r["sin_meta"], "AO sin meta física programada",
                                              "AO sin meta física programada")
        texto += (f" {mayuscula_inicial(sin)} {segun(r['sin_meta'], 'se describe', 'se describen')} "
                  "en el texto de su AEI.")
    return texto


def ao_claves(aos: pd.DataFrame) -> str:
    """"seis (06) Actividades Operativas Claves, que contribuyen directamente a su resultado y se detallan" (texto plano).

    Va tras "se ha priorizado la ejecución de" y antes de la referencia al cuadro.
    """
    n = len(aos)
    return (f"{narrativa.cantidad(n)} {segun(n, 'Actividad Operativa Clave', 'Actividades Operativas Claves')}, "
            f"que {segun(n, 'contribuye', 'contribuyen')} directamente a su resultado y "
            f"se {segun(n, 'detalla', 'detallan')}")


# --- inversiones (AO de ejecución de obra y de expedientes técnicos) -----------------------

#: Estados de obras.csv que informa la AO "Ejecución de la obra" (el resto, la de expedientes).
ESTADOS_EJECUCION_OBRA = ("culminada", "en_ejecucion", "contrato_firmado")
ESTADOS_EXPEDIENTE = ("expediente_en_elaboracion", "expediente_aprobado")

_HITOS = {
    "culminacion_aprobacion_expediente": "la culminación y aprobación del expediente técnico",
    "convocatoria": "el proceso de convocatoria",
    "inicio_obra": "el inicio de la ejecución de la obra",
    "culminacion_obra": "la culminación de la obra",
}


def unidades_albergue_culminadas(obras: pd.DataFrame) -> int:
    """Unidades de albergue de las obras culminadas en el semestre (el valor del IND.01.AEI.01.03)."""
    return int(resultados.obras_culminadas(obras)["unidades_albergue"].sum())


def notas_por_cui(texto: str) -> tuple[dict[str, str], list[str]]:
    """Comentario en viñetas "- CUI 2159429 (EP Puno): texto" → ({cui: texto}, líneas sin CUI).

    Así el matiz cualitativo que escribe el metodólogo se une a la inversión de la que
    habla, y lo que no nombra un CUI no se pierde: se devuelve aparte.
    """
    notas: dict[str, str] = {}
    otras: list[str] = []
    for linea in (texto or "").splitlines():
        linea = linea.strip()
        if not linea:
            continue
        cuerpo = linea[2:].strip() if linea.startswith(("- ", "* ")) else linea
        cabeza, dos_puntos, resto = cuerpo.partition(":")
        cuis = re.findall(r"\bCUI\s+(\d+)", cabeza) if dos_puntos else []
        if cuis and resto.strip():
            for cui in cuis:
                notas[cui] = _punto(mayuscula_inicial(resto.strip()))
        else:
            otras.append(cuerpo)
    return notas, otras


def _fecha_hito(valor: str) -> tuple[str, str]:
    """(precisión, texto) de una fecha de hito: día, mes o año."""
    valor = str(valor).strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", valor):
        return "dia", narrativa.fecha(valor)
    if re.fullmatch(r"\d{4}-\d{2}", valor):
        return "mes", narrativa.mes(valor)
    if re.fullmatch(r"\d{4}", valor):
        return "anio", valor
    raise ValueError(f"Fecha de hito no reconocida: {valor!r}; debe ser AAAA-MM-DD, AAAA-MM o AAAA.")


def cuando_hito(desde: str, hasta: str) -> str:
    """"para el 30 de agosto de 2024", "para noviembre de 2024", "entre setiembre y octubre de 2024"."""
    p1, t1 = _fecha_hito(desde)
    if ceplan.es_faltante(hasta) or str(hasta).strip() in ("", str(desde).strip()):
        return f"para el {t1}" if p1 == "dia" else f"para {t1}"
    p2, t2 = _fecha_hito(hasta)
    if p1 == p2 == "mes" and str(desde)[:4] == str(hasta)[:4]:
        t1 = t1.rsplit(" de ", 1)[0]  # "setiembre de 2024" → "setiembre" si el año se repite
    return f"entre {'el ' if p1 == 'dia' else ''}{t1} y {'el ' if p2 == 'dia' else ''}{t2}"


def oracion_hitos(hitos: pd.DataFrame) -> str:
    """Hitos previstos de una inversión, en el orden del CSV (texto plano; "" sin hitos).

    La columna ``nota`` de obras_hitos.csv documenta la procedencia del dato para el
    analista (p. ej. un año inferido) y no se publica.
    """
    partes = [f"{_HITOS.get(h.hito, h.hito.replace('_', ' '))} {cuando_hito(h.desde, h.hasta)}"
              for h in hitos.itertuples()]
    return f"Se prevé {enumerar(partes)}." if partes else ""


def _inversion(obra, hitos: pd.DataFrame, notas: Mapping[str, str], complementos: Mapping[str, list[str]]) -> str:
    """Viñeta de una inversión: nombre, CUI, sus cifras según su estado, hitos y nota (Markdown)."""
    partes = [f"“{esc(obra.nombre)}” (CUI {esc(obra.cui)})"]
    datos = []
    if obra.estado == "culminada" and not ceplan.es_faltante(obra.mes_culminacion):
        datos.append(f"culminada en {narrativa.mes(obra.mes_culminacion)}")
    if not ceplan.es_faltante(obra.avance_fisico):
        datos.append(f"avance físico de {_pct1(obra.avance_fisico)}")
    if not ceplan.es_faltante(obra.unidades_albergue) and obra.unidades_albergue:
        verbo = "con" if obra.estado == "culminada" else "que incrementará"
        datos.append(f"{verbo} {formato.numero(obra.unidades_albergue)} "
                     f"{segun(obra.unidades_albergue, 'unidad de albergue', 'unidades de albergue')}")
    texto = partes[0] + (", " + esc(", ".join(datos)) if datos else "") + "."
    extra = [esc(notas.get(obra.cui, "")), esc(oracion_hitos(hitos[hitos["cui"] == obra.cui]))]
    extra += [esc(_punto(c)) for c in complementos.get(obra.cui, [])]
    return "- " + " ".join(x for x in [texto, *extra] if x)


def _complementos_por_cui(desagregado: pd.DataFrame | None) -> dict[str, list[str]]:
    """Datos complementarios del desagregado que nombran un CUI ("EP Chimbote (CUI …): aforo …, 111")."""
    salida: dict[str, list[str]] = {}
    if desagregado is None:
        return salida
    for r in desagregado[~desagregado["suma_al_total"]].itertuples():
        m = re.search(r"\bCUI\s+(\d+)\)?\s*:?\s*(.*)", r.concepto)
        if m:
            salida.setdefault(m.group(1), []).append(
                f"{mayuscula_inicial(m.group(2).strip())}: {formato.numero(r.valor)}")
    return salida


def _unidades_construidas(ua: int) -> str:
    """", con un total de 432 unidades de albergue construidas" ("" sin unidades: obras que no agregan albergue)."""
    if not ua:
        return ""
    return (f", con un total de {formato.numero(ua)} "
            f"{segun(ua, 'unidad de albergue construida', 'unidades de albergue construidas')}")


#: Frase que encabeza cada grupo de inversiones (sin el "Al <periodo>," que lleva solo el primero).
_GRUPOS_INVERSION = {
    "culminada": lambda n, ua: (
        f"{segun(n, 'culminó', 'culminaron')} {formato.en_letras(n, 'f')} {segun(n, 'obra', 'obras')}"
        f"{_unidades_construidas(ua)}:"),
    "en_ejecucion": lambda n, ua: (
        f"se {segun(n, 'encuentra', 'encuentran')} en ejecución {formato.en_letras(n, 'f')} "
        f"{segun(n, 'obra', 'obras')}:"),
    "contrato_firmado": lambda n, ua: (
        f"se {segun(n, 'firmó el contrato', 'firmaron los contratos')} de {formato.en_letras(n, 'f')} "
        f"{segun(n, 'inversión', 'inversiones')}:"),
    "expediente_en_elaboracion": lambda n, ua: (
        f"se {segun(n, 'viene elaborando el expediente técnico', 'vienen elaborando los expedientes técnicos')} "
        f"de {formato.en_letras(n, 'f')} "
        f"{segun(n, 'inversión', 'inversiones')}:"),
    "expediente_aprobado": lambda n, ua: (
        f"se {segun(n, 'aprobó el expediente técnico', 'aprobaron los expedientes técnicos')} de "
        f"{formato.en_letras(n, 'f')} {segun(n, 'inversión', 'inversiones')}:"),
}


def texto_inversiones(obras: pd.DataFrame, hitos: pd.DataFrame, comentario: str, periodo: str,
                      estados: Sequence[str], desagregado: pd.DataFrame | None = None) -> str:
    """Inversiones en los ``estados`` dados, agrupadas por estado, cada una con sus cifras (Markdown).

    Las culminadas suman sus unidades de albergue (224 + 208 = 432 en la referencia); las
    en ejecución dan su avance físico; las de expediente, sus hitos previstos. El
    comentario en viñetas por CUI (``notas_por_cui``) se une a cada inversión y sus líneas
    sin CUI van al final.
    """
    notas, otras = notas_por_cui(comentario)
    complementos = _complementos_por_cui(desagregado)
    bloques = []
    for estado in estados:
        grupo = obras[obras["estado"] == estado]
        if grupo.empty:
            continue
        tipos = set(grupo["tipo_inversion"])
        ua = unidades_albergue_culminadas(grupo) if estado == "culminada" else 0
        frase = _GRUPOS_INVERSION[estado](len(grupo), ua)
        if tipos == {"equipamiento"}:
            frase = re.sub(r"(inversi(?:ón|ones)):$", r"\1 en equipamiento:", frase)
        cabeza = f"Al {periodo}, {frase}" if not bloques else mayuscula_inicial(frase)
        lineas = [_inversion(o, hitos, notas, complementos) for o in grupo.itertuples()]
        bloques.append(esc(cabeza) + "\n\n" + "\n".join(lineas))
    if otras:
        bloques.append(" ".join(esc(o) for o in otras))
    return "\n\n".join(bloques)


def parrafo_inversiones(ao: pd.Series, obras: pd.DataFrame, hitos: pd.DataFrame, comentario: str, periodo: str,
                        estados: Sequence[str], desagregado: pd.DataFrame | None = None) -> str:
    """Bloque de una AO de inversiones: su nombre en negrita y las inversiones de sus estados (Markdown)."""
    cuerpo = texto_inversiones(obras, hitos, comentario, periodo, estados, desagregado)
    if not cuerpo:
        cuerpo = esc(f"Al {periodo} no se registraron inversiones en esta actividad.")
    return f"**AO. {esc(ao['denominacion'])}.** " + cuerpo


# --- mantenimientos --------------------------------------------------------------------------

#: Estados de mantenimientos.csv en el orden del proceso (de terminado a por convocar) y su rótulo.
ESTADOS_MANTENIMIENTO = {
    "culminado": "culminado",
    "en_ejecucion": "en ejecución",
    "con_contrato": "con contrato",
    "buena_pro": "buena pro",
    "proceso_convocatoria": "proceso de convocatoria",
}


def rotulo_estado_mantenimiento(estado: str) -> str:
    """Rótulo legible de un estado ("en_ejecucion" → "en ejecución"); uno nuevo se muestra sin guiones."""
    return ESTADOS_MANTENIMIENTO.get(estado, estado.replace("_", " "))


def _orden_estados(estados) -> list[str]:
    conocidos = [e for e in ESTADOS_MANTENIMIENTO if e in set(estados)]
    return conocidos + sorted(set(estados) - set(conocidos))


def conteo_mantenimientos(mantenimientos: pd.DataFrame) -> dict[str, int]:
    """Mantenimientos por estado, contados de las filas (no de una cifra aparte), en orden del proceso."""
    conteo = mantenimientos["estado"].value_counts()
    return {e: int(conteo[e]) for e in _orden_estados(conteo.index)}


def establecimientos_por_estado(mantenimientos: pd.DataFrame) -> dict[str, list[str]]:
    """Establecimientos con mantenimiento en cada estado, en el orden del CSV."""
    return {e: mantenimientos[mantenimientos["estado"] == e]["establecimiento"].tolist()
            for e in _orden_estados(mantenimientos["estado"])}


def oracion_mantenimientos(mantenimientos: pd.DataFrame, periodo: str) -> str:
    """"Al …, se registran diecinueve (19) mantenimientos…: cuatro (04) en estado “culminado”, …" (texto plano)."""
    conteo = conteo_mantenimientos(mantenimientos)
    total = sum(conteo.values())
    if total == 0:
        return f"Al {periodo} no se registraron mantenimientos preventivos ni correctivos."
    partes = [f"{cantidad_pronominal(n)} en estado “{rotulo_estado_mantenimiento(e)}”" for e, n in conteo.items()]
    sustantivo = segun(total, "mantenimiento preventivo o correctivo", "mantenimientos preventivos y correctivos")
    return (f"Al {periodo}, se {segun(total, 'registra', 'registran')} {formato.en_letras(total)} {sustantivo} "
            f"en los establecimientos penitenciarios: {enumerar(partes)}.")


# --- recomendaciones y compromisos -------------------------------------------------------------


def aei_bajo_umbral(aei: pd.DataFrame) -> pd.DataFrame:
    """AEI en nivel bajo del semáforo de CEPLAN (menos de 75%), en el orden del plan."""
    return resultados.aei_por_nivel(aei)[str(ceplan.Nivel.BAJO)]


def oracion_aei_criticas(no_priorizadas: pd.DataFrame) -> str:
    """Apertura del análisis de las AEI no priorizadas: cuáles son, a qué OEI corresponden y cuántas
    registran nivel bajo (texto plano). Un conteo en cero se dice con "ninguna"; una sola AEI, en singular.
    """
    n = len(no_priorizadas)
    if n == 0:
        return "Todas las AEI fueron priorizadas en esta evaluación; no hay AEI no priorizadas que analizar."
    codigos = enumerar(list(no_priorizadas["codigo_aei"]))
    oei = enumerar(sorted(set(no_priorizadas["codigo_oei"])))
    bajo = len(aei_bajo_umbral(no_priorizadas))
    if n == 1:
        situacion = "registra" if bajo else "no registra"
        return (f"Se analiza a continuación la AEI no priorizada ({codigos}), correspondiente a {oei}, con su avance, "
                f"su presupuesto y las actividades operativas que se articulan a ella; {situacion} un nivel de "
                "avance bajo.")
    return (f"Se analizan a continuación las {formato.en_letras(n, 'f')} AEI no priorizadas ({codigos}), "
            f"correspondientes a {oei}, con su avance, su presupuesto y las actividades operativas que se articulan "
            f"a ellas; {narrativa.cantidad(bajo)} de ellas {segun(bajo or 1, 'registra', 'registran')} un nivel de "
            "avance bajo.")


def oracion_aei_bajo(aei: pd.DataFrame, periodo: str) -> str:
    """"Al …, siete (07) de las once (11) AEI registran un nivel de avance bajo (menos de 75%)…" (texto plano).

    Termina en dos puntos cuando sigue la lista de ``lista_aei``; sin AEI en nivel bajo lo dice.
    """
    bajo = aei_bajo_umbral(aei)
    limite = formato.porcentaje(ceplan.UMBRAL_MEDIO, 0)
    if bajo.empty:
        return f"Al {periodo}, ninguna AEI registra un nivel de avance bajo (menos de {limite} de su logro esperado)."
    cuantas = ("la única AEI" if len(aei) == 1
               else f"{formato.en_letras(len(bajo), 'f')} de las {formato.en_letras(len(aei), 'f')} AEI")
    return (f"Al {periodo}, {cuantas} {segun(len(bajo), 'registra', 'registran')} un nivel de avance bajo "
            f"(menos de {limite} de su logro esperado):")


def lista_aei(aei: pd.DataFrame) -> str:
    """Viñetas "AEI.01.03 Infraestructura … (avance: 2.45%)" (Markdown)."""
    return "\n".join(f"- {esc(a.codigo_aei)} {esc(a.denominacion)} (avance: {esc(formato.porcentaje(a.avance))})"
                     for a in aei.itertuples())


def aei_mencionadas(texto: str, codigos: Sequence[str]) -> list[str]:
    """Códigos de AEI que nombra un texto, en el orden en que aparecen."""
    posiciones = {c: m.start() for c in codigos if (m := re.search(rf"\b{re.escape(c)}\b", texto))}
    return sorted(posiciones, key=posiciones.get)


def lista_recomendaciones(comentario: str, aei: pd.DataFrame, periodo: str) -> str:
    """Recomendaciones numeradas; la que nombra una AEI lleva su avance del periodo (Markdown).

    El vínculo se hace desde los datos: si la AEI mejora o empeora, la nota cambia sola y
    la recomendación se lee junto al resultado que la motiva.
    """
    por_codigo = {a.codigo_aei: a for a in aei.itertuples()}
    items = []
    for i, p in enumerate(parrafos(comentario), start=1):
        codigos = aei_mencionadas(p, list(por_codigo))
        avances = [f"{formato.porcentaje(por_codigo[c].avance)}, nivel {str(por_codigo[c].semaforo).lower()}"
                   for c in codigos]
        if len(codigos) == 1:
            nota = f"Avance de la {codigos[0]} al {periodo}: {avances[0]}."
        else:
            nota = f"Avance al {periodo}: " + "; ".join(f"{c}: {a}" for c, a in zip(codigos, avances)) + "."
        nota = f" *({esc(nota)})*" if codigos else ""
        items.append(f"{i}. {p}{nota}")
    return "\n".join(items)


def resumen_compromisos(compromisos: pd.DataFrame) -> dict:
    """Aspectos de mejora, acciones clave, acciones por estado y plazo más lejano de la Matriz de compromisos."""
    estados = compromisos["estado"].value_counts()
    plazos = pd.to_datetime(compromisos["plazo"], errors="coerce").dropna()
    return {
        "aspectos": int(compromisos["numero"].nunique()),
        "acciones": len(compromisos),
        "por_estado": {str(e): int(n) for e, n in estados.items()},
        "plazo_maximo": plazos.max() if not plazos.empty else None,
    }


def oracion_compromisos(compromisos: pd.DataFrame) -> str:
    """"La matriz registra tres (03) aspectos de mejora con cinco (05) acciones clave; …" (texto plano)."""
    r = resumen_compromisos(compromisos)
    if r["acciones"] == 0:
        return "La matriz no registra compromisos para el periodo."
    if len(r["por_estado"]) == 1:
        estado = next(iter(r["por_estado"]))
        estados = (f"{segun(r['acciones'], 'esta se encuentra', 'todas se encuentran')} "
                   f"en estado “{estado}”")
    else:
        estados = "por estado de cumplimiento, " + enumerar(
            [f"{cantidad_pronominal(n, 'f')} en estado “{e}”" for e, n in r["por_estado"].items()])
    texto = (f"La matriz registra {formato.en_letras(r['aspectos'])} "
             f"{segun(r['aspectos'], 'aspecto', 'aspectos')} de mejora con {formato.en_letras(r['acciones'], 'f')} "
             f"{segun(r['acciones'], 'acción clave', 'acciones clave')}; {estados}")
    if r["plazo_maximo"] is not None:
        texto += f", con plazos hasta el {narrativa.fecha(r['plazo_maximo'])}"
    return texto + "."
