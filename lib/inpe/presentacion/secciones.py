"""Las partes del informe que salen del plan: una por OEI, AEI, indicador y actividad operativa clave.

Los cuadernos no nombran ningún código del plan: piden aquí el Markdown de §3.1 (una sección por
AEI, con sus indicadores y figuras), de §3.2 (una por AEI, con sus AO, inversiones y
mantenimientos), del resumen ejecutivo y de las conclusiones, y lo muestran. Las etiquetas de
referencia cruzada salen de los códigos (:func:`~inpe.presentacion.figuras.etiqueta`); lo que cada
indicador o AO tiene de propio lo declara el plan (``explicacion``, ``presentacion``,
``nota_fuente``, ``tipo_establecimiento``); lo que el metodólogo escribe llega por los comentarios.

Las oraciones son texto plano (:mod:`inpe.redaccion`) y se escapan aquí; los comentarios ya son
Markdown revisado y van tal cual.
"""

from __future__ import annotations

import pandas as pd

from inpe.calculo import ceplan, implementacion as calculo, resultados
from inpe.presentacion import graficos, tablas
from inpe.presentacion.figuras import Bloque, etiqueta, figura, unir
from inpe.presentacion.informe import Informe
from inpe.redaccion import (
    actividades,
    comentarios,
    formato,
    indicadores,
    inversiones,
    presupuesto,
    recomendaciones,
    semaforo,
)
from inpe.redaccion.escape import escapar_markdown as esc
from inpe.redaccion.explicaciones import TIPO_ESTABLECIMIENTO
from inpe.redaccion.gramatica import cantidad, cerrar, enumerar, mayuscula_inicial, mes, segun, variante
from inpe.redaccion.metas import Situacion

#: Apertura de los párrafos del resumen y de las conclusiones, en ronda.
APERTURAS = ("Respecto a", "En relación con", "Con respecto a", "En cuanto a")


def _p(*partes: str) -> str:
    """Un párrafo con las partes no vacías."""
    return " ".join(p.strip() for p in partes if p and p.strip())


# ------------------------------------------------------------------ §3.1: resultados por AEI

def nota_de_series(inf: Informe) -> str:
    """Lo que las series permiten decir, una vez para todo §3.1 cuando ningún indicador tiene historia."""
    series = [inf.serie(f) for _, f in inf.indicadores.iterrows()]
    if series and all(s.periodos == 1 for s in series):
        return (f"Las series de todos los indicadores empiezan en el {inf.periodo}: cada figura compara el valor "
                "obtenido del semestre con el logro esperado del año, y aún no hay semestres anteriores con los "
                "cuales describir una evolución.")
    return ""


def _figura_indicador(inf: Informe, ind: pd.Series, id_: str) -> Bloque:
    l, s = inf.lectura(ind), inf.serie(ind)
    ev = inf.evolucion(ind["codigo_indicador"])
    ev = ev[ev["semestre"] <= inf.semestre]
    fmt = lambda v: formato.valor_indicador(v, ind["unidad"], int(ind["decimales"]))  # noqa: E731
    if s.periodos == 1:
        nombres = (f"Logro esperado {inf.anio} (meta anual)", f"Valor obtenido, {inf.periodo}")
    else:
        nombres = ("Logro esperado (meta anual)", "Valor obtenido")
    fig = graficos.resultado_indicador([formato.semestre_corto(x) for x in ev["semestre"]], ev["logro_esperado"],
                                       ev["valor_obtenido"], nombres, indicadores.titulo_figura(l, inf.periodo),
                                       ind["unidad"], fmt)
    return figura(fig, id_, indicadores.leyenda_figura(ind, s), indicadores.alt_figura(ind, l, s, inf.periodo))


def indicador(inf: Informe, ind: pd.Series, orden: int, contexto_aei: str = "", con_serie: bool = True) -> Bloque:
    """Un indicador en §3.1: qué mide, su valor y cómo se llega a él, su figura y lo que dice su serie."""
    codigo = ind["codigo_indicador"]
    l, s, exp = inf.lectura(ind), inf.serie(ind), inf.explicacion(ind)
    id_ = etiqueta("fig", codigo)
    valor = indicadores.oracion_valor(ind, l, inf.periodo, orden)
    antes = (_p(valor if not exp.dice_el_valor else "", exp.antes) if exp.antes
             else _p(valor, indicadores.oracion_componentes(ind, inf.componentes(ind))))
    serie = indicadores.oracion_serie(ind, s, orden) if con_serie else ""
    despues = _p(indicadores.intro_figura(f"@{id_}", l, s, inf.periodo, orden), esc(serie), esc(exp.despues))
    return unir(
        f"**Indicador:** {esc(cerrar(str(ind['denominacion'])))}",
        inf.descripcion(ind),
        _p(esc(antes), esc(indicadores.comparacion(ind, l, orden))),
        contexto_aei,
        inf.contexto(codigo),
        _figura_indicador(inf, ind, id_),
        tablas.pie(inf.fuente(ind)),
        despues,
        inf.comentario(codigo),
    )


def aei(inf: Informe, a: pd.Series, orden: int) -> Bloque:
    """La sección de una AEI en §3.1: sus indicadores y el comentario del metodólogo."""
    codigo = a["codigo_aei"]
    titulo = (f"### Acción Estratégica Institucional {esc(codigo)} {esc(a['denominacion'])} "
              f"{{#{etiqueta('sec', codigo)}}}")
    inds = inf.indicadores_de(codigo)
    con_serie = not nota_de_series(inf)
    if inds.empty:
        cuerpo = Bloque(esc("La AEI no tiene indicadores en el plan; su avance no se calcula."))
    else:
        cuerpo = unir(*(indicador(inf, f, orden + k, inf.contexto(codigo) if k == 0 else "", con_serie)
                        for k, (_, f) in enumerate(inds.iterrows())))
    return unir(titulo, cuerpo, inf.comentario(codigo))


def analisis_aei(inf: Informe) -> Bloque:
    """§3.1 completo: una sección por AEI del plan, en su orden."""
    return unir(*(aei(inf, a, k) for k, (_, a) in enumerate(inf.aei.iterrows())))


# ------------------------------------------------------------------ resumen y conclusiones

def _resultados_de(inf: Informe, a: pd.Series, con_contexto: bool) -> str:
    """Lo que dice cada indicador de la AEI, en una oración (texto plano; nombres sin escapar)."""
    inds = [f for _, f in inf.indicadores_de(a["codigo_aei"]).iterrows()]
    if not inds:
        return "no tiene indicadores en el plan."
    if len(inds) == 1:
        ind = inds[0]
        l, exp = inf.lectura(ind), inf.explicacion(ind)
        nombre = f"“{ind['denominacion']}”"
        if con_contexto and exp.resumen and l.situacion is not Situacion.SIN_VALOR:
            return (f"cuyo indicador es {nombre}: {exp.resumen}. Esto representa un valor obtenido de {l.obtenido}, "
                    f"{indicadores.breve(l)}.")
        return f"su indicador {nombre} {indicadores.resultado_en_frase(ind, inf.lectura(ind))}."
    partes = []
    for ind in inds:
        l, exp = inf.lectura(ind), inf.explicacion(ind)
        extra = f" ({exp.resumen})" if con_contexto and exp.resumen else ""
        partes.append(f"“{ind['denominacion']}”{extra} {indicadores.resultado_en_frase(ind, l)}")
    return (f"de sus {cantidad(len(inds), 'm')} indicadores, " + "; ".join(partes[:-1]) + "; y " + partes[-1]
            + f". En conjunto, la AEI registra un avance de {formato.avance(a['avance'])} "
              f"(nivel {str(a['semaforo']).lower()}).")


def resumen_priorizadas(inf: Informe) -> str:
    """Un párrafo por AEI priorizada para el resumen ejecutivo (Markdown)."""
    parrafos = []
    for k, (_, a) in enumerate(inf.priorizadas.iterrows()):
        texto = (f"{variante(k, *APERTURAS)} la {a['codigo_aei']} “{a['denominacion']}”, "
                 f"{_resultados_de(inf, a, con_contexto=True)}")
        parrafos.append(esc(texto))
    return "\n\n".join(parrafos)


def conclusiones(inf: Informe) -> str:
    """La lista numerada de conclusiones (Markdown): semáforo, presupuesto, cada AEI priorizada y la del plan."""
    parciales = [a["codigo_aei"] for _, a in inf.aei.iterrows() if a["semaforo"] == "Alto" and any(
        inf.lectura(i).situacion is Situacion.DENTRO_PARCIAL for _, i in inf.indicadores_de(a["codigo_aei"]).iterrows())]
    items = [esc(" ".join(filter(None, (f"En el {inf.periodo}, de las Acciones Estratégicas Institucionales, "
                                        f"{semaforo.por_nivel(resultados.aei_por_nivel(inf.aei))}.",
                                        semaforo.alto_a_mitad_de_anio(parciales)))))]
    items.append(esc(presupuesto.conclusion_pliego(inf.presupuesto_de("PLIEGO"), inf.periodo_acumulado)))
    for k, (_, a) in enumerate(inf.priorizadas.iterrows()):
        items.append(esc(f"{variante(k + 1, *APERTURAS)} la {a['codigo_aei']} “{a['denominacion']}”, "
                         f"{_resultados_de(inf, a, con_contexto=True)}"))
    items.append(inf.comentario("conclusion_pei"))
    return "\n\n".join(f"{i}. {t}" for i, t in enumerate(filter(None, items), start=1))


# ------------------------------------------------------------------ §3.2: implementación por AEI

def avance_aei(inf: Informe, a: pd.Series) -> str:
    """«En el …, la AEI registra un avance de 40.82% (nivel alto): su indicador “…” registró …» (texto plano).

    Repite lo que dice §3.1 como punto de partida del análisis de las AO; al salir de las mismas
    lecturas, las dos secciones no pueden discrepar.
    """
    inicio = (f"En el {inf.periodo}, la AEI registra un avance de {formato.avance(a['avance'])} "
              f"(nivel {str(a['semaforo']).lower()})")
    inds = [f for _, f in inf.indicadores_de(a["codigo_aei"]).iterrows()]
    if not inds:
        return inicio + "."
    contexto = [cerrar(mayuscula_inicial(inf.explicacion(i).resumen)) for i in inds if inf.explicacion(i).resumen]
    if len(inds) == 1:
        i = inds[0]
        texto = (f"{inicio}: su indicador “{i['denominacion']}” "
                 f"{indicadores.resultado_en_frase(i, inf.lectura(i), con_avance=False)}.")
    else:
        # resultado_en_frase ya dice el avance de cada indicador (una sola vez, en cada situación).
        partes = [f"“{i['denominacion']}” {indicadores.resultado_en_frase(i, inf.lectura(i))}" for i in inds]
        texto = (f"{inicio}, promedio simple del avance de sus {cantidad(len(inds), 'm')} indicadores: "
                 + "; ".join(partes[:-1]) + "; y " + partes[-1] + ".")
    return _p(texto, *contexto)


def analisis_implementacion(inf: Informe, a: pd.Series) -> str:
    """Avance, presupuesto y comentario (implementacion_<AEI>.md) de una AEI (Markdown)."""
    primero, resto = comentarios.partir(inf.comentario("implementacion", a["codigo_aei"]))
    return "\n\n".join(x for x in (_p(esc(avance_aei(inf, a)), primero),
                                    esc(presupuesto.de_aei(inf.presupuesto_de(a["codigo_aei"]), inf.periodo_acumulado)),
                                    resto) if x)


def _nota_fuente(inf: Informe, ao: pd.Series) -> str:
    """Nota al pie con la fuente de la cifra de la AO (columna ``nota_fuente`` del plan) y el mes de corte."""
    clave = ao.get("nota_fuente")
    if ceplan.es_faltante(clave) or not clave:
        return ""
    return f"^[{esc(f'Fuente: {inf.norma(clave)} – {mes(formato.fecha_corte(inf.semestre))}.')}]"


def _meta_fisica(inf: Informe, ao: pd.Series, orden: int, tipo: tuple[str, str] | None) -> str:
    descripcion = "" if ceplan.es_faltante(ao["descripcion"]) else str(ao["descripcion"]).strip()
    cabeza = (f"**AO. {esc(ao['denominacion'])}**, {esc(cerrar(descripcion))}" if descripcion
              else f"**AO. {esc(cerrar(str(ao['denominacion'])))}**")
    resultado = esc(actividades.resultado(ao, orden))
    if resultado:
        resultado += _nota_fuente(inf, ao)
    detalle = _p(resultado, esc(actividades.desagregado(ao, inf.datos.medidos["ao_desagregado"])),
                 inf.comentario(ao["codigo_ao"]))
    return "\n\n".join(x for x in (_p(cabeza, esc(actividades.establecimientos(ao, tipo))), detalle) if x)


def _inversiones(inf: Informe, ao: pd.Series) -> str:
    m = inf.datos.medidos
    cuerpo = inversiones.texto(m["obras"], m["obras_hitos"], inf.comentario(ao["codigo_ao"]), inf.periodo_acumulado,
                               inversiones.ESTADOS[ao["presentacion"]],
                               actividades.complementos_por_cui(m["ao_desagregado"]))
    cuerpo = cuerpo or esc(f"En el {inf.periodo_acumulado} no se registraron inversiones en esta actividad.")
    return f"**AO. {esc(cerrar(str(ao['denominacion'])))}** " + cuerpo


def _mantenimientos(inf: Informe, ao: pd.Series) -> Bloque:
    t = inf.datos.medidos["mantenimientos"]
    id_ = etiqueta("tbl", ao["codigo_ao"])
    oracion = actividades.mantenimientos(calculo.conteo_mantenimientos(t), actividades.ESTADOS_MANTENIMIENTO,
                                         inf.periodo)
    texto = f"**AO. {esc(cerrar(str(ao['denominacion'])))}** {esc(oracion)}"
    if t.empty:
        return unir(texto, inf.comentario(ao["codigo_ao"]))
    return unir(f"{texto} El @{id_} detalla el servicio en cada establecimiento.",
                tablas.con_leyenda(tablas.cuadro_mantenimientos(t), "Mantenimientos preventivos y correctivos por "
                                   "estado, establecimiento penitenciario y servicio", id_),
                tablas.pie(), inf.comentario(ao["codigo_ao"]))


def _figura_actividades(inf: Informe, a: pd.Series, aos: pd.DataFrame) -> tuple[Bloque, str]:
    """Figura del avance de las AO de la AEI que tienen avance (calculado o reportado) y su referencia."""
    filas = [(f, calculo.avance_de_ao(f)) for _, f in aos.iterrows()]
    filas = [(f, x) for f, x in filas if x is not None]
    if not filas:
        return Bloque(), ""
    id_ = etiqueta("fig", "ao " + a["codigo_aei"])
    rotulos = [actividades.rotulo_figura(f, x) for f, x in filas]
    reportados = [ceplan.es_faltante(f["avance"]) for f, _ in filas]
    fig = graficos.avance_actividades([f["denominacion"] for f, _ in filas], [x for _, x in filas], rotulos,
                                      reportados, actividades.titulo_figura(pd.DataFrame([f for f, _ in filas]),
                                                                            inf.periodo))
    alt = (f"Barras horizontales, una por actividad operativa de la {a['codigo_aei']} con avance, que miden el "
           "porcentaje de su meta física; una línea discontinua marca el cien por ciento y cada barra lleva escrito "
           "lo ejecutado, lo programado y el avance.")
    leyenda = f"Avance de las Actividades Operativas Claves de la {a['codigo_aei']}"
    return unir(figura(fig, id_, leyenda, alt), tablas.pie(inf.fuente_poi)), f"@{id_}"


def actividades_de(inf: Informe, a: pd.Series, orden: int) -> Bloque:
    """Las AO claves de una AEI: su cuadro, la figura de su avance y un bloque por AO."""
    aos = inf.actividades[inf.actividades["codigo_aei"] == a["codigo_aei"]]
    if aos.empty:
        return Bloque(esc("La AEI no tiene Actividades Operativas Claves en el plan."))
    tabla = etiqueta("tbl", "ao " + a["codigo_aei"])
    fig, ref = _figura_actividades(inf, a, aos)
    intro = actividades.intro_cuadro(a["codigo_aei"], len(aos), f"@{tabla}", orden)
    intro += f"; la {ref} muestra el avance de las que lo tienen." if ref else "."
    tipo = TIPO_ESTABLECIMIENTO.get(a["tipo_establecimiento"]) if not ceplan.es_faltante(
        a["tipo_establecimiento"]) else None
    bloques = []
    for k, (_, ao) in enumerate(aos.iterrows()):
        presentacion = ao["presentacion"] if not ceplan.es_faltante(ao["presentacion"]) else "meta_fisica"
        if presentacion == "meta_fisica":
            bloques.append(_meta_fisica(inf, ao, orden + k, tipo))
        elif presentacion == "mantenimientos":
            bloques.append(_mantenimientos(inf, ao))
        else:
            bloques.append(_inversiones(inf, ao))
    return unir(intro, tablas.con_leyenda(tablas.cuadro_ao_claves(a, aos),
                                          f"Actividades Operativas Claves de la {a['codigo_aei']}", tabla),
                tablas.pie(), fig, *bloques)


def implementacion_aei(inf: Informe, a: pd.Series, orden: int) -> Bloque:
    """La sección de una AEI en §3.2: qué es, su avance y presupuesto, sus AO y los factores que influyeron."""
    codigo = a["codigo_aei"]
    titulo = f"#### {esc(codigo)} {esc(a['denominacion'])} {{#{etiqueta('sec', 'impl ' + codigo)}}}"
    ao = actividades_de(inf, a, orden) if a["priorizada"] or (inf.actividades["codigo_aei"] == codigo).any() else ""
    return unir(titulo, inf.texto_plan("definicion", codigo), analisis_implementacion(inf, a), ao,
                inf.comentario("factores", codigo))


def implementacion(inf: Informe, tabla_aei: pd.DataFrame) -> Bloque:
    """§3.2 para las AEI dadas (las priorizadas o las críticas), en el orden del plan."""
    return unir(*(implementacion_aei(inf, a, k) for k, (_, a) in enumerate(tabla_aei.iterrows())))


def apertura_criticas(inf: Informe) -> str:
    """Apertura del análisis de las AEI no priorizadas: cuáles son, de qué OEI y cuántas en nivel bajo (texto plano)."""
    t = inf.no_priorizadas
    if t.empty:
        return "Todas las AEI fueron priorizadas en esta evaluación; no hay AEI no priorizadas que analizar."
    bajo = len(calculo.aei_bajo_umbral(t))
    objetivos = inf.oei[inf.oei["codigo_oei"].isin(t["codigo_oei"])]
    oei = enumerar(f"al {o.codigo_oei} “{o.denominacion}”" for o in objetivos.itertuples())
    if len(t) == 1:
        return (f"Se analiza a continuación la AEI no priorizada ({t.iloc[0]['codigo_aei']}), correspondiente {oei}, "
                f"con su avance, su presupuesto y las actividades que se articulan a ella; "
                f"{'registra' if bajo else 'no registra'} un nivel de avance bajo.")
    return (f"Se analizan a continuación las {formato.en_letras(len(t), 'f')} AEI no priorizadas "
            f"({enumerar(t['codigo_aei'])}), correspondientes {oei}, con su avance, su presupuesto y las actividades "
            f"que se articulan a ellas; {cantidad(bajo)} de ellas {segun(bajo or 1, 'registra', 'registran')} un nivel "
            "de avance bajo.")


def recomendaciones_previas(inf: Informe) -> str:
    """Los párrafos de comentarios/recomendaciones_previas.md con el avance actual de las AEI que nombran."""
    texto = inf.comentario("recomendaciones_previas")
    if not texto:
        return esc(f"No se registró la aplicación de las recomendaciones de la evaluación anterior en el {inf.periodo}.")
    return recomendaciones.con_avances(texto, inf.aei, inf.periodo, numerar=False)
