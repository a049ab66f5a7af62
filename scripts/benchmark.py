"""Mide la construcción del informe contra un piso medido en la misma corrida, e imprime las cifras.

    python scripts/benchmark.py [SEMESTRE] [--repeticiones N] [--sin-lote] [--sin-quarto]

El piso es lo mínimo que cualquier construcción paga: un proceso que arranca un kernel python3,
importa la fachada de presentación (``inpe.presentacion.informe``) y carga el semestre validándolo
(``Informe.cargar(semestre)``, sin foto). Se mide, cada vez en un proceso nuevo y sobre una copia
del proyecto en una carpeta temporal (no toca output/ ni la caché del proyecto):

- el piso, y en qué se le va el tiempo (arranque del kernel, importar, cargar);
- la construcción completa (sin caché), con el tiempo de cada etapa y de cada cuaderno;
- la reconstrucción sin cambios y tras cambiar una celda Markdown de un cuaderno;
- el camino de Quarto (``construir --motor quarto`` y ``quarto render``), si Quarto está en el PATH;
- un lote de 12 semestres sintéticos (tests/fixtures/sintetico.py): ``construir --todos`` contra
  12 construcciones sueltas.

De cada proceso: reloj, CPU (la suya y la de sus hijos: kernels, Pandoc, Quarto) y memoria máxima
(la del proceso más grande y la del conjunto, muestreada). Imprime cifras y su proporción con las
metas; no afirma nada: las metas de velocidad no son pruebas cronometradas.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

RAIZ = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(RAIZ / "tests"))  # los datos sintéticos del lote viven con las pruebas

from fixtures import sintetico  # noqa: E402

#: Metas del issue, como proporción del piso (o de 12 construcciones sueltas, el lote).
METAS = {"completa_reloj": 2.5, "completa_cpu": 3.0, "markdown_reloj": 1.5, "lote": 0.6}

PISO = r"""
import json, sys, tempfile, time
from pathlib import Path
from jupyter_client.manager import KernelManager

semestre, raiz = sys.argv[1], sys.argv[2]
with tempfile.TemporaryDirectory() as tmp:
    t0 = time.perf_counter()
    km = KernelManager(kernel_name="python3", transport="ipc", ip=str(Path(tmp) / "k"))
    km.start_kernel(cwd=raiz, extra_arguments=["--HistoryManager.hist_file=:memory:"])
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    t1 = time.perf_counter()
    codigo = ("import time as _t\n_a = _t.perf_counter()\nfrom inpe.presentacion.informe import Informe\n"
              "_b = _t.perf_counter()\ninf = Informe.cargar(%r)\n_c = _t.perf_counter()" % semestre)
    r = kc.execute_interactive(codigo, user_expressions={"t": "[_b - _a, _c - _b]"}, timeout=300,
                               output_hook=lambda m: None)
    t2 = time.perf_counter()
    kc.stop_channels()
    km.shutdown_kernel(now=True)
    if r["content"]["status"] != "ok":
        sys.exit(f"el piso falló: {r['content'].get('ename')}: {r['content'].get('evalue')}")
    importar, cargar = json.loads(r["content"]["user_expressions"]["t"]["data"]["text/plain"])
    print(json.dumps({"arranque del kernel": t1 - t0, "importar la fachada": importar,
                      "cargar y validar el semestre": cargar, "apagar": time.perf_counter() - t2}))
"""


# ------------------------------------------------------------------ medir un proceso

@dataclass
class Medida:
    reloj: float
    cpu: float
    rss_proceso_mib: float
    rss_total_mib: float
    salida: str = ""
    datos: dict = field(default_factory=dict)


def _hijos(pid: int) -> list[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return [int(x) for x in f.read().split()]
    except OSError:
        return []


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for linea in f:
                if linea.startswith("VmRSS:"):
                    return int(linea.split()[1])
    except OSError:
        pass
    return 0


def _arbol(pid: int) -> list[int]:
    pendientes, vistos = [pid], []
    while pendientes:
        p = pendientes.pop()
        vistos.append(p)
        pendientes += _hijos(p)
    return vistos


def medir(orden: list[str], cwd: Path, env: dict | None = None) -> Medida:
    """Reloj, CPU (proceso e hijos ya terminados) y memoria máxima de una orden; falla si la orden falla."""
    inicio = time.perf_counter()
    proceso = subprocess.Popen(orden, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    pico = [0]
    fin = threading.Event()

    def muestrear():  # la suma de la memoria residente del árbol de procesos, cada 0.2 s (solo Linux)
        while not fin.wait(0.2):
            pico[0] = max(pico[0], sum(_rss_kib(p) for p in _arbol(proceso.pid)))

    hilo = threading.Thread(target=muestrear, daemon=True)
    hilo.start()
    salida = proceso.stdout.read()
    _, estado, uso = os.wait4(proceso.pid, 0)
    reloj = time.perf_counter() - inicio
    fin.set()
    hilo.join()
    proceso.returncode = os.waitstatus_to_exitcode(estado)
    if proceso.returncode != 0:
        raise SystemExit(f"falló (código {proceso.returncode}): {' '.join(orden)}\n{salida[-3000:]}")
    return Medida(reloj, uso.ru_utime + uso.ru_stime, uso.ru_maxrss / 1024, pico[0] / 1024, salida)


def construir(raiz: Path, *extra: str) -> Medida:
    return medir([sys.executable, "-m", "inpe", "construir", *extra, "--raiz", str(raiz)], raiz)


def tiempos(raiz: Path, semestre: str) -> dict:
    return json.loads((raiz / "output" / semestre / "manifest.json").read_text(encoding="utf-8"))["tiempos_s"]


# ------------------------------------------------------------------ copias del proyecto

def copia(destino: Path) -> Path:
    """Lo versionado y lo nuevo no ignorado (como las pruebas), sin output/, caché ni entornos."""
    r = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=RAIZ,
                       capture_output=True, text=True)
    if r.returncode == 0:
        for rel in filter(None, r.stdout.split("\0")):
            origen = RAIZ / rel
            if origen.is_file():
                (destino / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(origen, destino / rel)
    else:
        shutil.copytree(RAIZ, destino, dirs_exist_ok=True, ignore=shutil.ignore_patterns(
            ".git", ".venv", "output", ".cache", "__pycache__", ".pytest_cache", ".hypothesis", ".ruff_cache"))
    return destino


FECHA = re.compile(r"(20[0-9]{2})((?:-[01][0-9])?(?:-[0-3][0-9])?)")


def _mover_fechas(origen: Path, destino: Path, anios: int) -> None:
    """Copia un CSV con cada celda que es una fecha (AAAA, AAAA-MM o AAAA-MM-DD) ``anios`` años antes."""
    with origen.open(encoding="utf-8", newline="") as f:
        filas = list(csv.reader(f))

    def mover(celda: str) -> str:
        m = FECHA.fullmatch(celda)
        if not m:
            return celda
        resto = "-02-28" if m.group(2) == "-02-29" else m.group(2)
        return f"{int(m.group(1)) - anios}{resto}"

    with destino.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows([[mover(c) for c in fila] for fila in filas])


def datos_sinteticos(raiz: Path) -> list[str]:
    """data/ con los 12 semestres sintéticos (tests/fixtures/sintetico.py), todos construibles.

    Las tablas de la historia (2019-2023) son las del semestre 2024 del mismo periodo con sus fechas
    llevadas a su año (salvo los hechos destacados, que dicen que los datos son sintéticos): así la
    auditoría no las rechaza y cada semestre hace el mismo trabajo. Aquí se mide tiempo, no cifras.
    """
    shutil.rmtree(raiz / "data")
    datos = sintetico.crear_datos(raiz)
    for semestre in sintetico.HISTORIA:
        modelo = datos / f"2024-{semestre[-2:]}"
        for tabla in modelo.glob("*.csv"):
            if tabla.name != "hechos_destacados.csv":
                _mover_fechas(tabla, datos / semestre / tabla.name, 2024 - int(semestre[:4]))
    return sorted(p.name for p in datos.iterdir() if p.is_dir() and p.name != "plan")


def editar_markdown(raiz: Path, nombre: str | None, marca: str) -> str:
    """Cambia la primera celda Markdown del cuaderno (el primero que tenga una, si no se nombra)."""
    for ruta in sorted((raiz / "notebooks").glob("[0-9]*.ipynb")):
        if nombre and ruta.name != nombre:
            continue
        nb = nbformat.read(ruta, as_version=4)
        for celda in nb.cells:
            if celda.cell_type == "markdown":
                celda.source += f"\n\nPárrafo de prueba del benchmark, edición {marca}."
                nbformat.write(nb, ruta)
                return ruta.name
    raise SystemExit(f"no hay un cuaderno con celdas Markdown{f' llamado {nombre}' if nombre else ''}")


# ------------------------------------------------------------------ informe

def mediana(medidas: list[Medida], campo: str) -> float:
    return statistics.median(getattr(m, campo) for m in medidas)


def fila(nombre: str, medidas: list[Medida], piso: list[Medida] | None = None) -> str:
    reloj, cpu = mediana(medidas, "reloj"), mediana(medidas, "cpu")
    texto = (f"{nombre:44} {reloj:7.2f} {min(m.reloj for m in medidas):7.2f} {cpu:7.2f} "
             f"{max(m.rss_proceso_mib for m in medidas):8.0f} {max(m.rss_total_mib for m in medidas):8.0f}")
    if piso:
        texto += f"   {reloj / mediana(piso, 'reloj'):5.2f} × {cpu / mediana(piso, 'cpu'):5.2f} ×"
    return texto


def meta(descripcion: str, valor: float, limite: float) -> str:
    estado = "se cumple" if valor <= limite else "NO se cumple"
    return f"  {descripcion:58} {valor:5.2f} (meta ≤ {limite:.1f}): {estado}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("semestre", nargs="?", default=os.environ.get("SEMESTRE") or "2024-S1")
    parser.add_argument("--repeticiones", type=int, default=5, help="de cada medida (se informa la mediana)")
    parser.add_argument("--cuaderno", help="el cuaderno cuya celda Markdown se cambia (por defecto, el primero)")
    parser.add_argument("--sin-lote", action="store_true", help="no medir el lote de 12 semestres")
    parser.add_argument("--sin-quarto", action="store_true", help="no medir el camino de Quarto")
    args = parser.parse_args()
    sem, n = args.semestre, max(1, args.repeticiones)
    quarto = shutil.which("quarto") and not args.sin_quarto
    print(f"Benchmark del informe {sem}: {os.cpu_count()} núcleos, Python {sys.version.split()[0]}, "
          f"{n} repeticiones (mediana)", flush=True)

    with tempfile.TemporaryDirectory(prefix="inpe-benchmark-") as tmp:
        raiz = copia(Path(tmp) / "proyecto")
        pandoc = ("--motor", "pandoc")

        # El piso y la construcción completa se miden alternados: si la máquina cambia de ritmo durante la
        # corrida (una máquina virtual compartida), cambia para los dos y la proporción no se sesga.
        piso, completas, etapas = [], [], {}
        for _ in range(n):
            piso.append(medir([sys.executable, "-c", PISO, sem, str(raiz)], raiz))
            piso[-1].datos = json.loads(piso[-1].salida.strip().splitlines()[-1])
            shutil.rmtree(raiz / ".cache", ignore_errors=True)
            completas.append(construir(raiz, sem, *pandoc, "--sin-cache"))
            for nombre, s in tiempos(raiz, sem).items():
                etapas.setdefault(nombre, []).append(s)
        importaciones = [medir([sys.executable, "-c", "import inpe.cli"], raiz) for _ in range(n)]
        sin_cambios = [construir(raiz, sem, *pandoc) for _ in range(n)]
        editado, markdown = None, []
        for i in range(n):
            editado = editar_markdown(raiz, args.cuaderno, "abcdefghijklmnopqrstuvwxyz"[i % 26] * (i // 26 + 1))
            markdown.append(construir(raiz, sem, *pandoc))

        con_quarto = []
        if quarto:  # los ganchos de Quarto buscan el entorno del proyecto en .venv
            (raiz / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
            shutil.rmtree(raiz / ".cache", ignore_errors=True)
            con_quarto.append(("construir --motor quarto (sin caché)", [construir(raiz, sem, "--motor", "quarto",
                                                                                  "--sin-cache")]))
            entorno = {**os.environ, "INPE_SEMESTRE": sem}
            shutil.rmtree(raiz / ".cache", ignore_errors=True)
            con_quarto.append(("quarto render (sin caché)", [medir(["quarto", "render"], raiz, entorno)]))
            con_quarto.append(("quarto render (sin cambios)", [medir(["quarto", "render"], raiz, entorno)]))

        lote = sueltas = None
        if not args.sin_lote:
            otra = copia(Path(tmp) / "lote")
            lista = datos_sinteticos(otra)
            lote = construir(otra, "--todos", *pandoc, "--sin-cache")
            inicio = time.perf_counter()
            partes = [construir(otra, s, *pandoc, "--sin-cache") for s in lista]
            sueltas = Medida(time.perf_counter() - inicio, sum(m.cpu for m in partes),
                             max(m.rss_proceso_mib for m in partes), max(m.rss_total_mib for m in partes))

    encabezado = (f"{'':44} {'reloj':>7} {'mín':>7} {'CPU':>7} {'MiB 1 p':>8} {'MiB tot':>8}   "
                  f"{'× piso (reloj, CPU)':>19}")
    print("\nEn segundos (mediana y mínimo del reloj, mediana de la CPU) y memoria máxima en MiB: del proceso "
          "más grande y del conjunto de procesos")
    print(encabezado)
    print(fila("piso: kernel + fachada + cargar el semestre", piso))
    for clave in piso[0].datos:
        print(f"  {clave:42} {statistics.median(m.datos[clave] for m in piso):7.2f}")
    print(fila("arrancar Python e importar la orden (inpe.cli)", importaciones))
    print(fila("construcción completa (sin caché)", completas, piso))
    for nombre, valores in etapas.items():
        print(f"  {nombre:42} {statistics.median(valores):7.2f}")
    print(fila("reconstrucción sin cambios", sin_cambios, piso))
    print(fila(f"reconstrucción tras cambiar {editado}", markdown, piso))
    for nombre, medidas in con_quarto:
        print(fila(nombre, medidas, piso))
    if lote is not None:
        print(fila(f"lote: construir --todos ({len(lista)} semestres)", [lote]))
        print(fila(f"lote: {len(lista)} construcciones sueltas", [sueltas]))

    print("\nMetas (proporción del piso medido en esta misma corrida)")
    base_reloj, base_cpu = mediana(piso, "reloj"), mediana(piso, "cpu")
    print(meta("construcción completa, reloj / piso", mediana(completas, "reloj") / base_reloj,
               METAS["completa_reloj"]))
    print(meta("construcción completa, CPU / CPU del piso", mediana(completas, "cpu") / base_cpu,
               METAS["completa_cpu"]))
    print(meta("reconstrucción tras cambiar una celda Markdown, reloj / piso",
               mediana(markdown, "reloj") / base_reloj, METAS["markdown_reloj"]))
    if lote is not None:
        print(meta(f"lote de {len(lista)} semestres / {len(lista)} construcciones sueltas (reloj)",
                   lote.reloj / sueltas.reloj, METAS["lote"]))
    hijos = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(f"\nMemoria máxima de un proceso medido: {hijos.ru_maxrss / 1024:.0f} MiB")


if __name__ == "__main__":
    main()
