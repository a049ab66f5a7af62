"""El renderizador propio: cada opción del subconjunto de Quarto, referencias, HTML y PDF."""

import base64
import io
from html import unescape
from pathlib import Path

import matplotlib
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from pypdf import PdfReader

from inpe.publicacion import render

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402


def _png() -> str:
    fig, ax = plt.subplots(figsize=(4, 2))
    ax.plot([1, 2, 3])
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode()


def _md(texto):
    return new_output("display_data", data={"text/markdown": texto, "text/plain": "<IPython.core.display.Markdown object>"})


def _celda(fuente, *salidas):
    return new_code_cell(fuente, outputs=list(salidas))


TABLA = "| Código | Valor |\n|:--|--:|\n| AEI.01.01 | 40.82% |"


def test_opciones_de_celda_se_leen_como_yaml():
    celda = render.opciones_de_celda("#| label: fig-a\n#| fig-cap: \"Evolución: 2024\"\n#| echo: true\nplot()")
    assert celda.opciones == {"label": "fig-a", "fig-cap": "Evolución: 2024", "echo": True}
    assert celda.codigo == "plot()"


def test_opcion_fuera_del_subconjunto_es_error(tmp_path):
    with pytest.raises(render.ErrorDeRender, match=r"celda 1: opciones fuera del subconjunto admitido: \['fig-width'\]"):
        render.celda_a_markdown(_celda("#| fig-width: 5\nx"), 1, tmp_path, "f")


def test_codigo_oculto_por_defecto_y_visible_con_echo(tmp_path):
    assert "x = 1" not in render.celda_a_markdown(_celda("x = 1", _md("hola")), 1, tmp_path, "f")
    visible = render.celda_a_markdown(_celda("#| echo: true\nx = 1"), 1, tmp_path, "f")
    assert visible == "```python\nx = 1\n```"


def test_output_false_oculta_las_salidas(tmp_path):
    assert render.celda_a_markdown(_celda("#| output: false\nx", _md("no se ve")), 1, tmp_path, "f") == ""


def test_salida_markdown_va_tal_cual_sin_repr(tmp_path):
    md = render.celda_a_markdown(_celda("x", _md("**hola**")), 1, tmp_path, "f")
    assert md == "**hola**"


def test_cuadro_con_leyenda_y_etiqueta(tmp_path):
    md = render.celda_a_markdown(_celda("#| label: tbl-a\n#| tbl-cap: Resultados\nx", _md(TABLA)), 1, tmp_path, "f")
    assert md == TABLA + "\n\n: Resultados {#tbl-a}"


def test_figura_escribe_la_imagen_y_lleva_leyenda_y_texto_alternativo(tmp_path):
    salida = new_output("display_data", data={"image/png": _png(), "text/plain": "<Figure>"})
    (tmp_path / "m").mkdir()
    fuente = "#| label: fig-b\n#| fig-cap: Evolución\n#| fig-alt: Barras \"altas\"\nx"
    md = render.celda_a_markdown(_celda(fuente, salida), 3, tmp_path / "m", "p")
    assert md == '![Evolución](m/p-fig-b-0.png){#fig-b fig-alt="Barras \\"altas\\"" width="100%"}'
    assert (tmp_path / "m" / "p-fig-b-0.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("salida, mensaje", [
    (new_output("error", ename="KeyError", evalue="'x'", traceback=[]), "celda 2: el cuaderno guarda un error: KeyError: 'x'"),
    (new_output("stream", name="stderr", text="cuidado\n"), "celda 2: el cuaderno guarda un aviso: cuidado"),
])
def test_errores_y_avisos_guardados_detienen_el_render(tmp_path, salida, mensaje):
    with pytest.raises(render.ErrorDeRender) as e:
        render.celda_a_markdown(_celda("x", salida), 2, tmp_path, "f")
    assert str(e.value) == mensaje


def _documento():
    return new_notebook(cells=[
        new_markdown_cell("# Resumen {#sec-resumen}\n\nVer @tbl-a, @fig-b y @sec-detalle.\n\n## Detalle {#sec-detalle}"),
        _celda("#| label: tbl-a\n#| tbl-cap: Primer cuadro\nx", _md(TABLA)),
        _celda("#| label: tbl-c\n#| tbl-cap: Segundo cuadro\nx", _md(TABLA)),
        _celda("#| label: fig-b\n#| fig-cap: Primera figura\n#| fig-alt: Una línea\nx",
               new_output("display_data", data={"image/png": _png()})),
        new_markdown_cell("Y también @tbl-c."),
    ])


@pytest.fixture
def metadatos(tmp_path) -> Path:
    ruta = tmp_path / "meta.yml"
    ruta.write_text("title: Informe de prueba\nsubtitle: Primer semestre 2024\nlang: es\ntoc-title: Índice\n"
                    "institucion: Instituto\ninstitucion-sigla: INPE\nplan: PEI\narea: Planeamiento\n"
                    "lugar-fecha: al 30 de junio de 2024\n", encoding="utf-8")
    return ruta


def test_html_numera_y_enlaza_referencias(tmp_path, metadatos):
    md = render.cuaderno_a_markdown(_documento(), tmp_path / "medios")
    render.html(md, metadatos, tmp_path / "i.html", tmp_path)
    html = (tmp_path / "i.html").read_text(encoding="utf-8")
    assert '<html lang="es" xml:lang="es">' in html
    assert '<a href="#tbl-a">Cuadro 1</a>' in html and '<a href="#tbl-c">Cuadro 2</a>' in html
    assert '<a href="#fig-b">Figura 1</a>' in html and '<a href="#sec-detalle">Sección 1.1</a>' in html
    assert "<strong>Cuadro 2.</strong> Segundo cuadro" in html
    assert "<strong>Figura 1.</strong> Primera figura" in html
    assert 'src="data:image/png;base64,' in html and 'aria-label="Una línea"' in html
    assert 'id="TOC"' in html


def test_html_solo_corre_su_propio_guion_y_no_pide_nada_afuera(tmp_path, metadatos):
    """La CSP admite un solo guion, el propio, por su huella: uno inyectado no correría."""
    md = render.cuaderno_a_markdown(_documento(), tmp_path / "medios")
    render.html(md, metadatos, tmp_path / "i.html", tmp_path)
    html = (tmp_path / "i.html").read_text(encoding="utf-8")
    guion = (render.HTML / "navegacion.js").read_text(encoding="utf-8")
    assert html.count("<script") == 1 and f"<script>{guion}</script>" in html
    assert f'content="{render.politica_de_seguridad(guion)}"' in unescape(html)
    assert "default-src 'none'" in render.politica_de_seguridad(guion)
    assert '<div class="tabla-desplazable">' in html  # un cuadro ancho se desplaza en su caja
    assert 'class="arriba"' in html  # volver al inicio


def test_el_render_no_cambia_el_directorio_del_proceso(tmp_path, metadatos, monkeypatch):
    """El directorio de trabajo es uno para todos los hilos: HTML y PDF se arman a la vez, y en un lote
    mientras se ejecuta el semestre siguiente. Pandoc recibe el suyo al arrancar, sin os.chdir."""
    def prohibido(ruta):
        raise AssertionError(f"os.chdir({ruta!r}) durante el render")
    monkeypatch.setattr("os.chdir", prohibido)
    md = render.cuaderno_a_markdown(_documento(), tmp_path / "medios")
    render.html(md, metadatos, tmp_path / "i.html", tmp_path)
    render.pdf(md, metadatos, tmp_path / "i.pdf", tmp_path, 0)
    assert (tmp_path / "i.html").stat().st_size and (tmp_path / "i.pdf").stat().st_size


def test_referencia_a_destino_inexistente_es_error(tmp_path, metadatos):
    nb = new_notebook(cells=[new_markdown_cell("Ver @fig-nada.")])
    md = render.cuaderno_a_markdown(nb, tmp_path / "medios")
    with pytest.raises(render.ErrorDeRender, match="destino inexistente: @fig-nada"):
        render.html(md, metadatos, tmp_path / "i.html", tmp_path)


def test_pdf_a4_con_portada_indice_encabezado_y_leyendas_numeradas(tmp_path, metadatos):
    md = render.cuaderno_a_markdown(_documento(), tmp_path / "medios")
    avisos = render.pdf(md, metadatos, tmp_path / "i.pdf", tmp_path, 1719705600)
    assert avisos == []
    lector = PdfReader(tmp_path / "i.pdf")
    paginas = [p.extract_text() for p in lector.pages]
    ancho, alto = float(lector.pages[0].mediabox.width), float(lector.pages[0].mediabox.height)
    assert (round(ancho), round(alto)) == (595, 842)  # A4 en puntos
    assert "Informe de prueba" in paginas[0] and "Primer semestre 2024" in paginas[0]
    assert "Índice" in paginas[1]
    texto = "\n".join(paginas[2:])
    assert "Informe de prueba — Primer semestre 2024" in texto  # encabezado
    assert "Ver Cuadro\xa01, Figura\xa01 y Sección\xa01.1." in texto  # Typst escribe las referencias
    assert "Cuadro\xa02. Segundo cuadro" in texto and "Figura\xa01. Primera figura" in texto


def test_pdf_es_identico_en_dos_construcciones(tmp_path, metadatos):
    md = render.cuaderno_a_markdown(_documento(), tmp_path / "medios")
    render.pdf(md, metadatos, tmp_path / "a.pdf", tmp_path, 1719705600)
    render.pdf(md, metadatos, tmp_path / "b.pdf", tmp_path, 1719705600)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_unir_cuadernos_quita_parametros_y_antepone_metadatos():
    a = new_notebook(cells=[new_code_cell("semestre = 'x'", metadata={"tags": ["parameters"]}), new_markdown_cell("# A")])
    b = new_notebook(cells=[new_code_cell("semestre = 'y'", metadata={"tags": ["injected-parameters"]}), new_markdown_cell("# B")])
    nb = render.unir_cuadernos([a, b], {"title": "T", "lang": "es"})
    assert [c.cell_type for c in nb.cells] == ["raw", "markdown", "markdown"]
    assert nb.cells[0].source == "---\nlang: es\ntitle: T\n---"
