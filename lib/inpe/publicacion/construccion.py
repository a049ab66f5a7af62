"""Las etapas de la construcción del informe y su orquestación segura.

datos -> validación -> auditoría -> cuadernos (papermill) -> render (Quarto, o Pandoc + Typst)
-> manifiesto -> publicación.

Seguridad ante fallas: ``construir`` produce todo (cuadernos ejecutados, informe.ipynb, HTML,
PDF y manifest.json) en un área de trabajo aparte, ``output/<semestre>/construccion-XXXX/``,
y solo al final lo publica renombrando archivos en el mismo disco (``os.replace``, atómico
archivo por archivo). Una construcción que falla en cualquier etapa, o un proceso que muere
(``kill -9``, corte de luz), deja el informe anterior del semestre intacto, byte a byte.

El área de trabajo lleva un candado (``flock``) mientras su proceso vive y un ``estado.json``
con la etapa en curso. La construcción siguiente del semestre elimina las áreas de
construcciones muertas (y dice en qué etapa se interrumpieron); si una murió *durante* la
publicación —ya con todo producido y marcado ``LISTO``— completa esa publicación, para que lo
publicado sea siempre un conjunto completo: el anterior o el nuevo, nunca una mezcla.
"""

from __future__ import annotations

import json
import logging
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import nbformat
import yaml

from inpe.publicacion import render
from inpe.redaccion.formato import fecha_corte, semestre_corte, semestre_parse, semestre_texto

try:  # candados de archivo: POSIX; en Windows se usa la edad de la carpeta
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None

log = logging.getLogger("inpe")
#: Cuadernos ejecutados a la vez: uno por núcleo (cada uno en su kernel).
PARALELO = max(1, min(os.cpu_count() or 1, 4))

PREFIJO_AREA = "construccion-"
#: Lo que una construcción publica en output/<semestre>/, en el orden en que se publica
#: (el manifiesto, que certifica las huellas de los demás, al final).
PUBLICADOS = ("cuadernos", "informe.ipynb", "informe.html", "informe.pdf", "manifest.json")
#: Variable de entorno con la que el kernel de los cuadernos sabe qué renderizador se usará.
VARIABLE_RENDERIZADOR = "INPE_RENDERIZADOR"
RENDERIZADOR_PROPIO = "Pandoc + Typst (renderizador propio)"
_EDAD_MINIMA_SIN_CANDADO = 3600  # s: un área sin candado y más nueva puede estar naciendo


class ErrorDeEtapa(RuntimeError):
    """Una etapa falló: el mensaje dice cuál y por qué, en palabras de un analista."""

    def __init__(self, etapa: str, motivo: str):
        super().__init__(f"La etapa «{etapa}» falló: {motivo}")
        self.etapa = etapa
        self.motivo = motivo


@dataclass
class Proyecto:
    """Rutas del proyecto para un semestre ya validado en su forma (AAAA-S1|AAAA-S2)."""

    raiz: Path
    semestre: str
    tiempos: dict[str, float] = field(default_factory=dict)
    etapa_actual: str | None = None
    auditoria: list = field(default_factory=list)

    def __post_init__(self):
        semestre_parse(self.semestre)  # antes de que el semestre toque una ruta o un cuaderno
        self.raiz = Path(self.raiz).resolve()
        salida = (self.raiz / "output" / self.semestre).resolve()
        if salida.parent != (self.raiz / "output").resolve():  # defensa en profundidad
            raise ValueError(f"La salida {salida} queda fuera de {self.raiz / 'output'}.")

    @property
    def salida(self) -> Path:
        return self.raiz / "output" / self.semestre

    @property
    def cuadernos_fuente(self) -> list[Path]:
        return sorted((self.raiz / "notebooks").glob("[0-9]*.ipynb"))

    @property
    def cuadernos_ejecutados(self) -> Path:
        return self.salida / "cuadernos"

    def configuracion_quarto(self) -> dict:
        return yaml.safe_load((self.raiz / "_quarto.yml").read_text(encoding="utf-8"))

    def metadatos(self) -> dict:
        """Metadatos del documento: los de _quarto.yml más los que dependen del semestre.

        El bloque de título del HTML de Quarto muestra institución, área y fecha de corte: la
        fecha va como fecha (AAAA-MM-DD, con su formato en letras), nunca como texto libre.
        """
        conf = self.configuracion_quarto()
        meta = {k: conf[k] for k in ("title", "lang", "toc-title", "institucion", "institucion-sigla", "plan", "area",
                                     "language")}
        meta["subtitle"] = semestre_texto(self.semestre).capitalize()
        meta["lugar-fecha"] = f"Información al {semestre_corte(self.semestre)}"
        meta["author"] = [{"name": conf["institucion"], "affiliations": [{"name": conf["area"]}]}]
        meta["date"] = meta["fecha-corte"] = fecha_corte(self.semestre).isoformat()
        meta["date-format"] = "D [de] MMMM [de] YYYY"
        return meta

    def marca_tiempo(self) -> int:
        """Fecha fija del PDF (fin del semestre): dos construcciones iguales, bytes iguales."""
        fecha = fecha_corte(self.semestre)
        return int(datetime(fecha.year, fecha.month, fecha.day, tzinfo=timezone.utc).timestamp())


@contextmanager
def etapa(proyecto: Proyecto, nombre: str, area: "Area | None" = None):
    inicio = time.perf_counter()
    proyecto.etapa_actual = nombre
    if area is not None:
        area.marcar(nombre)
    log.info("Inicio de la etapa «%s» (%s)", nombre, proyecto.semestre)
    try:
        yield
    except ErrorDeEtapa as e:
        log.error("%s", e)
        raise
    except Exception as e:  # el mensaje de la causa ya está en español y nombra archivo o celda
        log.error("La etapa «%s» falló: %s", nombre, e)
        raise ErrorDeEtapa(nombre, str(e)) from e
    finally:
        proyecto.tiempos[nombre] = round(time.perf_counter() - inicio, 3)
    proyecto.etapa_actual = None
    log.info("Fin de la etapa «%s» en %.1f s", nombre, proyecto.tiempos[nombre])


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


def crear_area(proyecto: Proyecto) -> Area:
    proyecto.salida.mkdir(parents=True, exist_ok=True)
    ruta = Path(tempfile.mkdtemp(prefix=PREFIJO_AREA, dir=proyecto.salida))
    return Area(ruta, _tomar_candado(ruta / ".candado"))


@contextmanager
def area_de_trabajo(proyecto: Proyecto) -> Iterator[Area]:
    area = crear_area(proyecto)
    try:
        yield area
    finally:
        publicacion_a_medias = (area.ruta / "LISTO").exists() and any((area.ruta / n).exists() for n in PUBLICADOS)
        if not publicacion_a_medias:  # si quedó a medias, la próxima construcción la completa
            shutil.rmtree(area.ruta, ignore_errors=True)
        area.soltar()


def _proceso_vivo(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def limpiar_restos(proyecto: Proyecto) -> list[str]:
    """Quita lo que dejó una construcción muerta del semestre; devuelve qué hizo, en palabras.

    Un área con candado tomado es de una construcción en curso y no se toca. Un área muerta
    marcada ``LISTO`` murió publicando: se completa la publicación. Las demás se eliminan.
    """
    salida = proyecto.salida
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
                publicar_area(proyecto, Area(ruta))
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


def publicar_area(proyecto: Proyecto, area: Area) -> list[str]:
    """Publica lo que el área produjo, en el orden de :data:`PUBLICADOS` (lo ya publicado se salta)."""
    hechos = []
    for nombre in PUBLICADOS:
        if (area.ruta / nombre).exists():
            publicar(area.ruta / nombre, proyecto.salida / nombre)
            hechos.append(nombre)
    return hechos


# ------------------------------------------------------------------ etapas

def validar(proyecto: Proyecto) -> list[str]:
    """Valida todos los CSV del semestre antes de ejecutar nada; devuelve los avisos."""
    from inpe.entrada.validacion import formatear_reporte, validar as validar_datos

    with etapa(proyecto, "validación"):
        resultado = validar_datos(proyecto.raiz / "data", proyecto.semestre)
        for aviso in resultado.avisos:
            log.warning("Aviso de datos: %s", aviso)
        if resultado.errores:
            raise ErrorDeEtapa("validación", "los datos tienen errores:\n" + formatear_reporte(resultado))
        return list(resultado.avisos)


def auditar(proyecto: Proyecto) -> list:
    """Comprobaciones de consistencia entre archivos (:mod:`inpe.calidad.auditoria`).

    Un resultado «error» detiene la construcción; los avisos se registran y se devuelven para
    que la consola los muestre (y el anexo del informe los lista).
    """
    from inpe.calidad import auditoria
    from inpe.entrada.carga import cargar_semestre

    with etapa(proyecto, "auditoría"):
        datos = cargar_semestre(proyecto.semestre, proyecto.raiz / "data")
        resultados = auditoria.auditar(datos)
        proyecto.auditoria = resultados
        for r in auditoria.avisos(resultados):
            log.warning("Aviso de la auditoría %s: %s", r.codigo, r.mensaje)
        if auditoria.errores(resultados):
            raise ErrorDeEtapa("auditoría", "los datos se contradicen:\n" + auditoria.formatear_reporte(resultados))
        log.info("%s", auditoria.formatear_reporte(resultados))
        return resultados


@contextmanager
def _variable_de_entorno(nombre: str, valor: str | None):
    """El kernel de papermill hereda el entorno del proceso: así sabe qué renderizador se usará."""
    anterior = os.environ.get(nombre)
    if valor is not None:
        os.environ[nombre] = valor
    try:
        yield
    finally:
        if anterior is None:
            os.environ.pop(nombre, None)
        else:
            os.environ[nombre] = anterior


def ejecutar(proyecto: Proyecto, al_empezar=None, al_terminar=None, area: Area | None = None,
             renderizador: str | None = None) -> None:
    """Ejecuta cada cuaderno con papermill; deja los ejecutados y el informe.ipynb unido.

    Con ``area`` los deja en ella (``construir`` los publica al final); sin ella, los publica
    en output/<semestre>/ (etapa suelta).
    """
    from inpe.publicacion.ejecucion import ejecutar_cuaderno

    with etapa(proyecto, "ejecución", area), _variable_de_entorno(VARIABLE_RENDERIZADOR, renderizador), \
            (nullcontext(area) if area else area_de_trabajo(proyecto)) as tmp:
        destino = tmp.ruta / "cuadernos"
        destino.mkdir()

        def uno(fuente: Path):
            if al_empezar:
                al_empezar(fuente.name)
            inicio = time.perf_counter()
            nb = ejecutar_cuaderno(fuente, destino / fuente.name, {"semestre": proyecto.semestre}, proyecto.raiz)
            segundos = time.perf_counter() - inicio
            proyecto.tiempos[f"cuaderno {fuente.name}"] = round(segundos, 3)
            log.info("Cuaderno %s ejecutado en %.1f s", fuente.name, segundos)
            if al_terminar:
                al_terminar(fuente.name, segundos)
            return nb

        # Cada cuaderno corre en su propio kernel: se ejecutan a la vez, uno por núcleo, y se
        # unen en el orden de sus nombres. Si uno falla, los pendientes no empiezan.
        with ThreadPoolExecutor(max_workers=PARALELO) as hilos:
            futuros = [hilos.submit(uno, f) for f in proyecto.cuadernos_fuente]
            try:
                ejecutados = [f.result() for f in futuros]
            except BaseException:
                for f in futuros:
                    f.cancel()
                raise
        informe = render.unir_cuadernos(ejecutados, proyecto.metadatos())
        nbformat.write(informe, tmp.ruta / "informe.ipynb")
        if area is None:
            publicar(destino, proyecto.cuadernos_ejecutados)
            publicar(tmp.ruta / "informe.ipynb", proyecto.salida / "informe.ipynb")


@lru_cache(maxsize=1)
def quarto_disponible() -> str | None:
    """Versión de Quarto si está en el PATH y es 1.9 o posterior."""
    exe = shutil.which("quarto")
    if not exe:
        return None
    try:
        version = subprocess.run([exe, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    partes = tuple(int(p) for p in version.split(".")[:2] if p.isdigit())
    return version if partes >= (1, 9) else None


def motor_a_usar(motor: str = "auto") -> str:
    """«quarto» o «pandoc», según lo pedido y lo instalado."""
    if motor == "quarto":
        if not quarto_disponible():
            raise ErrorDeEtapa("render", "se pidió --motor quarto, pero Quarto 1.9 o posterior no está en el PATH")
        return "quarto"
    if motor == "pandoc":
        return "pandoc"
    if motor != "auto":
        raise ErrorDeEtapa("render", f"motor desconocido: {motor!r} (auto, quarto o pandoc)")
    return "quarto" if quarto_disponible() else "pandoc"


def descripcion_renderizador(motor: str) -> str:
    """El renderizador en palabras: «Quarto 1.9.1» o «Pandoc + Typst (renderizador propio)»."""
    if motor == "quarto":
        version = quarto_disponible()
        return f"Quarto {version}" if version else "Quarto"
    return RENDERIZADOR_PROPIO


def renderizar(proyecto: Proyecto, motor: str = "auto", area: Area | None = None) -> str:
    """HTML y PDF desde el informe ejecutado; con Quarto si está, si no con Pandoc + Typst.

    Con ``area`` lee y deja todo en ella; sin ella, lee output/<semestre>/informe.ipynb y
    publica allí el HTML y el PDF (etapa suelta).
    """
    with etapa(proyecto, "render", area), area_de_trabajo(proyecto) as tmp:
        informe = (area.ruta if area else proyecto.salida) / "informe.ipynb"
        if not informe.exists():
            raise ErrorDeEtapa("render", f"no existe {informe.relative_to(proyecto.raiz)}: ejecute antes la etapa «ejecutar»")
        usado = motor_a_usar(motor)
        if usado == "quarto":
            _renderizar_con_quarto(proyecto, informe, tmp.ruta)
        else:
            _renderizar_con_pandoc(proyecto, informe, tmp.ruta)
        descripcion = descripcion_renderizador(usado)
        for nombre in ("informe.pdf", "informe.html"):
            if not (tmp.ruta / nombre).is_file() or (tmp.ruta / nombre).stat().st_size == 0:
                raise ErrorDeEtapa("render", f"el renderizador no produjo {nombre}")
        destino = area.ruta if area else proyecto.salida
        publicar(tmp.ruta / "informe.pdf", destino / "informe.pdf")
        publicar(tmp.ruta / "informe.html", destino / "informe.html")
        log.info("Renderizado con %s", descripcion)
        return descripcion


def _renderizar_con_pandoc(proyecto: Proyecto, informe: Path, tmp: Path) -> None:
    nb = nbformat.read(informe, as_version=4)
    md = render.cuaderno_a_markdown(nb, tmp / "medios")
    (tmp / "informe.md").write_text(md, encoding="utf-8")
    meta = tmp / "metadatos.yml"
    meta.write_text(yaml.safe_dump(proyecto.metadatos(), allow_unicode=True, sort_keys=True), encoding="utf-8")
    render.html(md, meta, tmp / "informe.html", tmp)
    avisos = render.pdf(md, meta, tmp / "informe.pdf", tmp, proyecto.marca_tiempo())
    if avisos:
        raise ErrorDeEtapa("render", "Typst emitió avisos:\n" + "\n".join(avisos))


def configuracion_quarto_para(proyecto: Proyecto, carpeta: Path) -> dict:
    """El _quarto.yml del proyecto para renderizar un informe ya ejecutado en ``carpeta``.

    Mismos formatos, plantillas y estilos, sin pre/post-render: aquí no se ejecuta nada, solo
    se renderiza. Las rutas van relativas a ``carpeta`` (Quarto antepone la carpeta del
    proyecto incluso a una ruta absoluta).
    """
    conf = proyecto.configuracion_quarto()
    conf["project"] = {"type": "default", "render": ["informe.ipynb"]}

    def absoluta(ruta: str) -> str:
        return os.path.relpath(proyecto.raiz / ruta, carpeta)

    html, typst_ = conf["format"]["html"], conf["format"]["typst"]
    html["css"] = [absoluta(c) for c in html["css"]]
    html["include-after-body"] = absoluta(html["include-after-body"])
    typst_["template-partials"] = [absoluta(c) for c in typst_["template-partials"]]
    return conf


def _renderizar_con_quarto(proyecto: Proyecto, informe: Path, tmp: Path) -> None:
    """Quarto renderiza el informe.ipynb ya ejecutado, en una carpeta propia (sin punto inicial:
    Quarto no lee un _quarto.yml dentro de una carpeta oculta)."""
    shutil.copy(informe, tmp / "informe.ipynb")
    (tmp / "_quarto.yml").write_text(
        yaml.safe_dump(configuracion_quarto_para(proyecto, tmp), allow_unicode=True, sort_keys=False), encoding="utf-8")
    r = subprocess.run(["quarto", "render", "informe.ipynb", "--no-execute"], cwd=tmp, capture_output=True,
                       text=True, timeout=900, env={**os.environ, "SOURCE_DATE_EPOCH": str(proyecto.marca_tiempo())})
    faltan = [n for n in ("informe.html", "informe.pdf") if not (tmp / n).exists()]
    if r.returncode != 0 or faltan:
        raise ErrorDeEtapa("render", f"Quarto falló:\n{r.stderr[-2000:]}")


def escribir_manifiesto(proyecto: Proyecto, renderizador: str | None, parametros: dict,
                        area: Area | None = None) -> Path:
    """manifest.json: huellas de entradas y salidas, parámetros, git, versiones y tiempos."""
    from inpe.publicacion.manifiesto import manifiesto

    with etapa(proyecto, "manifiesto", area):
        carpeta = area.ruta if area else proyecto.salida
        datos = manifiesto(proyecto.raiz, proyecto.semestre, parametros, renderizador, proyecto.tiempos,
                           salidas=carpeta, auditoria=proyecto.auditoria)
        destino = carpeta / "manifest.json"
        escribir_atomico(destino, json.dumps(datos, ensure_ascii=False, indent=2) + "\n")
        return destino


def publicar_construccion(proyecto: Proyecto, area: Area) -> list[str]:
    """Última etapa: marca el área como completa y reemplaza lo publicado."""
    with etapa(proyecto, "publicación", area):
        faltan = [n for n in PUBLICADOS if not (area.ruta / n).exists()]
        if faltan:
            raise ErrorDeEtapa("publicación", "faltan productos de la construcción: " + ", ".join(faltan))
        area.listo()
        return publicar_area(proyecto, area)
