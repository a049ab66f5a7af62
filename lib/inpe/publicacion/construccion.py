"""Las etapas de la construcción del informe, en su único orden (:data:`ETAPAS`).

datos -> validación -> auditoría -> ejecución (papermill) -> render (Quarto, o Pandoc + Typst)
-> manifiesto -> publicación.

La línea de órdenes (:mod:`inpe.cli`), los ganchos de ``quarto render`` (:mod:`inpe.publicacion.quarto`)
y ``make benchmark`` recorren esta misma lista. Todo se produce en un área de trabajo
(:mod:`inpe.publicacion.area`) y se publica junto al final. Los datos se validan una sola vez: la
validación deja en el proyecto las tablas con tipo, la ejecución las guarda en el área
(``datos.pickle``) y cada cuaderno las lee de allí.

Solo se ejecuta lo que cambió: un cuaderno cuya clave (cuaderno, datos, código, entorno) está en la
caché (:mod:`inpe.publicacion.cache`) no se ejecuta. Lo que una etapa puede adelantar corre en
segundo plano mientras corren las anteriores (:attr:`Etapa.adelantar`): mientras se validan los
datos se calculan las claves y arrancan los kernels que harán falta (:class:`~inpe.publicacion.kernels.Kernels`).
:func:`construir_lote` construye varios semestres en un proceso, con los mismos kernels.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import contextmanager
from contextvars import ContextVar, copy_context
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Protocol

import nbformat
import yaml

from inpe.calidad import auditoria
from inpe.entrada import carga, carpetas, datos as foto, semestres
from inpe.entrada.datos import DatosSemestre
from inpe.publicacion import area as areas, cache, manifiesto, render, renderizadores
from inpe.publicacion.area import Area, escribir_atomico
from inpe.publicacion.ejecucion import en_kernels
from inpe.publicacion.kernels import KERNELS, KERNELS_DEL_LOTE, Kernels, modulos_importados
from inpe.redaccion.formato import semestre_corte, semestre_texto

log = logging.getLogger("inpe")
#: El semestre que se construye en este hilo (para separar los registros de ``construir --todos``).
EN_CURSO: ContextVar[str | None] = ContextVar("inpe_semestre_en_curso", default=None)
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
    datos: DatosSemestre | None = None
    auditoria: list = field(default_factory=list)
    renderizador: str | None = None
    #: False (``--sin-cache``): ejecuta todos los cuadernos, sin mirar la caché (y la renueva).
    usar_cache: bool = True
    #: Kernels compartidos con otras construcciones (un lote); sin ellos, la construcción arranca los suyos.
    kernels: Kernels | None = None
    #: Kernels que la orden arrancó antes de importar el programa (``python -m inpe``): la construcción los
    #: toma como suyos (los usa y los apaga) en vez de arrancar otros.
    kernels_anticipados: Kernels | None = None
    #: Lo que reciben los cuadernos en la foto (:func:`manifiesto.procedencia`): se calcula una vez.
    procedencia: dict | None = None
    #: Cuaderno -> "ejecutado" o "caché", en el orden del informe.
    cuadernos: dict[str, str] = field(default_factory=dict)
    adelantos: dict[str, Future] = field(default_factory=dict, repr=False)

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

def _validados_antes(p: Proyecto, semestre: str) -> tuple[str, DatosSemestre | None]:
    """La clave de los datos validados de ``semestre`` y lo que la caché guarda con ella (None sin caché)."""
    clave = cache.clave_de_los_datos(p.raiz, semestre)
    return clave, cache.Cache.del_proyecto(p.raiz).leer_datos(clave) if p.usar_cache else None


def validar(p: Proyecto, area: Area | None, ui: Avisos) -> None:
    """Valida el plan, el semestre y sus textos antes de ejecutar nada; deja los datos con tipo.

    Si nada de lo que lee la validación cambió desde la última vez, sus datos (y avisos) salen de la caché.
    """
    clave, guardados = _validados_antes(p, p.semestre)
    v = carpetas.validar(p.raiz / "data", p.semestre) if guardados is None else None
    for a in (guardados.avisos if v is None else v.avisos):
        log.warning("Aviso de datos: %s", a)
        ui.aviso(a)
    if v is None:
        p.datos = guardados
        log.info("Datos sin cambios desde su última validación: tomados de la caché (%s)", clave[:12])
        ui.hecho("datos válidos (sin cambios desde su última validación)")
        return
    if v.errores:
        raise ErrorDeEtapa("validación", "los datos tienen errores:\n" + carpetas.formatear_reporte(v))
    p.datos = carga.desde_validacion(v)
    if cache.clave_de_los_datos(p.raiz, p.semestre) == clave:  # nadie editó data/ mientras se validaba
        cache.Cache.del_proyecto(p.raiz).guardar_datos(clave, p.datos)
    ui.hecho("datos válidos")


def _semestre_anterior(p: Proyecto) -> DatosSemestre | None:
    """Los datos del semestre anterior, si están y validan con el plan actual (para comparar la auditoría)."""
    anterior = semestres.anterior(p.semestre)
    if not (p.raiz / "data" / anterior).is_dir():
        return None
    clave, datos = _validados_antes(p, anterior)
    if datos is not None:
        return datos
    try:
        datos = carga.cargar_semestre(anterior, p.raiz / "data")
    except carga.ErrorDeDatos:
        log.warning("El semestre anterior (%s) no valida con el plan actual: no se compara su auditoría", anterior)
        return None
    cache.Cache.del_proyecto(p.raiz).guardar_datos(clave, datos)
    return datos


def auditar(p: Proyecto, area: Area | None, ui: Avisos) -> None:
    """Comprobaciones de consistencia entre archivos (:mod:`inpe.calidad.auditoria`).

    Un resultado «error» detiene la construcción; los avisos se registran, se muestran y el anexo
    del informe los lista.
    """
    p.auditoria = auditoria.auditar(p.datos, lambda: _semestre_anterior(p))
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
    foto.guardar(p.datos, destino / FOTO, {"auditoria": p.auditoria, "procedencia": p.procedencia})


@dataclass
class _Plan:
    """Qué cuadernos hay que ejecutar: las claves de la caché de cada uno y los que ya están en ella."""

    claves: dict[Path, str]
    guardados: dict[Path, nbformat.NotebookNode]

    @property
    def pendientes(self) -> list[Path]:
        return [f for f in self.claves if f not in self.guardados]


def _parametros(p: Proyecto) -> dict:
    return {"semestre": p.semestre, "foto": FOTO}


def _plan(p: Proyecto, buscar: bool = True) -> _Plan:
    base = cache.contexto(p.raiz, p.semestre, p.procedencia)
    claves = {f: cache.clave(base, f, _parametros(p)) for f in p.cuadernos_fuente}
    guardados = {}
    if buscar and p.usar_cache:
        caja = cache.Cache.del_proyecto(p.raiz)
        guardados = {f: nb for f, k in claves.items() if (nb := caja.leer(k)) is not None}
    return _Plan(claves, guardados)


def adelantar_ejecucion(p: Proyecto, ui: Avisos) -> _Plan:
    """Mientras se validan los datos: la procedencia, las claves y, si hay algo que ejecutar, los kernels.

    Corre en otro hilo: no escribe en la consola. Sin caché todos se ejecutan: los kernels empiezan a
    importar antes de calcular las claves.
    """
    def preparar(cuadernos: list[Path]) -> None:
        if cuadernos and p.kernels is not None:
            p.kernels.preparar(len(cuadernos), modulos_importados(cuadernos))

    if not p.usar_cache:
        preparar(p.cuadernos_fuente)
    p.procedencia = manifiesto.procedencia(p.raiz, p.semestre, p.renderizador)
    plan = _plan(p)
    if p.usar_cache:
        preparar(plan.pendientes)
    return plan


def ejecutar(p: Proyecto, area: Area, ui: Avisos) -> None:
    """Ejecuta con papermill, en el área, los cuadernos que no están en la caché; deja los ejecutados y el
    informe.ipynb unido."""
    adelanto = p.adelantos.pop("ejecución", None)
    plan = adelanto.result() if adelanto is not None else adelantar_ejecucion(p, ui)
    _foto(p, area.ruta)
    destino = area.ruta / "cuadernos"
    destino.mkdir(exist_ok=True)
    ejecutados: dict[Path, nbformat.NotebookNode] = {}
    for fuente, nb in plan.guardados.items():
        ejecutados[fuente] = cache.con_markdown_actual(nb, fuente)
        nbformat.write(ejecutados[fuente], destino / fuente.name)
        p.cuadernos[fuente.name] = "caché"
        log.info("Cuaderno %s sin cambios: tomado de la caché (%s)", fuente.name, plan.claves[fuente][:12])
    if plan.guardados:
        ui.hecho(f"{len(plan.guardados)} de {len(plan.claves)} cuadernos sin cambios (de la caché)")

    # Los pendientes van a los kernels en el orden de sus nombres; cada kernel toma el siguiente al
    # quedar libre. Si uno falla, los que no empezaron ya no empiezan.
    kernels = p.kernels if p.kernels is not None else Kernels(KERNELS)
    futuros = {}
    try:
        for fuente in plan.pendientes:
            ui.paso(f"ejecutando {fuente.name} …")
            futuros[en_kernels(kernels, fuente, destino / fuente.name, _parametros(p), area.ruta)] = fuente
        for futuro in as_completed(futuros):
            fuente = futuros[futuro]
            nb, segundos = futuro.result()
            ejecutados[fuente] = nb
            p.cuadernos[fuente.name] = "ejecutado"
            p.tiempos[f"cuaderno {fuente.name}"] = round(segundos, 3)
            log.info("Cuaderno %s ejecutado en %.1f s", fuente.name, segundos)
            ui.hecho(f"{fuente.name} en {segundos:.1f} s")
    except BaseException:
        for futuro in futuros:
            futuro.cancel()
        raise
    finally:
        if kernels is not p.kernels:
            kernels.cerrar()
    p.cuadernos = {f.name: p.cuadernos[f.name] for f in plan.claves}
    if futuros:
        _guardar_en_cache(p, plan, destino)
    nbformat.write(render.unir_cuadernos([ejecutados[f] for f in plan.claves], p.metadatos()),
                   area.ruta / "informe.ipynb")


def _guardar_en_cache(p: Proyecto, plan: _Plan, destino: Path) -> None:
    """Guarda lo ejecutado con su clave, si la clave calculada otra vez no cambió mientras se ejecutaba."""
    ahora = _plan(p, buscar=False).claves
    caja = cache.Cache.del_proyecto(p.raiz)
    for fuente in plan.pendientes:
        if ahora.get(fuente) != plan.claves[fuente]:
            log.warning("%s: los datos, el código o el cuaderno cambiaron durante la construcción; no se guarda "
                        "en la caché", fuente.name)
            continue
        caja.guardar(plan.claves[fuente], destino / fuente.name)
    caja.podar()


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
    #: Lo que la etapa puede adelantar en segundo plano desde que empieza la construcción; su resultado
    #: queda en ``Proyecto.adelantos[nombre]``.
    adelantar: Callable[[Proyecto, Avisos], object] | None = None


#: El orden de la construcción: la única definición (la usan la línea de órdenes, Quarto y el benchmark).
ETAPAS = (
    Etapa("validación", "Validación de los datos del plan y del semestre", validar),
    Etapa("auditoría", "Auditoría de consistencia entre archivos", auditar),
    Etapa("ejecución", "Ejecución de los cuadernos con papermill", ejecutar, adelantar_ejecucion),
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
    """Corre las etapas en orden; cada falla sale como :class:`ErrorDeEtapa` con su nombre.

    Lo que las etapas pueden adelantar empieza antes, en otro hilo. Si la construcción no recibió
    kernels y alguna etapa los usa, arranca los suyos y los apaga al terminar.
    """
    if p.renderizador is None:
        try:
            p.renderizador = renderizadores.descripcion(renderizadores.motor_a_usar(p.motor))
        except renderizadores.ErrorDeRenderizador as e:
            raise ErrorDeEtapa("render", str(e)) from None
    propios = p.kernels is None and any(e.adelantar for e in etapas)
    if propios:
        p.kernels, p.kernels_anticipados = p.kernels_anticipados or Kernels(KERNELS), None
    marca = EN_CURSO.set(p.semestre)
    termino = False
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="inpe-adelanto") as hilo:
            for e in etapas:
                if e.adelantar is not None:  # en el contexto de este hilo: su registro es el del semestre
                    p.adelantos[e.nombre] = hilo.submit(copy_context().run, e.adelantar, p, ui)
            ultima_con_kernels = max((i for i, e in enumerate(etapas) if e.adelantar), default=-1)
            for i, e in enumerate(etapas):
                ui.titulo(f"{i + 1}/{len(etapas)} {e.titulo}")
                with _etapa(p, e.nombre, area):
                    e.funcion(p, area, ui)
                if propios and i == ultima_con_kernels:  # ya no hacen falta: se apagan mientras se renderiza
                    p.kernels.cerrar(esperar=False)
        termino = True
    finally:
        p.adelantos.clear()
        EN_CURSO.reset(marca)
        if propios:
            p.kernels.cerrar(ahora=not termino)
            p.kernels = None


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


# ------------------------------------------------------------------ varios semestres

@dataclass
class Resultado:
    """Cómo terminó la construcción de un semestre de un lote."""

    proyecto: Proyecto
    segundos: float
    error: ErrorDeEtapa | None = None


def construir_lote(proyectos: list[Proyecto], ui_de: Callable[[Proyecto], Avisos],
                   al_empezar: Callable[[Proyecto], None] = lambda p: None,
                   al_terminar: Callable[[Resultado], None] = lambda r: None) -> list[Resultado]:
    """Todas las etapas de varios semestres en un proceso, en orden; un semestre que falla no detiene a los demás.

    Los semestres comparten los kernels (los módulos se importan una vez por kernel, no una vez por
    cuaderno) y mientras uno renderiza, en otro hilo, el siguiente ya valida y ejecuta sus cuadernos.
    Cada semestre se produce en su área de trabajo y se publica entero, como con :func:`construir`.
    ``al_empezar`` y ``al_terminar`` se llaman con cada semestre (el segundo desde el hilo del render).
    """
    kernels = Kernels(KERNELS_DEL_LOTE)
    futuros: list[Future] = []
    termino = False
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="inpe-render") as hilo:
            for p in proyectos:
                p.kernels = kernels
                inicio = time.perf_counter()
                al_empezar(p)
                ui = ui_de(p)
                marca = EN_CURSO.set(p.semestre)
                try:
                    for m in areas.limpiar_restos(p.salida):
                        log.warning(m)
                        ui.aviso(m)
                    area = areas.crear_area(p.salida)
                    try:
                        correr(p, ETAPAS[:3], area, ui)
                    except BaseException as e:
                        areas.cerrar_area(area)
                        if not isinstance(e, ErrorDeEtapa):
                            raise
                        hecho: Future = Future()
                        hecho.set_result(_avisar(Resultado(p, time.perf_counter() - inicio, e), al_terminar))
                        futuros.append(hecho)
                        continue
                finally:
                    EN_CURSO.reset(marca)
                if futuros:  # a lo sumo un render esperando: la memoria no crece con el lote
                    futuros[-1].result()
                futuros.append(hilo.submit(_terminar, p, area, ui, inicio, al_terminar))
        termino = True
        return [f.result() for f in futuros]
    finally:
        kernels.cerrar(ahora=not termino)


def _terminar(p: Proyecto, area: Area, ui: Avisos, inicio: float, al_terminar) -> Resultado:
    """Render, manifiesto y publicación de un semestre del lote, en el hilo del render."""
    error = None
    try:
        correr(p, ETAPAS[3:], area, ui)
    except ErrorDeEtapa as e:
        error = e
    finally:
        areas.cerrar_area(area)
    return _avisar(Resultado(p, time.perf_counter() - inicio, error), al_terminar)


def _avisar(r: Resultado, al_terminar) -> Resultado:
    al_terminar(r)
    return r
