"""La publicación segura: todo se produce en un área de trabajo aparte y se publica al final.

``construir`` produce todo (cuadernos ejecutados, informe.ipynb, HTML, PDF y manifest.json) en un
área de trabajo, ``output/<semestre>/construccion-XXXX/``, y solo al final lo publica renombrando
archivos en el mismo disco (``os.replace``, atómico archivo por archivo). Una construcción que
falla en cualquier etapa, o un proceso que muere (``kill -9``, corte de luz), deja el informe
anterior del semestre intacto, byte a byte.

El área lleva un candado (``flock``) mientras su proceso vive y un ``estado.json`` con la etapa en
curso. La construcción siguiente del semestre elimina las áreas de construcciones muertas (y dice
en qué etapa se interrumpieron); si una murió *durante* la publicación —ya con todo producido y
marcado ``LISTO``— completa esa publicación, para que lo publicado sea siempre un conjunto
completo: el anterior o el nuevo, nunca una mezcla. Un área que espera al post-render de un
``quarto render`` en curso (``quarto.json``) no se toca.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

try:  # candados de archivo: POSIX; en Windows se usa la edad de la carpeta
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

log = logging.getLogger("inpe")

PREFIJO_AREA = "construccion-"
#: Lo que una construcción publica en output/<semestre>/, en el orden en que se publica
#: (el manifiesto, que certifica las huellas de los demás, al final).
PUBLICADOS = ("cuadernos", "informe.ipynb", "informe.html", "informe.pdf", "manifest.json")
_EDAD_MINIMA_SIN_CANDADO = 3600  # s: un área sin candado y más nueva puede estar naciendo


# ------------------------------------------------------------------ área de trabajo

@dataclass
class Area:
    """Carpeta aparte, junto a la salida (mismo disco: ``os.replace`` es atómico)."""

    ruta: Path
    _candado: object = None

    def marcar(self, etapa: str) -> None:
        escribir_atomico(self.ruta / "estado.json",
                         json.dumps({"etapa": etapa, "pid": os.getpid()}, ensure_ascii=False))

    def listo(self) -> None:
        """Todo producido: desde aquí la publicación puede completarse aunque el proceso muera."""
        escribir_atomico(self.ruta / "LISTO", "")

    def soltar(self) -> None:
        """Suelta el candado (el área sigue; p. ej. la reclama el post-render de Quarto)."""
        if self._candado is not None:
            self._candado.close()
            self._candado = None


def escribir_atomico(destino: Path, texto: str) -> None:
    tmp = destino.with_name(f".{destino.name}.{os.getpid()}.tmp")
    tmp.write_text(texto, encoding="utf-8")
    os.replace(tmp, destino)


def _tomar_candado(ruta: Path):
    """Abre y bloquea ``ruta``; devuelve el archivo abierto, o None si otro proceso lo tiene."""
    f = open(ruta, "a+")
    if fcntl is None:  # pragma: no cover
        return f
    try:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        f.close()
        return None
    return f


def crear_area(salida: Path) -> Area:
    salida.mkdir(parents=True, exist_ok=True)
    ruta = Path(tempfile.mkdtemp(prefix=PREFIJO_AREA, dir=salida))
    return Area(ruta, _tomar_candado(ruta / ".candado"))


def cerrar_area(area: Area) -> None:
    """Al terminar, bien o mal: el área se elimina, salvo una publicación a medias (la completa la siguiente)."""
    publicacion_a_medias = (area.ruta / "LISTO").exists() and any((area.ruta / n).exists() for n in PUBLICADOS)
    if not publicacion_a_medias:
        shutil.rmtree(area.ruta, ignore_errors=True)
    area.soltar()


@contextmanager
def area_de_trabajo(salida: Path) -> Iterator[Area]:
    area = crear_area(salida)
    try:
        yield area
    finally:
        cerrar_area(area)


def _proceso_vivo(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def limpiar_restos(salida: Path) -> list[str]:
    """Quita lo que dejó una construcción muerta del semestre; devuelve qué hizo, en palabras.

    Un área con candado tomado es de una construcción en curso y no se toca. Un área muerta
    marcada ``LISTO`` murió publicando: se completa la publicación. Las demás se eliminan.
    """
    if not salida.is_dir():
        return []
    mensajes = []
    for ruta in sorted(salida.glob(PREFIJO_AREA + "*")):
        if not ruta.is_dir():
            continue
        if _de_un_quarto_vivo(ruta):
            continue  # un `quarto render` en curso: su post-render la publicará
        candado_ruta = ruta / ".candado"
        if not candado_ruta.exists() or fcntl is None:  # sin candado que consultar: se juzga por la edad
            if time.time() - ruta.stat().st_mtime < _EDAD_MINIMA_SIN_CANDADO:
                continue
            candado = None
        else:
            candado = _tomar_candado(candado_ruta)
            if candado is None:
                continue  # otra construcción del semestre está en curso
        try:
            if (ruta / "LISTO").exists():
                publicar_area(Area(ruta), salida)
                mensajes.append(f"Se completó la publicación de una construcción anterior que se interrumpió "
                                f"al publicar ({ruta.name}).")
                log.warning(mensajes[-1])
            else:
                etapa_muerta = _leer_estado(ruta)
                donde = f" durante la etapa «{etapa_muerta}»" if etapa_muerta else ""
                mensajes.append(f"Una construcción anterior se interrumpió{donde}; se eliminó su carpeta "
                                f"temporal ({ruta.name}). El informe publicado no se modificó.")
                log.warning(mensajes[-1])
        finally:
            shutil.rmtree(ruta, ignore_errors=True)
            if candado is not None:
                candado.close()
    # restos menores de una publicación o escritura interrumpida: llevan el pid de su proceso
    for ruta in sorted(salida.glob(".viejo-*")) + sorted(salida.glob(".*.tmp")):
        m = re.search(r"[-.](\d+)(?:\.tmp)?$", ruta.name)
        if m and not _proceso_vivo(int(m.group(1))):
            shutil.rmtree(ruta, ignore_errors=True) if ruta.is_dir() else ruta.unlink(missing_ok=True)
    return mensajes


def _de_un_quarto_vivo(ruta: Path) -> bool:
    try:
        pid = json.loads((ruta / "quarto.json").read_text(encoding="utf-8"))["quarto_pid"]
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return isinstance(pid, int) and _proceso_vivo(pid)


def _leer_estado(ruta: Path) -> str | None:
    try:
        return json.loads((ruta / "estado.json").read_text(encoding="utf-8")).get("etapa")
    except (OSError, ValueError):
        return None


def publicar(origen: Path, destino: Path) -> None:
    """Reemplaza destino por origen sin dejar nunca un destino a medias."""
    if origen.is_dir():
        viejo = destino.with_name(f".viejo-{destino.name}-{os.getpid()}")
        if destino.exists():
            os.replace(destino, viejo)
        os.replace(origen, destino)
        shutil.rmtree(viejo, ignore_errors=True)
    else:
        os.replace(origen, destino)


def publicar_area(area: Area, salida: Path) -> list[str]:
    """Publica lo que el área produjo, en el orden de :data:`PUBLICADOS` (lo ya publicado se salta)."""
    hechos = []
    for nombre in PUBLICADOS:
        if (area.ruta / nombre).exists():
            publicar(area.ruta / nombre, salida / nombre)
            hechos.append(nombre)
    return hechos
