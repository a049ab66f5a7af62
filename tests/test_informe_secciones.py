"""Secciones del informe construido: Hechos destacados, 1 Resumen, 2 Prioridades, 3.1 y Conclusiones.

Las cifras de cabecera de cada sección deben estar en el PDF y en el HTML, y las cifras
inconsistentes del informe de referencia (1015 actos, PIM 987…, 27,3136) no deben aparecer.
Al inicio, las pruebas unitarias de las notas al pie y de los accesos de ``Informe``.
"""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import nbformat
import pandas as pd
import pytest

from inpe.presentacion.informe import Informe, definiciones_de_notas, llamadas_a_notas
from markdown_plano import plano

RAIZ = Path(__file__).resolve().parents[1]
NBSP = "\xa0"

REFERENCIAS = pd.DataFrame({
    "clave": ["pei", "padin"],
    "norma": ["Resolución Presidencial N° 104-2024-INPE/P", "PADIN de la Subdirección de Trabajo y Comercialización"],
    "objeto": ["Aprueba el Plan Estratégico Institucional (PEI) 2019-2027 Ampliado", "Fuente de la cifra"],
})


# --- notas al pie (unidad) ------------------------------------------------------------------------

def test_llamadas_a_notas_en_orden_sin_repetir_ni_definiciones():
    texto = "El PEI[^pei] y otra vez[^pei]; la cifra[^padin].\n\n[^pei]: ya definida"
    assert llamadas_a_notas(texto) == ["pei", "padin"]


def test_definiciones_de_notas_desde_el_csv():
    assert [plano(d) for d in definiciones_de_notas("PEI[^pei] y PADIN[^padin]", REFERENCIAS)] == [
        "[^pei]: Resolución Presidencial N° 104-2024-INPE/P, que aprueba el Plan Estratégico Institucional (PEI) 2019-2027 Ampliado.",
        "[^padin]: PADIN de la Subdirección de Trabajo y Comercialización. Fuente de la cifra.",
    ]
    assert definiciones_de_notas("PEI[^pei]", REFERENCIAS, ya_definidas={"pei"}) == []
    assert definiciones_de_notas("cifra[^padin]", REFERENCIAS, textos={"padin": "Fuente: PADIN – junio 2024"}) == [
        "[^padin]: Fuente: PADIN – junio 2024"]
    assert definiciones_de_notas("sin notas", REFERENCIAS) == []


def test_una_nota_sin_fila_en_el_csv_es_un_error():
    with pytest.raises(KeyError, match=r"\[\^nueva\] no está en data/plan/referencias_normativas.csv"):
        definiciones_de_notas("texto[^nueva]", REFERENCIAS)


@pytest.fixture(scope="module")
def inf() -> Informe:
    return Informe.cargar("2024-S1", datos=RAIZ / "data")


def test_con_notas_define_cada_nota_una_sola_vez_por_cuaderno():
    inf = Informe.cargar("2024-S1", datos=RAIZ / "data")
    primero = plano(inf.con_notas("Plan[^pei] y guía[^guia_ceplan]."))
    assert primero.startswith("Plan[^pei] y guía[^guia_ceplan].\n\n[^pei]: Resolución Presidencial N° 104-2024-INPE/P")
    assert "\n\n[^guia_ceplan]: Resolución de Presidencia de Consejo Directivo N° 0056-2024-CEPLAN/PCD, que aprueba" in primero
    assert inf.con_notas("Otra vez el plan[^pei].") == "Otra vez el plan[^pei]."
    assert inf.con_notas("Sin notas.") == "Sin notas."


def test_accesos_de_informe(inf):
    assert inf.norma("pei") == "Resolución Presidencial N° 104-2024-INPE/P"
    with pytest.raises(KeyError):
        inf.norma("inexistente")
    assert inf.descripcion(inf.indicador("IND.01.AEI.01.03")).startswith("El indicador mide el incremento")
    assert inf.descripcion(inf.indicador("IND.01.AEI.02.01")) == ""          # el plan no la describe
    assert inf.fuente(inf.indicador("IND.01.AEI.01.04")) == "Dirección de Seguridad Penitenciaria"
    assert inf.fuente(inf.indicador("IND.01.AEI.02.02")) == "Reporte de seguimiento del PEI, primer semestre de 2024 / CEPLAN"
    assert inf.contexto("AEI.01.04").startswith("La seguridad en el sistema penitenciario")
    assert inf.contexto("AEI.02.04") == ""
    assert inf.comentario("factores", "AEI.01.01") == inf.comentario("factores_AEI.01.01") != ""
    assert inf.texto_plan("definicion", "AEI.01.01") == inf.texto_plan("definicion_AEI.01.01") != ""
    assert list(inf.oei["tipo"]) == ["I", "II", "II"]
    assert len(inf.priorizadas) + len(inf.no_priorizadas) == len(inf.aei) == 11
    brecha = inf.brecha_profesionales(inf.indicador("IND.01.AEI.01.05"))
    assert round(brecha["requeridos"]) == 3781 and round(brecha["faltan"]) == 2550


# --- el informe construido -----------------------------------------------------------------------

@pytest.fixture(scope="module")
def pdf(texto_pdf) -> str:
    """Texto del PDF en una línea (los espacios no separables se conservan)."""
    return re.sub(r"[ \t\n]+", " ", texto_pdf)


@pytest.fixture(scope="module")
def texto_html(html) -> str:
    """Texto visible del HTML, sin etiquetas, en una línea (espacio no separable -> espacio)."""
    cuerpo = re.sub(r"<(script|style)\b.*?</\1>", " ", html[html.index("<body"):], flags=re.S)
    sin_etiquetas = html_lib.unescape(re.sub(r"<[^>]+>", " ", cuerpo))
    return " ".join(sin_etiquetas.split())


CIFRAS_DE_CABECERA = {
    "hechos destacados": ["160 poderes", "34 internos"],
    "resumen ejecutivo": ["97,664", "51,450", "39,868", "40.82%", "1,576", "1,406", "89.21%", "432", "8,824", "101",
                          "69.31%", "1,231", "186,900", "6.59", "20.23", "32.58%", "2,142", "2,860", "46.2%"],
    "alcance": ["un (01) Objetivo Estratégico Institucional (OEI) de tipo I", "dos (02) de tipo II",
                "once (11) Acciones Estratégicas Institucionales (AEI)"],
    "3.1": ["46,214", "92,351", "5,313", "75,846", "89,236", "13,390", "168,197", "18,703", "53%", "224", "208",
            "3,237", "57%", "Chiclayo (33)", "Lima (25)", "877", "354", "3,781", "2,550", "84.91%", "27.33%", "106",
            "faltan 16 establecimientos", "18 establecimientos de medio libre", "2.45%", "4.90%", "80.00%"],
}


@pytest.mark.parametrize("seccion", CIFRAS_DE_CABECERA)
def test_cifras_de_cabecera_en_pdf_y_html(seccion, pdf, texto_html):
    faltan_pdf = [c for c in CIFRAS_DE_CABECERA[seccion] if c not in pdf.replace(NBSP, " ").replace("- ", "")]
    faltan_html = [c for c in CIFRAS_DE_CABECERA[seccion] if c not in texto_html]
    assert faltan_pdf == [] and faltan_html == []


def test_montos_del_pliego_con_espacio_no_separable(texto_pdf, html):
    for monto in ("897,215,339.55", "414,490,061.35"):
        assert f"S/{NBSP}{monto}" in texto_pdf
        assert f"S/{NBSP}{monto}" in html or f"S/&nbsp;{monto}" in html
    assert "46.2%" in texto_pdf


def test_conteo_por_nivel_y_conclusion_siguen_al_cuadro_3(texto_html, html):
    assert ("de las once (11) AEI, tres (03) presentan un nivel de avance alto (95% o más), una (01) presenta un nivel "
            "de avance medio (de 75% a menos de 95%) y siete (07) presentan un nivel de avance bajo") in texto_html
    conclusion = ("tres (03) alcanzaron un nivel de avance alto: AEI.01.01 (100.00%), AEI.01.02 (100.00%) y AEI.01.06 "
                  "(100.00%); una (01) alcanzó un nivel de avance medio: AEI.02.03 (84.91%); y siete (07) alcanzaron un "
                  "nivel de avance bajo: AEI.01.03 (2.45%), AEI.01.04 (69.31%)")
    assert conclusion in texto_html
    assert "dos (02) indicadores no cuentan con logro esperado para 2024" in texto_html
    assert "medio: AEI.01.04" not in texto_html and "siete (07) AEI restantes" not in texto_html
    # La Tabla resumen dice lo mismo en cifras: Bajo 7, Medio 1, Alto 3, Total 11.
    fila = re.search(r"Acciones estratégicas</td>(.*?)</tr>", html, flags=re.S)
    assert fila and re.findall(r">(\d+)</td>", fila.group(1)) == ["7", "1", "3", "11"]


def test_las_cifras_inconsistentes_de_la_referencia_no_aparecen(pdf, texto_html, html):
    for malo in ("1015", "987,215,339.55", "27,3136", "S/. ", "20.23%"):
        assert malo not in pdf and malo not in texto_html, malo
    assert "nivel de implementación adecuado" not in texto_html


def test_encabezados_de_las_secciones(pdf, texto_html, html):
    for titulo in ("Hechos destacados", "1 Resumen ejecutivo", "2 Prioridades de la política institucional",
                   "2.1 Misión del Pliego", "2.2 Prioridades de la Política Institucional", "2.3 Alcance de la evaluación",
                   "3.1 Estado integral de las AEI", "3.1.1 Acción Estratégica Institucional AEI.01.01",
                   "3.1.11 Acción Estratégica Institucional AEI.03.01", "Semaforización de las AEI", "Conclusiones"):
        assert titulo in texto_html, titulo
    cuerpo = html[html.index("<body"):]
    orden = [cuerpo.index(f'id="{i}"') for i in ("sec-hechos-destacados", "sec-resumen", "sec-prioridades",
                                                  "sec-analisis", "sec-conclusiones")]
    assert orden == sorted(orden)
    assert "Trámites Sin Barreras" in texto_html and "Lurigancho: El Musical" in texto_html


def test_doce_figuras_una_por_indicador(texto_pdf, html, texto_html):
    assert f"Figura{NBSP}12." in texto_pdf
    codigos = ["01-aei-01-01", "01-aei-01-02", "01-aei-01-03", "02-aei-01-03", "01-aei-01-04", "01-aei-01-05",
               "01-aei-01-06", "01-aei-02-01", "01-aei-02-02", "01-aei-02-03", "01-aei-02-04", "01-aei-03-01"]
    for c in codigos:
        assert f'id="fig-ind-{c}"' in html, c
    assert "Cuadro 1. Objetivos Estratégicos Institucionales" in texto_html
    assert "Cuadro 3. Resultado de los indicadores" in texto_html


def test_cuadro_de_oei_y_de_aei_priorizadas(texto_html):
    assert "OEI.01 Contar con las condiciones favorables" in texto_html and "Tipo I" in texto_html and "Tipo II" in texto_html
    assert "AEI.01.06 Condiciones de vida adecuada y oportuna" in texto_html


def test_notas_al_pie_definidas_una_vez_y_resueltas(construido, texto_pdf, html, texto_html):
    nb = nbformat.read(construido / "informe.ipynb", as_version=4)
    salidas = [o["data"]["text/markdown"] for c in nb.cells if c.cell_type == "code"
               for o in c.get("outputs", []) if "text/markdown" in o.get("data", {})]
    texto = "\n".join(salidas + [c.source for c in nb.cells if c.cell_type == "markdown"])
    definiciones = re.findall(r"^\[\^([\w-]+)\]:", texto, flags=re.M)
    assert sorted(set(definiciones)) == sorted(definiciones), "una nota al pie está definida dos veces"
    assert {"pei", "pesem", "guia_ceplan", "politica_penitenciaria"} <= set(definiciones)
    assert set(llamadas_a_notas(texto)) <= set(definiciones), "hay una llamada a nota sin definición"
    assert "[^" not in texto_pdf and "[^" not in texto_html
    assert "Decreto Supremo N° 011-2020-JUS, que aprueba la Política Nacional Penitenciaria al 2030." in texto_html


def test_conclusiones_numeradas_y_la_del_pei(texto_html):
    i = texto_html.index("Conclusiones", texto_html.index("3.1.11"))
    conclusiones = texto_html[i:]
    assert "En el primer semestre de 2024, el pliego ejecutó el 46.2% de su presupuesto" in conclusiones
    for codigo in ("AEI.01.01", "AEI.01.02", "AEI.01.03", "AEI.01.04", "AEI.01.05", "AEI.01.06"):
        assert re.search(rf"(?:Respecto a|En relación con|Con respecto a|En cuanto a) la {re.escape(codigo)} “", conclusiones)
    # El contexto de la referencia llega a la conclusión (profesionales y población de la AEI.01.05).
    assert "1,231 profesionales de tratamiento para una población penitenciaria de 186,900 personas" in conclusiones
    assert "no se encuentra alineado a las políticas y lineamientos del Sector Justicia" in conclusiones
