"""El informe construido: las cifras de §3.2 (implementación de las AEI), §5 (recomendaciones) y
§6 (anexos) llegan al PDF y al HTML con el valor del informe de referencia (I semestre 2024).

Usa las fixtures de tests/conftest.py (el informe se construye una vez por sesión).
"""

from __future__ import annotations

import html as html_lib
import re

import pytest

pytestmark = pytest.mark.e2e

NBSP = "\xa0"


@pytest.fixture(scope="module")
def pdf(texto_pdf) -> str:
    """Texto del PDF en una línea: sin cortes de línea ni guiones de partición (el espacio no separable queda)."""
    t = re.sub(r"(\w)-\n(\w)", r"\1\2", texto_pdf)
    return re.sub(r"[ \n]+", " ", t)


def _texto(fragmento: str) -> str:
    t = html_lib.unescape(re.sub(r"<[^>]+>", " ", fragmento))
    return re.sub(r"[ \n\t]+", " ", t)


def _seccion(html: str, ident: str) -> str:
    """HTML de la sección con ese id: de su encabezado al siguiente encabezado de igual o mayor nivel.

    El id va en el encabezado (renderizador propio) o en la sección que lo envuelve (Quarto).
    """
    m = (re.search(rf'<h([1-6])[^>]*\bid="{re.escape(ident)}"', html)
         or re.search(rf'<section id="{re.escape(ident)}" class="level([1-6])', html))
    nivel = int(m.group(1))
    desde = m.end() if m.group(0).startswith("<h") else html.index("</h", m.end())
    fin = re.compile(rf"<h[1-{nivel}][ >]").search(html, desde)
    return html[m.start():fin.start() if fin else len(html)]


@pytest.fixture(scope="module")
def implementacion(html) -> str:
    return _texto(_seccion(html, "sec-implementacion"))


# --- 3.2: presupuesto por AEI ------------------------------------------------------------------------


def test_presupuesto_de_la_aei_01_01(pdf):
    assert f"Presupuesto Institucional Modificado (PIM) de S/{NBSP}57,738,908.35" in pdf
    assert (f"del que devengó S/{NBSP}26,162,323.98 en el primer semestre de 2024: una ejecución presupuestal de "
            "45.3%") in pdf


@pytest.mark.parametrize("pim, devengado, ejecucion", [
    ("57,738,908.35", "26,162,323.98", "45.3%"), ("4,971,594.84", "2,275,437.90", "45.8%"),
    ("81,032,773.43", "28,532,702.39", "35.2%"), ("312,017,380.90", "140,199,175.22", "44.9%"),
    ("70,877,550.00", "25,355,878.96", "35.8%"), ("311,309,649.84", "165,018,293.51", "53.0%"),
    ("47,883,025.89", "21,893,235.02", "45.7%"), ("1,442,284.00", "611,869.15", "42.4%"),
    ("9,717,940.00", "4,322,874.69", "44.5%"), ("224,232.00", "118,270.53", "52.7%"),
])
def test_presupuesto_y_ejecucion_de_cada_aei(implementacion, pim, devengado, ejecucion):
    assert (f"(PIM) de S/{NBSP}{pim}, del que devengó S/{NBSP}{devengado} en el primer semestre de 2024: una "
            f"ejecución presupuestal de {ejecucion}.") in implementacion


def test_la_aei_sin_presupuesto_no_lo_inventa(implementacion):
    criticas = implementacion[implementacion.index("AEI.03.01 Estimación"):]
    assert "Para esta AEI no se reportó Presupuesto Institucional Modificado (PIM) ni devengado" in criticas
    assert "S/" not in criticas[:criticas.index("Aplicación de las recomendaciones")]


def test_figura_de_presupuesto_y_su_texto(html, implementacion):
    figura = _seccion(html, "sec-implementacion")
    assert 'id="fig-presupuesto-aei"' in figura
    # Una figura del avance de las AO por cada AEI priorizada que tiene AO con avance (la AEI.01.03 no).
    assert [k for k in range(1, 7) if f'id="fig-ao-aei-01-0{k}"' in figura] == [1, 2, 4, 5, 6]
    assert "la ejecución por AEI va de 35.2% (AEI.01.03) a 53.0% (AEI.01.06); la AEI.03.01 no reporta presupuesto" \
        in implementacion
    assert f"PIM de S/{NBSP}897,215,339.55 y un devengado de S/{NBSP}414,490,061.35, una ejecución presupuestal de 46.2%" \
        in implementacion


# --- 3.2: actividades operativas ------------------------------------------------------------------------


@pytest.mark.parametrize("programado, ejecutado, avance", [
    ("7,360", "7,571", "102.9%, por encima de lo programado"),
    ("260", "93", "35.8%"),
    ("300", "146", "48.7%"),
    ("8,606", "7,712", "89.6%"),
    ("713", "695", "97.5%"),
    ("955", "951", "99.6%"),
    ("185", "185", "100.0%, igual a lo programado"),
    ("360", "308", "85.6%"),
    ("465", "497", "106.9%, por encima de lo programado"),
    ("682", "596", "87.4%"),
    ("1,350", "159", "11.8%"),
    ("44,561", "48,837", "109.6%, por encima de lo programado"),
])
def test_programado_frente_a_ejecutado_de_las_ao(pdf, programado, ejecutado, avance):
    """Cada AO con meta: su meta, su ejecución y su avance (un decimal), en alguna de las formas de la redacción."""
    p, e, a = re.escape(programado), re.escape(ejecutado), re.escape(avance)
    formas = [rf"meta física de {p} [^.:]*?, la ejecución llegó a {e}: un avance de {a}",
              rf"La ejecución sumó {e} [^.:]*?, de una meta física de {p}: un avance de {a}",
              rf"meta física del semestre era de {p} [^.:]*? y la ejecución llegó a {e}, un avance de {a}"]
    assert any(re.search(f, pdf) for f in formas), formas
    assert len(re.findall(r"(?:meta física (?:programada )?fue de|y la ejecutada, de)", pdf)) == 0


def test_la_vigilancia_electronica_no_convierte_capacidad_y_uso_en_meta_y_ejecucion(pdf):
    """La fuente dice 80 grilletes disponibles y 60 personas que los usan: no es una meta ni su ejecución."""
    assert "80 grilletes disponibles" in pdf and "60 personas que utilizan el servicio de vigilancia" in pdf
    assert "programada fue de 80" not in pdf


def test_actividades_productivas_por_modalidad_y_su_fuente(pdf):
    assert ("La ejecución del semestre llegó a 27,313 personas privadas de libertad; no se programó meta física, por "
            "lo que no se calcula su avance") in pdf
    assert ("De ese total, 12,758 personas privadas de libertad participaron en talleres productivos, 14,368 "
            "realizaron actividades individuales y grupales y 187 realizaron servicio ad honorem") in pdf
    assert "Fuente: PADIN de la Subdirección de Trabajo y Comercialización – junio de 2024" in pdf


def test_focos_dice_catorce_establecimientos_y_los_nombra(implementacion):
    focos = implementacion[implementacion.index("AO. Ejecución del Programa Fortalecimiento"):]
    m = re.search(r"Se implementa en (\d+) establecimientos de medio libre: ([^.]+)\.", focos)
    nombres = re.split(r", | y ", m.group(2))
    assert m.group(1) == "14" == str(len(nombres))
    assert nombres[0] == "Yanahuara" and nombres[-1] == "Pucallpa"


def test_toda_lista_de_establecimientos_tiene_el_largo_que_dice(implementacion):
    listas = re.findall(r"Se implementa en (\d+) establecimientos de medio libre: ([^.]+)\.", implementacion)
    assert len(listas) == 6
    for n, nombres in listas:
        assert int(n) == len(re.split(r", | y ", nombres)), nombres


def test_resumen_de_las_ao_y_sus_cuadros_concuerdan_en_numero(implementacion):
    assert "Análisis de las AO e inversiones relacionadas con las AEI priorizadas" in implementacion
    assert re.search(r"En conjunto, de las \w+ \(\d\d\) AO claves con avance \(calculado o reportado por la fuente\): "
                     r"\w+ \(\d\d\) llegaron al 100% o lo superaron", implementacion)
    assert "cero (00)" not in implementacion and "las una (01)" not in implementacion
    assert len(re.findall(r"Actividades Operativas Claves(?: de la AEI\.\d\d\.\d\d)?, que contribuyen directamente a su "
                          r"resultado", implementacion)) == 6
    assert ("se priorizaron las seis (06) Acciones Estratégicas Institucionales vinculadas al OEI.01 “Contar con las "
            "condiciones favorables") in implementacion


def test_cuadros_de_ao_claves_de_las_seis_aei(html):
    for k in range(1, 7):
        tabla = _texto(_seccion(html, f"sec-impl-aei-01-0{k}"))
        assert f"Actividades Operativas Claves de la AEI.01.0{k}" in tabla
    assert html.count('rowspan="9"') >= 1  # AEI.01.01: su código y nombre frente a sus nueve AO


# --- 3.2: inversiones y mantenimientos -------------------------------------------------------------------


def test_obras_culminadas_en_ejecucion_y_expedientes(implementacion):
    assert "culminaron dos (02) obras, con un total de 432 unidades de albergue construidas" in implementacion
    assert "(CUI 2159429), culminada en marzo de 2024, con 224 unidades de albergue" in implementacion
    assert "(CUI 2158527), culminada en enero de 2024, con 208 unidades de albergue" in implementacion
    assert "(CUI 2135162), con un avance físico de 82.9%, que agregará 35 unidades de albergue" in implementacion
    assert "Comprende además 111 plazas para internos en el taller de manualidad" in implementacion
    assert "(CUI 2092121), con un avance físico de 49.8%" in implementacion
    assert "(CUI 2190039), con un avance físico de 20.3%" in implementacion
    assert "se realizó la convocatoria" not in implementacion  # un hecho, una redacción: el expediente está aprobado
    assert "Se firmaron los contratos de dos (02) inversiones en equipamiento" in implementacion
    assert ("culminación y aprobación del expediente técnico para el 30 de agosto de 2024, el proceso de convocatoria "
            "entre setiembre y octubre de 2024") in implementacion
    assert "se infiere" not in implementacion  # la nota de procedencia de obras_hitos.csv no se publica


def test_mantenimientos_por_estado(implementacion, html):
    assert ("diecinueve (19) mantenimientos preventivos y correctivos en los establecimientos penitenciarios: "
            "cuatro (04) en estado “culminado”, ocho (08) en estado “en ejecución”, cinco (05) en estado “con contrato”, "
            "uno (01) en estado “buena pro” y uno (01) en estado “proceso de convocatoria”") in implementacion
    cuadro = _texto(html[html.index('id="tbl-ao-01-03-03"'):])
    for rotulo in ("Culminado (4)", "En ejecución (8)", "Con contrato (5)", "Buena pro (1)", "Proceso de convocatoria (1)"):
        assert rotulo in cuadro


# --- 3.2: AEI críticas y recomendaciones anteriores ---------------------------------------------------------


def test_aei_criticas(implementacion):
    assert ("Se analizan a continuación las cinco (05) AEI no priorizadas (AEI.02.01, AEI.02.02, AEI.02.03, AEI.02.04 "
            "y AEI.03.01), correspondientes al OEI.02 “Fortalecer la gestión institucional” y al OEI.03 “Implementar "
            "la gestión interna de riesgo de desastres”") in implementacion
    assert "cuatro (04) de ellas registran un nivel de avance bajo." in implementacion
    # La interconexión sale de la misma explicación que en §3.1.
    assert ("Están interconectados con la Sede Central 90 establecimientos: los 69 establecimientos penitenciarios y "
            "21 de los 39 establecimientos de medio libre.") in implementacion
    assert "la AEI registra un avance de 6.00% (nivel bajo)" in implementacion
    assert "la AEI registra un avance de 84.91% (nivel medio)" in implementacion


def test_avance_de_la_aei_01_06_no_se_contradice(implementacion):
    aei = implementacion[implementacion.index("AEI.01.06 Condiciones"):implementacion.index("Análisis de las AEI no priorizadas")]
    assert "la AEI registra un avance de 100.00% (nivel alto)" in aei
    assert "el resultado del año dependerá del segundo semestre" in aei
    assert "cercano al valor esperado" not in aei


def test_recomendaciones_anteriores_con_cifras_de_los_datos(implementacion):
    previas = implementacion[implementacion.index("Aplicación de las recomendaciones respecto"):]
    for nota in ("(Avance de la AEI.01.05 en el primer semestre de 2024: 32.58%, nivel bajo.)",
                 "(Avance en el primer semestre de 2024: AEI.01.03, 2.45%, nivel bajo; AEI.01.06, 100.00%, nivel alto.)",
                 "(Avance de la AEI.01.04 en el primer semestre de 2024: 69.31%, nivel bajo.)"):
        assert nota in previas


# --- 5: recomendaciones --------------------------------------------------------------------------------------

BAJO_75 = ["AEI.01.03", "AEI.01.04", "AEI.01.05", "AEI.02.01", "AEI.02.02", "AEI.02.04", "AEI.03.01"]


def test_recomendaciones_listan_las_aei_bajo_el_75(html, pdf):
    seccion = _seccion(html, "sec-recomendaciones")
    texto = _texto(seccion)
    assert "siete (07) de las once (11) AEI registran un nivel de avance bajo (menos de 75% de su logro esperado)" in texto
    primera_lista = _texto(re.search(r"<ul>(.*?)</ul>", seccion, flags=re.S).group(1))
    assert re.findall(r"AEI\.\d\d\.\d\d", primera_lista) == BAJO_75
    assert "AEI.03.01 Estimación, prevención, reducción y preparación frente al riesgo de desastres en la entidad " \
           "(avance: 0.00%)" in primera_lista
    assert "AEI.02.03" not in primera_lista and "AEI.01.01" not in primera_lista
    assert "(avance: 69.31%)" in pdf


def test_recomendaciones_numeradas_llevan_el_avance_de_su_aei(html):
    texto = _texto(re.search(r"<ol[^>]*>(.*?)</ol>", _seccion(html, "sec-recomendaciones"), flags=re.S).group(1))
    assert "(Avance de la AEI.01.03 en el primer semestre de 2024: 2.45%, nivel bajo.)" in texto
    assert "(Avance de la AEI.01.01 en el primer semestre de 2024: 100.00%, nivel alto.)" in texto
    assert texto.count("Avance de la AEI") == 6


# --- 6: anexos ------------------------------------------------------------------------------------------------

PEI = "https://www.inpe.gob.pe/images/2024/REPORTE_DE_SEGUIMIENTO_PRIMER_SEMESTRE_2024_PEI_2019-2027_AMPLIADO.pdf"
POI = "https://www.inpe.gob.pe/images/2024/REPORTE_DE_SEGUIMIENTO_I_SEM_POI_2024_final.pdf"


def test_enlaces_de_los_reportes_de_seguimiento(html):
    anexos = _seccion(html, "sec-anexos")
    assert f'<a href="{PEI}"' in anexos and f'<a href="{POI}"' in anexos
    texto = _texto(anexos)
    assert f"Reporte de seguimiento del PEI o enlace de publicación en PTE. {PEI}" in texto
    assert f"Reporte de seguimiento del POI o enlace de publicación en PTE. {POI}" in texto


def test_matriz_de_compromisos(html, pdf):
    matriz = html[html.index('id="tbl-matriz-compromisos"'):]
    matriz = _texto(matriz[:matriz.index("</table>")])
    for responsable in ("Unidad de Planeamiento y Comisión de Planeamiento Estratégico", "Dirección de Seguridad "
                        "Penitenciaria", "Oficina de Asuntos Internos", "Unidad de Organización y Métodos",
                        "Oficina de Infraestructura Penitenciaria"):
        assert responsable in matriz
    assert matriz.count("Plazo: 31 de diciembre de 2024") == 4 and matriz.count("Plazo: 30 de junio de 2025") == 1
    assert matriz.count("En proceso") == 5
    assert "• Contratación de tres (3) especialistas legales mediante el Proceso de Selección CAS N° 097-2024-INPE/UE-001" \
        in matriz
    assert "Medio de verificación: Informes Técnicos Favorables" in matriz
    # Las acciones clave se cuentan de las viñetas del cuadro (diez), no de sus filas (cinco compromisos).
    assert "La matriz registra tres (03) aspectos de mejora, con cinco (05) compromisos y diez (10) acciones clave" in pdf
    assert matriz.count("•") == 10
    assert "Plan evaluado: Plan Estratégico Institucional (PEI) 2019-2027 Ampliado" in pdf
