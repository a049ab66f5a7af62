"""Quarto de verdad: `quarto render` en la raíz y `make informe` con Quarto dan el mismo informe
que el renderizador propio, con la misma plantilla Typst, sin tocar archivos versionados.

Las pruebas que necesitan Quarto corren cuando `quarto` (1.9 o posterior) está en el PATH y se
omiten, diciendo por qué, cuando no está (una máquina nueva, el primer CI).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
import yaml

from conftest import a_400_px, copia_limpia, en_chromium
from inpe.publicacion import quarto, renderizadores
from lectura_html import secciones
from lectura_pdf import fuera_de_la_hoja, solapes, texto_por_pagina

RAIZ = Path(__file__).resolve().parents[1]
CONF = yaml.safe_load((RAIZ / "_quarto.yml").read_text(encoding="utf-8"))
QUARTO = renderizadores.quarto_disponible()
#: PATH con el Python del entorno primero: el gancho de Quarto corre con el `python3` que encuentra.
CON_ENTORNO = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
con_quarto = pytest.mark.skipif(QUARTO is None, reason="Quarto 1.9 o posterior no está en el PATH: se omite su camino")


def test_configuracion_de_quarto_pequena_y_estandar():
    assert CONF["project"]["type"] == "default"
    assert CONF["project"]["render"] == ["informe.ipynb"]
    assert CONF["project"]["pre-render"] == "scripts/quarto_gancho.py previo"
    assert CONF["project"]["post-render"] == "scripts/quarto_gancho.py posterior"
    assert CONF["lang"] == "es"
    # «Cuadro» y «Figura» en las leyendas y en las referencias (sin esto Quarto escribe «Tabla 3»).
    assert {k: CONF["crossref"][k] for k in ("tbl-title", "tbl-prefix", "fig-title", "fig-prefix")} == {
        "tbl-title": "Cuadro", "tbl-prefix": "Cuadro", "fig-title": "Figura", "fig-prefix": "Figura"}
    assert CONF["execute"]["enabled"] is False  # papermill es el único ejecutor
    html, typst = CONF["format"]["html"], CONF["format"]["typst"]
    assert html["embed-resources"] is True and html["toc-depth"] == 4 and html["format-links"] is False
    assert typst["papersize"] == "a4"
    for ruta in [*html["css"], html["include-after-body"], *typst["template-partials"]]:
        assert (RAIZ / ruta).is_file(), ruta
    # Una sola plantilla Typst: la que el renderizador propio incluye es la que Quarto recibe.
    propia = (RAIZ / "lib/inpe/publicacion/render/typst/plantilla.typ").read_text(encoding="utf-8")
    for parcial in typst["template-partials"]:
        nombre = Path(parcial).name
        assert nombre == "page.typ" or f"${nombre}()$" in propia


def test_la_raiz_ignora_lo_que_quarto_deja_mientras_trabaja():
    """Quarto agrega «**/*.quarto_ipynb» a .gitignore si no está: ya está, y no lo modifica."""
    ignorados = (RAIZ / ".gitignore").read_text(encoding="utf-8").splitlines()
    for patron in ("**/*.quarto_ipynb", "/.quarto/", "/informe.ipynb", "/informe_files/"):
        assert patron in ignorados


def _copia_git(destino: Path) -> Path:
    copia = copia_limpia(destino)
    for orden in (["init", "-q"], ["add", "-A"], ["-c", "user.name=p", "-c", "user.email=p@p", "commit", "-qm", "copia"]):
        subprocess.run(["git", *orden], cwd=copia, check=True, capture_output=True)
    return copia


def _estado_git(copia: Path) -> str:
    return subprocess.run(["git", "status", "--porcelain", "--ignored=no"], cwd=copia, capture_output=True,
                          text=True, check=True).stdout


def test_ganchos_de_quarto_construyen_en_un_area_y_publican_todo_junto(tmp_path, monkeypatch):
    """El pre-render ejecuta en un área propia; el post-render publica HTML, PDF y manifiesto juntos y
    deja la raíz como estaba (aquí el HTML y el PDF que «Quarto» deja son de mentira)."""
    copia = _copia_git(tmp_path / "repo")
    salida = copia / "output" / "2024-S1"
    monkeypatch.chdir(copia)
    monkeypatch.setenv("INPE_SEMESTRE", "2024-S1")
    quarto.previo(quarto_pid=os.getpid())
    nb = nbformat.read(copia / "informe.ipynb", as_version=4)
    portada = yaml.safe_load(nb.cells[0].source.strip("-\n"))
    assert portada["title"] == "Informe de Evaluación Institucional" and portada["date"] == "2024-06-30"
    assert not any("{python}" in c.source for c in nb.cells if c.cell_type == "markdown")
    assert not (salida / "informe.html").exists(), "el pre-render no publica nada"
    (copia / "informe.html").write_text("<html>quarto</html>", encoding="utf-8")
    (copia / "informe.pdf").write_bytes(b"%PDF-quarto")
    (copia / "informe_files").mkdir()
    quarto.posterior(quarto_pid=os.getpid())
    assert (salida / "informe.html").read_text(encoding="utf-8") == "<html>quarto</html>"
    assert (salida / "informe.pdf").read_bytes() == b"%PDF-quarto"
    manifiesto = json.loads((salida / "manifest.json").read_text(encoding="utf-8"))
    assert manifiesto["renderizador"].startswith("Quarto")
    assert manifiesto["salidas"]["informe.pdf"]["bytes"] == len(b"%PDF-quarto")
    assert manifiesto["git"]["modificado"] is False
    for resto in ("informe.ipynb", "informe.html", "informe.pdf", "informe_files"):
        assert not (copia / resto).exists(), resto
    assert not list(salida.glob("construccion-*")) and _estado_git(copia) == ""


def test_un_semestre_mal_escrito_en_la_variable_da_un_mensaje_sin_traceback(tmp_path):
    r = subprocess.run([sys.executable, "-m", "inpe.publicacion.quarto", "previo"], cwd=RAIZ, capture_output=True,
                       text=True, env={**os.environ, "INPE_SEMESTRE": "2024-S3; rm -rf /"})
    assert r.returncode == 1
    assert "Semestre no válido" in r.stderr and "INPE_SEMESTRE" in r.stderr and "Traceback" not in r.stderr


# ------------------------------------------------------------------ con Quarto de verdad

@pytest.fixture(scope="session")
def quarto_en_la_raiz(tmp_path_factory) -> Path:
    """`quarto render` en la raíz de una copia limpia con git, como lo correría un usuario."""
    copia = _copia_git(tmp_path_factory.mktemp("quarto"))
    r = subprocess.run(["quarto", "render"], cwd=copia, capture_output=True, text=True, timeout=900,
                       env={**os.environ, "INPE_SEMESTRE": "2024-S1", "PATH": CON_ENTORNO})
    assert r.returncode == 0, r.stderr[-3000:]
    return copia


@con_quarto
def test_quarto_render_deja_la_raiz_limpia_y_el_manifiesto_sin_cambios(quarto_en_la_raiz):
    copia = quarto_en_la_raiz
    assert _estado_git(copia) == "", "quarto render cambió archivos versionados o dejó restos"
    for resto in ("informe.ipynb", "informe_files", "informe.html", "informe.pdf"):
        assert not (copia / resto).exists(), resto
    m = json.loads((copia / "output/2024-S1/manifest.json").read_text(encoding="utf-8"))
    assert m["git"]["modificado"] is False and m["renderizador"] == f"Quarto {QUARTO}"


def _pdf_como_el_propio(pdf: Path) -> None:
    """Lo que el PDF de cualquier renderizador debe cumplir: portada, índice, encabezado, números,
    Cuadro 3 entero a lo largo de dos páginas con su cabecera repetida, nada encimado ni cortado."""
    assert solapes(pdf) == {}
    assert fuera_de_la_hoja(pdf) == {}
    paginas = texto_por_pagina(pdf)
    assert "Informe de Evaluación Institucional" in paginas[0] and "30 de junio de 2024" in paginas[0]
    assert "Índice" in paginas[1] and "Lista de cuadros" in "".join(paginas[1:4])
    for n, p in enumerate(paginas[1:], start=1):
        assert "Informe de Evaluación Institucional —" in p, f"página {n + 1} sin encabezado"
        assert p.rstrip().endswith(str(n)), f"página {n + 1} sin su número"
    texto = "\n".join(paginas)
    assert "Tabla" not in texto.replace("Tabla resumen", ""), "una referencia dice «Tabla»"
    inicio = next(i for i, p in enumerate(paginas) if "Cuadro 3. Resultado" in p)
    siguiente = paginas[inicio + 1]
    assert "Código" in siguiente.split("\n", 3)[3] or "Código" in siguiente[:600], "Cuadro 3 sin cabecera repetida"
    assert "IND.01.AEI.03.01" in "".join(paginas[inicio:inicio + 2]), "Cuadro 3 no llega a su última fila"
    # La procedencia completa (rutas y huellas) es solo del HTML: Quarto no debe convertir su tabla cruda.
    assert "SHA-256" not in texto and "data/plan/aei.csv" not in texto, "el PDF imprime la procedencia completa"


@con_quarto
def test_el_pdf_de_quarto_render_es_el_del_informe(quarto_en_la_raiz):
    _pdf_como_el_propio(quarto_en_la_raiz / "output/2024-S1/informe.pdf")


@con_quarto
def test_make_informe_con_quarto_usa_quarto_y_da_el_mismo_pdf(construido):
    m = json.loads((construido / "manifest.json").read_text(encoding="utf-8"))
    assert m["renderizador"] == f"Quarto {QUARTO}"
    _pdf_como_el_propio(construido / "informe.pdf")


def _bloque_de_titulo(pagina, registro) -> dict:
    return {"texto": pagina.inner_text("body"), "titulo": pagina.inner_text("#title-block-header"),
            "ancho": pagina.evaluate("[document.documentElement.scrollWidth, innerWidth]")}


@con_quarto
def test_el_html_de_quarto_tiene_bloque_de_titulo_y_navegacion(quarto_en_la_raiz):
    html = quarto_en_la_raiz / "output/2024-S1/informe.html"
    vista = en_chromium(html, _bloque_de_titulo)
    assert "Invalid Date" not in vista["texto"] and "AUTOR" not in vista["titulo"].upper()
    for esperado in ("Instituto Nacional Penitenciario", "Primer semestre", "30 de junio de 2024"):
        assert esperado in vista["titulo"]
    assert "Otros formatos" not in vista["texto"]
    texto = html.read_text(encoding="utf-8")
    assert 'id="TOC"' in texto and 'class="arriba"' in texto


# ------------------------------------------------------------------ un solo documento

@pytest.fixture(scope="session")
def construido_propio(construido, tmp_path_factory) -> Path:
    """El informe con el renderizador propio (si Quarto está, `make informe` usó Quarto)."""
    copia = copia_limpia(tmp_path_factory.mktemp("propio"))
    r = subprocess.run([sys.executable, "-m", "inpe", "construir", "2024-S1", "--motor", "pandoc"], cwd=copia,
                       capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, r.stderr
    return copia / "output" / "2024-S1"


#: Diferencias a propósito entre los dos HTML, por sección. (Las envolturas —índice lateral,
#: bloque de título, guiones— se dejan fuera al leer: ver lectura_html.)
DIFERENCIAS_A_PROPOSITO = {
    "Ficha técnica": "su procedencia plegada (solo HTML) nombra el renderizador que se usó y su versión",
}


@con_quarto
def test_los_dos_renderizadores_dan_el_mismo_documento(construido, construido_propio):
    quarto_html = secciones((construido / "informe.html").read_text(encoding="utf-8"))
    propio_html = secciones((construido_propio / "informe.html").read_text(encoding="utf-8"))
    assert [(s.numero, s.titulo) for s in quarto_html] == [(s.numero, s.titulo) for s in propio_html]
    assert len(propio_html) > 40
    for q, p in zip(quarto_html, propio_html):
        donde = f"{p.numero} {p.titulo}"
        assert q.leyendas == p.leyendas, donde
        if p.titulo not in DIFERENCIAS_A_PROPOSITO:
            assert q.cifras == p.cifras, donde
    assert sum(len(s.cifras) for s in propio_html) > 500  # no se comparó un documento vacío
    # El PDF: los mismos títulos en el mismo orden (el índice del PDF) y casi las mismas páginas.
    from pypdf import PdfReader

    def titulos(pdf):
        lector = PdfReader(pdf)
        planos = []

        def recorrer(nodos):
            for n in nodos:
                recorrer(n) if isinstance(n, list) else planos.append(n.title)
        recorrer(lector.outline)
        return planos, len(lector.pages)

    (tq, nq), (tp, np_) = titulos(construido / "informe.pdf"), titulos(construido_propio / "informe.pdf")
    assert tq == tp
    assert abs(nq - np_) <= 2, f"Quarto: {nq} páginas; propio: {np_}"
    assert shutil.which("quarto")


@con_quarto
def test_el_html_propio_a_400_px_tampoco_se_desplaza(construido_propio):
    vista = en_chromium(construido_propio / "informe.html", a_400_px)
    assert vista["fuera"] == [] and vista["ancho"] == [400, 400], vista
