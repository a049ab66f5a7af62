"""Las etapas de la construcción del informe, en su único orden (:data:`ETAPAS`).

datos -> validación -> auditoría -> ejecución (papermill) -> render (Quarto, o Pandoc + Typst)
-> manifiesto -> publicación.

La línea de órdenes (:mod:`inpe.cli`), los ganchos de ``quarto render`` (:mod:`inpe.publicacion.quarto`)
y ``make benchmark`` recorren esta misma lista. Todo se produce en un área de trabajo
(:mod:`inpe.publicacion.area`) y se publica junto al final. Los datos se validan una sola vez: la
validación deja en el proyecto las tablas con tipo, la ejecución las guarda en el área
(``datos.pickle``) y cada cuaderno las lee de allí.
"""

from __future__ import annotations

import json
import logging
import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

import nbformat
import yaml

from inpe.calidad import auditoria
from inpe.entrada import carga, carpetas, semestres
from inpe.publicacion import area as areas, manifiesto, render, renderizadores
from inpe.publicacion.area import Area, escribir_atomico
from inpe.publicacion.ejecucion import ejecutar_cuaderno
from inpe.redaccion.formato import semestre_corte, semestre_texto

log = logging.getLogger("inpe")
#: Cuadernos ejecutados a la vez: uno por núcleo (cada uno en su kernel).
PARALELO = max(1, min(os.cpu_count() or 1, 4))
#: Nombre de la foto de los datos validados en el área (la leen los cuadernos: su directorio de trabajo es el área).
FOTO = "datos.pickle"


class ErrorDeEtapa(RuntimeError):
    """Una etapa falló: el mensaje dice cuál y por qué, en palabras de un analista."""

    def __init__(self, etapa: str, motivo: str):
        super().__init__(f"La etapa «{etapa}» falló: {motivo}")
        self.etapa = etapa
        self.motivo = motivo


class Avisos(Protocol):
    """Lo que la construcción cuenta mientras trabaja (la consola, el gancho de Quarto o nada)."""

    def titulo(self, texto: str) -> None: ...
    def paso(self, texto: str) -> None: ...
    def hecho(self, texto: str) -> None: ...
    def aviso(self, texto: str) -> None: ...


class Silencio:
    def titulo(self, texto): pass
    def paso(self, texto): pass
    def hecho(self, texto): pass
    def aviso(self, texto): pass


@dataclass
class Proyecto:
    """Un semestre de un proyecto del informe y lo que su construcción va produciendo."""

    raiz: Path
    semestre: str
    motor: str = "auto"
    tiempos: dict[str, float] = field(default_factory=dict)
    etapa_actual: str | None = None
    datos: carga.DatosSemestre | None = None
    auditoria: list = field(default_factory=list)
    renderizador: str | None = None

    def __post_init__(self):
        semestres.partes(self.semestre)  # antes de que el semestre toque una ruta o un cuaderno
        self.raiz = Path(self.raiz).resolve()

    @property
    def salida(self) -> Path:
        return self.raiz / "output" / self.semestre

    @property
    def cuadernos_fuente(self) -> list[Path]:
        return sorted((self.raiz / "notebooks").glob("[0-9]*.ipynb"))

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
        meta["date"] = meta["fecha-corte"] = semestres.corte(self.semestre).isoformat()
        meta["date-format"] = "D [de] MMMM [de] YYYY"
        return meta

    def marca_tiempo(self) -> int:
        """Fecha fija del PDF (fin del semestre): dos construcciones iguales, bytes iguales."""
        fecha = semestres.corte(self.semestre)
        return int(datetime(fecha.year, fecha.month, fecha.day, tzinfo=timezone.utc).timestamp())


@contextmanager
def _etapa(p: Proyecto, nombre: str, area: Area | None) -> Iterator[None]:
    inicio = time.perf_counter()
    p.etapa_actual = nombre
    if area is not None:
        area.marcar(nombre)
    log.info("Inicio de la etapa «%s» (%s)", nombre, p.semestre)
    try:
        yield
    except ErrorDeEtapa as e:
        log.error("%s", e)
        raise
    except Exception as e:  # el mensaje de la causa ya está en español y nombra archivo o celda
        log.error("La etapa «%s» falló: %s", nombre, e)
        raise ErrorDeEtapa(nombre, str(e)) from e
    finally:
        p.tiempos[nombre] = round(time.perf_counter() - inicio, 3)
    p.etapa_actual = None
    log.info("Fin de la etapa «%s» en %.1f s", nombre, p.tiempos[nombre])


# ------------------------------------------------------------------ las etapas

def validar(p: Proyecto, area: Area | None, ui: Avisos) -> None:
    """Valida el plan, el semestre y sus textos antes de ejecutar nada; deja los datos con tipo."""
    v = carpetas.validar(p.raiz / "data", p.semestre)
    for a in v.avisos:
        log.warning("Aviso de datos: %s", a)
        ui.aviso(a)
    if v.errores:
        raise ErrorDeEtapa("validación", "los datos tienen errores:\n" + carpetas.formatear_reporte(v))
    p.datos = carga.desde_validacion(v)
    ui.hecho("datos válidos")


def auditar(p: Proyecto, area: Area | None, ui: Avisos) -> None:
    """Comprobaciones de consistencia entre archivos (:mod:`inpe.calidad.auditoria`).

    Un resultado «error» detiene la construcción; los avisos se registran, se muestran y el anexo
    del informe los lista.
    """
    p.auditoria = auditoria.auditar(p.datos)
    for r in auditoria.avisos(p.auditoria):
        log.warning("Aviso de la auditoría %s: %s", r.codigo, r.mensaje)
        ui.aviso(f"{r.codigo} {r.descripcion}: {r.mensaje}")
    if auditoria.errores(p.auditoria):
        raise ErrorDeEtapa("auditoría", "los datos se contradicen:\n" + auditoria.formatear_reporte(p.auditoria))
    log.info("%s", auditoria.formatear_reporte(p.auditoria))
    n = auditoria.conteo(p.auditoria)
    ui.hecho(f"{len(p.auditoria)} comprobaciones: {n['conforme']} conformes, {n['aviso']} con aviso "
             "(se listan en el anexo «Control de calidad de los datos»)")


def _foto(p: Proyecto, destino: Path) -> None:
    """Lo que los cuadernos leen de la construcción: los datos validados, la auditoría y la procedencia."""
    carga.guardar(p.datos, destino / FOTO, {
        "auditoria": p.auditoria,
        "procedencia": manifiesto.procedencia(p.raiz, p.semestre, p.renderizador),
    })


def ejecutar(p: Proyecto, area: Area, ui: Avisos) -> None:
    """Ejecuta cada cuaderno con papermill en el área; deja los ejecutados y el informe.ipynb unido."""
    _foto(p, area.ruta)
    destino = area.ruta / "cuadernos"
    destino.mkdir(exist_ok=True)

    def uno(fuente: Path):
        ui.paso(f"ejecutando {fuente.name} …")
        inicio = time.perf_counter()
        nb = ejecutar_cuaderno(fuente, destino / fuente.name, {"semestre": p.semestre, "foto": FOTO}, area.ruta)
        segundos = time.perf_counter() - inicio
        p.tiempos[f"cuaderno {fuente.name}"] = round(segundos, 3)
        log.info("Cuaderno %s ejecutado en %.1f s", fuente.name, segundos)
        ui.hecho(f"{fuente.name} en {segundos:.1f} s")
        return nb

    # Cada cuaderno corre en su propio kernel: se ejecutan a la vez, uno por núcleo, y se unen en el
    # orden de sus nombres. Si uno falla, los pendientes no empiezan.
    with ThreadPoolExecutor(max_workers=PARALELO) as hilos:
        futuros = [hilos.submit(uno, f) for f in p.cuadernos_fuente]
        try:
            ejecutados = [f.result() for f in futuros]
        except BaseException:
            for f in futuros:
                f.cancel()
            raise
    nbformat.write(render.unir_cuadernos(ejecutados, p.metadatos()), area.ruta / "informe.ipynb")


def renderizar(p: Proyecto, area: Area, ui: Avisos) -> None:
    """HTML y PDF desde el informe ejecutado, con el renderizador decidido al empezar."""
    motor = renderizadores.motor_a_usar(p.motor)
    with areas.area_de_trabajo(area.ruta) as tmp:
        if motor == "quarto":
            renderizadores.con_quarto(area.ruta / "informe.ipynb", tmp.ruta, p.configuracion_quarto(), p.raiz,
                                      p.marca_tiempo())
        else:
            renderizadores.con_pandoc(area.ruta / "informe.ipynb", tmp.ruta, p.metadatos(), p.marca_tiempo())
        for nombre in ("informe.pdf", "informe.html"):
            if not (tmp.ruta / nombre).is_file() or (tmp.ruta / nombre).stat().st_size == 0:
                raise ErrorDeEtapa("render", f"el renderizador no produjo {nombre}")
            areas.publicar(tmp.ruta / nombre, area.ruta / nombre)
    log.info("Renderizado con %s", p.renderizador)
    ui.hecho(p.renderizador)


def escribir_manifiesto(p: Proyecto, area: Area, ui: Avisos) -> None:
    """manifest.json: huellas de entradas y salidas, parámetros, git, versiones y tiempos."""
    datos = manifiesto.manifiesto(p.raiz, p.semestre, {"semestre": p.semestre, "motor": p.motor}, p.renderizador,
                                  p.tiempos, salidas=area.ruta, auditoria=p.auditoria)
    escribir_atomico(area.ruta / "manifest.json", json.dumps(datos, ensure_ascii=False, indent=2) + "\n")


def publicar(p: Proyecto, area: Area, ui: Avisos) -> None:
    """Última etapa: marca el área como completa y reemplaza lo publicado."""
    faltan = [n for n in areas.PUBLICADOS if not (area.ruta / n).exists()]
    if faltan:
        raise ErrorDeEtapa("publicación", "faltan productos de la construcción: " + ", ".join(faltan))
    area.listo()
    areas.publicar_area(area, p.salida)


@dataclass(frozen=True)
class Etapa:
    nombre: str
    titulo: str
    funcion: Callable[[Proyecto, Area | None, Avisos], None]


#: El orden de la construcción: la única definición (la usan la línea de órdenes, Quarto y el benchmark).
ETAPAS = (
    Etapa("validación", "Validación de los datos del plan y del semestre", validar),
    Etapa("auditoría", "Auditoría de consistencia entre archivos", auditar),
    Etapa("ejecución", "Ejecución de los cuadernos con papermill", ejecutar),
    Etapa("render", "Render HTML y PDF", renderizar),
    Etapa("manifiesto", "Manifiesto de procedencia", escribir_manifiesto),
    Etapa("publicación", "Publicación", publicar),
)
#: Lo que corre antes del render de Quarto (pre-render) y después (post-render).
ANTES_DEL_RENDER = ETAPAS[:3]
DESPUES_DEL_RENDER = ETAPAS[4:]


def hasta(nombre: str) -> tuple[Etapa, ...]:
    """Las etapas hasta ``nombre`` inclusive (una etapa suelta corre también las que la preceden)."""
    nombres = [e.nombre for e in ETAPAS]
    return ETAPAS[:nombres.index(nombre) + 1]


def correr(p: Proyecto, etapas: tuple[Etapa, ...], area: Area | None, ui: Avisos) -> None:
    """Corre las etapas en orden; cada falla sale como :class:`ErrorDeEtapa` con su nombre."""
    if p.renderizador is None:
        try:
            p.renderizador = renderizadores.descripcion(renderizadores.motor_a_usar(p.motor))
        except renderizadores.ErrorDeRenderizador as e:
            raise ErrorDeEtapa("render", str(e)) from None
    for i, e in enumerate(etapas, start=1):
        ui.titulo(f"{i}/{len(etapas)} {e.titulo}")
        with _etapa(p, e.nombre, area):
            e.funcion(p, area, ui)


def construir(p: Proyecto, ui: Avisos, etapas: tuple[Etapa, ...] = ETAPAS) -> list[str]:
    """Las etapas pedidas en un área de trabajo; publica lo que produjeron. Devuelve lo publicado."""
    for m in areas.limpiar_restos(p.salida):
        log.warning(m)
        ui.aviso(m)
    if etapas[-1].nombre in ("validación", "auditoría"):  # no producen archivos: no hace falta un área
        correr(p, etapas, None, ui)
        return []
    with areas.area_de_trabajo(p.salida) as area:
        correr(p, etapas, area, ui)
        if etapas[-1] is not ETAPAS[-1]:  # una etapa suelta publica lo que produjo
            return areas.publicar_area(area, p.salida)
        return list(areas.PUBLICADOS)
