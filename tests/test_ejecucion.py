"""Expresiones en línea evaluadas durante la ejecución con papermill."""

from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from inpe.publicacion.ejecucion import ErrorDeEjecucion, ejecutar_cuaderno
from inpe.redaccion.escape import escapar_markdown


def _cuaderno(tmp_path: Path, *celdas) -> Path:
    nb = new_notebook(cells=[new_code_cell("semestre = '2024-S1'", metadata={"tags": ["parameters"]}), *celdas])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    ruta = tmp_path / "entrada.ipynb"
    nbformat.write(nb, ruta)
    return ruta


def _markdown_final(nb) -> list[str]:
    return [c.source for c in nb.cells if c.cell_type == "markdown"]


def test_expresiones_en_linea_quedan_como_texto_final(tmp_path):
    ruta = _cuaderno(
        tmp_path,
        new_code_cell("x = 97664\nmonto = 'S/\\xa0897,215,339.55'"),
        new_markdown_cell("Población: `{python} f'{x:,}'` personas; PIM `{python} monto`; `{python} semestre`."),
    )
    nb = ejecutar_cuaderno(ruta, tmp_path / "salida.ipynb", {"semestre": "2025-S2"}, tmp_path)
    assert _markdown_final(nb) == [r"Población: 97\,664 personas; PIM S\/" + "\xa0" + r"897\,215\,339\.55; 2025\-S2."]
    # El cuaderno escrito en disco guarda el mismo texto final (lo que Quarto renderiza).
    guardado = nbformat.read(tmp_path / "salida.ipynb", as_version=4)
    assert _markdown_final(guardado) == _markdown_final(nb)


def test_una_expresion_ve_solo_las_celdas_anteriores(tmp_path):
    ruta = _cuaderno(
        tmp_path,
        new_code_cell("n = 1"),
        new_markdown_cell("antes: `{python} n`"),
        new_code_cell("n = 2"),
        new_markdown_cell("después: `{python} n`"),
    )
    nb = ejecutar_cuaderno(ruta, tmp_path / "s.ipynb", {}, tmp_path)
    assert _markdown_final(nb) == ["antes: 1", "después: 2"]


def test_texto_de_datos_se_escapa_para_markdown(tmp_path):
    ruta = _cuaderno(tmp_path, new_code_cell("nombre = '<script>*x*</script> @fig-a'"),
                     new_markdown_cell("EP `{python} nombre`"))
    nb = ejecutar_cuaderno(ruta, tmp_path / "s.ipynb", {}, tmp_path)
    assert _markdown_final(nb) == [r"EP \<script\>\*x\*\<\/script\> \@fig\-a"]


@pytest.mark.parametrize("parametros", [{}, {"semestre": "2024-S2"}])
def test_expresion_fallida_nombra_cuaderno_celda_y_expresion(tmp_path, parametros):
    ruta = _cuaderno(tmp_path, new_markdown_cell("valor `{python} no_existe + 1`"))
    with pytest.raises(ErrorDeEjecucion) as e:
        ejecutar_cuaderno(ruta, tmp_path / "s.ipynb", parametros, tmp_path)
    assert str(e.value) == ("entrada.ipynb: celda 2 (Markdown): la expresión en línea `no_existe + 1` falló: "
                            "NameError: name 'no_existe' is not defined")


def test_celda_de_codigo_fallida_detiene_con_mensaje(tmp_path):
    ruta = _cuaderno(tmp_path, new_code_cell("1 / 0"))
    with pytest.raises(ErrorDeEjecucion, match=r"entrada\.ipynb: la celda \d+ falló: ZeroDivisionError"):
        ejecutar_cuaderno(ruta, tmp_path / "s.ipynb", {}, tmp_path)


def test_un_aviso_en_stderr_detiene_la_construccion(tmp_path):
    ruta = _cuaderno(tmp_path, new_code_cell("import warnings; warnings.warn('columna vacía')"))
    with pytest.raises(ErrorDeEjecucion, match="emitió un aviso: .*columna vacía"):
        ejecutar_cuaderno(ruta, tmp_path / "s.ipynb", {}, tmp_path)


def test_una_ruta_existente_se_muestra_como_texto_no_como_archivo(tmp_path):
    (tmp_path / "manifest.json").write_text('{"secreto": 1}', encoding="utf-8")
    ruta = _cuaderno(tmp_path, new_code_cell("r = 'manifest.json'"), new_markdown_cell("en `{python} r`."))
    nb = ejecutar_cuaderno(ruta, tmp_path / "s.ipynb", {}, tmp_path)
    assert _markdown_final(nb) == [r"en manifest\.json."]


def test_directorio_de_trabajo_fijo(tmp_path):
    (tmp_path / "dato.txt").write_text("hola", encoding="utf-8")
    ruta = _cuaderno(tmp_path, new_markdown_cell("`{python} open('dato.txt').read()`"))
    otra = tmp_path / "otra"
    otra.mkdir()
    nb = ejecutar_cuaderno(ruta, otra / "s.ipynb", {}, tmp_path)
    assert _markdown_final(nb) == ["hola"]


@pytest.mark.parametrize("texto, esperado", [
    ("40.82%", r"40\.82\%"),
    ("S/\xa01,234.50", "S\\/\xa01\\,234\\.50"),
    ("a_b*c", r"a\_b\*c"),
    ("[x](y)", r"\[x\]\(y\)"),
    ("$5 | 6", r"\$5 \| 6"),
    ("--- \"a\" 'b' ...", r"\-\-\- \"a\" \'b\' \.\.\."),  # ni raya ni comillas tipográficas
    ("{{< include /etc/hostname >}}", r"\{\{\< include \/etc\/hostname \>\}\}"),  # ni atajos de Quarto
    ("uno\n\n# dos", r"uno  \# dos"),  # un dato no parte el párrafo ni abre un título
])
def test_escapar_markdown(texto, esperado):
    assert escapar_markdown(texto) == esperado
