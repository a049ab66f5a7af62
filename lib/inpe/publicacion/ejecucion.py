"""Ejecución de los cuadernos con papermill.

papermill es el único ejecutor. Le añadimos lo que Quarto hace al ejecutar: las expresiones
en línea `` `{python} expr` `` de las celdas Markdown se evalúan en el kernel, en su lugar del
cuaderno (ven el estado de las celdas anteriores), mediante ``user_expressions``; el cuaderno
ejecutado guarda ya el texto final, de modo que Quarto o nuestro renderizador no ejecutan nada.

Kernels compartidos (:class:`Kernels`): arrancar un kernel e importar pandas, matplotlib y el
paquete cuesta más que ejecutar casi cualquier cuaderno. Por eso los cuadernos de una construcción
(o de todas las de ``construir --todos``) se ejecutan uno tras otro en pocos kernels que viven toda
la construcción y que arrancan, con los módulos de los cuadernos ya importados, mientras se validan
los datos. Antes de cada cuaderno el kernel pasa a su directorio de trabajo y vacía el espacio del
usuario (``InteractiveShell.reset``: variables, historial, ``_``, contador de ejecución desde 1):
un cuaderno no ve nada de los anteriores. Persisten los módulos importados, que es lo que se quiere
ahorrar; por eso un cuaderno no debe cambiar el estado de un módulo (``pd.options``,
``plt.rcParams``), y una prueba compara los cuadernos del informe ejecutados así con los ejecutados
cada uno en un kernel nuevo. Si importar esos módulos imprime o avisa algo, un kernel compartido ya
no se distinguiría de uno nuevo solo por el espacio de nombres: entonces cada cuaderno corre en un
kernel nuevo, como antes. Un kernel en el que falló un cuaderno no se reutiliza.
"""

from __future__ import annotations

import ast
import os
import queue
import re
import signal
import tempfile
import threading
import time
from collections.abc import Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import papermill
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import ensure_event_loop
from nbclient.util import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.utils import merge_kwargs, remove_args

from inpe.redaccion.escape import escapar_markdown

KERNEL = "python3"
EXPRESION_EN_LINEA = re.compile(r"`\{python\}\s+([^`]+?)\s*`")
#: Lo mismo que pasa nbclient a un kernel IPython que arranca él: historial en memoria, nada en disco.
ARGUMENTOS_KERNEL = ("--HistoryManager.hist_file=:memory:",)
#: Espera máxima de una orden interna al kernel (arrancar, limpiar, precalentar), en segundos.
ESPERA = 120
#: Kernels de una construcción: uno, que ejecuta los cuadernos uno tras otro. Un segundo costaría su
#: arranque (importar pandas, matplotlib y el paquete: cerca de 1 s de CPU) y, medido en 2 núcleos, no
#: acorta el reloj: los dos kernels y la validación se disputan los núcleos.
KERNELS = 1
#: Kernels de un lote (``construir --todos``): viven todo el lote, su arranque se paga una vez; uno por núcleo.
KERNELS_DEL_LOTE = max(1, min(os.cpu_count() or 1, 4))


class ErrorDeEjecucion(RuntimeError):
    """Un cuaderno falló: dice cuál, qué celda y por qué, sin el traceback completo."""


def _mostrar(expr: str) -> str:
    # El kernel devuelve el texto (text/markdown), no su repr: un espacio no separable dentro
    # de "S/ 1,234.00" llega intacto. La expresión se evalúa primero, en el espacio del cuaderno.
    return ("__import__('inpe.redaccion.escape', fromlist=['TextoMarkdown'])"
            f".TextoMarkdown(__import__('builtins').str(({expr})))")


class ClienteConExpresiones(PapermillNotebookClient):
    """Cliente de papermill que además evalúa las expresiones en línea de las celdas Markdown."""

    async def async_execute_cell(self, cell, cell_index, execution_count=None, store_history=True):
        if cell.cell_type == "markdown" and EXPRESION_EN_LINEA.search(cell.source):
            cell.source = await self._evaluar_en_linea(cell, cell_index)
            return cell
        return await super().async_execute_cell(cell, cell_index, execution_count, store_history)

    execute_cell = run_sync(async_execute_cell)

    def _posicion_en_fuente(self, cell_index: int) -> int:
        """Número de la celda en el cuaderno que edita el metodólogo (sin la celda que inyecta papermill)."""
        inyectadas = sum("injected-parameters" in c.metadata.get("tags", []) for c in self.nb.cells[:cell_index])
        return cell_index + 1 - inyectadas

    async def _evaluar_en_linea(self, cell, cell_index) -> str:
        expresiones = EXPRESION_EN_LINEA.findall(cell.source)
        pedidas = {f"e{i}": _mostrar(e) for i, e in enumerate(expresiones)}
        msg_id = self.kc.execute("", silent=True, store_history=False, user_expressions=pedidas)
        respuesta = await self.async_wait_for_reply(msg_id, cell)
        resultados = respuesta["content"].get("user_expressions", {})
        textos = []
        for i, expr in enumerate(expresiones):
            r = resultados.get(f"e{i}", {})
            if r.get("status") != "ok":
                detalle = f"{r.get('ename', 'Error')}: {r.get('evalue', 'sin respuesta del kernel')}"
                raise ErrorDeEjecucion(f"celda {self._posicion_en_fuente(cell_index)} (Markdown): la expresión en "
                                       f"línea `{expr}` falló: {detalle}")
            textos.append(escapar_markdown(r["data"]["text/markdown"]))
        it = iter(textos)
        return EXPRESION_EN_LINEA.sub(lambda _m: next(it), cell.source)


class MotorInforme(NBClientEngine):
    """Motor de papermill registrado como ``inpe``: el de nbclient con expresiones en línea.

    Con ``kernel`` (un :class:`_Kernel` vivo) ejecuta en él y lo deja vivo; sin él arranca un
    kernel para este cuaderno y lo apaga al terminar.
    """

    @classmethod
    def execute_managed_notebook(cls, nb_man, kernel_name, log_output=False, stdout_file=None,
                                 stderr_file=None, start_timeout=60, execution_timeout=None, kernel=None, **kwargs):
        kwargs = remove_args(["input_path", "timeout", "startup_timeout"], **kwargs)
        final = merge_kwargs(
            kwargs,
            timeout=execution_timeout,
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        if kernel is not None:
            cliente = ClienteConExpresiones(nb_man, km=kernel.km, **final)
            cliente.kc = kernel.kc  # el kernel ya está listo: nbclient no arranca ni apaga nada
            return cliente.execute()
        # Transporte IPC en una carpeta temporal: el kernel no abre puertos TCP; se apaga al terminar.
        with tempfile.TemporaryDirectory(prefix="inpe-kernel-") as tmp:
            km = AsyncKernelManager(kernel_name=kernel_name, transport="ipc", ip=str(Path(tmp) / "k"))
            cliente = ClienteConExpresiones(nb_man, km=km, shutdown_kernel="immediate", **final)
            return cliente.execute(cleanup_kc=True)


papermill_engines.register("inpe", MotorInforme)


def ejecutar_cuaderno(entrada: Path, salida: Path, parametros: dict, cwd: Path,
                      kernel: _Kernel | None = None) -> nbformat.NotebookNode:
    """Ejecuta un cuaderno con kernel y directorio de trabajo fijos; falla con un mensaje claro.

    Sin ``kernel``, en uno nuevo al que se da el directorio de trabajo al arrancarlo (no con
    ``os.chdir``: el directorio del proceso es uno solo para todos sus hilos). Con ``kernel``, en
    ese kernel compartido, ya limpio y en ``cwd`` (:meth:`_Kernel.ejecutar`).
    """
    extra = {"kernel": kernel} if kernel is not None else {}
    try:
        nb = papermill.execute_notebook(
            str(Path(entrada).resolve()),
            str(Path(salida).resolve()),
            parameters=parametros,
            engine_name="inpe",
            kernel_name=KERNEL,
            resources={"metadata": {"path": str(Path(cwd).resolve())}},
            progress_bar=False,
            request_save_on_cell_execute=False,
            **extra,
        )
    except papermill.PapermillExecutionError as e:
        raise ErrorDeEjecucion(
            f"{entrada.name}: la celda {e.exec_count} falló: {e.ename}: {e.evalue}"
        ) from None
    except ErrorDeEjecucion as e:
        raise ErrorDeEjecucion(f"{entrada.name}: {e}") from None
    _sin_errores_ni_avisos(nb, entrada.name)
    return nb


def _sin_errores_ni_avisos(nb, nombre: str) -> None:
    """Un aviso (stderr) en un cuaderno ejecutado es una señal, no ruido: detiene la construcción."""
    for i, cell in enumerate(nb.cells, start=1):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                raise ErrorDeEjecucion(f"{nombre}: la celda {i} emitió un aviso: {out.get('text', '').strip()}")


# ------------------------------------------------------------------ kernels compartidos

def modulos_importados(cuadernos: Iterable[Path]) -> list[str]:
    """Los módulos que importan las celdas de código de los cuadernos, en el nivel superior de la celda.

    Con ellos se precalienta un kernel: ``from a.b import c`` da ``a.b`` y ``a.b.c`` (c puede ser un
    submódulo). Una celda que no es Python puro (magias de IPython) se salta: el cuaderno la ejecutará.
    """
    modulos: list[str] = []
    for ruta in cuadernos:
        for celda in nbformat.read(ruta, as_version=4).cells:
            if celda.cell_type != "code":
                continue
            try:
                arbol = ast.parse(celda.source)
            except SyntaxError:
                continue
            for nodo in arbol.body:
                if isinstance(nodo, ast.Import):
                    modulos += [a.name for a in nodo.names]
                elif isinstance(nodo, ast.ImportFrom) and nodo.level == 0 and nodo.module:
                    modulos += [nodo.module] + [f"{nodo.module}.{a.name}" for a in nodo.names if a.name != "*"]
    return list(dict.fromkeys(modulos))


# Lo que se ejecuta en el kernel para prepararlo corre con ``exec`` en un espacio propio: no deja
# nombres en el del usuario. Queda como atributo del shell de IPython (``get_ipython()``).

#: Al arrancar: una copia del espacio del usuario tal como lo deja un kernel nuevo, y la función que
#: lo restituye antes de cada cuaderno: su directorio de trabajo, ``reset`` (variables, historial y
#: contador de ejecución desde 1) y lo que ``reset`` no repone (``__doc__``, ``__spec__``, ``_``…).
_PREPARAR = """\
inicial = (dict(ip.user_ns), dict(ip.user_ns_hidden))
def limpiar(cwd):
    import os
    os.chdir(cwd)
    ip.reset(new_session=True)
    for actual, antes in zip((ip.user_ns, ip.user_ns_hidden), inicial):
        for nombre, valor in antes.items():
            actual.setdefault(nombre, valor)
ip.inpe_limpiar = limpiar
"""
#: Importa los módulos sin que un aviso se muestre ni quede registrado como ya mostrado
#: (``simplefilter("always")`` no marca el registro de avisos); cuenta los avisos. Después congela
#: (``gc.freeze``) lo que hay: los módulos viven todo el kernel, y sin eso cada ``reset`` (que llama a
#: ``gc.collect``) y cada colección automática recorrería otra vez los objetos de pandas y matplotlib.
_PRECALENTAR = """\
import gc, importlib, warnings
with warnings.catch_warnings(record=True) as avisos:
    warnings.simplefilter("always")
    for m in modulos:
        try:
            importlib.import_module(m)
        except Exception:
            pass
ip.inpe_avisos = len(avisos)
gc.collect()
gc.freeze()
"""
_LIMPIAR = "get_ipython().inpe_limpiar({cwd!r})"


def _en_el_kernel(codigo: str, **nombres) -> str:
    """Una orden que ejecuta ``codigo`` en el kernel sin tocar el espacio del usuario."""
    nombres = ", ".join(f"{k!r}: {v!r}" for k, v in nombres.items())
    return f"exec({codigo!r}, {{'ip': get_ipython(), {nombres}}})"


class _KernelRuidoso(RuntimeError):
    """Importar los módulos de los cuadernos imprimió o avisó algo: un kernel compartido no sería como uno nuevo."""


class _Kernel:
    """Un kernel vivo. Solo lo usa el hilo que lo arrancó: sus canales pertenecen al bucle asyncio de ese hilo,
    el mismo que usa nbclient (``ensure_event_loop``)."""

    def __init__(self):
        self._tmp = tempfile.TemporaryDirectory(prefix="inpe-kernel-")
        self._bucle = ensure_event_loop()
        self.km = AsyncKernelManager(kernel_name=KERNEL, transport="ipc", ip=str(Path(self._tmp.name) / "k"))
        self.kc = None
        self.pid: int | None = None
        self.matado = False
        try:
            self._bucle.run_until_complete(self._arrancar())
        except BaseException:
            self.apagar()
            raise

    async def _arrancar(self) -> None:
        await self.km.start_kernel(cwd=self._tmp.name, extra_arguments=list(ARGUMENTOS_KERNEL))
        self.pid = getattr(self.km.provisioner, "pid", None)
        self.kc = self.km.client()
        self.kc.start_channels()
        await self._listo()
        self.kc.allow_stdin = False
        await self._en_silencio(_en_el_kernel(_PREPARAR))

    async def _listo(self) -> None:
        """Lo que hace ``wait_for_ready`` de jupyter_client (kernel_info hasta que respondan el canal shell y el
        iopub), sin su último paso: esperar 0.2 s a que el iopub calle. Aquí cada lectura filtra por el
        mensaje que la pidió (:meth:`_en_silencio`, nbclient), así que un mensaje viejo no confunde a nadie."""
        limite = time.monotonic() + ESPERA
        while time.monotonic() < limite:
            msg_id = self.kc.kernel_info()
            try:
                respuesta = await self.kc.get_shell_msg(timeout=1)
            except queue.Empty:
                respuesta = None
            if respuesta is not None and respuesta["parent_header"].get("msg_id") == msg_id:
                try:
                    await self.kc.get_iopub_msg(timeout=0.2)  # el iopub está conectado: publicó algo
                    return
                except queue.Empty:
                    pass
            if not await self.km.is_alive():
                raise ErrorDeEjecucion("el kernel terminó antes de responder")
        raise ErrorDeEjecucion(f"el kernel no respondió en {ESPERA} s")

    def precalentar(self, modulos: tuple[str, ...]) -> None:
        """Importa en el kernel los módulos de los cuadernos; falla con :class:`_KernelRuidoso` si eso imprime o avisa."""
        salidas, respuesta = self._bucle.run_until_complete(self._en_silencio(
            _en_el_kernel(_PRECALENTAR, modulos=list(modulos)), {"avisos": "get_ipython().inpe_avisos"}))
        avisos = respuesta.get("user_expressions", {}).get("avisos", {}).get("data", {}).get("text/plain")
        if salidas or avisos != "0":
            raise _KernelRuidoso(f"importar los módulos de los cuadernos produjo salidas ({len(salidas)}) "
                                 f"o avisos ({avisos})")

    async def _en_silencio(self, codigo: str, expresiones: dict | None = None) -> tuple[list, dict]:
        """Ejecuta ``codigo`` sin historial ni contador; devuelve lo que publicó y la respuesta."""
        msg_id = self.kc.execute(codigo, silent=True, store_history=False, user_expressions=expresiones or {},
                                 allow_stdin=False)
        salidas = []
        while True:
            msg = await self._siguiente(self.kc.get_iopub_msg)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            if msg["msg_type"] in ("stream", "display_data", "execute_result", "error"):
                salidas.append(msg["content"])
        while True:
            respuesta = await self._siguiente(self.kc.get_shell_msg)
            if respuesta["parent_header"].get("msg_id") == msg_id:
                break
        contenido = respuesta["content"]
        if contenido.get("status") != "ok":
            raise ErrorDeEjecucion(f"el kernel no pudo preparar la ejecución: {contenido.get('ename')}: "
                                   f"{contenido.get('evalue')}")
        return salidas, contenido

    async def _siguiente(self, leer) -> dict:
        """El siguiente mensaje; falla enseguida si el kernel murió (matado en una interrupción), no tras ESPERA."""
        limite = time.monotonic() + ESPERA
        while True:
            try:
                return await leer(timeout=1)
            except queue.Empty:
                if self.matado or not await self.km.is_alive():
                    raise ErrorDeEjecucion("el kernel terminó") from None
                if time.monotonic() > limite:
                    raise ErrorDeEjecucion(f"el kernel no respondió en {ESPERA} s") from None

    def ejecutar(self, entrada: Path, salida: Path, parametros: dict, cwd: Path) -> nbformat.NotebookNode:
        salidas, _ = self._bucle.run_until_complete(self._en_silencio(_LIMPIAR.format(cwd=str(Path(cwd).resolve()))))
        if salidas:
            raise ErrorDeEjecucion(f"{entrada.name}: el kernel no quedó limpio antes de ejecutarlo: {salidas}")
        return ejecutar_cuaderno(entrada, salida, parametros, cwd, kernel=self)

    def matar(self) -> None:
        """Desde otro hilo (una interrupción): termina el proceso; la ejecución en curso falla enseguida."""
        self.matado = True
        if self.pid:
            try:
                os.kill(self.pid, getattr(signal, "SIGKILL", signal.SIGTERM))
            except OSError:
                pass

    def apagar(self) -> None:
        try:
            if self.kc is not None:
                self.kc.stop_channels()
            if self.km.has_kernel:
                self._bucle.run_until_complete(self.km.shutdown_kernel(now=True))
        except Exception:  # ya muerto (p. ej. matado en una interrupción): no queda nada que apagar
            self.matar()
        finally:
            self.kc = None
            self._tmp.cleanup()


@dataclass
class _Trabajo:
    entrada: Path
    salida: Path
    parametros: dict
    cwd: Path
    futuro: Future = field(default_factory=Future)


class Kernels:
    """Hasta ``maximo`` kernels vivos que ejecutan cuadernos de una o varias construcciones.

    :meth:`ejecutar` encola un cuaderno y devuelve un ``Future`` con ``(cuaderno ejecutado, segundos)``;
    cada kernel toma el siguiente de la cola al quedar libre. :meth:`preparar` los arranca antes, en
    segundo plano, y les hace importar los módulos de los cuadernos; :meth:`arrancar`, solo los arranca
    (aún no se sabe si habrá algo que ejecutar: importar es lo caro), y esperan a :meth:`preparar` o al
    primer cuaderno. Cerrarlos (:meth:`cerrar`) apaga todos.
    """

    def __init__(self, maximo: int = 1):
        self.maximo = max(1, maximo)
        self.compartidos = True  # False: cada cuaderno en un kernel nuevo (ver _KernelRuidoso)
        self._cola: queue.SimpleQueue[_Trabajo | None] = queue.SimpleQueue()
        self._hilos: list[threading.Thread] = []
        self._vivos: set[_Kernel] = set()
        self._precalentar: tuple[str, ...] = ()
        #: Se pidió trabajo (preparar, un cuaderno o cerrar): un kernel arrancado deja de esperar.
        self._pedido = threading.Event()
        self._candado = threading.Lock()
        self._cerrado = False

    def arrancar(self, cuantos: int = 1) -> None:
        """Arranca hasta ``cuantos`` kernels sin importar nada en ellos."""
        self._hilos_hasta(cuantos)

    def preparar(self, cuantos: int = 1, precalentar: Iterable[str] = ()) -> None:
        """Arranca hasta ``cuantos`` kernels (sin pasar de ``maximo``), con esos módulos ya importados."""
        with self._candado:
            if not self._precalentar:
                self._precalentar = tuple(precalentar)
        self._hilos_hasta(cuantos)
        self._pedido.set()

    def _hilos_hasta(self, cuantos: int) -> None:
        with self._candado:
            if self._cerrado:
                raise RuntimeError("los kernels ya se cerraron")
            while len(self._hilos) < min(max(cuantos, 1), self.maximo):
                hilo = threading.Thread(target=self._trabajar, name=f"inpe-kernel-{len(self._hilos) + 1}", daemon=True)
                self._hilos.append(hilo)
                hilo.start()

    def ejecutar(self, entrada: Path, salida: Path, parametros: dict, cwd: Path) -> Future:
        self.preparar(1)
        trabajo = _Trabajo(Path(entrada), Path(salida), dict(parametros), Path(cwd))
        self._cola.put(trabajo)
        return trabajo.futuro

    def cerrar(self, ahora: bool = False, esperar: bool = True) -> None:
        """Apaga los kernels. ``ahora``: sin esperar a los cuadernos en curso (una interrupción o una falla);
        ``esperar=False``: los apaga en sus hilos, sin esperar a que terminen de apagarse."""
        with self._candado:
            avisar = not self._cerrado
            self._cerrado = True
            hilos, vivos = list(self._hilos), list(self._vivos)
        if ahora:
            while True:  # lo que aún espera en la cola no empieza (se vacía también algún aviso de fin)
                try:
                    pendiente = self._cola.get_nowait()
                except queue.Empty:
                    break
                if pendiente is not None:
                    pendiente.futuro.cancel()
            for k in vivos:
                k.matar()
        if avisar or ahora:  # un aviso de fin por hilo; los que sobren no molestan
            for _ in hilos:
                self._cola.put(None)
        self._pedido.set()
        if esperar:
            for hilo in hilos:
                hilo.join(timeout=ESPERA)

    def _arrancar(self) -> _Kernel | None:
        """Un kernel arrancado que, en cuanto se pide trabajo, importa los módulos de los cuadernos.

        None si los kernels no se comparten (importar esos módulos hizo ruido: ver :class:`_KernelRuidoso`).
        """
        if not self.compartidos:
            return None
        kernel = _Kernel()
        with self._candado:
            self._vivos.add(kernel)
        self._pedido.wait()
        if not self._precalentar or self._cerrado:
            return kernel
        try:
            kernel.precalentar(self._precalentar)
        except _KernelRuidoso:
            self.compartidos = False
            self._soltar(kernel)
            return None
        except BaseException:
            self._soltar(kernel)
            raise
        return kernel

    def _soltar(self, kernel: _Kernel) -> None:
        with self._candado:
            self._vivos.discard(kernel)
        kernel.apagar()

    def _trabajar(self) -> None:
        """Lo que hace cada hilo: arrancar su kernel enseguida y ejecutar lo que llegue a la cola."""
        kernel = None
        try:
            try:
                kernel = self._arrancar()
            except Exception:  # se reintenta con el primer cuaderno, que recibirá el error si persiste
                kernel = None
            while True:
                trabajo = self._cola.get()
                if trabajo is None:
                    return
                if not trabajo.futuro.set_running_or_notify_cancel():
                    continue
                inicio = time.perf_counter()
                try:
                    if kernel is None and self.compartidos and not self._cerrado:
                        kernel = self._arrancar()
                    if kernel is None:
                        nb = ejecutar_cuaderno(trabajo.entrada, trabajo.salida, trabajo.parametros, trabajo.cwd)
                    else:
                        nb = kernel.ejecutar(trabajo.entrada, trabajo.salida, trabajo.parametros, trabajo.cwd)
                except BaseException as e:
                    trabajo.futuro.set_exception(e)
                    if kernel is not None:  # un kernel en el que algo falló no se reutiliza
                        self._soltar(kernel)
                        kernel = None
                else:
                    trabajo.futuro.set_result((nb, time.perf_counter() - inicio))
        finally:
            if kernel is not None:
                self._soltar(kernel)
