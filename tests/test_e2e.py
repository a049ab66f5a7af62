"""De punta a punta: una copia limpia del repositorio, la orden del README, el PDF y el HTML.

La construcción se hace una sola vez por sesión de pruebas; cada prueba lee el resultado.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

RAIZ = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")

pytestmark = pytest.mark.e2e


def test_la_construccion_deja_html_pdf_cuadernos_y_manifiesto(construido):
    for nombre in ("informe.html", "informe.pdf", "informe.ipynb", "manifest.json", "construccion.log"):
        assert (construido / nombre).stat().st_size > 0, nombre
    assert sorted(p.name for p in (construido / "cuadernos").iterdir()) == sorted(
        p.name for p in (RAIZ / "notebooks").glob("[0-9]*.ipynb"))
    assert not list(construido.glob(".construccion-*")), "quedó una carpeta temporal"


def test_el_pdf_tiene_titulo_semestre_cifras_y_figuras(construido):
    lector = PdfReader(construido / "informe.pdf")
    texto = "\n".join(p.extract_text() for p in lector.pages)
    portada = lector.pages[0].extract_text()
    assert "Informe de Evaluación Institucional" in portada
    assert "Primer semestre 2024" in portada
    assert "97,664" in texto  # población intramuros, de data/2024-S1/poblacion.csv
    assert "Figura\xa01." in texto and "Cuadro\xa01." in texto
    for prohibido in ("{python}", "<IPython", "Traceback", "Warning"):
        assert prohibido not in texto


def test_el_html_no_muestra_codigo_ni_reprs(construido):
    html = (construido / "informe.html").read_text(encoding="utf-8")
    for prohibido in ("{python}", "IPython.core.display", "Traceback", "&lt;Figure", "Informe.cargar"):
        assert prohibido not in html


@pytest.fixture(scope="session")
def pagina(construido):
    if not CHROMIUM:
        if os.environ.get("INPE_EXIGIR_NAVEGADOR"):
            pytest.fail("INPE_EXIGIR_NAVEGADOR=1 pero no se encontró chromium en el PATH")
        pytest.skip("chromium no está instalado (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        navegador = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--no-first-run", "--disable-sync"])
        pagina = navegador.new_page()
        registro = {"peticiones": [], "errores": []}
        pagina.on("request", lambda r: registro["peticiones"].append(r.url))
        pagina.on("console", lambda m: m.type == "error" and registro["errores"].append(m.text))
        pagina.on("pageerror", lambda e: registro["errores"].append(str(e)))
        pagina.goto((construido / "informe.html").as_uri(), wait_until="load")
        yield pagina, registro
        navegador.close()


def test_html_en_chromium_sin_peticiones_externas_ni_errores(pagina, construido):
    p, registro = pagina
    assert p.evaluate("document.documentElement.lang") == "es"
    externas = [u for u in registro["peticiones"] if not u.startswith(("file:", "data:"))]
    assert externas == []
    assert registro["errores"] == []


def test_los_enlaces_del_indice_llevan_a_su_seccion(pagina):
    p, _ = pagina
    destinos = p.eval_on_selector_all("#TOC a", "as => as.map(a => a.getAttribute('href'))")
    assert len(destinos) >= 3
    faltan = [d for d in destinos if not p.evaluate("id => !!document.getElementById(id)", d[1:])]
    assert faltan == []
    p.click(f"#TOC a[href='{destinos[-1]}']")
    assert p.evaluate("location.hash") == destinos[-1]
    assert p.evaluate("id => document.getElementById(id).getBoundingClientRect().top", destinos[-1][1:]) < 200


def test_las_figuras_cargan_su_imagen(pagina):
    p, _ = pagina
    imagenes = p.eval_on_selector_all("figure img", "is => is.map(i => [i.complete, i.naturalWidth])")
    assert imagenes and all(completa and ancho > 0 for completa, ancho in imagenes)
    assert p.text_content("figure figcaption").startswith("Figura 1.")
