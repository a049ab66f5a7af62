"""Cuadros de §3.2 y de los anexos (presentacion/tablas.py), leídos como los lee Pandoc: celdas
fusionadas, listas dentro de una celda y enlaces que no se rompen; y el rótulo del eje de los gráficos."""

from __future__ import annotations

import re

import pandas as pd
import pypandoc
import pytest

from inpe.presentacion import graficos, tablas
from markdown_plano import plano
from referencia import COMPROMISOS, MANTENIMIENTOS, aei_fila, ao


def _html(md: str) -> str:
    return pypandoc.convert_text(md, "html5", format="markdown")


def _celdas_de_tabla(md: str) -> list[str]:
    return [" ".join(c.split()) for c in re.findall(r"<t[dh](?:\s[^>]*)?>(.*?)</t[dh]>", _html(md), flags=re.DOTALL)]


def test_tabla_grid_fusiona_celdas_y_admite_listas():
    md = tablas.tabla_grid([["A", "uno", tablas.Lista(["x | y", "z"])], [tablas.CONTINUA, "dos", "w"]],
                           ["Col1", "Col2", "Col3"], anchos=[5, 5, 10])
    html = _html(md)
    assert 'rowspan="2"' in html and "• x | y" in html and "• z" in html
    assert len(max(md.splitlines(), key=len)) > 72  # Pandoc reparte todo el ancho de la página


def test_tabla_grid_valida_la_forma():
    with pytest.raises(ValueError, match="primera fila"):
        tablas.tabla_grid([[tablas.CONTINUA, "a"]], ["A", "B"], [5, 5])
    with pytest.raises(ValueError, match="celdas"):
        tablas.tabla_grid([["a"]], ["A", "B"], [5, 5])
    with pytest.raises(ValueError, match="anchos"):
        tablas.tabla_grid([["a", "b"]], ["A", "B"], [5])


def test_cuadro_ao_claves_pone_la_aei_una_vez():
    aos = pd.DataFrame([ao(denominacion="Ejecución de la obra"), ao(denominacion="Mantenimiento")])
    aei = aei_fila(codigo="AEI.01.03", denominacion="Infraestructura")
    celdas = _celdas_de_tabla(tablas.cuadro_ao_claves(aei, aos))
    assert celdas[3:] == ["<strong>AEI.01.03</strong>", "Infraestructura", "Ejecución de la obra", "Mantenimiento"]


def test_cuadro_mantenimientos_con_conteo_por_estado():
    celdas = _celdas_de_tabla(tablas.cuadro_mantenimientos(MANTENIMIENTOS))
    for rotulo in ("Culminado (4)", "En ejecución (8)", "Con contrato (5)", "Buena pro (1)",
                   "Proceso de convocatoria (1)"):
        assert f"<strong>{rotulo}</strong>" in celdas, rotulo
    assert celdas.count("EP Huánuco") == 2 and len(celdas) == 3 + 5 + 2 * 19


def test_cuadro_compromisos_tiene_los_nueve_campos():
    celdas = " ".join(_celdas_de_tabla(tablas.cuadro_compromisos(COMPROMISOS)))
    for texto in ("Gestionar el PEI | nuevo", "• Aprobación del plan.", "• Formulación del PEI.",
                  "Medio de verificación: Documento de aprobación", "<strong>Unidad de Planeamiento</strong>",
                  "Plazo: 31 de diciembre de 2024", "Plazo: 30 de junio de 2025", "<strong>En proceso</strong>",
                  "Primera reunión.", "Seguimiento y evaluación"):
        assert plano(texto) in celdas, plano(texto)
    assert celdas.count("Ejecutar acciones") == 1  # la recomendación del aspecto 2 se fusiona


def test_lista_enlaces_muestra_la_direccion_y_protege_el_enlace():
    enlaces = pd.DataFrame({"descripcion": ["Reporte del PEI [PTE]."],
                            "url": ["https://www.inpe.gob.pe/images/2024/REPORTE_PEI (final).pdf"]})
    md = tablas.lista_enlaces(enlaces)
    assert md.startswith(r"- Reporte del PEI \[PTE\]\.")
    assert "(https://www.inpe.gob.pe/images/2024/REPORTE_PEI%20%28final%29.pdf)" in md
    assert 'href="https://www.inpe.gob.pe/images/2024/REPORTE_PEI%20%28final%29.pdf"' in _html(md)


@pytest.mark.parametrize("unidad, rotulo", [
    ("porcentaje", "Porcentaje (%)"), ("numero", "Número"),
    ("tasa_1000", "Tasa por cada 1,000"), ("tasa_100000", "Tasa por cada 100,000"),
])
def test_rotulo_del_eje_segun_la_unidad_del_plan(unidad, rotulo):
    assert graficos.eje(unidad) == rotulo
