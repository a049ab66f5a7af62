"""Entradas hostiles: el parámetro del semestre y el texto de los CSV.

- El semestre se comprueba contra AAAA-S1|AAAA-S2 antes de tocar una ruta o un cuaderno: nada de
  lo que un usuario pase se vuelve código ni ruta fuera del proyecto.
- El texto de los CSV llega escapado: un nombre con ``<script>`` se ve como texto en el HTML, y
  ``# $ * _ @ [ ] \\`` no rompen la sintaxis de Markdown ni de Typst en el PDF.
"""

from __future__ import annotations

import base64
import html as html_lib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures_construccion import (
    ARCHIVO_LARGO,
    HOSTILES,
    PALABRA_LARGA,
    RAIZ,
    SECRETO,
    SEM,
    construir,
    copia_de,
    foto,
    proyecto_base,
    proyecto_hostil,
)
from inpe.publicacion import construccion as c
from lectura_pdf import fuera_de_la_hoja, solapes, texto_corrido

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


# ------------------------------------------------------------------ el parámetro del semestre

def _arbol(raiz: Path) -> set[str]:
    return {p.relative_to(raiz).as_posix() for p in raiz.rglob("*")}


@pytest.fixture(scope="module")
def proyecto_minimo(tmp_path_factory) -> Path:
    """Un proyecto con data/ (lo que la orden exige); dentro de una carpeta vigilada."""
    vigilada = tmp_path_factory.mktemp("vigilada")
    raiz = vigilada / "a" / "b" / "proyecto"
    shutil.copytree(RAIZ / "data", raiz / "data")
    return raiz


MALOS = [
    "../../etc",
    "2024-S1; rm -rf /",
    "2024-S3",
    "2024-S1/../../x",
    "2024-s1",
    "2024-S1\n",
    "$(touch pwned)",
    "'; import os; os.system('touch pwned'); '",
    "٢٠٢٤-S1",  # dígitos arábigos: \d los aceptaría, [0-9] no
    "",
]


@pytest.mark.parametrize("etapa, semestre", [("construir", s) for s in MALOS] + [
    ("validar", "../../etc"), ("auditar", "2024-S1; rm -rf /"), ("ejecutar", "2024-S3"),
    ("renderizar", "../x"), ("validar", "2024-S1/../../x")])
def test_un_semestre_mal_formado_no_crea_nada(proyecto_minimo, semestre, etapa):
    vigilada = proyecto_minimo.parents[2]
    antes = _arbol(vigilada)
    r = construir(proyecto_minimo, semestre=semestre, etapa=etapa, timeout=120)
    assert r.returncode == 2, r.stderr
    assert "Semestre no válido" in r.stderr and "el formato es AAAA-S1 o AAAA-S2" in r.stderr
    assert _arbol(vigilada) == antes  # ni output/, ni ../../etc, ni pwned
    assert not Path("pwned").exists() and not (proyecto_minimo / "pwned").exists()


def test_un_semestre_bien_formado_sin_datos_no_escribe_nada(proyecto_minimo):
    vigilada = proyecto_minimo.parents[2]
    antes = _arbol(vigilada)
    r = construir(proyecto_minimo, semestre="2099-S2", timeout=120)
    assert r.returncode == 1
    assert "no hay datos del semestre 2099-S2: falta la carpeta data/2099-S2" in r.stderr
    assert _arbol(vigilada) == antes


def test_una_raiz_sin_data_no_crea_nada(tmp_path):
    r = construir(tmp_path / "no-existe", timeout=120, cwd=tmp_path)
    assert r.returncode == 2 and "no es la carpeta de un proyecto del informe" in r.stderr
    assert list(tmp_path.iterdir()) == []


def test_el_proyecto_y_el_pre_render_de_quarto_validan_el_semestre(tmp_path, monkeypatch):
    from inpe.publicacion import quarto

    for malo in ("../x", "2024-S1/..", "2024"):
        with pytest.raises(ValueError, match="Semestre no válido"):
            c.Proyecto(tmp_path, malo)
        monkeypatch.setenv("INPE_SEMESTRE", malo)
        monkeypatch.chdir(tmp_path)
        with pytest.raises(ValueError, match="Semestre no válido"):
            quarto._proyecto()
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------ texto hostil en los CSV

@pytest.fixture(scope="session")
def base(request, tmp_path_factory):
    return proyecto_base(request, tmp_path_factory)


@pytest.fixture(scope="session")
def hostil(request, tmp_path_factory) -> Path:
    return proyecto_hostil(request, tmp_path_factory)[0] / "output" / SEM


@pytest.fixture(scope="session")
def texto_pdf_hostil(hostil) -> str:
    return texto_corrido(hostil / "informe.pdf")


def _plano(texto: str) -> str:
    return " ".join(texto.split())


@pytest.mark.parametrize("campo", sorted(HOSTILES))
def test_el_html_muestra_el_texto_hostil_escapado(hostil, campo):
    fuente = _plano(html_lib.unescape((hostil / "informe.html").read_text(encoding="utf-8")))
    assert _plano(HOSTILES[campo]) in fuente, campo


def test_el_html_no_tiene_elementos_inyectados(hostil):
    fuente = (hostil / "informe.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fuente
    guiones = re.findall(r"<script\b[^>]*>(.*?)</script>", fuente, flags=re.S | re.I)
    assert not [g for g in guiones if "alert(1)" in g or "inyectado" in g], "un guion del HTML trae texto de los datos"
    assert 'href="enlace"' not in fuente and "href=\"javascript:" not in fuente.lower()
    assert "<em>guion</em>" not in fuente and "<em>asterisco</em>" not in fuente
    assert '<img src="secreto.txt"' not in fuente and 'onerror="window' not in fuente
    assert SECRETO not in fuente and base64.b64encode(SECRETO.encode()).decode()[:24] not in fuente
    assert "{{&lt; include secreto.txt &gt;}}" in fuente  # el atajo de Quarto quedó como texto


@pytest.mark.parametrize("campo", sorted(HOSTILES))
def test_el_pdf_muestra_los_caracteres_literales(texto_pdf_hostil, campo):
    sin_cortes = re.sub(r"\s+", "", re.sub(r"-\n", "", texto_pdf_hostil))
    assert re.sub(r"\s+", "", HOSTILES[campo]) in sin_cortes, campo
    assert SECRETO not in texto_pdf_hostil


def test_el_pdf_parte_las_palabras_largas_sin_salirse_ni_encimarse(hostil, texto_pdf_hostil):
    assert fuera_de_la_hoja(hostil / "informe.pdf") == {}
    assert solapes(hostil / "informe.pdf") == {}
    # Cada letra de la palabra partida está en el PDF y en su orden: ninguna parte se perdió ni quedó
    # cortada en el borde. El lector de texto alterna columnas (y la fila puede seguir en la página siguiente,
    # tras la cabecera repetida del cuadro), así que entre letra y letra se admite otro texto, acotado.
    sin_cortes = re.sub(r"\s+", "", texto_pdf_hostil)
    for palabra in (ARCHIVO_LARGO, PALABRA_LARGA):
        posicion = sin_cortes.index(palabra[:12])
        for letra in palabra:
            siguiente = sin_cortes.find(letra, posicion, posicion + 2000)
            assert siguiente >= 0, f"{palabra[:20]}…: falta «{letra}» cerca de la posición {posicion}"
            posicion = siguiente + 1


_NAVEGADOR = r"""
import json, sys
from playwright.sync_api import sync_playwright
ejecutable, url = sys.argv[1:]
with sync_playwright() as p:
    navegador = p.chromium.launch(executable_path=ejecutable, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
    pagina = navegador.new_page()
    dialogos, peticiones = [], []
    pagina.on("dialog", lambda d: (dialogos.append(d.message), d.dismiss()))
    pagina.on("request", lambda r: peticiones.append(r.url))
    pagina.goto(url, wait_until="load")
    for enlace in pagina.query_selector_all("main a[href]")[:400]:
        href = enlace.get_attribute("href") or ""
        if href.startswith("javascript:"):
            enlace.click()
    pagina.wait_for_timeout(300)
    print(json.dumps({
        "guiones_con_datos": pagina.evaluate(
            "[...document.querySelectorAll('script')].filter(s => /alert\\(1\\)|window\\.inyectado/.test(s.text)).length"),
        "inyectado": pagina.evaluate("typeof window.inyectado"),
        "imagenes_locales": pagina.evaluate(
            "[...document.images].filter(i => !i.src.startsWith('data:')).map(i => i.src)"),
        "texto": pagina.inner_text("body"), "dialogos": dialogos,
        "peticiones": [u for u in peticiones if not u.startswith(("data:", url))]}))
    navegador.close()
"""


def test_el_navegador_muestra_el_texto_y_no_ejecuta_ni_carga_nada(hostil):
    """En un proceso aparte: la sesión de Playwright de test_e2e puede seguir abierta en este."""
    if not CHROMIUM:
        if os.environ.get("INPE_EXIGIR_NAVEGADOR"):
            pytest.fail("INPE_EXIGIR_NAVEGADOR=1 pero no se encontró chromium en el PATH")
        pytest.skip("chromium no está instalado")
    r = subprocess.run([sys.executable, "-c", _NAVEGADOR, CHROMIUM, (hostil / "informe.html").as_uri()],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    pagina = json.loads(r.stdout)
    assert pagina["guiones_con_datos"] == 0 and pagina["dialogos"] == [] and pagina["inyectado"] == "undefined"
    assert pagina["imagenes_locales"] == [] and pagina["peticiones"] == []
    visible = _plano(pagina["texto"])
    for campo, texto in HOSTILES.items():
        assert _plano(texto) in visible, campo
    assert SECRETO not in visible


# ------------------------------------------------------------------ textos hostiles: se rechazan antes de ejecutar

def test_comentarios_hostiles_detienen_la_construccion_con_cada_archivo_y_linea(base, tmp_path):
    """Un comentario con HTML, una imagen local, un título o Typst no llega a ningún cuaderno: la
    validación los lista todos y el informe publicado queda idéntico."""
    copia = copia_de(base[0], tmp_path / "p")
    comentarios = copia / "data" / SEM / "comentarios"
    (comentarios / "AEI.01.01.md").write_text("Texto.\n\n<script>alert(1)</script>", encoding="utf-8")
    (comentarios / "AEI.01.02.md").write_text("Ver <img src=\"/etc/hostname\">.", encoding="utf-8")
    (comentarios / "factores_AEI.01.03.md").write_text("Uno.\n\n# Sección nueva", encoding="utf-8")
    (comentarios / "AEI.01.04.md").write_text("```{=typst}\n#panic()\n```", encoding="utf-8")
    (copia / "data/plan/textos/mision.md").write_text("Misión \x1b[31m.", encoding="utf-8")
    r = construir(copia)
    assert r.returncode == 1
    for esperado in ("comentarios/AEI.01.01.md, línea 3: trae HTML", "comentarios/AEI.01.02.md, línea 1: trae HTML",
                     "comentarios/factores_AEI.01.03.md, línea 3: trae un título",
                     "comentarios/AEI.01.04.md, línea 2: trae HTML, un guion o un bloque de otro formato",
                     "plan/textos/mision.md, línea 1: tiene un carácter invisible o de control (U+001B)"):
        assert esperado in r.stderr, esperado
    assert "\x1b" not in r.stderr and "Ejecución" not in r.stderr
    assert foto(copia / "output" / SEM) == base[1]
