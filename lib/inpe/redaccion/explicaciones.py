"""Las oraciones que explican el valor de un indicador con las tablas del semestre.

El plan declara, para cada indicador, qué explicación le corresponde (columna ``explicacion`` de
``data/plan/indicadores.csv``); cada función de aquí recibe los datos ya calculados
(:mod:`inpe.calculo.resultados`) y devuelve una :class:`Explicacion`: lo que va antes de la
comparación con la meta (cómo se llega al valor), lo que va después de la figura (el contexto que
las cifras dan) y un fragmento para el resumen ejecutivo. Texto plano: los nombres que vienen de
los datos se escapan al componer la sección.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from inpe.calculo import ceplan
from inpe.redaccion import formato
from inpe.redaccion.gramatica import cantidad, enumerar, enumerar_con_punto_y_coma, fecha, mes, segun

n = formato.numero


@dataclass(frozen=True)
class Explicacion:
    antes: str = ""
    despues: str = ""
    resumen: str = ""
    #: ``antes`` ya dice el valor obtenido; si no, la sección lo dice primero.
    dice_el_valor: bool = True


# --- población ---------------------------------------------------------------------------------------

def variacion_poblacion(pob: dict, sujeto: str) -> str:
    """"La población … pasó de X personas al 30 de junio de 2023 a Y …, un incremento de 6% (5,313 personas)"."""
    if "anterior" not in pob or pob.get("variacion") is None:
        return ""
    if pob["variacion"] == 0:
        return (f"{sujeto} se mantuvo en {n(pob['actual'])} {segun(pob['actual'], 'persona', 'personas')} entre el "
                f"{fecha(pob['fecha_anterior'])} y el {fecha(pob['fecha_actual'])}.")
    personas = f"{n(abs(pob['variacion']))} {segun(abs(pob['variacion']), 'persona', 'personas')}"
    magnitud = (personas if pob.get("variacion_pct") is None
                else f"{formato.variacion(abs(pob['variacion_pct']))} ({personas})")
    return (f"{sujeto} pasó de {n(pob['anterior'])} {segun(pob['anterior'], 'persona', 'personas')} al "
            f"{fecha(pob['fecha_anterior'])} a {n(pob['actual'])} "
            f"al {fecha(pob['fecha_actual'])}: {'un incremento' if pob['variacion'] > 0 else 'una disminución'} de "
            f"{magnitud} en un año.")


# --- evaluación de tratamiento -------------------------------------------------------------------------

def evaluacion_intramuros(ev: dict, pob: dict, establecimientos: float | None, valor: str, periodo: str) -> Explicacion:
    """Intramuros: población, evaluados, favorables, no evaluados y la variación de la población."""
    if not ev or "poblacion" not in ev:
        return Explicacion()
    donde = f" en los {n(establecimientos)} establecimientos penitenciarios" if establecimientos else ""
    antes = (f"Al cierre del {periodo}, la población penitenciaria intramuros{donde} es de {n(ev['poblacion'])} "
             f"personas privadas de libertad. De ellas, {n(ev['evaluados'])} ({formato.variacion(ev['evaluados_pct'])}) "
             f"recibieron la evaluación semestral y {n(ev['favorables'])} obtuvieron una evaluación favorable y "
             f"estaban incorporadas a actividades de tratamiento, lo que da un valor obtenido de {valor}.")
    despues = " ".join(x for x in (
        f"Quedaron sin evaluación semestral {n(ev['no_evaluados'])} personas privadas de libertad.",
        variacion_poblacion(pob, "En el último año, la población penitenciaria intramuros")) if x)
    resumen = (f"de las {n(ev['poblacion'])} personas privadas de libertad de la población intramuros, "
               f"{n(ev['evaluados'])} recibieron la evaluación semestral y {n(ev['favorables'])} obtuvieron una "
               "evaluación favorable")
    return Explicacion(antes, despues, resumen)


def evaluacion_extramuros(ev: dict, pob: dict, valor: str, periodo: str) -> Explicacion:
    """Extramuros: atendidos en programas estructurados, favorables y la variación de la población."""
    if not ev:
        return Explicacion()
    antes = (f"En el {periodo}, los programas estructurados de tratamiento atendieron a {n(ev['evaluados'])} personas "
             f"de la población penitenciaria extramuros, de las cuales {n(ev['favorables'])} alcanzaron una "
             f"evaluación favorable, lo que da un valor obtenido de {valor}.")
    despues = variacion_poblacion(pob, "Por su parte, la población penitenciaria extramuros")
    resumen = (f"de las {n(ev['evaluados'])} personas de la población extramuros atendidas en programas "
               f"estructurados de tratamiento, {n(ev['favorables'])} alcanzaron una evaluación favorable")
    return Explicacion(antes, despues, resumen)


# --- profesionales --------------------------------------------------------------------------------------

def profesionales(prof: dict, poblacion_total: float | None, brecha: dict, pob: dict, valor: str,
                  por_cada: str, periodo: str) -> Explicacion:
    """Profesionales por medio, la población, la tasa, cuántos faltan para la meta y la variación de la población."""
    if prof["total"] is None or ceplan.es_faltante(poblacion_total):
        return Explicacion()
    reparto = enumerar(f"{n(v)} en el medio {m}" for m, v in prof["por_medio"])
    antes = (f"En el {periodo} se contó con {n(prof['total'])} profesionales de tratamiento ({reparto}) para una "
             f"población penitenciaria de {n(poblacion_total)} personas: una tasa de {valor}, es decir, unos "
             f"{n(prof['tasa'])} profesionales {por_cada}.")
    brecha_txt = ""
    if brecha and brecha["faltan"] > 0:
        brecha_txt = (f"Para alcanzar la tasa esperada con la población actual harían falta unos "
                      f"{n(brecha['requeridos'])} profesionales: {n(brecha['faltan'])} más que los disponibles.")
    despues = " ".join(x for x in (brecha_txt, variacion_poblacion(pob, "La población penitenciaria total")) if x)
    resumen = (f"se contó con {n(prof['total'])} profesionales de tratamiento para una población penitenciaria de "
               f"{n(poblacion_total)} personas")
    return Explicacion(antes, despues, resumen)


# --- actos violentos por oficina regional ---------------------------------------------------------------

def concentracion(part: dict, valor: str, texto_valor: str) -> Explicacion:
    """«El 57% de ellos (58) ocurrió en los establecimientos de las oficinas regionales de Chiclayo (33) y Lima (25).»"""
    partes = part["partes"]
    if not partes or part["pct"] is None:
        return Explicacion()
    nombres = enumerar(f"{p['nombre']} ({n(p['valor'])})" for p in partes)
    donde = "la oficina regional" if len(partes) == 1 else "las oficinas regionales"
    cuanto = f"el {formato.variacion(part['pct'])} de ellos ({n(part['suma'])})"
    antes = f"{cuanto[0].upper()}{cuanto[1:]} ocurrió en los establecimientos penitenciarios de {donde} de {nombres}."
    resumen = f"se registraron {valor} {texto_valor}, {cuanto} en los establecimientos de {donde} de {nombres}"
    return Explicacion(antes=antes, resumen=resumen, dice_el_valor=False)


# --- infraestructura --------------------------------------------------------------------------------------

def _obra(o) -> str:
    return f"“{o['nombre']} – CUI {o['cui']}”"


def obras_albergue(culminadas: pd.DataFrame, en_curso: pd.DataFrame, valor: str, periodo: str) -> Explicacion:
    """Obras culminadas en el semestre (con sus unidades) y las que siguen en curso."""
    if culminadas.empty:
        antes = f"En el {periodo} no culminó ninguna obra que agregue unidades de albergue."
    else:
        partes = [f"{_obra(o)}" + (f", en {mes(o['mes_culminacion'])}" if not ceplan.es_faltante(o["mes_culminacion"]) else "")
                  + f", con {n(o['unidades_albergue'])} unidades" for _, o in culminadas.iterrows()]
        verbo = segun(len(partes), "culminó la obra", "culminaron las obras")
        antes = (f"En el {periodo} {verbo} {enumerar_con_punto_y_coma(partes)}: en total, {valor} unidades de "
                 "albergue construidas.")
    despues = ""
    if not en_curso.empty:
        grupos = []
        for estado, (uno, varios) in _ESTADOS_OBRA.items():
            t = en_curso[en_curso["estado"] == estado]
            if t.empty:
                continue
            detalles = []
            for _, o in t.iterrows():
                d = f"{n(o['unidades_albergue'])} unidades"
                if not ceplan.es_faltante(o["avance_fisico"]):
                    d += f", {formato.avance_ao(o['avance_fisico'])} de avance físico"
                detalles.append(f"{_obra(o)} ({d})")
            grupos.append(f"{uno if len(detalles) == 1 else varios} {enumerar(detalles)}")
        total = en_curso["unidades_albergue"].sum()
        despues = (f"Siguen en curso otras inversiones: {enumerar_con_punto_y_coma(grupos)}. En conjunto agregarían "
                   f"{n(total)} unidades de albergue.")
    k = len(culminadas)
    resumen = ("no culminó ninguna obra que agregue unidades de albergue" if k == 0 else
               f"{segun(k, 'culminó', 'culminaron')} {cantidad(k)} {segun(k, 'obra', 'obras')} con {valor} unidades de "
               "albergue construidas")
    return Explicacion(antes, despues, resumen)


_ESTADOS_OBRA = {
    "en_ejecucion": ("en ejecución, la obra", "en ejecución, las obras"),
    "contrato_firmado": ("con contrato firmado, la obra", "con contrato firmado, las obras"),
    "expediente_aprobado": ("con expediente técnico aprobado, la obra", "con expediente técnico aprobado, las obras"),
    "expediente_en_elaboracion": ("con el expediente técnico en elaboración, la obra",
                                  "con el expediente técnico en elaboración, las obras"),
}


def locales_medio_libre(loc: dict, obras: pd.DataFrame, periodo: str) -> Explicacion:
    """Los establecimientos de medio libre según su local y las obras de medio libre en curso."""
    oraciones, resumen = [], ""
    en_curso = obras[obras["estado"] != "culminada"]
    if not en_curso.empty:
        detalles = []
        for _, o in en_curso.iterrows():
            d = _obra(o)
            if not ceplan.es_faltante(o["avance_fisico"]):
                d += f", con un avance físico de {formato.avance_ao(o['avance_fisico'])}"
            detalles.append(d)
        verbo = segun(len(detalles), "se encuentra en ejecución la obra", "se encuentran en ejecución las obras")
        oraciones.append(f"En el {periodo} {verbo} {enumerar_con_punto_y_coma(detalles)}.")
        resumen = f"{verbo} {enumerar_con_punto_y_coma(detalles)}"
    if loc["partes"]:
        partes = enumerar(f"{n(c)} {tipo}" for tipo, c in loc["partes"])
        oraciones.append(f"La entidad cuenta con {n(loc['total'])} establecimientos de medio libre: {partes}.")
    return Explicacion(despues=" ".join(oraciones), resumen=resumen)


#: Rótulo (singular, plural) de cada tipo de establecimiento de interconexion.csv y de aei.csv.
TIPO_ESTABLECIMIENTO = {"penitenciario": ("establecimiento penitenciario", "establecimientos penitenciarios"),
                        "medio_libre": ("establecimiento de medio libre", "establecimientos de medio libre")}


def establecimientos(cuantos: float, tipo: str) -> str:
    """"69 establecimientos penitenciarios", "1 establecimiento de medio libre"."""
    singular, plural = TIPO_ESTABLECIMIENTO.get(tipo, (tipo, tipo))
    return f"{n(cuantos)} {segun(cuantos, singular, plural)}"


def interconexion(inter: dict, periodo: str) -> Explicacion:
    """Interconectados por tipo, lo que falta para la meta y los que siguen sin interconexión."""
    if inter["total"] is None:
        return Explicacion()
    partes = []
    for p in inter["por_tipo"]:
        singular, plural = TIPO_ESTABLECIMIENTO.get(p["tipo"], (p["tipo"], p["tipo"]))
        if p["total"] is None:
            partes.append(establecimientos(p["interconectados"], p["tipo"]))
        elif p["pendientes"] == 0:
            partes.append(f"{'el único' if p['total'] == 1 else 'los ' + n(p['interconectados'])} "
                          f"{singular if p['total'] == 1 else plural}")
        else:
            partes.append(f"{n(p['interconectados'])} de los {n(p['total'])} {plural}")
    total = inter["total"]
    resumen = (f"{segun(total, 'está interconectado', 'están interconectados')} con la Sede Central {n(total)} "
               f"{segun(total, 'establecimiento', 'establecimientos')}: {enumerar(partes)}")
    antes = f"Al cierre del {periodo}, {resumen}."
    oraciones = []
    if inter["faltan_para_meta"]:
        falta = inter["faltan_para_meta"]
        oraciones.append(f"Para alcanzar el logro esperado {segun(falta, 'falta', 'faltan')} {n(falta)} "
                         f"{segun(falta, 'establecimiento', 'establecimientos')}.")
    pendientes = [p for p in inter["por_tipo"] if p["pendientes"]]
    if pendientes:
        cuantos = sum(p["pendientes"] for p in pendientes)
        oraciones.append(f"{segun(cuantos, 'Sigue', 'Siguen')} sin interconexión " + enumerar(establecimientos(p["pendientes"], p["tipo"])
                                                                for p in pendientes) + ".")
    return Explicacion(antes, " ".join(oraciones), resumen)
