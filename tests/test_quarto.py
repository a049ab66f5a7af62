"""`quarto render` en la raíz: configuración estándar, scripts pre/post-render y, con Quarto, el render real."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
import yaml
from pypdf import PdfReader

from inpe import construccion, quarto

RAIZ = Path(__file__).resolve().parents[1]
CONF = yaml.safe_load((RAIZ / "_quarto.yml").read_text(encoding="utf-8"))


def test_configuracion_de_quarto_pequena_y_estandar():
    assert CONF["project"]["type"] == "default"
    assert CONF["project"]["render"] == ["informe.ipynb"]
    assert CONF["project"]["pre-render"] == "python -m inpe.quarto previo"
    assert CONF["project"]["post-render"] == "python -m inpe.quarto posterior"
    assert CONF["lang"] == "es" and CONF["crossref"]["tbl-title"] == "Cuadro" and CONF["crossref"]["fig-title"] == "Figura"
    assert CONF["execute"]["enabled"] is False  # papermill es el único ejecutor
    assert CONF["format"]["html"]["embed-resources"] is True
    assert CONF["format"]["typst"]["papersize"] == "a4"
    assert (RAIZ / CONF["format"]["html"]["css"]).is_file()


def test_pre_render_deja_el_informe_ejecutado_en_la_raiz_y_post_render_lo_publica(construido, tmp_path, monkeypatch):
    copia = tmp_path / "repo"
    shutil.copytree(construido.parents[1], copia)  # una copia propia: no tocar la construcción compartida
    salida = copia / "output" / "2024-S1"
    monkeypatch.chdir(copia)
    monkeypatch.setenv("INPE_SEMESTRE", "2024-S1")
    quarto.previo()
    nb = nbformat.read(copia / "informe.ipynb", as_version=4)
    portada = yaml.safe_load(nb.cells[0].source.strip("-\n"))
    assert portada["title"] == "Informe de Evaluación Institucional" and portada["lang"] == "es"
    assert portada["subtitle"] == "Primer semestre 2024"
    assert not any("{python}" in c.source for c in nb.cells if c.cell_type == "markdown")
    # Lo que Quarto dejaría en la raíz, el post-render lo lleva a output/<semestre>/.
    (copia / "informe.html").write_text("<html>quarto</html>", encoding="utf-8")
    (copia / "informe.pdf").write_bytes(b"%PDF-quarto")
    quarto.posterior()
    assert not (copia / "informe.html").exists()
    assert (salida / "informe.html").read_text(encoding="utf-8") == "<html>quarto</html>"
    assert (salida / "informe.pdf").read_bytes() == b"%PDF-quarto"


@pytest.mark.skipif(construccion.quarto_disponible() is None, reason="Quarto >= 1.9 no está en el PATH")
def test_quarto_render_en_la_raiz(tmp_path):
    from conftest import copia_limpia

    copia = copia_limpia(tmp_path)
    r = subprocess.run(["quarto", "render"], cwd=copia, capture_output=True, text=True,
                       env={**os.environ, "INPE_SEMESTRE": "2024-S1"})
    assert r.returncode == 0, r.stderr[-3000:]
    salida = copia / "output" / "2024-S1"
    texto = "\n".join(p.extract_text() for p in PdfReader(salida / "informe.pdf").pages)
    assert "Informe de Evaluación Institucional" in texto and "97,664" in texto
    html = (salida / "informe.html").read_text(encoding="utf-8")
    assert 'lang="es"' in html and "{python}" not in html
    assert shutil.which("quarto")
