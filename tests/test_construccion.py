"""Falla segura: partiendo de una construcción buena, cada falla deja el informe anterior intacto.

Datos malos, una contradicción de la auditoría, una celda que falla, un renderizador que falla y
un proceso que muere (SIGKILL, SIGTERM) en plena ejecución: informe.html, informe.pdf y
manifest.json quedan byte a byte como estaban, y el mensaje dice qué etapa falló y por qué.
También ``construir --todos``: cada semestre se publica entero o no se publica, y uno que falla no
detiene a los demás.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from conftest import copia_limpia
from fixtures import sintetico
from fixtures_construccion import RAIZ, SEM, construir, copia_de, foto, proyecto_base, restos
from inpe.publicacion import area as areas, construccion as c, renderizadores

INTACTO = "El informe anterior del semestre, si existía, quedó intacto."


@pytest.fixture(scope="session")
def base(request, tmp_path_factory):
    return proyecto_base(request, tmp_path_factory)


@pytest.fixture
def copia(base, tmp_path) -> Path:
    return copia_de(base[0], tmp_path / "p")


def assert_intacto(copia: Path, base) -> None:
    assert foto(copia / "output" / SEM) == base[1], "el informe publicado cambió"


def cuaderno(ruta: Path, *celdas) -> None:
    nb = new_notebook(cells=[new_code_cell('semestre = "2024-S1"', metadata={"tags": ["parameters"]}), *celdas])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, ruta)


def reemplazar(ruta: Path, viejo: str, nuevo: str) -> None:
    texto = ruta.read_text(encoding="utf-8")
    assert viejo in texto
    ruta.write_text(texto.replace(viejo, nuevo, 1), encoding="utf-8")


# ------------------------------------------------------------------ la construcción buena

@pytest.mark.e2e
def test_la_construccion_buena_publica_todo_y_no_deja_temporales(base):
    raiz, publicado = base
    salida = raiz / "output" / SEM
    assert all(publicado[n] for n in ("informe.html", "informe.pdf", "manifest.json"))
    assert restos(salida) == [] and not list(salida.glob(".viejo-*"))
    registro = (salida / "construccion.log").read_text(encoding="utf-8")
    for etapa in ("validación", "auditoría", "ejecución", "render", "manifiesto", "publicación"):
        assert f"Fin de la etapa «{etapa}»" in registro
    # los avisos de la auditoría quedan en el registro (y en la consola y en el anexo)
    assert "WARNING Aviso de la auditoría AUD-02" in registro and "WARNING Aviso de la auditoría AUD-10" in registro


# ------------------------------------------------------------------ cada falla

@pytest.mark.e2e
def test_datos_invalidos_detienen_en_la_validacion(copia, base):
    reemplazar(copia / "data" / SEM / "evaluacion_tratamiento.csv", "extramuros,1576,1406", "extramuros,1576,1606")
    r = construir(copia)
    assert r.returncode == 1
    assert "La etapa «validación» falló: los datos tienen errores" in r.stderr
    assert "favorables" in r.stderr and "no puede ser mayor que los evaluados" in r.stderr
    assert INTACTO in r.stderr
    assert_intacto(copia, base)
    assert restos(copia / "output" / SEM) == []


@pytest.mark.e2e
def test_una_contradiccion_de_la_auditoria_detiene_la_construccion(copia, base):
    reemplazar(copia / "data" / SEM / "profesionales.csv", "cerrado,877", "cerrado,870")
    r = construir(copia)
    assert r.returncode == 1
    assert "La etapa «auditoría» falló: los datos se contradicen" in r.stderr
    assert "AUD-06" in r.stderr and "suman 1,224" in r.stderr
    assert_intacto(copia, base)
    registro = (copia / "output" / SEM / "construccion.log").read_text(encoding="utf-8")
    assert "ERROR La etapa «auditoría» falló" in registro


@pytest.mark.e2e
def test_una_celda_que_falla_detiene_en_la_ejecucion(copia, base):
    cuaderno(copia / "notebooks" / "00_falla.ipynb", new_code_cell("x = 1 / 0"))
    r = construir(copia)
    assert r.returncode == 1
    assert "La etapa «ejecución» falló: 00_falla.ipynb: la celda" in r.stderr
    assert "ZeroDivisionError" in r.stderr
    assert_intacto(copia, base)
    assert restos(copia / "output" / SEM) == []


@pytest.mark.e2e
def test_un_renderizador_que_falla_detiene_en_el_render(copia, base):
    # Un documento que Typst no puede compilar: la ejecución termina bien y falla el render.
    for nb in (copia / "notebooks").glob("*.ipynb"):
        nb.unlink()
    cuaderno(copia / "notebooks" / "01_roto.ipynb",
             new_markdown_cell('# Roto {#sec-roto}\n\n```{=typst}\n#panic("plantilla rota")\n```'))
    r = construir(copia, "--motor", "pandoc")
    assert r.returncode == 1, r.stderr
    assert "La etapa «render» falló: Typst falló" in r.stderr and "plantilla rota" in r.stderr
    assert_intacto(copia, base)
    assert restos(copia / "output" / SEM) == []


@pytest.mark.e2e
def test_quarto_pedido_y_ausente_falla_antes_de_ejecutar(copia, base, monkeypatch):
    if renderizadores.quarto_disponible():
        pytest.skip("Quarto está instalado")
    r = construir(copia, "--motor", "quarto")
    assert r.returncode == 1
    assert "La etapa «render» falló: se pidió --motor quarto" in r.stderr
    assert "3/6 Ejecución" not in r.stderr  # no se ejecutó nada en vano
    assert_intacto(copia, base)


# ------------------------------------------------------------------ el proceso muere

def _lanzar(copia: Path) -> subprocess.Popen:
    """Una construcción que ejecuta todos los cuadernos (sin caché: la copia trae la de la construcción buena)."""
    (copia / "output" / SEM / "construccion.log").unlink()  # el de la construcción buena
    return subprocess.Popen([sys.executable, "-m", "inpe", "construir", SEM, "--raiz", str(copia), "--sin-cache"],
                            cwd=copia, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)


def _esperar_ejecucion(copia: Path, proceso: subprocess.Popen, limite: float = 120) -> None:
    registro = copia / "output" / SEM / "construccion.log"
    fin = time.monotonic() + limite
    while time.monotonic() < fin:
        if proceso.poll() is not None:
            pytest.fail("la construcción terminó antes de llegar a la ejecución:\n" + proceso.stderr.read())
        if registro.exists() and "Inicio de la etapa «ejecución»" in registro.read_text(encoding="utf-8"):
            time.sleep(1.0)  # el kernel ya arrancó y papermill está ejecutando el primer cuaderno
            assert proceso.poll() is None, "la construcción terminó antes de poder interrumpirla"
            return
        time.sleep(0.1)
    pytest.fail("la construcción no llegó a la etapa de ejecución")


def _matar_grupo(proceso: subprocess.Popen) -> None:
    """El kernel que lanzó la construcción (mismo grupo de procesos) no debe quedar vivo."""
    try:
        os.killpg(proceso.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


@pytest.mark.e2e
def test_un_proceso_matado_en_la_ejecucion_deja_el_informe_intacto(copia, base):
    proceso = _lanzar(copia)
    try:
        _esperar_ejecucion(copia, proceso)
        os.kill(proceso.pid, signal.SIGKILL)  # sin aviso: nada de limpieza
        proceso.wait(timeout=60)
    finally:
        _matar_grupo(proceso)
        proceso.communicate()
    assert proceso.returncode == -signal.SIGKILL
    salida = copia / "output" / SEM
    assert_intacto(copia, base)
    muertos = restos(salida)
    assert len(muertos) == 1, muertos  # el área de trabajo de la construcción muerta
    assert json.loads((salida / muertos[0] / "estado.json").read_text(encoding="utf-8"))["etapa"] == "ejecución"

    # La construcción siguiente limpia el resto y dice en qué etapa murió la anterior (aquí falla
    # enseguida por datos malos: tampoco toca el informe).
    reemplazar(copia / "data" / SEM / "profesionales.csv", "cerrado,877", "cerrado,870")
    r = construir(copia)
    assert r.returncode == 1
    texto = " ".join(r.stderr.split())
    assert ("Una construcción anterior se interrumpió durante la etapa «ejecución»; se eliminó su carpeta "
            "temporal") in texto
    assert restos(salida) == []
    assert_intacto(copia, base)


@pytest.mark.e2e
def test_sigterm_en_la_ejecucion_limpia_y_dice_donde(copia, base):
    proceso = _lanzar(copia)
    try:
        _esperar_ejecucion(copia, proceso)
        os.kill(proceso.pid, signal.SIGTERM)
        _, err = proceso.communicate(timeout=120)
    finally:
        _matar_grupo(proceso)
    assert proceso.returncode == 130
    assert "Interrumpida durante la etapa «ejecución»" in err and INTACTO.split(",")[0] in err
    assert restos(copia / "output" / SEM) == []
    assert_intacto(copia, base)


# ------------------------------------------------------------------ el área de trabajo (sin construir)

def _proyecto(tmp_path: Path) -> c.Proyecto:
    (tmp_path / "data").mkdir(exist_ok=True)
    p = c.Proyecto(tmp_path, SEM)
    p.salida.mkdir(parents=True, exist_ok=True)
    for n, contenido in (("informe.html", "viejo html"), ("informe.pdf", "viejo pdf"), ("manifest.json", "{}"),
                         ("informe.ipynb", "viejo nb")):
        (p.salida / n).write_text(contenido)
    (p.salida / "cuadernos").mkdir(exist_ok=True)
    return p


def test_una_construccion_en_curso_no_se_limpia(tmp_path):
    p = _proyecto(tmp_path)
    with areas.area_de_trabajo(p.salida) as area:
        area.marcar("ejecución")
        assert areas.limpiar_restos(p.salida) == []  # tiene su candado: está viva
        assert area.ruta.is_dir()
    assert not area.ruta.exists()


def test_una_publicacion_interrumpida_se_completa(tmp_path):
    """Murió publicando (ya con todo producido): la siguiente construcción termina de publicar."""
    p = _proyecto(tmp_path)
    area = tmp_path / "output" / SEM / "construccion-muerta"
    area.mkdir()
    for n in ("informe.html", "informe.pdf", "manifest.json"):  # cuadernos e informe.ipynb ya se publicaron
        (area / n).write_text(f"nuevo {n}")
    (area / ".candado").write_text("")
    (area / "LISTO").write_text("")
    mensajes = areas.limpiar_restos(p.salida)
    assert mensajes == ["Se completó la publicación de una construcción anterior que se interrumpió al publicar "
                        "(construccion-muerta)."]
    for n in ("informe.html", "informe.pdf", "manifest.json"):
        assert (p.salida / n).read_text() == f"nuevo {n}"
    assert not area.exists()


def test_un_area_muerta_sin_terminar_se_elimina_sin_publicar(tmp_path):
    p = _proyecto(tmp_path)
    area = p.salida / "construccion-vieja"
    area.mkdir()
    (area / ".candado").write_text("")
    (area / "estado.json").write_text('{"etapa": "render", "pid": 1}')
    (area / "informe.html").write_text("a medias")
    assert areas.limpiar_restos(p.salida) == [
        "Una construcción anterior se interrumpió durante la etapa «render»; se eliminó su carpeta temporal "
        "(construccion-vieja). El informe publicado no se modificó."]
    assert (p.salida / "informe.html").read_text() == "viejo html"
    assert not area.exists()


def test_la_publicacion_exige_todos_los_productos(tmp_path):
    p = _proyecto(tmp_path)
    with areas.area_de_trabajo(p.salida) as area:
        (area.ruta / "informe.html").write_text("nuevo")
        with pytest.raises(c.ErrorDeEtapa, match="La etapa «publicación» falló: faltan productos de la construcción"):
            c.publicar(p, area, c.Silencio())
    assert (p.salida / "informe.html").read_text() == "viejo html"


def test_restos_menores_de_un_proceso_muerto_se_eliminan(tmp_path):
    p = _proyecto(tmp_path)
    muerto = subprocess.Popen(["true"])
    muerto.wait()
    (p.salida / f".viejo-cuadernos-{muerto.pid}").mkdir()
    (p.salida / f".manifest.json.{muerto.pid}.tmp").write_text("{")
    (p.salida / f".informe.html.{os.getpid()}.tmp").write_text("mío, vivo")
    assert areas.limpiar_restos(p.salida) == []
    assert sorted(x.name for x in p.salida.glob(".*")) == [f".informe.html.{os.getpid()}.tmp"]


# ------------------------------------------------------------------ el kernel que arranca la orden

def test_la_orden_arranca_el_kernel_solo_si_ejecutara_cuadernos(tmp_path, monkeypatch):
    from inpe import __main__ as entrada, cli

    (tmp_path / "data" / SEM).mkdir(parents=True)
    raiz = ["--raiz", str(tmp_path)]
    for orden, (_, etapas) in cli.ORDENES.items():
        assert entrada.ejecutara_cuadernos([orden, SEM, *raiz]) == any(e.adelantar for e in etapas), orden
        assert orden in entrada.EJECUTAN + entrada.NO_EJECUTAN, orden
    monkeypatch.chdir(tmp_path)  # sin --raiz, la carpeta actual; sin semestre, el de siempre
    assert entrada.ejecutara_cuadernos([]) and entrada.ejecutara_cuadernos(["--motor", "pandoc", "--sin-cache"])
    assert entrada.ejecutara_cuadernos(["construir", "--motor", "pandoc", SEM, f"--raiz={tmp_path}"])
    for argv in (["nuevo", "2024-S2"], ["diccionario"], ["construir", "--todos"], ["--help"], ["construir", "-h"],
                 ["construir", "2024-S3"], ["construir", "2023-S2"], ["ejecutar", SEM, "--raiz", str(tmp_path / "x")]):
        assert not entrada.ejecutara_cuadernos(argv), argv  # lo que no ejecuta, o termina enseguida con su mensaje


def test_sin_cache_el_kernel_de_la_orden_importa_los_modulos_sin_esperar(tmp_path):
    from inpe import __main__ as entrada

    (tmp_path / "data" / SEM).mkdir(parents=True)
    shutil.copytree(RAIZ / "notebooks", tmp_path / "notebooks")
    raiz = ["--raiz", str(tmp_path)]
    assert entrada.kernels_de_la_orden(["validar", SEM, *raiz]) is None
    con_cache, sin_cache = (entrada.kernels_de_la_orden([SEM, *raiz, *extra]) for extra in ([], ["--sin-cache"]))
    try:
        assert not con_cache._pedido.is_set() and con_cache._precalentar == ()  # espera a saber qué ejecutar
        assert sin_cache._pedido.is_set() and "inpe.presentacion.informe" in sin_cache._precalentar
    finally:
        con_cache.cerrar(ahora=True)
        sin_cache.cerrar(ahora=True)


def test_los_kernels_de_la_orden_se_apagan_aunque_la_orden_no_los_use(tmp_path):
    from inpe import cli
    from inpe.publicacion.kernels import Kernels

    kernels = Kernels(1)
    kernels.arrancar()
    assert cli.main(["construir", "2024-S9", "--raiz", str(tmp_path)], kernels) == 2  # semestre inválido
    assert kernels._cerrado and not any(h.is_alive() for h in kernels._hilos) and not kernels._vivos


# ------------------------------------------------------------------ construir --todos

def test_todos_no_admite_ademas_un_semestre(tmp_path):
    (tmp_path / "data" / SEM).mkdir(parents=True)
    r = construir(tmp_path, "--todos")
    assert r.returncode == 2 and "use un semestre o --todos, no los dos" in r.stderr
    assert not (tmp_path / "output").exists()


def test_todos_sin_semestres_lo_dice(tmp_path):
    (tmp_path / "data" / "plan").mkdir(parents=True)
    r = subprocess.run([sys.executable, "-m", "inpe", "construir", "--todos", "--raiz", str(tmp_path)],
                       capture_output=True, text=True, cwd=tmp_path)
    assert r.returncode == 1 and "no hay carpetas de semestres en data/" in r.stderr
    assert not (tmp_path / "output").exists()


def _todos(raiz: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "inpe", "construir", "--todos", "--motor", "pandoc", "--raiz",
                           str(raiz)], capture_output=True, text=True, cwd=raiz, timeout=900)


@pytest.mark.e2e
def test_todos_construye_cada_semestre_y_uno_que_falla_no_detiene_a_los_demas(tmp_path):
    raiz = copia_limpia(tmp_path / "p")
    shutil.rmtree(raiz / "data")
    sintetico.crear_datos(raiz, semestres=[sintetico.SEGUNDO])
    malo = raiz / "data" / sintetico.SEGUNDO / "evaluacion_tratamiento.csv"
    bueno = malo.read_text(encoding="utf-8")
    reemplazar(malo, "extramuros,1576,1406", "extramuros,1576,1606")

    r = _todos(raiz)
    texto = " ".join(r.stderr.split())
    assert r.returncode == 1, r.stderr
    assert "Resumen: 2 semestres" in texto and "1 listo y 1 con errores" in texto
    assert f"{SEM} listo" in texto and "9 cuadernos ejecutados, 0 de la caché" in texto
    assert f"{sintetico.SEGUNDO} falló" in texto and "en la etapa «validación»" in texto
    assert all((raiz / "output" / SEM / n).is_file() for n in ("informe.html", "informe.pdf", "manifest.json"))
    assert not (raiz / "output" / sintetico.SEGUNDO / "informe.html").exists()
    # Cada registro cuenta lo de su semestre y nada del otro (en un lote se construyen dos a la vez).
    registro = {s: (raiz / "output" / s / "construccion.log").read_text(encoding="utf-8")
                for s in (SEM, sintetico.SEGUNDO)}
    otro = sintetico.SEGUNDO
    assert "Fin de la etapa «publicación»" in registro[SEM] and f"({otro})" not in registro[SEM]
    assert "La etapa «validación» falló" in registro[otro] and f"({SEM})" not in registro[otro]
    assert restos(raiz / "output" / SEM) == [] and restos(raiz / "output" / sintetico.SEGUNDO) == []

    # Corregido el dato: los dos semestres se publican; los cuadernos de 2024-S1 salen de la caché.
    antes = (raiz / "output" / SEM / "informe.pdf").read_bytes()
    malo.write_text(bueno, encoding="utf-8")
    r = _todos(raiz)
    texto = " ".join(r.stderr.split())
    assert r.returncode == 0, r.stderr
    assert "2 listos y 0 con errores" in texto
    assert f"{SEM} listo" in texto and "0 cuadernos ejecutados, 9 de la caché" in texto
    assert (raiz / "output" / SEM / "informe.pdf").read_bytes() == antes
    manifiesto = json.loads((raiz / "output" / sintetico.SEGUNDO / "manifest.json").read_text(encoding="utf-8"))
    assert manifiesto["semestre"] == sintetico.SEGUNDO and "data/2024-S2/indicadores.csv" in manifiesto["entradas"]
