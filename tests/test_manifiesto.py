"""manifest.json y el colofón: qué datos, parámetros, código y motores produjeron el informe."""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import platform
import re
import subprocess

import pandas as pd
import pytest

from fixtures_construccion import RAIZ, SEM, proyecto_base
from inpe.publicacion import manifiesto, renderizadores


@pytest.fixture(scope="session")
def base(request, tmp_path_factory):
    return proyecto_base(request, tmp_path_factory)


@pytest.fixture(scope="session")
def m(base) -> dict:
    return json.loads(base[1]["manifest.json"])


def test_cada_archivo_de_entrada_con_su_huella_y_sus_filas(base, m):
    raiz = base[0]
    esperados = sorted(p.relative_to(raiz).as_posix() for p in (raiz / "data").rglob("*")
                       if p.is_file() and p.parent.name != "data")
    assert sorted(m["entradas"]) == esperados
    for rel, info in m["entradas"].items():
        contenido = (raiz / rel).read_bytes()
        assert info["sha256"] == hashlib.sha256(contenido).hexdigest(), rel
        assert info["bytes"] == len(contenido)
        if rel.endswith(".csv"):
            assert info["filas"] == len(pd.read_csv(raiz / rel, dtype=str, keep_default_na=False)), rel
    assert m["entradas"]["data/2024-S1/poblacion.csv"]["filas"] == 6
    assert m["entradas"]["data/2024-S1/hechos_destacados.csv"]["filas"] == 2  # textos de varias líneas


def test_parametros_renderizador_y_versiones(m):
    assert m["semestre"] == SEM
    assert m["parametros"] == {"semestre": SEM, "motor": "auto"}
    quarto = renderizadores.quarto_disponible()  # `construir` usa Quarto si está en el PATH
    assert m["renderizador"] == (f"Quarto {quarto}" if quarto else "Pandoc + Typst (renderizador propio)")
    v = m["versiones"]
    assert v["python"] == platform.python_version()
    assert v["pandoc"] and re.fullmatch(r"\d+(\.\d+)+", v["pandoc"])
    assert v["typst"] and re.fullmatch(r"\d+(\.\d+)+", v["typst"])
    assert v["quarto"] == quarto  # None si no se usó
    # todos los paquetes del entorno, no solo los declarados
    instalados = {re.sub(r"[-_.]+", "-", d.metadata["Name"]).lower() for d in importlib.metadata.distributions()}
    assert set(v["paquetes"]) == instalados
    assert v["paquetes"]["pandas"] == importlib.metadata.version("pandas")
    assert v["paquetes"]["papermill"] == importlib.metadata.version("papermill")


def test_git_tiempos_salidas_y_auditoria(base, m):
    assert m["git"] == {"commit": None, "modificado": None}  # la copia limpia no trae .git
    for etapa in ("validación", "auditoría", "ejecución", "render"):
        assert m["tiempos_s"][etapa] >= 0
    assert any(k.startswith("cuaderno ") for k in m["tiempos_s"])
    for nombre in ("informe.html", "informe.pdf"):
        assert m["salidas"][nombre]["sha256"] == hashlib.sha256(base[1][nombre]).hexdigest()
    assert {a["codigo"]: a["resultado"] for a in m["auditoria"] if a["resultado"] != "conforme"} == {
        "AUD-02": "aviso", "AUD-10": "aviso", "AUD-15": "no_aplica"}
    assert set(m["cuadernos"]) == {p.relative_to(base[0]).as_posix() for p in (base[0] / "notebooks").glob("*.ipynb")}
    assert m["codigo"]["paquete"] == "inpe" and len(m["codigo"]["sha256"]) == 64


def test_el_colofon_dice_lo_esencial_del_manifiesto(base, m):
    html = base[1]["informe.html"].decode("utf-8")
    texto = " ".join(re.sub(r"<[^>]+>", " ", html).split())
    assert 'id="sec-ficha-tecnica"' in html and 'id="sec-control-calidad"' in html and '<details' in html
    for rel in ("data/2024-S1/presupuesto.csv", "data/plan/indicadores.csv"):
        assert manifiesto.corta(m["entradas"][rel]["sha256"]) in html, rel
    assert f"Python {m['versiones']['python']}" in texto
    assert f"Pandoc {m['versiones']['pandoc']}" in texto and f"Typst {m['versiones']['typst']}" in texto
    assert m["renderizador"] in texto  # el colofón nombra el mismo renderizador que el manifiesto
    assert "copia del proyecto sin historial de git" in texto
    # sin tiempos ni reloj: el colofón es igual en dos construcciones (ver test_determinismo)
    assert "tiempos_s" not in html


# ------------------------------------------------------------------ unidades

def test_filas_de_un_csv_con_saltos_de_linea_entre_comillas(tmp_path):
    ruta = tmp_path / "a.csv"
    ruta.write_text('orden,texto\n1,"uno\n\ndos"\n2,tres\n\n', encoding="utf-8")
    assert manifiesto.huella(ruta)["filas"] == 2


def test_git_commit_y_cambios_sin_confirmar(tmp_path):
    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q")
    git("-c", "user.email=a@b", "-c", "user.name=prueba", "commit", "-q", "--allow-empty", "-m", "x")
    (tmp_path / ".gitignore").write_text("output/\n")
    git("add", ".gitignore")
    git("-c", "user.email=a@b", "-c", "user.name=prueba", "commit", "-q", "-m", "y")
    g = manifiesto.git(tmp_path)
    assert re.fullmatch(r"[0-9a-f]{40}", g["commit"]) and g["modificado"] is False
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "x").write_text("ignorado")
    assert manifiesto.git(tmp_path)["modificado"] is False  # lo generado no cuenta
    (tmp_path / "nuevo.csv").write_text("a\n")
    assert manifiesto.git(tmp_path)["modificado"] is True  # un archivo nuevo sí
    # una carpeta dentro del repositorio que no es su raíz no toma el commit ajeno
    (tmp_path / "sub").mkdir()
    assert manifiesto.git(tmp_path / "sub") == {"commit": None, "modificado": None}


def test_colofon_agrupa_textos_y_semestres_anteriores():
    p = {"semestre": "2024-S2", "entradas": {
        "data/2024-S1/indicadores.csv": {"sha256": "a" * 64, "filas": 12},
        "data/2024-S2/indicadores.csv": {"sha256": "b" * 64, "filas": 12},
        "data/2024-S2/comentarios/x.md": {"sha256": "c" * 64},
        "data/2024-S2/comentarios/y.md": {"sha256": "d" * 64},
        "data/plan/aei.csv": {"sha256": "e" * 64, "filas": 11},
    }}
    filas = manifiesto.colofon_entradas(p)
    assert filas[:2] == [["data/2024-S2/indicadores.csv", "12", "b" * 12], ["data/plan/aei.csv", "11", "e" * 12]]
    assert [f[0] for f in filas[2:]] == ["data/2024-S1/ (1 archivo)", "data/2024-S2/comentarios/ (2 archivos)"]
    assert filas[3][2] == manifiesto.corta(manifiesto.huella_conjunta(
        {k: v for k, v in p["entradas"].items() if "comentarios" in k}))


def test_el_manifiesto_del_repositorio_nombra_su_commit():
    g = manifiesto.git(RAIZ)
    if g["commit"] is None:
        pytest.skip("el proyecto no está en un repositorio git")
    assert re.fullmatch(r"[0-9a-f]{40}", g["commit"]) and isinstance(g["modificado"], bool)
    assert manifiesto.colofon_git({"git": g}).startswith(f"el commit {g['commit'][:12]} del repositorio, ")
