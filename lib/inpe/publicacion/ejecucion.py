"""Ejecución de los cuadernos con papermill.

papermill es el único ejecutor. Le añadimos lo que Quarto hace al ejecutar: las expresiones
en línea `` `{python} expr` `` de las celdas Markdown se evalúan en el kernel, en su lugar del
cuaderno (ven el estado de las celdas anteriores), mediante ``user_expressions``; el cuaderno
ejecutado guarda ya el texto final, de modo que Quarto o nuestro renderizador no ejecutan nada.
Los cuadernos corren en los kernels compartidos de :mod:`inpe.publicacion.kernels` (:func:`en_kernels`).
"""

from __future__ import annotations

import re
import tempfile
from concurrent.futures import Future
from pathlib import Path

import nbformat
import papermill
from jupyter_client.manager import AsyncKernelManager
from nbclient.util import run_sync
from papermill.clientwrap import PapermillNotebookClient
from papermill.engines import NBClientEngine, papermill_engines
from papermill.utils import merge_kwargs, remove_args

from inpe.publicacion.kernels import KERNEL, ErrorDeEjecucion, Kernel, Kernels
from inpe.redaccion.escape import escapar_markdown

EXPRESION_EN_LINEA = re.compile(r"`\{python\}\s+([^`]+?)\s*`")


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

    Con ``kernel`` (un kernel compartido vivo, :mod:`inpe.publicacion.kernels`) ejecuta en él y lo deja vivo; sin él arranca un
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
                      kernel: Kernel | None = None) -> nbformat.NotebookNode:
    """Ejecuta un cuaderno con kernel y directorio de trabajo fijos; falla con un mensaje claro.

    Sin ``kernel``, en uno nuevo al que se da el directorio de trabajo al arrancarlo (no con
    ``os.chdir``: el directorio del proceso es uno solo para todos sus hilos). Con ``kernel``, en
    ese kernel compartido, ya limpio y en ``cwd`` (:func:`en_kernels`).
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


def en_kernels(kernels: Kernels, entrada: Path, salida: Path, parametros: dict, cwd: Path) -> Future:
    """Encola el cuaderno en los kernels compartidos: un ``Future`` con ``(cuaderno ejecutado, segundos)``."""
    entrada, salida, parametros, cwd = Path(entrada), Path(salida), dict(parametros), Path(cwd)
    return kernels.ejecutar(lambda kernel: ejecutar_cuaderno(entrada, salida, parametros, cwd, kernel), cwd)
