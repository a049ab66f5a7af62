"""Oraciones generadas desde los resultados: la redacción sigue a la regla, no al revés.

Cada función recibe valores ya calculados (``inpe.calculo.resultados``) y devuelve una oración; así
una conclusión no puede contradecir al Cuadro 3, y un cambio de datos cambia el texto.

Dos clases de salida, dichas en cada docstring:

- **texto plano**: solo cifras y palabras fijas (o nombres sin escapar); va en una expresión
  en línea `` `{python} ...` ``, que lo escapa al insertarlo.
- **Markdown**: trae nombres de los datos ya escapados (``esc``); va en una celda con
  ``md(...)``. En una expresión en línea se escaparía dos veces.
"""

from __future__ import annotations

import re

import pandas as pd
from babel.dates import format_date

from inpe.calculo import ceplan
from inpe.redaccion import formato
from inpe.redaccion.escape import escapar_markdown as esc

Estado = ceplan.EstadoMeta


# --- piezas ----------------------------------------------------------------------------------

def valor(fila: pd.Series, columna: str) -> str:
    """Logro esperado o valor obtenido con la unidad y decimales que fija el plan."""
    return formato.valor_indicador(fila[columna], fila["unidad"], int(fila["decimales"]))


def _nivel(semaforo: str) -> str:
    return f"nivel de avance {str(semaforo).lower()}"


def _tope(fila: pd.Series) -> str:
    """Aclaración cuando el avance llegó al tope de CEPLAN por sobrecumplimiento."""
    return ", el máximo que reconoce la metodología de CEPLAN" if fila["avance"] >= ceplan.AVANCE_MAXIMO else ""


def _descendente(fila: pd.Series) -> bool:
    return fila["sentido"] == ceplan.Sentido.DESCENDENTE


def _igual(fila: pd.Series) -> bool:
    """Valor obtenido igual al logro esperado a la precisión publicada."""
    return valor(fila, "valor_obtenido") == valor(fila, "logro_esperado")


def cantidad(n: int, genero: str = "f") -> str:
    """"tres (03)"; "ninguna"/"ningún" cuando es cero."""
    n = int(n)
    if n == 0:
        return "ninguna" if genero == "f" else "ningún"
    return formato.en_letras(n, genero)


def cantidad_pronominal(n: int, genero: str = "m") -> str:
    """Cantidad en letras sin sustantivo detrás: "uno (01)", no "un (01)".

    ``formato.en_letras`` apocopa porque casi siempre le sigue un sustantivo; en una
    enumeración como "cuatro (04) culminados y uno (01) con buena pro" el sustantivo está
    elidido y la forma correcta es la plena.
    """
    texto = formato.en_letras(n, genero)
    if genero == "m":
        texto = re.sub(r"\bveintiún \(", "veintiuno (", texto)
        texto = re.sub(r"\bun \(", "uno (", texto)
    return texto


def cantidad_con_articulo(n: int, singular: str, plural: str, genero: str = "f") -> str:
    """"las seis (06) AEI priorizadas", "una (01) AEI priorizada", "ninguna AEI priorizada" (texto plano).

    Con uno, el artículo definido plural no concuerda ("las una (01) AEI"): va el numeral solo.
    """
    n = int(n)
    if n == 0:
        return f"{cantidad(0, genero)} {singular}"
    if n == 1:
        return f"{formato.en_letras(1, genero)} {singular}"
    return f"{'las' if genero == 'f' else 'los'} {formato.en_letras(n, genero)} {plural}"


def segun(n: int, singular: str, plural: str) -> str:
    """La forma que concuerda con ``n``: "registra"/"registran", "establecimiento"/"establecimientos"."""
    return singular if n == 1 else plural


def enumerar(elementos, conjuncion: str = "y") -> str:
    """"a, b y c" sin escapar (texto plano): la coma y la conjunción las pone la gramática, no el dato."""
    elementos = [str(e) for e in elementos]
    if len(elementos) <= 1:
        return "".join(elementos)
    return ", ".join(elementos[:-1]) + f" {conjuncion} " + elementos[-1]


def lista(elementos: list[str]) -> str:
    """"a, b y c" con los nombres escapados (Markdown)."""
    return enumerar([esc(str(e)) for e in elementos])


def fecha(dia) -> str:
    """"30 de junio de 2024" (es_PE: "6 de setiembre de 2024")."""
    return format_date(pd.Timestamp(dia).date(), "long", locale=formato.LOCALE)


def mes(mes_anio) -> str:
    """"2024-03" (o una fecha) → "marzo de 2024"."""
    return format_date(pd.Timestamp(str(mes_anio)).date(), "MMMM 'de' y", locale=formato.LOCALE)


# --- resultado de un indicador frente a su meta -------------------------------------------------

def comparacion_con_meta(fila: pd.Series, periodo: str, anio: int) -> str:
    """Resultado del indicador frente a su logro esperado, redactado según sentido y regla (texto plano)."""
    obtenido, esperado = valor(fila, "valor_obtenido"), valor(fila, "logro_esperado")
    avance, nivel = formato.porcentaje(fila["avance"]), _nivel(fila["semaforo"])
    estado = fila["estado"]
    if estado == Estado.SIN_META:
        return (f"Para {anio} no se estableció logro esperado (la meta es cero); el valor obtenido es {obtenido} "
                f"y, conforme a la metodología de CEPLAN, el avance se registra en {avance} ({nivel}).")
    if estado == Estado.SIN_VALOR:
        return (f"Al {periodo} no se reportó valor obtenido para el indicador, cuyo logro esperado para {anio} "
                f"es {esperado}; por ello, su avance se registra en {avance} ({nivel}).")
    meta = f"logro esperado para {anio} ({esperado})"
    if _descendente(fila):
        if estado == Estado.CUMPLE:
            relacion = "igual al" if _igual(fila) else "menor que el"
            return (f"El valor obtenido ({obtenido}) es {relacion} {meta}; como el sentido esperado del indicador "
                    f"es descendente, se cumple la meta, con un avance de {avance}{_tope(fila)} ({nivel}).")
        return (f"El valor obtenido ({obtenido}) es mayor que el {meta}; como el sentido esperado del indicador "
                f"es descendente, el avance es de {avance} ({nivel}).")
    if estado == Estado.CUMPLE:
        relacion = "igual al" if _igual(fila) else "superior al"
        return (f"El valor obtenido ({obtenido}) es {relacion} logro esperado para {anio} ({esperado}); "
                f"el avance es de {avance}{_tope(fila)} ({nivel}).")
    return (f"El valor obtenido ({obtenido}) es inferior al logro esperado para {anio} ({esperado}); "
            f"el avance es de {avance} ({nivel}).")


def resultado_breve(fila: pd.Series, anio: int) -> str:
    """Lo que sigue a "registró un valor de X, ..." en el resumen y las conclusiones (texto plano)."""
    esperado = valor(fila, "logro_esperado")
    avance, nivel = formato.porcentaje(fila["avance"]), _nivel(fila["semaforo"])
    estado = fila["estado"]
    meta = f"logro esperado para {anio} ({esperado})"
    if estado == Estado.SIN_META:
        return f"sin logro esperado para {anio} (la meta es cero), por lo que su avance se registra en {avance} ({nivel})"
    if estado == Estado.SIN_VALOR:
        return (f"sin valor reportado frente a un logro esperado para {anio} de {esperado}, "
                f"por lo que su avance se registra en {avance} ({nivel})")
    if _descendente(fila):
        if estado == Estado.CUMPLE:
            lugar = "igual al" if _igual(fila) else "por debajo del"
            return (f"{lugar} {meta}, lo que en un indicador de sentido descendente significa cumplir la meta; "
                    f"el avance es de {avance}{_tope(fila)} ({nivel})")
        return (f"por encima del {meta}; como el sentido esperado del indicador es descendente, "
                f"el avance es de {avance} ({nivel})")
    if estado == Estado.CUMPLE:
        lugar = "igual al" if _igual(fila) else "superior al"
        return f"{lugar} {meta}, con un avance de {avance}{_tope(fila)} ({nivel})"
    return f"inferior al {meta}, con un avance de {avance} ({nivel})"


def titulo_hallazgo(fila: pd.Series, periodo: str) -> str:
    """Título de figura que enuncia el hallazgo del último periodo."""
    obtenido, esperado = valor(fila, "valor_obtenido"), valor(fila, "logro_esperado")
    estado = fila["estado"]
    if estado == Estado.SIN_VALOR:
        return f"{periodo}: no se reportó valor obtenido"
    if estado == Estado.SIN_META:
        return f"{periodo}: sin logro esperado para el año; valor obtenido {obtenido}"
    if _descendente(fila):
        if estado == Estado.CUMPLE:
            verbo = "iguala el máximo esperado" if _igual(fila) else "se mantiene por debajo del máximo esperado"
        else:
            verbo = "excede el máximo esperado"
    elif estado == Estado.CUMPLE:
        verbo = "iguala el logro esperado" if _igual(fila) else "supera el logro esperado"
    else:
        verbo = "no alcanza el logro esperado"
    return f"{periodo}: el valor obtenido ({obtenido}) {verbo} ({esperado})"


def variacion_indicador(var: dict, fila: pd.Series) -> str:
    """Cambio del valor obtenido frente al mismo semestre del año anterior (texto plano; "" sin dato)."""
    if not var:
        return ""

    def fmt(x):
        return formato.valor_indicador(x, fila["unidad"], int(fila["decimales"]))

    periodo = formato.semestre_texto(var["semestre_anterior"])
    if var["variacion"] == 0:
        return f"Respecto al {periodo}, el valor obtenido se mantuvo en {fmt(var['actual'])}."
    verbo = "aumentó" if var["variacion"] > 0 else "disminuyó"
    if fila["unidad"] == "porcentaje":
        magnitud = f"{formato.numero(abs(var['variacion']), int(fila['decimales']))} puntos porcentuales"
    else:
        magnitud = fmt(abs(var["variacion"]))
        magnitud = f"una diferencia de {magnitud}"
        if var["variacion_pct"] is not None:
            magnitud += f", equivalente a {formato.porcentaje(abs(var['variacion_pct']), 0)}"
    mejora = (var["variacion"] > 0) != _descendente(fila)
    juicio = "una mejora" if mejora else "un retroceso"
    return (f"Respecto al {periodo}, el valor obtenido {verbo} de {fmt(var['anterior'])} a {fmt(var['actual'])} "
            f"({magnitud}), lo que representa {juicio}, dado que el sentido esperado del indicador es "
            f"{str(fila['sentido']).lower()}.")


# --- población, componentes y detalle de los resultados --------------------------------------------

def variacion_interanual(pob: dict, sujeto: str) -> str:
    """"La población ... pasó de X personas al 30 de junio de 2023 a Y ... (Z%, W personas)" (texto plano)."""
    if "anterior" not in pob or pob.get("variacion") is None:
        return ""
    if pob["variacion"] == 0:
        return (f"{sujeto} se mantuvo en {formato.numero(pob['actual'])} personas entre el "
                f"{fecha(pob['fecha_anterior'])} y el {fecha(pob['fecha_actual'])}.")
    sentido = "un incremento" if pob["variacion"] > 0 else "una disminución"
    personas = f"{formato.numero(abs(pob['variacion']))} {segun(abs(pob['variacion']), 'persona', 'personas')}"
    # Sin porcentaje (año anterior en cero) la diferencia en personas va sola, sin paréntesis.
    magnitud = (personas if pob.get("variacion_pct") is None
                else f"{formato.porcentaje(abs(pob['variacion_pct']), 0)} ({personas})")
    return (f"{sujeto} pasó de {formato.numero(pob['anterior'])} personas al {fecha(pob['fecha_anterior'])} "
            f"a {formato.numero(pob['actual'])} personas al {fecha(pob['fecha_actual'])}, lo que representa "
            f"{sentido} de {magnitud} respecto al año anterior.")


def reparto_profesionales(prof: dict) -> str:
    """"877 desempeñan sus labores en el medio cerrado y 354 en el medio abierto" (texto plano)."""
    partes = [f"{formato.numero(n)} en el medio {m}" for m, n in prof["por_medio"]]
    if not partes:
        return ""
    partes[0] = partes[0].replace(" en el medio", " desempeñan sus labores en el medio", 1)
    return enumerar(partes)


def concentracion(part: dict, unidad: str, lugar: tuple[str, str]) -> str:
    """"De ellos, el 57% (58 actos violentos) se originó en … de Chiclayo (33) y Lima (25)." (texto plano; "" sin partes).

    ``lugar`` nombra el conjunto en singular y plural: p. ej. ("la oficina regional", "las oficinas regionales").
    """
    partes = part["partes"]
    if not partes or part["pct"] is None:
        return ""
    singular, plural = lugar
    nombres = enumerar([f"{p['nombre']} ({formato.numero(p['valor'])})" for p in partes])
    donde = singular if len(partes) == 1 else plural
    return (f"De ellos, el {formato.porcentaje(part['pct'], 0)} ({formato.numero(part['suma'])} {unidad}) se originó "
            f"en los establecimientos penitenciarios administrados por {donde} de {nombres}.")


def locales_medio_libre(loc: dict) -> str:
    """"39 establecimientos de medio libre a nivel nacional: 4 ubicados en el Poder Judicial, ..." (texto plano)."""
    if not loc["partes"]:
        return ""
    partes = [f"{formato.numero(n)} {tipo}" for tipo, n in loc["partes"]]
    return (f"{formato.numero(loc['total'])} establecimientos de medio libre a nivel nacional: "
            f"{enumerar(partes)}")


#: Rótulo (singular, plural) de cada tipo de establecimiento de interconexion.csv.
TIPO_ESTABLECIMIENTO = {"penitenciario": ("establecimiento penitenciario", "establecimientos penitenciarios"),
                        "medio_libre": ("establecimiento de medio libre", "establecimientos de medio libre")}


def establecimientos(n: float, tipo: str) -> str:
    """"69 establecimientos penitenciarios", "1 establecimiento de medio libre" (texto plano)."""
    singular, plural = TIPO_ESTABLECIMIENTO.get(tipo, (tipo, tipo))
    return f"{formato.numero(n)} {segun(n, singular, plural)}"


def interconexion(inter: dict) -> str:
    """"90 establecimientos: los 69 establecimientos penitenciarios y 21 de los 39 de medio libre" (texto plano)."""
    if inter["total"] is None:
        return ""
    partes = []
    for p in inter["por_tipo"]:
        singular, plural = TIPO_ESTABLECIMIENTO.get(p["tipo"], (p["tipo"], p["tipo"]))
        n = formato.numero(p["interconectados"])
        if p["total"] is None:
            partes.append(establecimientos(p["interconectados"], p["tipo"]))
        elif p["total"] == 1:
            partes.append(f"{n} del único {singular}" if p["pendientes"] else f"el único {singular}")
        elif p["pendientes"] == 0:
            partes.append(f"los {n} {plural}")
        else:
            partes.append(f"{n} de los {formato.numero(p['total'])} {plural}")
    total = inter["total"]
    return f"{formato.numero(total)} {segun(total, 'establecimiento', 'establecimientos')}: {enumerar(partes)}"


def oracion_interconexion(inter: dict) -> str:
    """"Se encuentran interconectados con la Sede Central 90 establecimientos: …" (texto plano; "" sin datos)."""
    detalle = interconexion(inter)
    if not detalle:
        return ""
    verbo = segun(inter["total"], "Se encuentra interconectado", "Se encuentran interconectados")
    return f"{verbo} con la Sede Central {detalle}."


def pendientes_interconexion(inter: dict) -> str:
    """Lo que falta para la meta y los establecimientos aún sin interconexión (texto plano)."""
    oraciones = []
    falta = inter["faltan_para_meta"]
    if falta:
        oraciones.append(f"Para alcanzar el logro esperado {segun(falta, 'falta', 'faltan')} {formato.numero(falta)} "
                         f"{segun(falta, 'establecimiento', 'establecimientos')} por interconectar.")
    pendientes = [p for p in inter["por_tipo"] if p["pendientes"]]
    if pendientes:
        verbo = segun(sum(p["pendientes"] for p in pendientes), "está interconectado", "están interconectados")
        oraciones.append(f"Aún no {verbo} {enumerar(establecimientos(p['pendientes'], p['tipo']) for p in pendientes)}.")
    return " ".join(oraciones)


def _obra(fila) -> str:
    return f"“{esc(str(fila['nombre']))} – CUI {fila['cui']}”"


def obras_culminadas(tabla: pd.DataFrame) -> str:
    """"culminaron las obras “… – CUI …” (marzo de 2024), con 224 unidades de albergue, y …" (Markdown)."""
    if tabla.empty:
        return "no culminó ninguna obra que agregue unidades de albergue"
    partes = []
    for _, o in tabla.iterrows():
        cuando = "" if ceplan.es_faltante(o["mes_culminacion"]) else f" ({mes(o['mes_culminacion'])})"
        partes.append(f"{_obra(o)}{cuando}, con {formato.numero(o['unidades_albergue'])} unidades de albergue")
    if len(partes) == 1:
        return "culminó la obra " + partes[0]
    # Cada parte lleva comas propias: la última se une con ", y" para que se lea la enumeración.
    return "culminaron las obras " + ", ".join(partes[:-1]) + ", y " + partes[-1]


_ESTADOS_OBRA = {
    "en_ejecucion": ("se viene ejecutando la obra", "se vienen ejecutando las obras"),
    "contrato_firmado": ("se firmó el contrato de la obra", "se firmaron los contratos de las obras"),
    "expediente_aprobado": ("se aprobó el expediente técnico de la obra", "se aprobaron los expedientes técnicos de las obras"),
    "expediente_en_elaboracion": ("se viene elaborando el expediente técnico de la obra",
                                  "se vienen elaborando los expedientes técnicos de las obras"),
}


def obras_en_curso(tabla: pd.DataFrame) -> str:
    """Obras con unidades de albergue aún no culminadas, por estado, y cuántas unidades agregarían (Markdown)."""
    if tabla.empty:
        return ""
    grupos = []
    for estado, (uno, varios) in _ESTADOS_OBRA.items():
        t = tabla[tabla["estado"] == estado]
        if t.empty:
            continue
        partes = []
        for _, o in t.iterrows():
            detalle = f"{formato.numero(o['unidades_albergue'])} unidades de albergue"
            if not ceplan.es_faltante(o["avance_fisico"]):
                detalle += f", con un avance físico de {formato.porcentaje(o['avance_fisico'], 1)}"
            partes.append(f"{_obra(o)} ({detalle})")
        grupos.append(f"{uno if len(partes) == 1 else varios} {enumerar(partes)}")
    total = tabla["unidades_albergue"].sum()
    texto = grupos[0] if len(grupos) == 1 else "; ".join(grupos[:-1]) + "; y " + grupos[-1]
    return f"{texto}; en conjunto, estas inversiones agregarían {formato.numero(total)} unidades de albergue"


# --- semáforo, presupuesto y alcance ---------------------------------------------------------------

def conteo_semaforo(conteo: dict[str, int]) -> str:
    """"de las once (11) AEI, tres (03) presentan un nivel de avance alto (95% o más), ..." (texto plano)."""
    medio, alto = formato.porcentaje(ceplan.UMBRAL_MEDIO, 0), formato.porcentaje(ceplan.UMBRAL_ALTO, 0)
    bandas = [("Alto", f"alto ({alto} o más)"), ("Medio", f"medio (de {medio} a menos de {alto})"),
              ("Bajo", f"bajo (menos de {medio})")]
    partes = []
    for clave, texto in bandas:
        n = conteo[clave]
        verbo = "presenta" if n <= 1 else "presentan"
        partes.append(f"{cantidad(n)} {verbo} un nivel de avance {texto}")
    total = conteo["Total"]
    return f"{'de la única AEI' if total == 1 else f'de las {cantidad(total)} AEI'}, " + enumerar(partes)


def _aei_con_avance(tabla: pd.DataFrame) -> str:
    return enumerar([f"{a.codigo_aei} ({formato.porcentaje(a.avance)})" for a in tabla.itertuples()])


def aei_por_nivel(niveles: dict[str, pd.DataFrame]) -> str:
    """Conclusión de las AEI por nivel, con sus códigos y avances: no puede contradecir al Cuadro 3 (texto plano)."""
    partes = []
    for clave in ("Alto", "Medio", "Bajo"):
        t = niveles[clave]
        n = len(t)
        if n == 0:
            partes.append(f"ninguna alcanzó un nivel de avance {clave.lower()}")
            continue
        verbo = "alcanzó" if n == 1 else "alcanzaron"
        partes.append(f"{cantidad(n)} {verbo} un nivel de avance {clave.lower()}: {_aei_con_avance(t)}")
    return "; ".join(partes[:-1]) + "; y " + partes[-1]


def niveles_de(tabla_aei: pd.DataFrame) -> str:
    """"una (01) presenta un nivel de avance medio (AEI.02.03) y cuatro (04), un nivel bajo (...)" (texto plano)."""
    partes = []
    for clave in ("Alto", "Medio", "Bajo"):
        t = tabla_aei[tabla_aei["semaforo"] == clave]
        if t.empty:
            continue
        partes.append((len(t), clave.lower(), enumerar(list(t["codigo_aei"]))))
    textos = []
    for i, (n, nivel, codigos) in enumerate(partes):
        verbo = ("presenta" if n == 1 else "presentan") if i == 0 else ""
        textos.append(f"{cantidad(n)}{' ' + verbo if verbo else ','} un nivel de avance {nivel} ({codigos})")
    return enumerar(textos)


def niveles_no_priorizadas(tabla_aei: pd.DataFrame) -> str:
    """"En cuanto a las AEI de gestión institucional, no priorizadas en esta evaluación, …" (texto plano; "" sin AEI)."""
    if tabla_aei.empty:
        return ""
    if len(tabla_aei) == 1:
        a = tabla_aei.iloc[0]
        return (f"En cuanto a la AEI de gestión institucional, no priorizada en esta evaluación, la {a['codigo_aei']} "
                f"presenta un nivel de avance {str(a['semaforo']).lower()}.")
    return f"En cuanto a las AEI de gestión institucional, no priorizadas en esta evaluación, {niveles_de(tabla_aei)}."


def sin_meta(tabla: pd.DataFrame, anio: int) -> str:
    """Oración sobre los indicadores con logro esperado cero y las AEI cuyo avance reducen (texto plano)."""
    if tabla.empty:
        return f"Todos los indicadores cuentan con logro esperado para {anio}."
    n = len(tabla)
    quien = "indicador no cuenta" if n == 1 else "indicadores no cuentan"
    aei = sorted(set(tabla["codigo_aei"]))
    return (f"Del total, {cantidad(n, 'm')} {quien} con logro esperado para {anio} (su meta es cero): "
            f"{enumerar(list(tabla['codigo_indicador']))}; por regla, su avance se registra en "
            f"{formato.porcentaje(0)}, lo que incide en el nivel de avance de {'la' if len(aei) == 1 else 'las'} "
            f"{enumerar(aei)}.")


def brecha_profesionales(brecha: dict) -> str:
    """"Para alcanzar la tasa esperada … se requerirían unos 3,781 profesionales, 2,550 más …" (texto plano)."""
    if not brecha or brecha["faltan"] is None or brecha["faltan"] <= 0:
        return ""
    return (f"Para alcanzar la tasa esperada con la población penitenciaria actual se requerirían alrededor de "
            f"{formato.numero(brecha['requeridos'])} profesionales de tratamiento, es decir, "
            f"{formato.numero(brecha['faltan'])} más que los disponibles.")


def presupuesto(fila: pd.Series | None, periodo: str) -> str:
    """"el Presupuesto Institucional Modificado (PIM) asciende a …": PIM, devengado y ejecución con un decimal (texto plano)."""
    if fila is None:
        return "no se dispone de la información presupuestal del pliego."
    return (f"el Presupuesto Institucional Modificado (PIM) asciende a {formato.soles(fila['pim'])}; "
            f"al {periodo} se ejecutó (devengado) un total de {formato.soles(fila['devengado'])}, "
            f"lo que representa una ejecución de {formato.porcentaje(fila['ejecucion'], 1)}.")


def conclusion_presupuesto(fila: pd.Series | None, periodo: str) -> str:
    """Conclusión de la ejecución financiera del pliego (texto plano)."""
    if fila is None:
        return "No se dispone de la información presupuestal del pliego."
    return (f"Respecto a la ejecución financiera al {periodo}, el pliego alcanzó una ejecución de "
            f"{formato.porcentaje(fila['ejecucion'], 1)}: un devengado de {formato.soles(fila['devengado'])} "
            f"de un Presupuesto Institucional Modificado (PIM) de {formato.soles(fila['pim'])}.")


def alcance_oei(oei: pd.DataFrame, aei: pd.DataFrame) -> str:
    """"un (01) Objetivo Estratégico Institucional (OEI) de tipo I y dos (02) de tipo II; a su vez, identifica
    once (11) Acciones Estratégicas Institucionales (AEI)" (texto plano)."""
    partes = []
    for i, (tipo, n) in enumerate(oei.groupby("tipo", sort=True).size().items()):
        nombre = "Objetivo Estratégico Institucional" if n == 1 else "Objetivos Estratégicos Institucionales"
        # Tras el primero el sustantivo se elide: "y uno (01) de tipo II", no "y un (01) de tipo II".
        numeral = cantidad(n, "m") if i == 0 else cantidad_pronominal(n)
        partes.append(f"{numeral} {nombre + ' (OEI) ' if i == 0 else ''}de tipo {tipo}")
    nombre_aei = "Acción Estratégica Institucional" if len(aei) == 1 else "Acciones Estratégicas Institucionales"
    return f"{enumerar(partes)}; a su vez, identifica {cantidad(len(aei))} {nombre_aei} (AEI)"


def priorizacion(oei: pd.DataFrame, aei: pd.DataFrame) -> str:
    """"se priorizaron las AEI vinculadas al OEI.01 «…», objetivo misional (tipo I)" (Markdown)."""
    priorizadas = aei[aei["priorizada"]]
    objetivos = oei[oei["codigo_oei"].isin(priorizadas["codigo_oei"])]
    if objetivos.empty:
        return "no se priorizaron Acciones Estratégicas Institucionales"
    nombres = [f"{o.codigo_oei} “{esc(o.denominacion)}”" + (", objetivo misional (tipo I)" if o.tipo == "I" else "")
               for o in objetivos.itertuples()]
    articulo = "al" if len(nombres) == 1 else "a los"
    n = len(priorizadas)
    return (f"se {segun(n, 'priorizó', 'priorizaron')} "
            f"{cantidad_con_articulo(n, 'Acción Estratégica Institucional', 'Acciones Estratégicas Institucionales')} "
            f"{segun(n, 'vinculada', 'vinculadas')} {articulo} {enumerar(nombres)}")


def conclusion_aei(aei: pd.Series, indicadores: pd.DataFrame, anio: int) -> str:
    """Conclusión de una AEI desde la regla: el resultado de cada indicador y, si hay varios, el de la AEI (Markdown)."""
    partes = []
    for _, i in indicadores.iterrows():
        nombre = f"su indicador “{esc(i['denominacion'])}”"
        if i["estado"] == Estado.SIN_VALOR:
            partes.append(f"{nombre} no reportó valor obtenido, {resultado_breve(i, anio)}")
        else:
            partes.append(f"{nombre} registró un valor de {valor(i, 'valor_obtenido')}, {resultado_breve(i, anio)}")
    texto = f"Respecto a la {aei['codigo_aei']} “{esc(aei['denominacion'])}”, " + "; y ".join(partes) + "."
    if len(indicadores) > 1:
        texto += (f" En conjunto, la AEI registra un avance de {formato.porcentaje(aei['avance'])} "
                  f"({_nivel(aei['semaforo'])}).")
    return texto


# --- textos de los datos ---------------------------------------------------------------------------

#: Marcas con que Pandoc abre una lista: viñeta ("-", "+"; "*" y "#" ya los escapa ``esc``) o
#: número, letra o romano seguido de "." o ")", o entre paréntesis ("1.", "1)", "(1)", "a)", "(a)", "i.").
_MARCA_DE_LISTA = re.compile(r"^(\s*)([-+]|\(?(?:\d+|[A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)[.)])(\s)")


def _escapar_marca(m: re.Match) -> str:
    """Escapa el signo final de la marca ("1\\.", "(1\\)", "\\-"): el lector ve el texto, no una lista."""
    marca = m.group(2)
    return m.group(1) + marca[:-1] + "\\" + marca[-1] + m.group(3)


def parrafos(texto: str) -> str:
    """Texto de un CSV (párrafos separados por línea en blanco) como Markdown literal.

    Cada párrafo va en una línea, escapado, y una marca de lista inicial ("1.", "(1)", "a)",
    "i.", "-") no se vuelve lista.
    """
    salida = []
    for p in re.split(r"\n\s*\n", str(texto).strip()):
        linea = esc(" ".join(p.split()))
        linea = _MARCA_DE_LISTA.sub(_escapar_marca, linea)
        if linea:
            salida.append(linea)
    return "\n\n".join(salida)


def nota_al_pie(norma: str, objeto: str) -> str:
    """Texto de una nota al pie de referencias_normativas.csv: "Resolución …, que aprueba …" (Markdown)."""
    norma, objeto = str(norma).strip(), str(objeto).strip().rstrip(".")
    if objeto.lower().startswith("aprueba"):
        return f"{esc(norma)}, que {esc(objeto[0].lower() + objeto[1:])}."
    return f"{esc(norma)}. {esc(objeto)}."


_UNIDADES = {
    "porcentaje": "Porcentaje (%)",
    "numero": "Número",
    "tasa_1000": "Tasa por cada 1,000 personas",
    "tasa_100000": "Tasa por cada 100,000 personas",
}


def unidad_eje(unidad: str) -> str:
    return _UNIDADES[unidad]
