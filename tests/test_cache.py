"""La caché de cuadernos ejecutados: qué cambia la clave, cómo se guarda y que nunca sirve algo viejo."""

from __future__ import annotations

import logging
import os
import re
import shutil
import subprocess
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from fixtures_construccion import SEM, construir, copia_de, proyecto_base
from inpe.publicacion import cache, construccion as c

PARAMETROS = {"semestre": SEM, "foto": "datos.pickle"}


def _proyecto(raiz: Path) -> Path:
    (raiz / "data" / "plan").mkdir(parents=True)
    (raiz / "data" / SEM).mkdir()
    (raiz / "data" / "plan" / "oei.csv").write_text("codigo,nombre\nOEI.01,Uno\n", encoding="utf-8")
    (raiz / "data" / SEM / "indicadores.csv").write_text("codigo,valor\nIND.01,101\n", encoding="utf-8")
    (raiz / "notebooks").mkdir()
    nb = new_notebook(cells=[new_code_cell("semestre = ''", metadata={"tags": ["parameters"]}, id="parametros"),
                             new_markdown_cell("Texto", id="texto")])
    nbformat.write(nb, raiz / "notebooks" / "01_a.ipynb")
    (raiz / "constraints.txt").write_text("pandas==3.1.1\n", encoding="utf-8")
    return raiz


def _clave(raiz: Path, procedencia: dict | None = None, parametros: dict = PARAMETROS) -> str:
    return cache.clave(cache.contexto(raiz, SEM, procedencia or {"git": None}), raiz / "notebooks" / "01_a.ipynb",
                       parametros)


@pytest.fixture
def raiz(tmp_path) -> Path:
    return _proyecto(tmp_path / "p")


def test_la_misma_entrada_da_la_misma_clave(raiz, tmp_path):
    assert _clave(raiz) == _clave(raiz)
    otra = _proyecto(tmp_path / "otra")  # otra carpeta con el mismo contenido: la clave no depende de la ruta
    assert _clave(otra) == _clave(raiz)


@pytest.mark.parametrize("cambio", [
    "un valor de un CSV", "un archivo nuevo en data", "un archivo renombrado", "una celda Markdown con código",
    "una celda nueva",
    "los parámetros", "la procedencia", "constraints.txt", "un semestre anterior", "un semestre posterior nuevo",
])
def test_cualquier_cambio_de_lo_que_lee_un_cuaderno_cambia_la_clave(raiz, cambio):
    antes = _clave(raiz)
    procedencia, parametros = {"git": None}, dict(PARAMETROS)
    if cambio == "un valor de un CSV":
        (raiz / "data" / SEM / "indicadores.csv").write_text("codigo,valor\nIND.01,102\n", encoding="utf-8")
    elif cambio == "un archivo nuevo en data":
        (raiz / "data" / "plan" / "aei.csv").write_text("codigo,nombre\n", encoding="utf-8")
    elif cambio == "un archivo renombrado":
        (raiz / "data" / "plan" / "oei.csv").rename(raiz / "data" / "plan" / "oei2.csv")
    elif cambio in ("una celda Markdown con código", "una celda nueva"):
        ruta = raiz / "notebooks" / "01_a.ipynb"
        nb = nbformat.read(ruta, as_version=4)
        if cambio == "una celda nueva":
            nb.cells.append(new_markdown_cell("Otro texto", id="otro"))
        else:
            nb.cells[1].source = "Texto con `{python} semestre`"
        nbformat.write(nb, ruta)
    elif cambio == "los parámetros":
        parametros["semestre"] = "2024-S2"
    elif cambio == "la procedencia":
        procedencia = {"git": {"commit": "abc", "modificado": True}}
    elif cambio == "un semestre anterior":
        (raiz / "data" / "2023-S2").mkdir()
        (raiz / "data" / "2023-S2" / "indicadores.csv").write_text("codigo,valor\nIND.01,90\n", encoding="utf-8")
    elif cambio == "un semestre posterior nuevo":
        (raiz / "data" / "2025-S1").mkdir()
        (raiz / "data" / "2025-S1" / "indicadores.csv").write_text("codigo,valor\n", encoding="utf-8")
    else:
        (raiz / "constraints.txt").write_text("pandas==3.1.2\n", encoding="utf-8")
    assert _clave(raiz, procedencia, parametros) != antes


def test_el_texto_de_una_celda_markdown_sin_codigo_no_cambia_la_clave_y_llega_a_lo_guardado(raiz):
    ruta = raiz / "notebooks" / "01_a.ipynb"
    guardado = nbformat.read(ruta, as_version=4)
    antes = _clave(raiz)
    nb = nbformat.read(ruta, as_version=4)
    nb.cells[1].source = "Texto corregido"
    nbformat.write(nb, ruta)
    assert _clave(raiz) == antes
    assert [c.source for c in cache.con_markdown_actual(guardado, ruta).cells] == ["semestre = ''", "Texto corregido"]
    # Sin ids (un cuaderno nbformat 4.4), el texto cuenta: no hay cómo saber qué celda guardada es cuál.
    crudo = ruta.read_text(encoding="utf-8").replace('"id": "texto",', "").replace('"id": "parametros",', "")
    ruta.write_text(crudo.replace('"nbformat_minor": 5', '"nbformat_minor": 4'), encoding="utf-8")
    sin_ids = _clave(raiz)
    ruta.write_text(ruta.read_text(encoding="utf-8").replace("Texto corregido", "Otra corrección"), encoding="utf-8")
    assert _clave(raiz) != sin_ids


def test_el_contenido_de_un_semestre_posterior_no_cambia_la_clave(raiz):
    posterior = raiz / "data" / "2024-S2" / "indicadores.csv"
    posterior.parent.mkdir()
    posterior.write_text("codigo,valor\nIND.01,5\n", encoding="utf-8")
    antes = _clave(raiz)
    posterior.write_text("codigo,valor\nIND.01,6\n", encoding="utf-8")
    assert _clave(raiz) == antes


def test_la_huella_del_codigo_cubre_cada_archivo_del_paquete(tmp_path):
    paquete = tmp_path / "inpe"
    (paquete / "render").mkdir(parents=True)
    for nombre in ("a.py", "render/filtro.lua", "render/plantilla.typ"):
        (paquete / nombre).write_text("uno", encoding="utf-8")
    antes = cache.huella_de_carpeta(paquete)
    (paquete / "__pycache__").mkdir()
    (paquete / "__pycache__" / "a.cpython-311.pyc").write_bytes(b"compilado")
    assert cache.huella_de_carpeta(paquete) == antes  # lo compilado no es código nuevo
    for nombre in ("a.py", "render/filtro.lua", "render/plantilla.typ"):
        (paquete / nombre).write_text("dos", encoding="utf-8")
        assert cache.huella_de_carpeta(paquete) != antes, nombre
        (paquete / nombre).write_text("uno", encoding="utf-8")
    assert cache.huella_de_carpeta(paquete) == antes


def test_el_entorno_nombra_python_paquetes_restricciones_y_kernel(raiz):
    e = cache.entorno(raiz)
    assert e["python"] and e["kernel"]["nombre"] == "python3" and e["kernel"]["argv"]
    assert ("pandas", __import__("pandas").__version__) in {tuple(p) for p in e["paquetes"]}
    assert e["constraints"] == cache._sha(b"pandas==3.1.1\n")


# ------------------------------------------------------------------ lo guardado

def test_guardar_leer_y_podar(tmp_path):
    caja = cache.Cache(tmp_path / "cache")
    assert caja.leer("a" * 64) is None
    ejecutado = tmp_path / "e.ipynb"
    nbformat.write(new_notebook(cells=[new_markdown_cell("hola")]), ejecutado)
    for i, clave in enumerate(("a" * 64, "b" * 64, "c" * 64)):
        caja.guardar(clave, ejecutado)
        os.utime(caja.ruta(clave), (1000 + i, 1000 + i))  # usados en este orden, hace mucho
    assert caja.ruta("a" * 64).read_bytes() == ejecutado.read_bytes()  # la copia exacta del ejecutado
    assert caja.leer("a" * 64).cells[0].source == "hola"  # leerlo lo marca como recién usado
    assert caja.podar(maximo=2) == 1
    assert caja.leer("b" * 64) is None and caja.leer("a" * 64) is not None and caja.leer("c" * 64) is not None
    assert not list((tmp_path / "cache" / "cuadernos").glob(".*.tmp"))


def test_un_cuaderno_ilegible_en_la_cache_se_descarta(tmp_path):
    caja = cache.Cache(tmp_path / "cache")
    caja.ruta("d" * 64).parent.mkdir(parents=True)
    caja.ruta("d" * 64).write_text('{"cells": [', encoding="utf-8")  # copia cortada
    assert caja.leer("d" * 64) is None
    assert not caja.ruta("d" * 64).exists()


def test_no_se_guarda_lo_ejecutado_si_los_datos_cambiaron_a_media_construccion(raiz, tmp_path):
    p = c.Proyecto(raiz, SEM)
    p.procedencia = {"git": None}
    destino = tmp_path / "cuadernos"
    destino.mkdir()
    nbformat.write(new_notebook(cells=[new_markdown_cell("ejecutado")]), destino / "01_a.ipynb")
    plan = c._plan(p)
    assert plan.pendientes == [raiz / "notebooks" / "01_a.ipynb"]
    (raiz / "data" / SEM / "indicadores.csv").write_text("codigo,valor\nIND.01,999\n", encoding="utf-8")
    c._guardar_en_cache(p, plan, destino)
    assert not cache.Cache.del_proyecto(raiz).ruta(plan.claves[plan.pendientes[0]]).exists()
    # Sin cambios a media construcción, se guarda con su clave.
    plan = c._plan(p)
    c._guardar_en_cache(p, plan, destino)
    assert cache.Cache.del_proyecto(raiz).ruta(plan.claves[plan.pendientes[0]]).is_file()
    assert c._plan(p).pendientes == []


def test_la_cache_no_se_versiona():
    raiz = Path(__file__).resolve().parents[1]
    r = subprocess.run(["git", "check-ignore", "-q", str(cache.CARPETA / "cuadernos" / "x.ipynb")], cwd=raiz)
    if r.returncode == 128:
        pytest.skip("el proyecto no está en un repositorio git")
    assert r.returncode == 0, ".cache/ debe estar en .gitignore"


# ------------------------------------------------------------------ de punta a punta

def _sin_tiempos(ruta: Path) -> str:
    """informe.ipynb sin lo que cambia en cada construcción aunque nada cambie: direcciones de memoria de un
    repr y el id al azar de la celda con los metadatos que agrega la unión de los cuadernos."""
    texto = re.sub(r" at 0x[0-9a-f]+", " at 0x…", ruta.read_text(encoding="utf-8"))
    return re.sub(r'"id": "[^"]*"', '"id": "…"', texto)


def _cuadernos_del_registro(raiz: Path) -> dict[str, list[str]]:
    registro = (raiz / "output" / SEM / "construccion.log").read_text(encoding="utf-8")
    return {"ejecutados": re.findall(r"Cuaderno (\S+) ejecutado en", registro),
            "de la caché": re.findall(r"Cuaderno (\S+) sin cambios: tomado de la caché", registro)}


@pytest.fixture(scope="module")
def base(request, tmp_path_factory):
    return proyecto_base(request, tmp_path_factory)


@pytest.mark.e2e
def test_solo_se_ejecuta_lo_que_cambio_y_nunca_se_sirve_un_resultado_viejo(base, tmp_path):
    raiz = copia_de(base[0], tmp_path / "p")
    informe = raiz / "output" / SEM / "informe.ipynb"
    original = _sin_tiempos(informe)
    cuadernos = sorted(p.name for p in (raiz / "notebooks").glob("[0-9]*.ipynb"))

    # Nada cambió desde la construcción de referencia: no se ejecuta ningún cuaderno y el informe es el mismo.
    r = construir(raiz, etapa="ejecutar")
    assert r.returncode == 0, r.stderr
    assert _cuadernos_del_registro(raiz) == {"ejecutados": [], "de la caché": cuadernos}
    assert _sin_tiempos(informe) == original

    # Una celda Markdown sin código: nada se ejecuta y el texto nuevo está en el informe.
    ruta = raiz / "notebooks" / cuadernos[-1]
    nb = nbformat.read(ruta, as_version=4)
    markdown = next(celda for celda in nb.cells if celda.cell_type == "markdown" and "{python}" not in celda.source)
    markdown.source += "\n\nUna oración agregada por la prueba de la caché."
    nbformat.write(nb, ruta)
    r = construir(raiz, etapa="ejecutar")
    assert r.returncode == 0, r.stderr
    assert _cuadernos_del_registro(raiz) == {"ejecutados": [], "de la caché": cuadernos}
    assert "Una oración agregada por la prueba de la caché." in _sin_tiempos(informe)

    # Con una expresión en línea, la celda se evalúa: se ejecuta ese cuaderno y nada más.
    markdown.source += " Semestre `{python} semestre[:4]`."
    nbformat.write(nb, ruta)
    r = construir(raiz, etapa="ejecutar")
    assert r.returncode == 0, r.stderr
    assert _cuadernos_del_registro(raiz) == {"ejecutados": [cuadernos[-1]], "de la caché": cuadernos[:-1]}
    editado = _sin_tiempos(informe)
    assert f"Una oración agregada por la prueba de la caché. Semestre {SEM[:4]}." in editado

    # Un valor de un CSV: todo se ejecuta de nuevo y el valor nuevo está en el informe, igual que sin caché.
    csv = raiz / "data" / SEM / "indicadores.csv"
    texto = csv.read_text(encoding="utf-8")
    fila = re.search(r"^IND\.01\.AEI\.01\.04,(\d+),(\d+)$", texto, re.M)
    nuevo = int(fila.group(2)) + 7  # más actos violentos: ninguna parte supera al total
    csv.write_text(texto.replace(fila.group(0), f"IND.01.AEI.01.04,{fila.group(1)},{nuevo}"), encoding="utf-8")
    r = construir(raiz, etapa="ejecutar")
    assert r.returncode == 0, r.stderr
    assert sorted(_cuadernos_del_registro(raiz)["ejecutados"]) == cuadernos
    con_cache = _sin_tiempos(informe)
    assert len(re.findall(rf"\b{nuevo}\b", con_cache)) > len(re.findall(rf"\b{nuevo}\b", editado))
    r = construir(raiz, "--sin-cache", etapa="ejecutar")
    assert r.returncode == 0, r.stderr
    assert _cuadernos_del_registro(raiz)["de la caché"] == []
    assert _sin_tiempos(informe) == con_cache

    # El CSV como estaba: la clave es la de antes y lo guardado entonces sirve otra vez, sin ejecutar nada.
    csv.write_text(texto, encoding="utf-8")
    r = construir(raiz, etapa="ejecutar")
    assert r.returncode == 0, r.stderr
    assert _cuadernos_del_registro(raiz)["ejecutados"] == []
    assert _sin_tiempos(informe) == editado


def test_los_datos_validados_salen_de_la_cache_solo_si_nada_cambio(tmp_path):
    """Validar es función de data/, el código y el entorno: con los tres iguales, la validación anterior sirve;
    con un CSV cambiado (aquí, con un error), se valida otra vez y el error se informa."""
    raiz = tmp_path / "p"
    shutil.copytree(Path(__file__).resolve().parents[1] / "data", raiz / "data")
    registros: list[str] = []
    manejador = logging.Handler()
    manejador.emit = lambda r: registros.append(r.getMessage())
    logger = logging.getLogger("inpe")
    nivel = logger.level
    logger.addHandler(manejador)
    logger.setLevel(logging.INFO)
    try:
        primero = c.Proyecto(raiz, SEM)
        c.validar(primero, None, c.Silencio())
        segundo = c.Proyecto(raiz, SEM)
        c.validar(segundo, None, c.Silencio())
        assert any("tomados de la caché" in m for m in registros)
        assert segundo.datos.medidos["indicadores"].equals(primero.datos.medidos["indicadores"])
        assert segundo.datos.avisos == primero.datos.avisos

        csv = raiz / "data" / SEM / "profesionales.csv"
        bueno = csv.read_text(encoding="utf-8")
        assert "cerrado,877" in bueno
        csv.write_text(bueno.replace("cerrado,877", "cerrado,ochocientos"), encoding="utf-8")
        registros.clear()
        with pytest.raises(c.ErrorDeEtapa, match="profesionales.csv"):
            c.validar(c.Proyecto(raiz, SEM), None, c.Silencio())
        assert not any("tomados de la caché" in m for m in registros)

        csv.write_text(bueno, encoding="utf-8")  # como estaba: sirve la validación de entonces, salvo con --sin-cache
        c.validar(c.Proyecto(raiz, SEM), None, c.Silencio())
        assert any("tomados de la caché" in m for m in registros)
        registros.clear()
        c.validar(c.Proyecto(raiz, SEM, usar_cache=False), None, c.Silencio())
        assert not any("tomados de la caché" in m for m in registros)
    finally:
        logger.removeHandler(manejador)
        logger.setLevel(nivel)
