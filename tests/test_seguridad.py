"""Entradas hostiles: el parámetro del semestre y el texto de los CSV.

- El semestre se comprueba contra AAAA-S1|AAAA-S2 antes de tocar una ruta o un cuaderno: nada de
  lo que un usuario pase se vuelve código ni ruta fuera del proyecto.
- El texto de los CSV llega escapado: un nombre con ``<script>`` se ve como texto en el HTML, y
  ``# $ * _ @ [ ] \\`` no rompen la sintaxis de Markdown ni de Typst en el PDF.
"""

from __future__ import annotations

import html as html_lib
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from fixtures_construccion import HOSTILES, RAIZ, SEM, construir, proyecto_hostil
from inpe.publicacion import construccion as c

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
    ("renderizar", "../x"), ("manifiesto", "2024-S1/../../x")])
def test_un_semestre_mal_formado_no_crea_nada(proyecto_minimo, semestre, etapa):
    vigilada = proyecto_minimo.parents[2]
    antes = _arbol(vigilada)
    r = construir(proyecto_minimo, semestre=semestre, etapa=etapa, timeout=120)
    assert r.returncode == 2, r.stderr
    assert "Semestre no válido" in r.stderr and "el formato es AAAA-S1 o AAAA-S2" in r.stderr
    assert _arbol(vigilada) == antes  # ni output/, ni ../../etc, ni pwned
    assert not Path("pwned").exists() and not (proyecto_minimo / "pwned").exists()


def test_un_semestre_bien_formado_sin_datos_solo_escribe_en_output(proyecto_minimo):
    vigilada = proyecto_minimo.parents[2]
    antes = _arbol(vigilada)
    r = construir(proyecto_minimo, semestre="2099-S2", timeout=120)
    assert r.returncode == 1
    assert "La etapa «validación» falló" in r.stderr and "falta la carpeta del semestre" in r.stderr
    nuevos = _arbol(vigilada) - antes
    assert nuevos == {"a/b/proyecto/output", "a/b/proyecto/output/2099-S2",
                      "a/b/proyecto/output/2099-S2/construccion.log"}
    shutil.rmtree(proyecto_minimo / "output")


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
def hostil(request, tmp_path_factory) -> Path:
    return proyecto_hostil(request, tmp_path_factory)[0] / "output" / SEM


@pytest.fixture(scope="session")
def texto_pdf_hostil(hostil) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(hostil / "informe.pdf").pages)


def _plano(texto: str) -> str:
    return " ".join(texto.split())


@pytest.mark.parametrize("campo", sorted(HOSTILES))
def test_el_html_muestra_el_texto_hostil_escapado(hostil, campo):
    fuente = _plano((hostil / "informe.html").read_text(encoding="utf-8"))
    assert _plano(html_lib.escape(HOSTILES[campo], quote=False)) in fuente, campo


def test_el_html_no_tiene_elementos_inyectados(hostil):
    fuente = (hostil / "informe.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in fuente
    guiones = re.findall(r"<script\b[^>]*>(.*?)</script>", fuente, flags=re.S | re.I)
    assert not [g for g in guiones if "alert(1)" in g], "un guion del HTML trae texto de los datos"
    assert 'href="enlace"' not in fuente  # [corchete](enlace) no se volvió enlace
    assert "<em>guion</em>" not in fuente and "<em>asterisco</em>" not in fuente


@pytest.mark.parametrize("campo", sorted(HOSTILES))
def test_el_pdf_muestra_los_caracteres_literales(texto_pdf_hostil, campo):
    texto = texto_pdf_hostil
    sin_cortes = re.sub(r"\s+", "", re.sub(r"-\n", "", texto))
    assert re.sub(r"\s+", "", HOSTILES[campo]) in sin_cortes, campo


_NAVEGADOR = r"""
import json, sys
from playwright.sync_api import sync_playwright
ejecutable, url = sys.argv[1:]
with sync_playwright() as p:
    navegador = p.chromium.launch(executable_path=ejecutable, args=[
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"])
    pagina = navegador.new_page()
    dialogos = []
    pagina.on("dialog", lambda d: (dialogos.append(d.message), d.dismiss()))
    pagina.goto(url, wait_until="load")
    print(json.dumps({"scripts": pagina.evaluate(
                          "[...document.querySelectorAll('script')].filter(s => s.text.includes('alert(1)')).length"),
                      "texto": pagina.inner_text("body"), "dialogos": dialogos}))
    navegador.close()
"""


def test_el_navegador_muestra_el_texto_y_no_ejecuta_nada(hostil):
    """En un proceso aparte: la sesión de Playwright de test_e2e puede seguir abierta en este."""
    if not CHROMIUM:
        if os.environ.get("INPE_EXIGIR_NAVEGADOR"):
            pytest.fail("INPE_EXIGIR_NAVEGADOR=1 pero no se encontró chromium en el PATH")
        pytest.skip("chromium no está instalado")
    r = subprocess.run([sys.executable, "-c", _NAVEGADOR, CHROMIUM, (hostil / "informe.html").as_uri()],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    pagina = json.loads(r.stdout)
    assert pagina["scripts"] == 0 and pagina["dialogos"] == []
    visible = _plano(pagina["texto"])
    for campo, texto in HOSTILES.items():
        assert _plano(texto) in visible, campo
