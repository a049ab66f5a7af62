"""Ejecución con papermill: expresiones en línea, mensajes de falla y kernels compartidos."""

import json
import os
import re
import time
from pathlib import Path

import nbformat
import pytest
from nbclient.exceptions import DeadKernelError
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from fixtures_construccion import RAIZ, SEM
from inpe.publicacion import construccion as c, manifiesto
from inpe.publicacion.ejecucion import ErrorDeEjecucion, ejecutar_cuaderno, en_kernels
from inpe.publicacion.kernels import Kernels, modulos_importados
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


# ------------------------------------------------------------------ kernels compartidos

def _guardar(ruta: Path, *celdas) -> Path:
    nb = new_notebook(cells=[new_code_cell("semestre = '2024-S1'", metadata={"tags": ["parameters"]}), *celdas])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, ruta)
    return ruta


def _texto(nb) -> list[str]:
    """Lo que muestran las celdas de código, sin la de parámetros."""
    return ["".join(o.get("text", "") or o.get("data", {}).get("text/plain", "") for o in c.outputs)
            for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])
            and "injected-parameters" not in c.metadata.get("tags", [])]


def _sin_tiempos(nb) -> str:
    """Las celdas sin lo que cambia en cada ejecución, con kernel nuevo o no: los metadatos (tiempos de
    papermill), el id de la celda que inyecta papermill y las direcciones de memoria de un repr."""
    def inyectada(c):
        return "injected-parameters" in c.metadata.get("tags", [])
    celdas = [{k: v for k, v in c.items() if k != "metadata" and not (k == "id" and inyectada(c))} for c in nb.cells]
    return re.sub(r" at 0x[0-9a-f]+", " at 0x…", json.dumps(celdas, ensure_ascii=False, indent=1))


ESPACIO = "import os\nprint(os.getpid(), sorted(globals()), len(In), _i, _ih, _dh, os.getcwd())"


@pytest.fixture(scope="module")
def kernels():
    """Un kernel compartido por las pruebas del módulo, como lo comparten los cuadernos de una construcción."""
    k = Kernels(1)
    yield k
    k.cerrar()


def test_un_kernel_compartido_no_deja_pasar_nada_de_un_cuaderno_al_siguiente(tmp_path, kernels):
    a = _guardar(tmp_path / "a.ipynb", new_code_cell("x = 1\nimport json\nprint('a')"), new_code_cell("y = x + 1"))
    b = _guardar(tmp_path / "b.ipynb", new_code_cell("print('x' in globals(), 'json' in globals(), _ == '')"),
                 new_code_cell(ESPACIO))
    (tmp_path / "uno").mkdir()
    (tmp_path / "dos").mkdir()
    nb_a, _ = en_kernels(kernels, a, tmp_path / "a.out.ipynb", {}, tmp_path / "uno").result()
    nb_b, _ = en_kernels(kernels, b, tmp_path / "b.out.ipynb", {}, tmp_path / "dos").result()
    assert _texto(nb_a) == ["a\n", ""]
    assert _texto(nb_b)[0] == "False False True\n"  # ni variables, ni módulos importados, ni la última salida
    assert _texto(nb_b)[1].split()[-1] == str((tmp_path / "dos").resolve())  # su directorio de trabajo
    # El contador de ejecución vuelve a 1 en cada cuaderno, como en un kernel nuevo.
    assert [c.execution_count for c in nb_b.cells if c.cell_type == "code"] == [1, 2, 3]
    # El mismo cuaderno en un kernel nuevo: los mismos nombres, historial y directorio; otro proceso.
    fresco = ejecutar_cuaderno(b, tmp_path / "b.fresco.ipynb", {}, tmp_path / "dos")
    pid_compartido, resto_compartido = _texto(nb_b)[1].split(" ", 1)
    pid_nuevo, resto_nuevo = _texto(fresco)[1].split(" ", 1)
    assert resto_compartido == resto_nuevo
    assert pid_compartido != pid_nuevo
    assert _texto(nb_b)[0] == _texto(fresco)[0]


def test_el_kernel_compartido_es_uno_solo_y_el_que_fallo_se_reemplaza(tmp_path, kernels):
    pid = _guardar(tmp_path / "pid.ipynb", new_code_cell("import os; print(os.getpid())"))
    falla = _guardar(tmp_path / "falla.ipynb", new_code_cell("1 / 0"))
    primero = _texto(en_kernels(kernels, pid, tmp_path / "1.ipynb", {}, tmp_path).result()[0])
    segundo = _texto(en_kernels(kernels, pid, tmp_path / "2.ipynb", {}, tmp_path).result()[0])
    assert primero == segundo  # el mismo proceso: los módulos se importaron una sola vez
    with pytest.raises(ErrorDeEjecucion, match=r"falla\.ipynb: la celda \d+ falló: ZeroDivisionError"):
        en_kernels(kernels, falla, tmp_path / "3.ipynb", {}, tmp_path).result()
    tercero = _texto(en_kernels(kernels, pid, tmp_path / "4.ipynb", {}, tmp_path).result()[0])
    assert tercero != primero  # un kernel en el que algo falló no se reutiliza


def test_con_parametros_distintos_cada_cuaderno_ve_los_suyos(tmp_path, kernels):
    ruta = _guardar(tmp_path / "p.ipynb", new_markdown_cell("semestre `{python} semestre`"))
    uno = en_kernels(kernels, ruta, tmp_path / "1.ipynb", {"semestre": "2024-S2"}, tmp_path)
    dos = en_kernels(kernels, ruta, tmp_path / "2.ipynb", {"semestre": "2025-S1"}, tmp_path)
    assert _markdown_final(uno.result()[0]) == [r"semestre 2024\-S2"]
    assert _markdown_final(dos.result()[0]) == [r"semestre 2025\-S1"]


def test_si_importar_los_modulos_imprime_algo_cada_cuaderno_va_en_un_kernel_nuevo(tmp_path, monkeypatch):
    """Un módulo que imprime al importarse: en un kernel compartido solo lo mostraría el primer cuaderno."""
    (tmp_path / "modulos").mkdir()
    (tmp_path / "modulos" / "ruidoso.py").write_text("print('hola desde ruidoso')\n", encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(tmp_path / "modulos"),
                                                                  os.environ.get("PYTHONPATH")])))
    cuadernos = [_guardar(tmp_path / f"{n}.ipynb", new_code_cell("import ruidoso")) for n in ("a", "b")]
    kernels = Kernels(1)
    try:
        kernels.preparar(1, modulos_importados(cuadernos))
        salidas = [_texto(en_kernels(kernels, c, c.with_suffix(".out.ipynb"), {}, tmp_path).result()[0])
                   for c in cuadernos]
    finally:
        kernels.cerrar()
    assert not kernels.compartidos
    assert salidas == [["hola desde ruidoso\n"], ["hola desde ruidoso\n"]]


def test_un_kernel_arrancado_importa_los_modulos_solo_cuando_se_le_pide(tmp_path, monkeypatch):
    """``arrancar`` (la orden, antes de saber si habrá algo que ejecutar) no importa nada; ``preparar`` sí,
    en ese mismo kernel; y cerrarlo sin pedirle nada lo apaga sin importar nada."""
    (tmp_path / "modulos").mkdir()
    marca = tmp_path / "importado"
    (tmp_path / "modulos" / "marcador.py").write_text(f"with open({str(marca)!r}, 'a') as f:\n    f.write('x')\n",
                                                      encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(tmp_path / "modulos"),
                                                                  os.environ.get("PYTHONPATH")])))
    pid = _guardar(tmp_path / "pid.ipynb", new_code_cell("import os, sys; print(os.getpid(), 'marcador' in sys.modules)"))

    def arrancado(k: Kernels) -> None:
        inicio = time.monotonic()
        while not k._vivos and time.monotonic() - inicio < 60:
            time.sleep(0.05)
        assert k._vivos, "el kernel no arrancó"

    kernels = Kernels(1)
    try:
        kernels.arrancar()
        arrancado(kernels)
        time.sleep(0.5)
        assert not marca.exists(), "arrancar no importa los módulos de los cuadernos"
        (vivo,) = kernels._vivos
        kernels.preparar(1, ["marcador"])
        nb, _ = en_kernels(kernels, pid, tmp_path / "1.ipynb", {}, tmp_path).result()
    finally:
        kernels.cerrar()
    assert marca.read_text() == "x"  # importado una vez, antes del cuaderno, en el kernel que ya estaba
    assert _texto(nb) == [f"{vivo.pid} True\n"]

    marca.unlink()
    sin_pedido = Kernels(1)
    sin_pedido.arrancar()
    arrancado(sin_pedido)
    sin_pedido.cerrar()
    assert not marca.exists() and not any(h.is_alive() for h in sin_pedido._hilos) and not sin_pedido._vivos


def test_cerrar_ahora_detiene_el_cuaderno_en_curso_y_lo_que_espera(tmp_path):
    """Lo que hace una interrupción (SIGTERM, Ctrl+C): el kernel muere, nada más empieza, los hilos terminan."""
    lento = _guardar(tmp_path / "lento.ipynb", new_code_cell("import time\ntime.sleep(120)"))
    kernels = Kernels(1)
    en_curso = en_kernels(kernels, lento, tmp_path / "1.ipynb", {}, tmp_path)
    espera = en_kernels(kernels, lento, tmp_path / "2.ipynb", {}, tmp_path)
    inicio = time.monotonic()
    while not en_curso.running() and time.monotonic() - inicio < 60:
        time.sleep(0.05)
    time.sleep(0.5)
    kernels.cerrar(esperar=False)  # lo que hace una construcción al terminar la ejecución
    kernels.cerrar(ahora=True)
    assert time.monotonic() - inicio < 60
    assert espera.cancelled()
    with pytest.raises(DeadKernelError):
        en_curso.result(timeout=0)
    assert not any(h.is_alive() for h in kernels._hilos)


def test_modulos_importados_lee_las_importaciones_de_primer_nivel(tmp_path):
    ruta = _guardar(tmp_path / "m.ipynb", new_code_cell("import os, json as j\nfrom inpe.presentacion import tablas\n"
                                                        "def f():\n    import csv\n"),
                    new_code_cell("%matplotlib inline\nimport no_se_lee"), new_code_cell("from . import relativo"))
    assert modulos_importados([ruta]) == ["os", "json", "inpe.presentacion", "inpe.presentacion.tablas"]


@pytest.mark.e2e
def test_los_cuadernos_del_informe_dan_lo_mismo_en_un_kernel_compartido(tmp_path):
    """Los cuadernos reales, uno tras otro en un kernel, contra cada uno en un kernel nuevo: celdas idénticas."""
    raiz = RAIZ
    p = c.Proyecto(raiz, SEM, motor="pandoc")
    p.renderizador = "Pandoc + Typst (renderizador propio)"
    c.validar(p, None, c.Silencio())
    c.auditar(p, None, c.Silencio())
    p.procedencia = manifiesto.procedencia(raiz, SEM, p.renderizador)
    c._foto(p, tmp_path)
    parametros = {"semestre": SEM, "foto": c.FOTO}
    kernels = Kernels(1)
    try:
        compartidos = [en_kernels(kernels, f, tmp_path / f"c-{f.name}", parametros, tmp_path)
                       for f in p.cuadernos_fuente]
        compartidos = [f.result()[0] for f in compartidos]
    finally:
        kernels.cerrar()
    for fuente, nb in zip(p.cuadernos_fuente, compartidos, strict=True):
        nuevo = ejecutar_cuaderno(fuente, tmp_path / f"n-{fuente.name}", parametros, tmp_path)
        assert _sin_tiempos(nb) == _sin_tiempos(nuevo), fuente.name
