"""La caché de cuadernos ejecutados: una construcción solo ejecuta lo que pudo cambiar.

La clave de un cuaderno ejecutado es la huella SHA-256 de todo lo que puede cambiar su resultado:

- el cuaderno y sus parámetros; no el texto de sus celdas Markdown sin expresiones en línea, que
  nada ejecuta: se copia del cuaderno actual al guardado;
- los datos: cada archivo de ``data/`` (ruta y contenido), salvo el contenido de los semestres
  posteriores al evaluado (el informe de un semestre no lee los que vienen después; sus carpetas sí
  cuentan), no la foto ``datos.pickle``, cuyos bytes no son deterministas; y la procedencia que el
  cuaderno recibe en la foto (huellas de las entradas, commit y estado de git, versiones, renderizador);
- el código: todos los archivos del paquete ``inpe`` (``.py``, ``.lua``, ``.typ``, plantillas);
- el entorno: Python, la versión de cada paquete instalado, ``constraints.txt`` y el kernel.

Con la misma clave, el cuaderno ejecutado sale de la caché: es el archivo que produjo la ejecución
que lo guardó (celdas, salidas, contadores; solo los tiempos de papermill son los de aquella vez).
Solo se guarda un cuaderno que se ejecutó sin errores, y solo si su clave, calculada otra vez al
terminar, no cambió mientras se ejecutaba (alguien editó un CSV a media construcción). La caché vive
en ``.cache/inpe/`` dentro del proyecto (no se versiona) y guarda a lo sumo :data:`MAXIMO` cuadernos:
se borran primero los usados hace más tiempo. ``--sin-cache`` ejecuta todo y renueva lo guardado.

Guarda también los datos validados de cada semestre (:func:`clave_de_los_datos`): con ``data/``, el
código y el entorno sin cambios, una construcción toma las tablas con tipo de allí en vez de validar
otra vez (el resultado de validar es función de esas tres cosas; sus avisos van con los datos).
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import platform
import shutil
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import nbformat
from jupyter_client.kernelspec import KernelSpecManager

import inpe
from inpe.entrada import datos as foto, semestres
from inpe.entrada.datos import DatosSemestre
from inpe.publicacion import manifiesto
from inpe.publicacion.ejecucion import EXPRESION_EN_LINEA
from inpe.publicacion.kernels import KERNEL

log = logging.getLogger("inpe")
T = TypeVar("T")

#: Cambia si cambia la forma de la clave o de lo guardado: lo anterior deja de coincidir.
FORMATO = 2
#: Carpeta de la caché, relativa a la raíz del proyecto (en .gitignore).
CARPETA = Path(".cache") / "inpe"
#: Cuadernos guardados como máximo (el informe tiene nueve por semestre).
MAXIMO = 400


def _sha(datos: bytes) -> str:
    return hashlib.sha256(datos).hexdigest()


def huella_de_carpeta(carpeta: Path, leer=lambda relativa: True) -> str:
    """Una huella de los archivos de la carpeta: cambia si cambia el contenido, el nombre o la lista.

    De un archivo para el que ``leer(ruta relativa)`` es falso cuentan su ruta y su existencia, no su contenido.
    """
    carpeta = Path(carpeta)
    h = hashlib.sha256()
    if carpeta.is_dir():
        archivos = sorted((f.relative_to(carpeta).as_posix(), f) for f in carpeta.rglob("*")
                          if f.is_file() and "__pycache__" not in f.parts)
        for relativa, f in archivos:
            contenido = _sha(f.read_bytes()) if leer(relativa) else "-"
            h.update(f"{relativa}\0{contenido}\n".encode("utf-8"))
    return h.hexdigest()


def huella_de_los_datos(datos: Path, semestre: str) -> str:
    """data/ tal como la puede leer el informe de ``semestre``: el contenido de los semestres posteriores no cuenta."""
    def leer(relativa: str) -> bool:
        primera = relativa.split("/", 1)[0]
        return not (semestres.es_valido(primera) and primera > semestre)
    return huella_de_carpeta(datos, leer)


def huella_del_codigo() -> str:
    """Todos los archivos del paquete ``inpe`` importado (el código que corre en el kernel y aquí)."""
    return huella_de_carpeta(Path(inpe.__file__).resolve().parent)


@functools.lru_cache(maxsize=1)
def _kernel_instalado():
    """El kernel: se lee una vez por proceso, como los paquetes (:func:`manifiesto.paquetes`)."""
    return KernelSpecManager().get_kernel_spec(KERNEL)


def entorno(raiz: Path) -> dict:
    """Lo que del entorno puede cambiar un resultado: Python, paquetes instalados, constraints.txt, kernel."""
    paquetes, spec = sorted(manifiesto.paquetes().items()), _kernel_instalado()
    restricciones = Path(raiz) / "constraints.txt"
    return {
        "python": sys.version,
        "implementacion": platform.python_implementation(),
        "plataforma": [sys.platform, platform.machine()],
        "paquetes": paquetes,
        "constraints": _sha(restricciones.read_bytes()) if restricciones.is_file() else None,
        "kernel": {"nombre": KERNEL, "argv": spec.argv, "env": spec.env, "lenguaje": spec.language},
    }


def clave_de_los_datos(raiz: Path, semestre: str) -> str:
    """La clave de los datos validados de un semestre: lo que lee la validación (``data/``, salvo el
    contenido de los semestres posteriores), el código, el entorno y el Pandoc que revisa los textos."""
    raiz = Path(raiz)
    partes = {
        "formato": FORMATO,
        "semestre": semestre,
        "datos": huella_de_los_datos(raiz / "data", semestre),
        "codigo": huella_del_codigo(),
        "entorno": entorno(raiz),
        "pandoc": manifiesto.version_pandoc(),
    }
    return _sha(json.dumps(partes, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))


def contexto(raiz: Path, semestre: str, procedencia: dict) -> str:
    """La parte de la clave que comparten todos los cuadernos de una construcción."""
    raiz = Path(raiz)
    partes = {
        "formato": FORMATO,
        "datos": huella_de_los_datos(raiz / "data", semestre),
        "procedencia": procedencia,
        "codigo": huella_del_codigo(),
        "entorno": entorno(raiz),
    }
    return _sha(json.dumps(partes, sort_keys=True, ensure_ascii=False, default=str).encode("utf-8"))


def _markdown_sin_codigo(nb: nbformat.NotebookNode) -> dict[str, nbformat.NotebookNode]:
    """Las celdas Markdown sin expresiones en línea, por id (ninguna si faltan ids o se repiten).

    Nada las ejecuta: su texto pasa tal cual al cuaderno ejecutado. Por eso no entra en la clave y
    corregirlo no obliga a ejecutar el cuaderno (:func:`con_markdown_actual` lo pone en lo guardado).
    """
    ids = [celda.get("id") for celda in nb.cells]
    if None in ids or len(set(ids)) != len(ids):
        return {}
    return {celda.id: celda for celda in nb.cells
            if celda.cell_type == "markdown" and not EXPRESION_EN_LINEA.search(celda.source)}


def clave(contexto_: str, cuaderno: Path, parametros: dict) -> str:
    """La clave de un cuaderno: el contexto de la construcción, el cuaderno (salvo el texto de las celdas
    Markdown sin código) y sus parámetros."""
    nb = nbformat.read(cuaderno, as_version=4)
    for celda in _markdown_sin_codigo(nb).values():
        celda.source = ""
    partes = {"contexto": contexto_, "cuaderno": _sha(nbformat.writes(nb).encode("utf-8")), "parametros": parametros}
    return _sha(json.dumps(partes, sort_keys=True, ensure_ascii=False).encode("utf-8"))


def con_markdown_actual(guardado: nbformat.NotebookNode, cuaderno: Path) -> nbformat.NotebookNode:
    """El cuaderno guardado con el texto que tienen ahora en ``cuaderno`` sus celdas Markdown sin código."""
    actuales = _markdown_sin_codigo(nbformat.read(cuaderno, as_version=4))
    for celda in guardado.cells:
        if celda.cell_type == "markdown" and celda.get("id") in actuales:
            celda.source = actuales[celda.id].source
    return guardado


def _leer_o_descartar(ruta: Path, leer: Callable[[Path], T], aviso: str) -> T | None:
    """Lo guardado en ``ruta`` (y marcado como usado ahora: lo último que se poda), o None si no está.

    Uno ilegible (disco lleno, copia cortada, una clase que ya no existe) se borra con ``aviso``.
    """
    try:
        valor = leer(ruta)
    except FileNotFoundError:
        return None
    except Exception as e:  # cada lector lanza varios tipos: JSON, esquema, codificación, pickle
        log.warning(aviso, ruta.name, e)
        ruta.unlink(missing_ok=True)
        return None
    try:
        os.utime(ruta)
    except OSError:
        pass
    return valor


def _atomico(destino: Path, escribir) -> None:
    """Escribe con ``escribir(temporal)`` y reemplaza: un lector nunca ve una copia a medias."""
    destino.parent.mkdir(parents=True, exist_ok=True)
    tmp = destino.with_name(f".{destino.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    escribir(tmp)
    os.replace(tmp, destino)


@dataclass(frozen=True)
class Cache:
    """Los cuadernos ejecutados guardados por clave, en ``carpeta``."""

    carpeta: Path

    @classmethod
    def del_proyecto(cls, raiz: Path) -> Cache:
        return cls(Path(raiz) / CARPETA)

    def ruta(self, clave_: str) -> Path:
        return self.carpeta / "cuadernos" / f"{clave_}.ipynb"

    def leer(self, clave_: str) -> nbformat.NotebookNode | None:
        """El cuaderno guardado con esa clave, o None (también si estaba ilegible: se descarta)."""
        return _leer_o_descartar(self.ruta(clave_), lambda r: nbformat.read(r, as_version=4),
                                 "Cuaderno ilegible en la caché (%s): %s; se ejecutará de nuevo")

    def guardar(self, clave_: str, ejecutado: Path) -> None:
        """Guarda una copia del cuaderno ejecutado (escritura atómica: un lector nunca ve una copia a medias)."""
        _atomico(self.ruta(clave_), lambda tmp: shutil.copyfile(ejecutado, tmp))

    def ruta_de_datos(self, clave_: str) -> Path:
        return self.carpeta / "datos" / f"{clave_}.pickle"

    def leer_datos(self, clave_: str) -> DatosSemestre | None:
        """Los datos validados guardados con esa clave, o None (también si la foto estaba ilegible: se descarta)."""
        return _leer_o_descartar(self.ruta_de_datos(clave_), lambda r: foto.leer(r)["datos"],
                                 "Datos ilegibles en la caché (%s): %s; se validarán de nuevo")

    def guardar_datos(self, clave_: str, datos: DatosSemestre) -> None:
        _atomico(self.ruta_de_datos(clave_), lambda tmp: foto.guardar(datos, tmp, {}))

    def podar(self, maximo: int = MAXIMO) -> int:
        """Borra lo usado hace más tiempo hasta que queden ``maximo`` cuadernos (y ``maximo`` fotos de
        datos); devuelve cuántos archivos borró."""
        return self._podar(self.carpeta / "cuadernos", "*.ipynb", maximo) + \
            self._podar(self.carpeta / "datos", "*.pickle", maximo)

    @staticmethod
    def _podar(carpeta: Path, patron: str, maximo: int) -> int:
        if not carpeta.is_dir():
            return 0
        entradas = []
        for ruta in carpeta.glob(patron):
            try:
                entradas.append((ruta.stat().st_mtime, ruta))
            except OSError:
                continue
        entradas.sort(reverse=True)
        for _, ruta in entradas[maximo:]:
            ruta.unlink(missing_ok=True)
        return max(len(entradas) - maximo, 0)
