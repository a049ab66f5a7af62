"""Las piezas de la redacción: gramática, plan, semáforo, presupuesto, recomendaciones, comentarios y
párrafos de los datos (redaccion/gramatica.py, plan.py, semaforo.py, presupuesto.py, recomendaciones.py,
comentarios.py, escape.parrafos).

Se prueban con las cifras del informe de referencia y con los casos que la referencia no trae (una
sola AEI, una banda vacía, sin dato), para que el texto no pueda contradecir al cuadro.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest

from inpe.calculo import ceplan, implementacion as calculo, resultados
from inpe.presentacion.informe import Informe
from inpe.redaccion import (
    comentarios,
    gramatica,
    plan,
    presupuesto,
    recomendaciones,
    semaforo,
)
from inpe.redaccion.escape import parrafos
from markdown_plano import plano
from referencia import AEI_PLAN, COMPROMISOS, NBSP, PERIODO, PRESUPUESTO

RAIZ = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def inf() -> Informe:
    return Informe.cargar("2024-S1", datos=RAIZ / "data")


# --- gramática ------------------------------------------------------------------------------------

def test_cantidades_en_letras_concuerdan():
    assert gramatica.cantidad(3) == "tres (03)" and gramatica.cantidad(1) == "una (01)"
    assert gramatica.cantidad(1, "m") == "un (01)" and gramatica.cantidad(21, "m") == "veintiún (21)"
    assert gramatica.cantidad(21) == "veintiuna (21)" and gramatica.cantidad(1000) == "mil (1,000)"
    # un conteo en cero ante sustantivo: «ninguna AEI», nunca «cero (00)»
    assert gramatica.cantidad(0) == "ninguna" and gramatica.cantidad(0, "m") == "ningún"
    assert gramatica.cantidad_pronominal(1) == "uno (01)" and gramatica.cantidad_pronominal(21) == "veintiuno (21)"
    assert gramatica.cantidad_pronominal(31) == "treinta y uno (31)"
    assert gramatica.cantidad_pronominal(1, "f") == "una (01)" and gramatica.cantidad_pronominal(4) == "cuatro (04)"


def test_cantidad_con_articulo():
    assert gramatica.cantidad_con_articulo(6, "AEI priorizada", "AEI priorizadas") == "las seis (06) AEI priorizadas"
    assert gramatica.cantidad_con_articulo(1, "AEI priorizada", "AEI priorizadas") == "una (01) AEI priorizada"
    assert gramatica.cantidad_con_articulo(0, "AEI priorizada", "AEI priorizadas") == "ninguna AEI priorizada"
    assert gramatica.cantidad_con_articulo(2, "objetivo", "objetivos", "m") == "los dos (02) objetivos"
    assert gramatica.cantidad_con_articulo(1, "objetivo", "objetivos", "m") == "un (01) objetivo"
    assert gramatica.cantidad_con_articulo(0, "objetivo", "objetivos", "m") == "ningún objetivo"


def test_enumeraciones():
    assert gramatica.enumerar(["a", "b", "c"]) == "a, b y c" and gramatica.enumerar(["a"]) == "a"
    assert gramatica.enumerar([]) == "" and gramatica.enumerar(["a", "b"], "o") == "a o b"
    assert gramatica.enumerar_con_punto_y_coma(["a, x", "b", "c"]) == "a, x; b; y c"
    assert gramatica.enumerar_con_punto_y_coma(["a"]) == "a" and gramatica.enumerar_con_punto_y_coma([]) == ""
    assert gramatica.lista(["a*", "b", "c"]) == r"a\*, b y c" and gramatica.lista(["solo"]) == "solo"


def test_concordancia_y_variedad():
    assert gramatica.segun(1, "registra", "registran") == "registra" and gramatica.segun(0, "a", "b") == "b"
    assert gramatica.segun(1.0, "a", "b") == "a" and gramatica.segun(2, "a", "b") == "b"
    # en ronda y sin azar: el mismo lugar da la misma forma; lugares seguidos, formas distintas
    assert [gramatica.variante(i, "a", "b", "c") for i in range(5)] == ["a", "b", "c", "a", "b"]


def test_fechas_en_es_pe():
    assert gramatica.fecha("2024-06-30") == "30 de junio de 2024"
    assert gramatica.fecha("2024-09-06") == "6 de setiembre de 2024"  # es_PE
    assert gramatica.mes("2024-03") == "marzo de 2024" and gramatica.mes("2024-06-30") == "junio de 2024"


@pytest.mark.parametrize("texto, esperado", [
    ("Participaron en talleres", "participaron en talleres"),
    ("EP Puno: aforo", "EP Puno: aforo"),          # sigla: no "eP Puno"
    ("PADIN de la Subdirección", "PADIN de la Subdirección"),
    ("A los internos", "a los internos"),
    ("Ánimo", "ánimo"),
    ("X", "x"),
    ("", ""),
])
def test_minuscula_inicial_respeta_las_siglas(texto, esperado):
    assert gramatica.minuscula_inicial(texto) == esperado


def test_mayuscula_inicial_y_cierre_de_oracion():
    assert gramatica.mayuscula_inicial("ánimo") == "Ánimo" and gramatica.mayuscula_inicial("") == ""
    assert [gramatica.cerrar(t) for t in ("hola", "hola.", " hola: ", "", "¿sí?", "etc…")] == [
        "hola.", "hola.", "hola:", "", "¿sí?", "etc…"]


# --- párrafos de los datos y comentarios ------------------------------------------------------------------

def test_parrafos_de_un_csv_quedan_literales():
    texto = "Primer *párrafo*\ncon dos líneas.\n\n1. No es una lista\n\n- tampoco esto\n\n  \n"
    assert parrafos(texto) == "Primer \\*párrafo\\* con dos líneas\\.\n\n1\\. No es una lista\n\n\\- tampoco esto"


@pytest.mark.parametrize("texto, esperado", [
    ("(1) Primera medida", "\\(1\\) Primera medida"),
    ("a) Primera medida", "a\\) Primera medida"),
    ("i. Primera medida", "i\\. Primera medida"),
    ("(a) Primera medida", "\\(a\\) Primera medida"),
    ("iv) Cuarta medida", "iv\\) Cuarta medida"),
    ("1) Primera medida", "1\\) Primera medida"),
    ("+ Otra", "\\+ Otra"),
    ("EP Puno. Sin marca", "EP Puno\\. Sin marca"),
    ("A los internos", "A los internos"),
])
def test_parrafos_no_abren_listas_con_otras_marcas(texto, esperado):
    import pypandoc

    md = parrafos(texto)
    assert md == esperado
    html = pypandoc.convert_text(md, "html5", format="markdown")
    assert "<ol" not in html and "<ul" not in html and html.strip().startswith("<p>")


def test_comentarios_en_parrafos():
    assert comentarios.parrafos(" a \n\n\n b ") == ["a", "b"] and comentarios.parrafos("") == []
    assert comentarios.partir("") == ("", "")
    assert comentarios.partir("a\n\n b \n\n\nc") == ("a", "b\n\nc")


def test_notas_por_cui():
    notas, otras = comentarios.notas_por_cui("- CUI 2159429 (EP Puno): se culminó el saldo de obra\n"
                                             "- CUI 1 y CUI 2: nota común.\nLínea libre.\n* CUI 3: \n- sin cui: texto")
    assert notas == {"2159429": "Se culminó el saldo de obra.", "1": "Nota común.", "2": "Nota común."}
    assert otras == ["Línea libre.", "CUI 3:", "sin cui: texto"]  # nada se pierde


def test_codigos_mencionados_en_orden_y_enteros():
    assert comentarios.codigos_mencionados("AEI.01.010 no es AEI.01.01", ["AEI.01.01"]) == ["AEI.01.01"]
    assert comentarios.codigos_mencionados("Sobre AEI.01.03 y AEI.01.01.", ["AEI.01.01", "AEI.01.03"]) == [
        "AEI.01.03", "AEI.01.01"]
    assert comentarios.codigos_mencionados("IND.01.AEI.01.01 no nombra la AEI", ["AEI.01.01"]) == []


# --- el plan --------------------------------------------------------------------------------------------

def test_nota_al_pie():
    assert plano(plan.nota_al_pie("Resolución Presidencial N° 104-2024-INPE/P",
                                  "Aprueba el Plan Estratégico Institucional (PEI) 2019-2027 Ampliado")) == (
        "Resolución Presidencial N° 104-2024-INPE/P, que aprueba el Plan Estratégico Institucional (PEI) 2019-2027 "
        "Ampliado.")
    assert plan.nota_al_pie("PADIN", "Fuente de la cifra.") == "PADIN. Fuente de la cifra."
    assert plan.nota_al_pie("Norma_x", "aprueba [algo]") == r"Norma\_x, que aprueba \[algo\]."


def test_alcance_y_priorizacion(inf):
    assert plan.alcance_oei(inf.oei, inf.aei) == (
        "un (01) Objetivo Estratégico Institucional (OEI) de tipo I y dos (02) de tipo II; a su vez, identifica "
        "once (11) Acciones Estratégicas Institucionales (AEI)")
    assert plano(plan.priorizacion(inf.oei, inf.aei)) == (
        "se priorizaron las seis (06) Acciones Estratégicas Institucionales vinculadas al OEI.01 “Contar con las "
        "condiciones favorables para desarrollar las competencias prosociales de la población penitenciaria”, "
        "objetivo misional (tipo I)")
    assert plan.priorizacion(inf.oei, inf.aei.assign(priorizada=False)) == (
        "no se priorizaron Acciones Estratégicas Institucionales")
    una = inf.aei.assign(priorizada=inf.aei["codigo_aei"] == "AEI.01.01")
    assert plano(plan.priorizacion(inf.oei, una)).startswith(
        "se priorizó una (01) Acción Estratégica Institucional vinculada al OEI.01 “Contar")
    dos_oei = inf.aei.assign(priorizada=inf.aei["codigo_aei"].isin(["AEI.01.01", "AEI.02.01"]))
    assert plano(plan.priorizacion(inf.oei, dos_oei)).endswith(
        "vinculadas a los OEI.01 “Contar con las condiciones favorables para desarrollar las competencias prosociales "
        "de la población penitenciaria”, objetivo misional (tipo I) y OEI.02 “Fortalecer la gestión institucional”")


def test_alcance_con_un_objetivo_de_cada_tipo(inf):
    # Tras el primero el sustantivo se elide: «y uno (01) de tipo II», no «y un (01) de tipo II».
    assert plan.alcance_oei(inf.oei.iloc[:2], inf.aei.iloc[:1]) == (
        "un (01) Objetivo Estratégico Institucional (OEI) de tipo I y uno (01) de tipo II; a su vez, identifica "
        "una (01) Acción Estratégica Institucional (AEI)")
    assert plan.alcance_oei(inf.oei.iloc[1:], inf.aei).startswith(
        "dos (02) Objetivos Estratégicos Institucionales (OEI) de tipo II;")


def test_los_nombres_del_plan_se_escapan(inf):
    oei = inf.oei.assign(denominacion=["Contar *con* <b>", "b", "c"])
    assert r"OEI.01 “Contar \*con\* \<b\>”" in plan.priorizacion(oei, inf.aei)


# --- semáforo -------------------------------------------------------------------------------------------

def test_bandas_salen_de_los_umbrales_de_ceplan():
    assert semaforo.bandas() == {"Alto": "alto (95% o más)", "Medio": "medio (de 75% a menos de 95%)",
                                 "Bajo": "bajo (menos de 75%)"}
    assert (ceplan.UMBRAL_MEDIO, ceplan.UMBRAL_ALTO) == (75.0, 95.0)


def test_conteo_semaforo(inf):
    assert semaforo.conteo(inf.semaforo) == (
        "de las once (11) AEI, tres (03) presentan un nivel de avance alto (95% o más), una (01) presenta un nivel "
        "de avance medio (de 75% a menos de 95%) y siete (07) presentan un nivel de avance bajo (menos de 75%)")
    sin_medio = semaforo.conteo({"Bajo": 8, "Medio": 0, "Alto": 3, "Total": 11})
    assert "ninguna presenta un nivel de avance medio" in sin_medio
    una = semaforo.conteo({"Bajo": 0, "Medio": 0, "Alto": 1, "Total": 1})
    assert una.startswith("de la única AEI, una (01) presenta un nivel de avance alto") and "las una" not in una


def test_aei_por_nivel_no_contradice_al_cuadro(inf):
    assert semaforo.por_nivel(resultados.aei_por_nivel(inf.aei)) == (
        "tres (03) alcanzaron un nivel de avance alto: AEI.01.01 (100.00%), AEI.01.02 (100.00%) y AEI.01.06 (100.00%); "
        "una (01) alcanzó un nivel de avance medio: AEI.02.03 (84.91%); y siete (07) alcanzaron un nivel de avance "
        "bajo: AEI.01.03 (2.45%), AEI.01.04 (69.31%), AEI.01.05 (32.58%), AEI.02.01 (6.00%), AEI.02.02 (0.00%), "
        "AEI.02.04 (27.33%) y AEI.03.01 (0.00%)")
    sin_medio = resultados.aei_por_nivel(inf.aei[inf.aei["semaforo"] != "Medio"])
    assert "; ninguna alcanzó un nivel de avance medio;" in semaforo.por_nivel(sin_medio)


def test_niveles_de_las_aei_no_priorizadas_por_objetivo(inf):
    assert plano(semaforo.no_priorizadas(inf.no_priorizadas, inf.oei)) == (
        "En cuanto a las AEI no priorizadas en esta evaluación, de las cuatro (04) AEI del OEI.02 “Fortalecer la "
        "gestión institucional”, una (01) presenta un nivel de avance medio (AEI.02.03) y tres (03), un nivel de "
        "avance bajo (AEI.02.01, AEI.02.02 y AEI.02.04); y la AEI.03.01, del OEI.03 “Implementar la gestión interna de "
        "riesgo de desastres”, presenta un nivel de avance bajo.")
    # cada OEI con su nombre: las AEI del OEI.03 no son «de gestión institucional»
    assert plano(semaforo.no_priorizadas(inf.no_priorizadas.iloc[:1], inf.oei)) == (
        "En cuanto a las AEI no priorizadas en esta evaluación, la AEI.02.01, del OEI.02 “Fortalecer la gestión "
        "institucional”, presenta un nivel de avance bajo.")
    assert semaforo.no_priorizadas(inf.no_priorizadas.iloc[0:0], inf.oei) == ""  # sin «…evaluación, .»


def test_indicadores_sin_meta(inf):
    sin = resultados.indicadores_sin_meta(inf.indicadores)
    assert semaforo.sin_meta(sin, 2024) == (
        "Del total, dos (02) indicadores no cuentan con logro esperado para 2024 (su meta es cero): IND.02.AEI.01.03 y "
        "IND.01.AEI.02.02; por la regla de CEPLAN, su avance se registra en 0.00%, lo que incide en el nivel de avance "
        "de las AEI.01.03 y AEI.02.02.")
    assert semaforo.sin_meta(sin.iloc[:1], 2024) == (
        "Del total, un (01) indicador no cuenta con logro esperado para 2024 (su meta es cero): IND.02.AEI.01.03; por "
        "la regla de CEPLAN, su avance se registra en 0.00%, lo que incide en el nivel de avance de la AEI.01.03.")
    assert semaforo.sin_meta(sin.iloc[0:0], 2024) == "Todos los indicadores cuentan con logro esperado para 2024."


# --- presupuesto ------------------------------------------------------------------------------------------

def test_presupuesto_del_pliego(inf):
    pliego = inf.presupuesto_de("PLIEGO")
    assert presupuesto.pliego(pliego, PERIODO) == (
        f"el Presupuesto Institucional Modificado (PIM) asciende a S/{NBSP}897,215,339.55; en el primer semestre de "
        f"2024 se devengó S/{NBSP}414,490,061.35, una ejecución de 46.2%.")
    assert presupuesto.conclusion_pliego(pliego, PERIODO) == (
        f"En el primer semestre de 2024, el pliego ejecutó el 46.2% de su presupuesto: un devengado de "
        f"S/{NBSP}414,490,061.35 de un Presupuesto Institucional Modificado (PIM) de S/{NBSP}897,215,339.55.")
    assert "987" not in presupuesto.conclusion_pliego(pliego, PERIODO)  # la cifra inconsistente de la referencia
    assert presupuesto.pliego(None, PERIODO) == "no se dispone de la información presupuestal del pliego."
    assert presupuesto.conclusion_pliego(None, PERIODO) == "No se dispone de la información presupuestal del pliego."


@pytest.mark.parametrize("codigo, ejecucion", [
    ("AEI.01.01", "45.3%"), ("AEI.01.02", "45.8%"), ("AEI.01.03", "35.2%"), ("AEI.01.04", "44.9%"),
    ("AEI.01.05", "35.8%"), ("AEI.01.06", "53.0%"), ("AEI.02.01", "45.7%"), ("AEI.02.02", "42.4%"),
    ("AEI.02.03", "44.5%"), ("AEI.02.04", "52.7%"),
])
def test_ejecucion_presupuestal_por_aei_de_la_referencia(codigo, ejecucion):
    fila = PRESUPUESTO[PRESUPUESTO["ambito"] == codigo].iloc[0]
    assert presupuesto.de_aei(fila, PERIODO).endswith(f"en el primer semestre de 2024: una ejecución presupuestal de "
                                                      f"{ejecucion}.")


def test_presupuesto_de_una_aei_con_montos_y_sin_fila():
    fila = PRESUPUESTO[PRESUPUESTO["ambito"] == "AEI.01.01"].iloc[0]
    assert presupuesto.de_aei(fila, PERIODO) == (
        f"La AEI cuenta con un Presupuesto Institucional Modificado (PIM) de S/{NBSP}57,738,908.35, del que devengó "
        f"S/{NBSP}26,162,323.98 en el primer semestre de 2024: una ejecución presupuestal de 45.3%.")
    sin = presupuesto.de_aei(None, PERIODO)
    assert sin == ("Para esta AEI no se reportó Presupuesto Institucional Modificado (PIM) ni devengado en el primer "
                   "semestre de 2024.")
    assert not re.search(r"\d", sin.replace("2024", ""))  # un monto no reportado no se rellena con cero
    sin_devengado = presupuesto.de_aei(pd.Series({"pim": 100.0, "devengado": float("nan")}), PERIODO)
    assert sin_devengado.endswith("; no se reportó su devengado del primer semestre de 2024.")


def test_rango_de_ejecucion_y_titulo_de_la_figura():
    t = calculo.presupuesto_por_aei(AEI_PLAN, PRESUPUESTO)
    assert presupuesto.rango(t) == (
        "la ejecución por AEI va de 35.2% (AEI.01.03) a 53.0% (AEI.01.06); la AEI.03.01 no reporta presupuesto")
    assert presupuesto.rango(t.iloc[10:]) == "ninguna AEI reportó presupuesto"
    dos_sin = t.assign(ejecucion=[*t["ejecucion"][:9], float("nan"), float("nan")])
    assert presupuesto.rango(dos_sin).endswith("; las AEI.02.04 y AEI.03.01 no reportan presupuesto")
    pliego = PRESUPUESTO.iloc[0]
    assert presupuesto.titulo_figura(t, pliego, PERIODO) == (
        "En el primer semestre de 2024, el pliego ejecutó el 46.2% de su PIM; por AEI, de 35.2% (AEI.01.03) a 53.0% "
        "(AEI.01.06)")
    assert presupuesto.titulo_figura(t, None, PERIODO) == (
        "Ejecución presupuestal en el primer semestre de 2024; por AEI, de 35.2% (AEI.01.03) a 53.0% (AEI.01.06)")
    assert presupuesto.titulo_figura(t.iloc[10:], None, PERIODO) == (
        "Ejecución presupuestal en el primer semestre de 2024")


# --- recomendaciones y compromisos ------------------------------------------------------------------------

def test_aei_en_nivel_bajo_de_la_referencia_y_con_una_o_ninguna():
    assert recomendaciones.aei_en_nivel_bajo(AEI_PLAN, PERIODO) == (
        "En el primer semestre de 2024, siete (07) de las once (11) AEI registran un nivel de avance bajo "
        "(menos de 75% de su logro esperado):")
    assert recomendaciones.aei_en_nivel_bajo(AEI_PLAN.iloc[[2, 0]], PERIODO) == (
        "En el primer semestre de 2024, una (01) de las dos (02) AEI registra un nivel de avance bajo "
        "(menos de 75% de su logro esperado):")
    assert recomendaciones.aei_en_nivel_bajo(AEI_PLAN.iloc[[2]], PERIODO) == (
        "En el primer semestre de 2024, la única AEI registra un nivel de avance bajo (menos de 75% de su logro "
        "esperado):")
    assert recomendaciones.aei_en_nivel_bajo(AEI_PLAN[AEI_PLAN["avance"] >= 75], PERIODO) == (
        "En el primer semestre de 2024, ninguna AEI registra un nivel de avance bajo (menos de 75% de su logro "
        "esperado).")


def test_lista_de_aei_en_nivel_bajo():
    lineas = plano(recomendaciones.lista_aei(calculo.aei_bajo_umbral(AEI_PLAN))).splitlines()
    assert lineas[0] == "- AEI.01.03 Acción 2 (avance: 2.45%)" and len(lineas) == 7
    assert lineas[-1] == "- AEI.03.01 Acción 10 (avance: 0.00%)"


def test_recomendaciones_numeradas_con_el_avance_de_la_aei_que_nombran():
    texto = plano(recomendaciones.con_avances("Primera, general.\n\nPara la AEI.01.04, más seguridad.\n\n"
                                              "Sobre AEI.01.03 y AEI.01.01.", AEI_PLAN, PERIODO))
    assert texto.splitlines() == [
        "1. Primera, general.",
        "2. Para la AEI.01.04, más seguridad. *(Avance de la AEI.01.04 en el primer semestre de 2024: 69.31%, nivel "
        "bajo.)*",
        "3. Sobre AEI.01.03 y AEI.01.01. *(Avance en el primer semestre de 2024: AEI.01.03, 2.45%, nivel bajo; "
        "AEI.01.01, 100.00%, nivel alto.)*"]


def test_recomendaciones_previas_sin_numerar():
    texto = plano(recomendaciones.con_avances("Primera.\n\nPara la AEI.01.04.", AEI_PLAN, PERIODO, numerar=False))
    assert texto == ("Primera.\n\nPara la AEI.01.04. *(Avance de la AEI.01.04 en el primer semestre de 2024: 69.31%, "
                     "nivel bajo.)*")


def test_resumen_y_oracion_de_compromisos():
    r = calculo.resumen_compromisos(COMPROMISOS)
    # Las acciones clave son las viñetas de cada compromiso: el primero tiene dos.
    assert (r["aspectos"], r["compromisos"], r["acciones"], r["por_estado"]) == (3, 5, 6, {"En proceso": 5})
    assert r["plazo_maximo"] == pd.Timestamp("2025-06-30")
    assert recomendaciones.compromisos(COMPROMISOS) == (
        "La matriz registra tres (03) aspectos de mejora, con cinco (05) compromisos y seis (06) acciones clave; "
        "todos se encuentran en estado “En proceso”, con plazos hasta el 30 de junio de 2025.")
    mixto = COMPROMISOS.assign(estado=["En proceso"] * 4 + ["Cumplido"])
    assert "por estado de cumplimiento, cuatro (04) en estado “En proceso” y uno (01) en estado “Cumplido”" in \
        recomendaciones.compromisos(mixto)
    una = COMPROMISOS.iloc[1:2].assign(plazo=[None])
    assert recomendaciones.compromisos(una) == (
        "La matriz registra un (01) aspecto de mejora, con un (01) compromiso y una (01) acción clave; este se "
        "encuentra en estado “En proceso”.")
    assert recomendaciones.compromisos(COMPROMISOS.iloc[0:0]) == "La matriz no registra compromisos para el periodo."


def test_un_nivel_alto_a_mitad_de_anio_lleva_su_salvedad():
    assert semaforo.alto_a_mitad_de_anio([]) == ""
    assert semaforo.alto_a_mitad_de_anio(["AEI.01.06"]) == (
        "El nivel alto de la AEI.01.06 es el que registra la regla de CEPLAN a mitad de año: su indicador suma a lo "
        "largo del año, y el resultado del año dependerá del segundo semestre.")
    assert semaforo.alto_a_mitad_de_anio(["AEI.01.06", "AEI.02.01"]).startswith(
        "El nivel alto de las AEI.01.06 y AEI.02.01 es el que registra la regla de CEPLAN a mitad de año: sus "
        "indicadores suman")
