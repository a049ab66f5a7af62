"""Las partes del informe que salen del plan (presentacion/secciones.py), compuestas con los datos reales
del primer semestre de 2024 (``Informe.cargar("2024-S1")``): cada indicador y cada AEI del plan tiene su
bloque y su etiqueta, las referencias cruzadas se resuelven, no queda nada sin resolver en el texto y las
cifras son las del informe de referencia.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from inpe.presentacion import secciones
from inpe.presentacion.figuras import CARPETA, etiqueta
from inpe.presentacion.informe import Informe
from inpe.publicacion.ejecucion import EXPRESION_EN_LINEA
from inpe.publicacion.render import opciones_de_celda
from inpe.redaccion import comentarios
from markdown_plano import plano
from referencia import NBSP

RAIZ = Path(__file__).resolve().parents[1]
PLAN_INDICADORES = pd.read_csv(RAIZ / "data/plan/indicadores.csv", dtype=str)
PLAN_AEI = pd.read_csv(RAIZ / "data/plan/aei.csv", dtype=str).sort_values("orden", key=lambda s: s.astype(int))
PLAN_AO = pd.read_csv(RAIZ / "data/plan/actividades_operativas.csv", dtype=str)


@pytest.fixture(scope="module")
def inf() -> Informe:
    return Informe.cargar("2024-S1", datos=RAIZ / "data")


@pytest.fixture(scope="module")
def partes(inf) -> dict:
    """Cada parte generada, como la piden los cuadernos (Markdown, o un Bloque con sus figuras)."""
    return {
        "analisis": secciones.analisis_aei(inf),
        "priorizadas": secciones.implementacion(inf, inf.priorizadas),
        "criticas": secciones.implementacion(inf, inf.no_priorizadas),
        "resumen": secciones.resumen_priorizadas(inf),
        "conclusiones": secciones.conclusiones(inf),
        "apertura": secciones.apertura_criticas(inf),
        "previas": secciones.recomendaciones_previas(inf),
    }


def _md(parte) -> str:
    return parte if isinstance(parte, str) else parte.texto


@pytest.fixture(scope="module")
def todo(partes) -> str:
    return "\n\n".join(_md(p) for p in partes.values())


def _con_aei(inf: Informe, **cambios) -> Informe:
    """Una copia del informe con la tabla de AEI cambiada (priorizadas, denominaciones)."""
    otro = dataclasses.replace(inf)
    otro.__dict__["aei"] = inf.aei.assign(**cambios)
    return otro


def _con_medidos(inf: Informe, **tablas) -> Informe:
    return dataclasses.replace(inf, datos=dataclasses.replace(inf.datos, medidos={**inf.datos.medidos, **tablas}))


# --- cada pieza del plan tiene su bloque y su etiqueta -------------------------------------------------

def test_cada_indicador_del_plan_tiene_su_bloque_y_su_figura_en_3_1(partes):
    bloque = partes["analisis"]
    md = bloque.texto
    assert len(PLAN_INDICADORES) == 12
    for _, ind in PLAN_INDICADORES.iterrows():
        id_ = etiqueta("fig", ind["codigo_indicador"])
        assert md.count(f"{{#{id_} ") == 1, id_
        assert f"@{id_}" in md, f"la figura {id_} no se presenta en el texto"
        assert bloque.figuras[f"{CARPETA}/{id_}.svg"].startswith(b"<?xml")
        assert f"**Indicador:** {ind['denominacion']}" in plano(md)


def test_cada_indicador_va_en_la_seccion_de_su_aei(partes):
    md = partes["analisis"].texto
    posiciones = [md.index(f"{{#{etiqueta('sec', a)}}}") for a in PLAN_AEI["codigo_aei"]]
    assert posiciones == sorted(posiciones), "las AEI van en el orden del plan"
    limites = dict(zip(PLAN_AEI["codigo_aei"], zip(posiciones, [*posiciones[1:], len(md)])))
    for _, ind in PLAN_INDICADORES.iterrows():
        desde, hasta = limites[ind["codigo_aei"]]
        assert desde < md.index(f"{{#{etiqueta('fig', ind['codigo_indicador'])} ") < hasta, ind["codigo_indicador"]


def test_cada_aei_tiene_su_seccion_en_3_1_y_en_3_2(partes):
    analisis = partes["analisis"].texto
    implementacion = partes["priorizadas"].texto + partes["criticas"].texto
    for _, a in PLAN_AEI.iterrows():
        assert analisis.count(f"{{#{etiqueta('sec', a['codigo_aei'])}}}") == 1, a["codigo_aei"]
        assert implementacion.count(f"{{#{etiqueta('sec', 'impl ' + a['codigo_aei'])}}}") == 1, a["codigo_aei"]
        assert f"Acción Estratégica Institucional {a['codigo_aei']} {a['denominacion']}" in plano(analisis)


def test_las_priorizadas_con_ao_tienen_su_cuadro_y_su_figura(inf, partes):
    md = partes["priorizadas"].texto
    priorizadas = PLAN_AEI[PLAN_AEI["priorizada"] == "si"]["codigo_aei"]
    assert len(priorizadas) == 6
    for codigo in priorizadas:
        aos = inf.actividades[inf.actividades["codigo_aei"] == codigo]
        tabla = etiqueta("tbl", "ao " + codigo)
        assert (f"{{#{tabla}}}" in md and f"@{tabla}" in md) == (not aos.empty), codigo
        con_avance = aos["avance"].notna() | aos["avance_reportado"].notna()
        assert (f"{{#{etiqueta('fig', 'ao ' + codigo)} " in md) == bool(con_avance.any()), codigo
        for den in PLAN_AO[PLAN_AO["codigo_aei"] == codigo]["denominacion"]:
            assert f"**AO. {den}" in plano(md), den
    # la AEI.01.03 no tiene AO con meta ni avance reportado: cuadro sí, figura no, y la intro no la anuncia
    assert "{#tbl-ao-aei-01-03}" in md and "fig-ao-aei-01-03" not in md
    assert "{#tbl-ao-01-03-03}" in md and "@tbl-ao-01-03-03" in md  # los mantenimientos, en su cuadro


def test_etiquetas_unicas_tambien_frente_a_los_cuadernos(partes, todo):
    generadas = re.findall(r"\{#((?:sec|fig|tbl)-[\w-]+)", todo)
    assert len(generadas) == len(set(generadas)), sorted({e for e in generadas if generadas.count(e) > 1})
    de_cuadernos = []
    for ruta in sorted((RAIZ / "notebooks").glob("*.ipynb")):
        for celda in nbformat.read(ruta, as_version=4).cells:
            if celda.cell_type == "code":
                de_cuadernos += [e for e in [opciones_de_celda(celda.source).opciones.get("label")] if e]
                # las figuras que el código compone como Markdown: figura(..., "fig-presupuesto-aei", ...)
                de_cuadernos += re.findall(r"[\"']((?:sec|fig|tbl)-[\w-]*\w)[\"']", celda.source)
            elif celda.cell_type == "markdown":
                de_cuadernos += re.findall(r"\{#((?:sec|fig|tbl)-[\w-]+)", celda.source)
    assert {"tbl-semaforizacion", "fig-presupuesto-aei", "sec-implementacion"} <= set(de_cuadernos)
    assert not set(generadas) & set(de_cuadernos)


def test_las_referencias_cruzadas_se_resuelven(partes, todo):
    etiquetas = set(re.findall(r"\{#((?:sec|fig|tbl)-[\w-]+)", todo))
    referencias = set(re.findall(r"@((?:sec|fig|tbl)-[\w-]+)", todo))
    assert referencias and referencias <= etiquetas, sorted(referencias - etiquetas)
    # y cada figura que se dibuja se nombra en el texto
    figuras = {Path(k).stem for p in partes.values() if not isinstance(p, str) for k in p.figuras}
    assert figuras and figuras <= referencias, sorted(figuras - referencias)


# --- nada sin resolver en el texto --------------------------------------------------------------------

_CONSTRUCCIONES = re.compile(r"\{#(?:sec|fig|tbl)-[\w-]+(?: [^}]*)?\}|\{=typst\}|\{\.fuente\}")


def _prosa(md: str) -> list[str]:
    """Las líneas de texto (sin cuadros ni bloques de Typst), leídas como el lector."""
    return [plano(l) for l in _CONSTRUCCIONES.sub(" ", md).splitlines()
            if l.strip() and not l.lstrip().startswith(("|", "+", "```", "#fuente", "]", ":::"))]


@pytest.mark.parametrize("nombre", ["analisis", "priorizadas", "criticas", "resumen", "conclusiones", "apertura",
                                    "previas"])
def test_el_texto_no_trae_restos_sin_resolver(partes, nombre):
    md = _md(partes[nombre])
    assert md.strip()
    limpio = _CONSTRUCCIONES.sub(" ", md)
    assert "{" not in limpio and "}" not in limpio, re.findall(r".{40}[{}].{40}", limpio)
    assert not EXPRESION_EN_LINEA.search(md)
    for linea in _prosa(md):
        assert not re.search(r"\b(nan|NaN|None|NaT|<NA>|null)\b", linea), linea
        assert "—" not in linea, linea  # «—» es de los cuadros; el texto dice que el dato no se reportó
        assert not re.search(r"semestre (19|20)\d\d|I Sem\b|Al primer semestre", linea), linea  # guía de estilo
        assert not re.search(r"\s[,.;:]|[,;:]\.|\.\.(?!\.)|::|,,|\b(de|a) el\b", linea), linea
        assert not re.search(r"\S {2,}\S", linea), linea
        assert not re.search(r"\b(\w+) \1\b", linea.lower()), linea  # «de de», «la la»
        assert not re.search(r'[«»"]', linea), linea  # comillas: siempre “ ” (guía de estilo)


# --- las cifras del informe de referencia ----------------------------------------------------------------

def test_cifras_de_referencia_en_3_1(partes):
    texto = plano(partes["analisis"].texto)
    for cifra in ("97,664 personas privadas de libertad", "51,450 (53%)", "39,868", "40.82%", "46,214",
                  "432 unidades de albergue construidas", "1,231 profesionales", "101 actos violentos",
                  "El 57% de ellos (58)", "90 establecimientos", "3,237 unidades de albergue"):
        assert cifra in texto, cifra


def test_la_explicacion_llega_entera_a_la_seccion(inf, partes):
    texto = plano(partes["analisis"].texto)
    for _, ind in inf.indicadores.iterrows():
        exp = inf.explicacion(ind)
        for parte in (exp.antes, exp.despues):
            assert parte in texto, (ind["codigo_indicador"], parte[:60])


def test_nota_de_series_con_un_solo_semestre(inf, partes):
    nota = secciones.nota_de_series(inf)
    assert nota.startswith("Las series de todos los indicadores empiezan en el primer semestre de 2024")
    texto = plano(partes["analisis"].texto)
    assert "La serie del indicador empieza" not in texto and "Evolución del" not in texto  # no se repite ni se dibuja


def test_resumen_ejecutivo_un_parrafo_por_priorizada(inf, partes):
    parrafos = plano(partes["resumen"]).split("\n\n")
    assert len(parrafos) == len(inf.priorizadas) == 6
    for k, (p, codigo) in enumerate(zip(parrafos, inf.priorizadas["codigo_aei"])):
        assert p.startswith(f"{secciones.APERTURAS[k % 4]} la {codigo} “"), p[:60]
    assert parrafos[0] == (
        "Respecto a la AEI.01.01 “Tratamiento integral para la población de los establecimientos penitenciarios”, cuyo "
        "indicador es “Porcentaje de población penitenciaria intramuros incorporada a actividades de tratamiento con "
        "evaluación favorable”: de las 97,664 personas privadas de libertad de la población intramuros, 51,450 "
        "recibieron la evaluación semestral y 39,868 obtuvieron una evaluación favorable. Esto representa un valor "
        "obtenido de 40.82%, superior al logro esperado para 2024 (16.00%), con un avance de 100.00%, nivel alto.")


def test_conclusiones_numeradas(inf, partes):
    items = plano(partes["conclusiones"]).split("\n\n")
    assert [int(i.split(".", 1)[0]) for i in items] == list(range(1, 2 + len(inf.priorizadas) + 2))
    assert items[0].startswith("1. En el primer semestre de 2024, de las Acciones Estratégicas Institucionales, tres "
                               "(03) alcanzaron un nivel de avance alto")
    assert items[1] == (f"2. En el primer semestre de 2024, el pliego ejecutó el 46.2% de su presupuesto: un devengado "
                        f"de S/{NBSP}414,490,061.35 de un Presupuesto Institucional Modificado (PIM) de "
                        f"S/{NBSP}897,215,339.55.")
    assert items[-1].startswith(f"{len(items)}. El Plan Estratégico Institucional")  # el comentario conclusion_pei


def test_conclusion_de_una_aei(partes):
    items = {i.split(" la ", 1)[1][:9]: i for i in plano(partes["conclusiones"]).split("\n\n")[2:-1]}
    assert items["AEI.01.04"] == (
        "6. Respecto a la AEI.01.04 “Seguridad integral en los establecimientos penitenciarios, de medio libre y "
        "dependencias conexas”, cuyo indicador es “Número de actos violentos ocurridos en los establecimientos "
        "penitenciarios”: se registraron 101 actos violentos al interior de los establecimientos penitenciarios, el "
        "57% de ellos (58) en los establecimientos de las oficinas regionales de Chiclayo (33) y Lima (25). Esto "
        "representa un valor obtenido de 101, ya por encima del máximo esperado para 2024 (70) en un indicador que "
        "debe disminuir, con un avance de 69.31%, nivel bajo.")
    dos = items["AEI.01.03"]
    assert ", de sus dos (02) indicadores, “Número de unidades de albergue construidos” (" in dos
    assert "registró un valor de 432, el 4.90% del logro esperado para todo 2024 (8,824)" in dos
    assert "; y “Número de establecimientos de medio libre construidos o intervenidos” (" in dos
    assert dos.endswith("En conjunto, la AEI registra un avance de 2.45% (nivel bajo).")


def test_los_nombres_de_los_datos_se_escapan_en_el_resumen_y_las_conclusiones(inf):
    otro = _con_aei(inf, denominacion=inf.aei["denominacion"].where(inf.aei["codigo_aei"] != "AEI.01.04",
                                                                    "Seguridad *total* <b>"))
    for md in (secciones.resumen_priorizadas(otro), secciones.conclusiones(otro)):
        assert r"“Seguridad \*total\* \<b\>”" in md and "*total*" not in md


# --- §3.2: avance, presupuesto y comentario de cada AEI ------------------------------------------------------

def test_avance_de_la_aei_con_un_indicador(inf):
    assert secciones.avance_aei(inf, inf.accion("AEI.01.01")) == (
        "En el primer semestre de 2024, la AEI registra un avance de 100.00% (nivel alto): su indicador “Porcentaje de "
        "población penitenciaria intramuros incorporada a actividades de tratamiento con evaluación favorable” "
        "registró un valor de 40.82%, superior al logro esperado para 2024 (16.00%). De las 97,664 personas privadas "
        "de libertad de la población intramuros, 51,450 recibieron la evaluación semestral y 39,868 obtuvieron una "
        "evaluación favorable.")
    actos = secciones.avance_aei(inf, inf.accion("AEI.01.04"))
    assert actos.startswith("En el primer semestre de 2024, la AEI registra un avance de 69.31% (nivel bajo): su "
                            "indicador “Número de actos violentos ocurridos en los establecimientos penitenciarios” "
                            "registró un valor de 101, ya por encima del máximo esperado para 2024 (70) en un "
                            "indicador que debe disminuir. Se registraron 101 actos violentos")
    sin_valor = secciones.avance_aei(inf, inf.accion("AEI.03.01"))
    assert "no reportó valor obtenido frente a un logro esperado de 80.00% para 2024" in sin_valor


def test_avance_de_la_aei_con_dos_indicadores(inf):
    texto = secciones.avance_aei(inf, inf.accion("AEI.01.03"))
    assert texto.startswith("En el primer semestre de 2024, la AEI registra un avance de 2.45% (nivel bajo), promedio "
                            "simple del avance de sus dos (02) indicadores: “Número de unidades de albergue "
                            "construidos” registró un valor de 432,")
    assert "; y “Número de establecimientos de medio libre construidos o intervenidos” registró un valor de 0" in texto
    assert texto.count("4.90%") == 1 and texto.count("2.45%") == 1  # cada avance, una vez


@pytest.mark.parametrize("codigo", [
    "AEI.01.01", "AEI.01.02", "AEI.01.04", "AEI.01.05", "AEI.02.03", "AEI.01.06", "AEI.02.01", "AEI.02.02",
    "AEI.02.04", "AEI.03.01",
])
def test_el_avance_de_una_aei_de_un_indicador_se_dice_una_vez(inf, codigo):
    a = inf.accion(codigo)
    texto = secciones.avance_aei(inf, a).split(". ")[0]  # la oración del avance, sin el contexto que sigue
    avance = inf.lectura(inf.indicadores_de(codigo).iloc[0]).avance
    assert len(re.findall(rf"(?<![\d.]){re.escape(avance)}", texto)) == 1, texto


def test_analisis_de_implementacion_pone_el_primer_parrafo_del_comentario_tras_el_avance(inf):
    a = inf.accion("AEI.01.03")
    primero, resto = comentarios.partir(inf.comentario("implementacion", "AEI.01.03"))
    assert primero and resto
    bloques = plano(secciones.analisis_implementacion(inf, a)).split("\n\n")
    assert bloques[0].startswith("En el primer semestre de 2024, la AEI registra un avance de 2.45%")
    assert bloques[0].endswith(" " + plano(primero))
    assert bloques[1] == (f"La AEI cuenta con un Presupuesto Institucional Modificado (PIM) de S/{NBSP}81,032,773.43, "
                          f"del que devengó S/{NBSP}28,532,702.39 en el primer semestre de 2024: una ejecución "
                          f"presupuestal de 35.2%.")
    assert "\n\n".join(bloques[2:]) == plano(resto)
    sin = plano(secciones.analisis_implementacion(inf, inf.accion("AEI.03.01")))
    assert ("Para esta AEI no se reportó Presupuesto Institucional Modificado (PIM) ni devengado en el primer "
            "semestre de 2024.") in sin


def test_la_cifra_de_una_ao_lleva_su_fuente_al_pie(partes):
    texto = plano(partes["priorizadas"].texto)
    assert ("La ejecución del semestre llegó a 27,313 personas privadas de libertad; no se programó meta física, por "
            "lo que no se calcula su avance.^[Fuente: PADIN de la Subdirección de Trabajo y Comercialización – junio "
            "de 2024.] De ese total, 12,758 personas privadas de libertad participaron en talleres "
            "productivos") in texto


def test_el_comentario_de_una_ao_va_tal_cual_tras_sus_cifras(inf, partes):
    md = partes["priorizadas"].texto
    # (el de una AO de inversiones se reparte por CUI: lo prueba tests/test_actividades.py)
    meta_fisica = inf.actividades[inf.actividades["presentacion"].fillna("meta_fisica") == "meta_fisica"]
    con_comentario = [c for c in meta_fisica["codigo_ao"] if inf.comentario(c)]
    assert con_comentario
    for codigo in con_comentario:
        assert inf.comentario(codigo) in md, codigo  # Markdown revisado del metodólogo: no se vuelve a escapar


def test_los_nombres_de_las_obras_se_escapan_en_3_1(inf):
    obras = inf.datos.medidos["obras"]
    otro = _con_medidos(inf, obras=obras.assign(nombre=obras["nombre"].where(obras["cui"] != "2159429",
                                                                             "Obra *nueva* <b>")))
    md = secciones.indicador(otro, otro.indicador("IND.01.AEI.01.03"), 0).texto
    assert r"“Obra \*nueva\* \<b\> – CUI 2159429”" in md and "*nueva*" not in md


def test_ao_de_la_referencia_en_3_2(partes):
    texto = plano(partes["priorizadas"].texto)
    for frase in ("Se implementa en 14 establecimientos de medio libre: Yanahuara, Surquillo, Lima Norte, Callao, "
                  "Chimbote, Tumbes, Lambayeque, Piura, Trujillo, Huancayo, Ayacucho, Cusco, Huánuco y Pucallpa.",
                  "Se implementa en el establecimiento penitenciario de Lurigancho.",
                  "un avance de 102.9%, por encima de lo programado",
                  "En el primer semestre de 2024, culminaron dos (02) obras, con un total de 432 unidades de albergue "
                  "construidas:",
                  "En el primer semestre de 2024 se registran diecinueve (19) mantenimientos preventivos y correctivos",
                  "La fuente reporta un avance de 75.0%, sin una meta física programada con la cual calcularlo."):
        assert frase in texto, frase


def test_sin_inversiones_ni_mantenimientos_se_dice(inf):
    m = inf.datos.medidos
    otro = _con_medidos(inf, obras=m["obras"].iloc[0:0], mantenimientos=m["mantenimientos"].iloc[0:0])
    texto = plano(secciones.implementacion_aei(otro, otro.accion("AEI.01.03"), 0).texto)
    assert ("**AO. Ejecución de la obra.** En el primer semestre de 2024 no se registraron inversiones en esta "
            "actividad.") in texto
    assert ("**AO. Mantenimiento preventivo y correctivo.** En el primer semestre de 2024 no se registraron "
            "mantenimientos preventivos ni correctivos.") in texto
    assert "tbl-ao-01-03-03" not in texto  # sin filas no hay cuadro que citar


# --- AEI no priorizadas y recomendaciones anteriores ------------------------------------------------------------

def test_apertura_de_las_aei_criticas(inf, partes):
    assert partes["apertura"] == (
        "Se analizan a continuación las cinco (05) AEI no priorizadas (AEI.02.01, AEI.02.02, AEI.02.03, AEI.02.04 y "
        "AEI.03.01), correspondientes al OEI.02 “Fortalecer la gestión institucional” y al OEI.03 “Implementar la "
        "gestión interna de riesgo de desastres”, con su avance, su presupuesto y las actividades que se articulan a "
        "ellas; cuatro (04) de ellas registran un nivel de avance bajo.")
    codigos = inf.aei["codigo_aei"]
    una_media = _con_aei(inf, priorizada=codigos != "AEI.02.03")
    assert secciones.apertura_criticas(una_media) == (
        "Se analiza a continuación la AEI no priorizada (AEI.02.03), correspondiente al OEI.02 “Fortalecer la gestión "
        "institucional”, con su avance, su presupuesto y las actividades que se articulan a ella; no registra un nivel "
        "de avance bajo.")
    dos = _con_aei(inf, priorizada=~codigos.isin(["AEI.02.03", "AEI.02.04"]))
    assert secciones.apertura_criticas(dos).endswith("a ellas; una (01) de ellas registra un nivel de avance bajo.")
    assert "correspondientes al OEI.02 “Fortalecer la gestión institucional”," in secciones.apertura_criticas(dos)
    sin_bajo = _con_aei(inf, priorizada=~codigos.isin(["AEI.02.03", "AEI.01.01"]))
    texto = secciones.apertura_criticas(sin_bajo)
    assert texto.endswith("a ellas; ninguna de ellas registra un nivel de avance bajo.") and "cero" not in texto
    assert secciones.apertura_criticas(_con_aei(inf, priorizada=True)).startswith("Todas las AEI fueron priorizadas")


def test_recomendaciones_previas_con_el_avance_actual(inf, partes):
    texto = plano(partes["previas"])
    assert "*(Avance de la AEI.01.05 en el primer semestre de 2024: 32.58%, nivel bajo.)*" in texto
    assert "*(Avance en el primer semestre de 2024: AEI.01.03, 2.45%, nivel bajo; AEI.01.06, 100.00%, nivel alto.)*" \
        in texto
    sin = dataclasses.replace(inf, datos=dataclasses.replace(
        inf.datos, comentarios={k: v for k, v in inf.datos.comentarios.items() if k != "recomendaciones_previas"}))
    assert plano(secciones.recomendaciones_previas(sin)) == (
        "No se registró la aplicación de las recomendaciones de la evaluación anterior en el primer semestre de 2024.")
