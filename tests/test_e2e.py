"""De punta a punta: una copia limpia del repositorio, la orden del README, el PDF y el HTML.

La construcción se hace una sola vez por sesión de pruebas; cada prueba lee el resultado.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import a_400_px, en_chromium

RAIZ = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.e2e


def test_la_construccion_deja_html_pdf_cuadernos_y_manifiesto(construido):
    for nombre in ("informe.html", "informe.pdf", "informe.ipynb", "manifest.json", "construccion.log"):
        assert (construido / nombre).stat().st_size > 0, nombre
    assert sorted(p.name for p in (construido / "cuadernos").iterdir()) == sorted(
        p.name for p in (RAIZ / "notebooks").glob("[0-9]*.ipynb"))
    assert not list(construido.glob("construccion-*")), "quedó una carpeta temporal"


def test_el_pdf_tiene_titulo_semestre_cifras_y_figuras(construido):
    lector = PdfReader(construido / "informe.pdf")
    texto = "\n".join(p.extract_text() for p in lector.pages)
    portada = lector.pages[0].extract_text()
    assert "Informe de Evaluación Institucional" in portada
    assert "Primer semestre de 2024" in portada
    assert "97,664" in texto  # población intramuros, de data/2024-S1/poblacion.csv
    assert "Figura\xa01." in texto and "Cuadro\xa01." in texto
    for prohibido in ("{python}", "<IPython", "Traceback", "Warning"):
        assert prohibido not in texto


def test_el_html_no_muestra_codigo_ni_reprs(construido):
    html = (construido / "informe.html").read_text(encoding="utf-8")
    for prohibido in ("{python}", "IPython.core.display", "Traceback", "&lt;Figure", "Informe.cargar"):
        assert prohibido not in html


def _explorar(p, registro) -> dict:
    destinos = p.eval_on_selector_all("#TOC a", "as => as.map(a => a.getAttribute('href'))")
    faltan = [d for d in destinos if not p.evaluate("id => !!document.getElementById(id)", d[1:])]
    p.click(f"#TOC a[href='{destinos[-1]}']")
    p.wait_for_function("h => location.hash === h", arg=destinos[-1])
    p.wait_for_timeout(200)
    return {
        "al_fondo": p.evaluate("innerHeight + scrollY >= document.documentElement.scrollHeight - 2"),
        "lang": p.evaluate("document.documentElement.lang"),
        "destinos": destinos,
        "faltan": faltan,
        "hash": p.evaluate("location.hash"),
        "alto_destino": p.evaluate("id => document.getElementById(id).getBoundingClientRect().top", destinos[-1][1:]),
        "imagenes": p.eval_on_selector_all("main figure img", "is => is.map(i => [i.complete, i.naturalWidth])"),
        "primera_leyenda": p.text_content("figure:has(img) figcaption"),
        **registro,
    }


@pytest.fixture(scope="session")
def navegacion(construido) -> dict:
    return en_chromium(construido / "informe.html", _explorar)


def test_html_en_chromium_sin_peticiones_externas_ni_errores(navegacion):
    assert navegacion["lang"] == "es"
    assert [u for u in navegacion["peticiones"] if not u.startswith(("file:", "data:"))] == []
    assert navegacion["errores"] == []


def test_los_enlaces_del_indice_llevan_a_su_seccion(navegacion):
    assert len(navegacion["destinos"]) >= 10
    assert navegacion["faltan"] == []
    assert navegacion["hash"] == navegacion["destinos"][-1]
    # el clic llevó la sección a la vista (arriba, o la página llegó a su final)
    assert navegacion["alto_destino"] < 200 or navegacion["al_fondo"]


def test_las_figuras_cargan_su_imagen(navegacion):
    assert navegacion["imagenes"] and all(completa and ancho > 0 for completa, ancho in navegacion["imagenes"])
    assert " ".join(navegacion["primera_leyenda"].split()).startswith("Figura 1.")  # con espacio o no separable


def test_a_400_px_la_pagina_no_se_desplaza_de_lado(construido):
    """Un revisor en el teléfono: solo un cuadro ancho se desplaza, dentro de su caja; la página no."""
    vista = en_chromium(construido / "informe.html", a_400_px)
    assert vista["fuera"] == [] and vista["ancho"] == [400, 400], vista
