"""Kernels compartidos: pocos kernels de IPython vivos que ejecutan, uno tras otro, los cuadernos de una
construcción (o de todas las de ``construir --todos``).

Arrancar un kernel e importar pandas, matplotlib y el paquete cuesta más que ejecutar casi cualquier
cuaderno. Por eso los kernels viven toda la construcción, arrancan en cuanto la orden empieza y, cuando
se sabe que habrá algo que ejecutar, importan los módulos de los cuadernos mientras se validan los
datos. Antes de cada cuaderno el kernel pasa a su directorio de trabajo y vacía el espacio del usuario
(``InteractiveShell.reset``: variables, historial, ``_``, contador de ejecución desde 1): un cuaderno no
ve nada de los anteriores. Persisten los módulos importados, que es lo que se quiere ahorrar; por eso
un cuaderno no debe cambiar el estado de un módulo (``pd.options``, ``plt.rcParams``), y una prueba
compara los cuadernos del informe ejecutados así con los ejecutados cada uno en un kernel nuevo. Si
importar esos módulos imprime o avisa algo, un kernel compartido ya no se distinguiría de uno nuevo solo
por el espacio de nombres: entonces cada cuaderno corre en un kernel nuevo. Un kernel en el que algo
falló no se reutiliza.

Este módulo no importa papermill ni nbformat: :mod:`inpe.__main__` lo importa para arrancar el kernel
antes que el resto del programa. Qué se ejecuta en el kernel lo dice quien encola el trabajo
(:func:`inpe.publicacion.ejecucion.en_kernels`).
"""

from __future__ import annotations

import ast
import json
import os
import queue
import signal
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import ensure_event_loop

KERNEL = "python3"
#: Lo mismo que pasa nbclient a un kernel IPython que arranca él: historial en memoria, nada en disco.
ARGUMENTOS_KERNEL = ("--HistoryManager.hist_file=:memory:",)
#: Espera máxima de una orden interna al kernel (arrancar, limpiar, precalentar), en segundos.
ESPERA = 120
#: Kernels de una construcción: uno, que ejecuta los cuadernos uno tras otro. Un segundo costaría otra vez
#: su arranque (importar pandas, matplotlib y el paquete: cerca de 1 s de CPU, más que lo que hoy cuestan
#: juntos los 7 cuadernos chicos) y, en 2 núcleos, se disputaría el núcleo con la validación.
KERNELS = 1
#: Kernels de un lote (``construir --todos``): viven todo el lote, su arranque se paga una vez; uno por núcleo.
KERNELS_DEL_LOTE = max(1, min(os.cpu_count() or 1, 4))


class ErrorDeEjecucion(RuntimeError):
    """Un cuaderno falló (o el kernel que lo ejecutaba): dice cuál, qué celda y por qué, sin el traceback."""


def modulos_importados(cuadernos: Iterable[Path]) -> list[str]:
    """Los módulos que importan las celdas de código de los cuadernos, en el nivel superior de la celda.

    Con ellos se precalienta un kernel: ``from a.b import c`` da ``a.b`` y ``a.b.c`` (c puede ser un
    submódulo). Una celda que no es Python puro (magias de IPython) se salta: el cuaderno la ejecutará.
    Lee el JSON del cuaderno sin nbformat (este módulo se importa antes que el resto del programa).
    """
    modulos: list[str] = []
    for ruta in cuadernos:
        for celda in json.loads(Path(ruta).read_text(encoding="utf-8")).get("cells", []):
            if celda.get("cell_type") != "code":
                continue
            fuente = celda.get("source", "")
            try:
                arbol = ast.parse("".join(fuente) if isinstance(fuente, list) else fuente)
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


class Kernel:
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

    def limpiar(self, cwd: Path) -> None:
        """El kernel como nuevo, en ``cwd``: lo que necesita el siguiente cuaderno."""
        salidas, _ = self._bucle.run_until_complete(self._en_silencio(_LIMPIAR.format(cwd=str(Path(cwd).resolve()))))
        if salidas:
            raise ErrorDeEjecucion(f"el kernel no quedó limpio antes de ejecutar: {salidas}")

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
    #: Lo que se ejecuta con el kernel ya limpio y en ``cwd`` (None: sin kernel compartido, que arranque el suyo).
    funcion: Callable[[Kernel | None], object]
    cwd: Path
    futuro: Future = field(default_factory=Future)


class Kernels:
    """Hasta ``maximo`` kernels vivos que ejecutan cuadernos de una o varias construcciones.

    :meth:`ejecutar` encola un trabajo y devuelve un ``Future`` con ``(su resultado, segundos)``; cada
    kernel toma el siguiente de la cola al quedar libre. :meth:`preparar` los arranca antes, en
    segundo plano, y les hace importar los módulos de los cuadernos; :meth:`arrancar`, solo los arranca
    (aún no se sabe si habrá algo que ejecutar: importar es lo caro), y esperan a :meth:`preparar` o al
    primer cuaderno. Cerrarlos (:meth:`cerrar`) apaga todos.
    """

    def __init__(self, maximo: int = 1):
        self.maximo = max(1, maximo)
        self.compartidos = True  # False: cada cuaderno en un kernel nuevo (ver _KernelRuidoso)
        self._cola: queue.SimpleQueue[_Trabajo | None] = queue.SimpleQueue()
        self._hilos: list[threading.Thread] = []
        self._vivos: set[Kernel] = set()
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

    def ejecutar(self, funcion: Callable[[Kernel | None], object], cwd: Path) -> Future:
        """Encola ``funcion(kernel)``, que corre con un kernel limpio y en ``cwd`` (o con None, si los kernels no
        se comparten)."""
        self.preparar(1)
        trabajo = _Trabajo(funcion, Path(cwd))
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

    def _arrancar(self) -> Kernel | None:
        """Un kernel arrancado que, en cuanto se pide trabajo, importa los módulos de los cuadernos.

        None si los kernels no se comparten (importar esos módulos hizo ruido: ver :class:`_KernelRuidoso`).
        """
        if not self.compartidos:
            return None
        kernel = Kernel()
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

    def _soltar(self, kernel: Kernel) -> None:
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
                    if kernel is not None:
                        kernel.limpiar(trabajo.cwd)
                    resultado = trabajo.funcion(kernel)
                except BaseException as e:
                    trabajo.futuro.set_exception(e)
                    if kernel is not None:  # un kernel en el que algo falló no se reutiliza
                        self._soltar(kernel)
                        kernel = None
                else:
                    trabajo.futuro.set_result((resultado, time.perf_counter() - inicio))
        finally:
            if kernel is not None:
                self._soltar(kernel)
