"""Punto de entrada: `python -m inpe` o `informe-inpe`.

    informe-inpe construir 2024-S1      # todo: validar, auditar, ejecutar, renderizar, manifiesto, publicar
    informe-inpe validar 2024-S1        # solo validar (o validar y auditar, o hasta ejecutar o renderizar)
    informe-inpe auditar 2024-S1
    informe-inpe ejecutar 2024-S1
    informe-inpe renderizar 2024-S1
    informe-inpe construir --todos      # cada semestre de data/, en un solo proceso, y un resumen al final
    informe-inpe construir --sin-cache  # ejecuta todos los cuadernos aunque no hayan cambiado
    informe-inpe nuevo 2024-S2 [--excel] # prepara data/2024-S2/: tablas y comentarios por llenar

El semestre se comprueba (AAAA-S1 o AAAA-S2) antes de que toque una ruta o un cuaderno. Una etapa
suelta corre también las que la preceden (la lista está en :data:`inpe.publicacion.construccion.ETAPAS`).
La construcción completa publica al final; si algo falla o el proceso muere, el informe anterior
del semestre queda intacto y el mensaje dice qué etapa falló y por qué. Solo se ejecutan los
cuadernos cuyo resultado pudo cambiar (:mod:`inpe.publicacion.cache`); ``--sin-cache`` los ejecuta todos.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
from pathlib import Path

from inpe import consola
from inpe.entrada import carpetas, diccionario, nuevo, semestres
from inpe.publicacion import construccion as c
from inpe.publicacion.kernels import Kernels
from inpe.publicacion.renderizadores import MOTORES

ORDENES = {
    "construir": ("todas las etapas (por defecto)", c.ETAPAS),
    "validar": ("valida los datos y textos del semestre y del plan", c.hasta("validación")),
    "auditar": ("valida y comprueba la consistencia de las cifras entre archivos", c.hasta("auditoría")),
    "ejecutar": ("valida, audita y ejecuta los cuadernos con papermill", c.hasta("ejecución")),
    "renderizar": ("hasta producir informe.html e informe.pdf (sin manifiesto)", c.hasta("render")),
}


class _Consola:
    titulo, paso, hecho, aviso = (staticmethod(consola.titulo), staticmethod(consola.paso),
                                  staticmethod(consola.hecho), staticmethod(consola.aviso))


def _configurar_log(p: c.Proyecto) -> Path:
    p.salida.mkdir(parents=True, exist_ok=True)
    ruta = p.salida / "construccion.log"
    manejador = logging.FileHandler(ruta, mode="w", encoding="utf-8")
    manejador.setFormatter(consola.FormatoVisible("%(asctime)s %(levelname)s %(message)s"))
    raiz = logging.getLogger("inpe")
    for viejo in raiz.handlers:  # una corrida anterior en el mismo proceso
        viejo.close()
    raiz.handlers[:] = [manejador]
    raiz.setLevel(logging.INFO)
    return ruta


class _Terminado(BaseException):
    """SIGTERM: se convierte en excepción para que el área de trabajo se limpie."""


def _al_terminar(signum, frame):
    raise _Terminado()


def _analizador() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="informe-inpe", description="Informe de Evaluación Institucional del INPE")
    sub = parser.add_subparsers(dest="orden")
    for nombre, (ayuda, _) in ORDENES.items():
        s = sub.add_parser(nombre, help=ayuda)
        s.add_argument("semestre", nargs="?", help="AAAA-S1 o AAAA-S2")
        s.add_argument("--raiz", type=Path, default=Path.cwd(), help="carpeta del proyecto")
        s.add_argument("--motor", choices=MOTORES, default="auto", help="renderizador (auto: Quarto si está)")
        if nombre in ("construir", "ejecutar", "renderizar"):
            s.add_argument("--sin-cache", action="store_true",
                           help="ejecuta todos los cuadernos, aunque no hayan cambiado (y renueva la caché)")
        if nombre == "construir":
            s.add_argument("--todos", action="store_true",
                           help="todos los semestres de data/, en un solo proceso, con un resumen al final")
    s = sub.add_parser("nuevo", help="prepara la carpeta de un semestre nuevo: tablas y comentarios por llenar")
    s.add_argument("semestre", nargs="?", help="AAAA-S1 o AAAA-S2")
    s.add_argument("--excel", action="store_true", help="las tablas en un libro datos.xlsx (plantilla), no en CSV")
    s.add_argument("--raiz", type=Path, default=Path.cwd(), help="carpeta del proyecto")
    return parser


def _nuevo(args: argparse.Namespace) -> int:
    """Prepara data/<semestre>/ (:mod:`inpe.entrada.nuevo`): nada se sobrescribe ni se inventa."""
    if not args.semestre:
        consola.error("falta el semestre: python -m inpe nuevo AAAA-SN (p. ej. 2024-S2)")
        return 2
    try:
        semestres.partes(args.semestre)  # el mismo mensaje que las demás órdenes
    except ValueError as e:
        consola.error(str(e))
        return 2
    datos = Path(args.raiz) / "data"
    if not datos.is_dir():
        consola.error(f"{args.raiz} no es la carpeta de un proyecto del informe (no tiene data/); use --raiz")
        return 2
    try:
        hecho = nuevo.preparar(datos, args.semestre, excel=args.excel)
    except nuevo.ErrorAlPreparar as e:
        consola.error(str(e))
        return 1
    consola.hecho(f"Preparada la carpeta {hecho.visible}/")
    for linea in nuevo.resumen(hecho):
        consola.nota("  " + linea)
    consola.nota(f"Siguiente paso: complete las tablas (data/README.md describe cada columna), escriba los "
                 f"comentarios y corra: python -m inpe validar {args.semestre}")
    return 0


def _diccionario() -> int:
    """Reescribe la parte generada de data/README.md desde los esquemas (para quien cambia un esquema)."""
    cambio = diccionario.actualizar(Path.cwd() / "data" / "README.md")
    consola.hecho("data/README.md actualizado" if cambio else "data/README.md ya estaba al día")
    return 0


class _ConsolaDeLote:
    """``construir --todos``: cada línea dice de qué semestre habla; los pasos de cada etapa no se muestran."""

    def __init__(self, semestre: str):
        self.semestre = semestre

    def titulo(self, texto): pass
    def paso(self, texto): pass
    def hecho(self, texto): pass

    def aviso(self, texto):
        consola.aviso(f"{self.semestre}: {texto}")


def _registro_del_semestre(p: c.Proyecto) -> logging.Handler:
    """output/<semestre>/construccion.log con solo lo de ese semestre (en un lote se construyen dos a la vez)."""
    p.salida.mkdir(parents=True, exist_ok=True)
    manejador = logging.FileHandler(p.salida / "construccion.log", mode="w", encoding="utf-8")
    manejador.setFormatter(consola.FormatoVisible("%(asctime)s %(levelname)s %(message)s"))
    manejador.addFilter(lambda registro, semestre=p.semestre: c.EN_CURSO.get() == semestre)
    logging.getLogger("inpe").addHandler(manejador)
    return manejador


def _cuadernos(p: c.Proyecto) -> str:
    de_cache = sum(v == "caché" for v in p.cuadernos.values())
    ejecutados = len(p.cuadernos) - de_cache
    return f"{ejecutados} cuadernos ejecutados, {de_cache} de la caché" if p.cuadernos else "sin cuadernos"


def _todos(args: argparse.Namespace) -> int:
    """``construir --todos``: cada semestre de data/, en un proceso (:func:`construccion.construir_lote`)."""
    if args.semestre is not None:
        consola.error("use un semestre o --todos, no los dos")
        return 2
    raiz = Path(args.raiz).resolve()
    if not (raiz / "data").is_dir():
        consola.error(f"{raiz} no es la carpeta de un proyecto del informe (no tiene data/); use --raiz")
        return 2
    lista = semestres.en(raiz / "data")
    if not lista:
        consola.error("no hay carpetas de semestres en data/ (se llaman AAAA-S1 o AAAA-S2)")
        return 1
    proyectos = [c.Proyecto(raiz, s, motor=args.motor, usar_cache=not args.sin_cache) for s in lista]
    logger = logging.getLogger("inpe")
    for viejo in list(logger.handlers):  # una corrida anterior en el mismo proceso
        viejo.close()
        logger.removeHandler(viejo)
    logger.setLevel(logging.INFO)
    registros: dict[str, logging.Handler] = {}

    def al_empezar(p: c.Proyecto) -> None:
        registros[p.semestre] = _registro_del_semestre(p)
        consola.paso(f"{p.semestre} …")

    def al_terminar(r: c.Resultado) -> None:
        manejador = registros.pop(r.proyecto.semestre)
        logger.removeHandler(manejador)
        manejador.close()
        if r.error is None:
            consola.hecho(f"{r.proyecto.semestre} en {r.segundos:.1f} s ({_cuadernos(r.proyecto)})")
        else:
            consola.error(f"{r.proyecto.semestre}: {r.error}")

    consola.titulo(f"Construcción de {len(lista)} semestres: {lista[0]} a {lista[-1]}")
    anterior = signal.signal(signal.SIGTERM, _al_terminar) if hasattr(signal, "SIGTERM") else None
    inicio = time.perf_counter()
    try:
        resultados = c.construir_lote(proyectos, lambda p: _ConsolaDeLote(p.semestre), al_empezar, al_terminar)
    except (KeyboardInterrupt, _Terminado):
        logger.error("Construcción de todos los semestres interrumpida")
        consola.nota("Interrumpida. Los semestres ya terminados quedaron publicados; el informe anterior del "
                     "semestre en curso, si existía, quedó intacto.")
        return 130
    finally:
        if anterior is not None:
            signal.signal(signal.SIGTERM, anterior)
        for manejador in registros.values():
            logger.removeHandler(manejador)
            manejador.close()
    fallidos = [r for r in resultados if r.error is not None]
    listos = len(resultados) - len(fallidos)
    consola.titulo(f"Resumen: {len(resultados)} semestres en {time.perf_counter() - inicio:.1f} s, "
                   f"{listos} {'listo' if listos == 1 else 'listos'} y {len(fallidos)} con errores")
    for r in resultados:
        if r.error is None:
            consola.nota(f"  {r.proyecto.semestre}  listo   {r.segundos:5.1f} s  {_cuadernos(r.proyecto)}")
        else:
            consola.nota(f"  {r.proyecto.semestre}  falló   {r.segundos:5.1f} s  en la etapa «{r.error.etapa}»; "
                         f"registro: output/{r.proyecto.semestre}/construccion.log")
    if listos:
        consola.nota("Los informes están en output/<semestre>/informe.html e informe.pdf.")
    return 1 if fallidos else 0


def main(argv: list[str] | None = None, kernels: Kernels | None = None) -> int:
    """La orden ``argv``; ``kernels``, los que :mod:`inpe.__main__` arrancó antes de importar el programa
    (los toma la construcción de un semestre; si la orden no ejecuta cuadernos, se apagan al terminar)."""
    try:
        return _orden(sys.argv[1:] if argv is None else argv, kernels)
    finally:
        if kernels is not None:
            kernels.cerrar(ahora=True)


def _orden(argv: list[str], kernels: Kernels | None) -> int:
    if argv[:1] == ["diccionario"]:
        return _diccionario()
    if not argv or argv[0] not in ORDENES and argv[0] not in ("nuevo", "-h", "--help"):
        argv = ["construir", *argv]
    args = _analizador().parse_args(argv)
    if getattr(args, "todos", False):
        return _todos(args)
    if args.orden in ORDENES and args.semestre is None:
        args.semestre = semestres.POR_DEFECTO
    if args.orden == "nuevo":
        return _nuevo(args)
    try:
        p = c.Proyecto(args.raiz, args.semestre, motor=args.motor,  # valida el semestre antes de crear nada
                       usar_cache=not getattr(args, "sin_cache", False), kernels_anticipados=kernels)
    except ValueError as e:
        consola.error(str(e))
        return 2
    if not (p.raiz / "data").is_dir():
        consola.error(f"{p.raiz} no es la carpeta de un proyecto del informe (no tiene data/); use --raiz")
        return 2
    if not (p.raiz / "data" / p.semestre).is_dir():  # antes de crear output/<semestre>/
        hay = ", ".join(semestres.en(p.raiz / "data")) or "ninguno"
        consola.error(f"no hay datos del semestre {p.semestre}: falta la carpeta data/{p.semestre} "
                      f"(semestres disponibles: {hay}). Para prepararla: python -m inpe nuevo {p.semestre}")
        return 1
    ruta_log = _configurar_log(p)
    registro = ruta_log.relative_to(p.raiz)
    anterior = signal.signal(signal.SIGTERM, _al_terminar) if hasattr(signal, "SIGTERM") else None
    inicio = time.perf_counter()
    try:
        publicado = c.construir(p, _Consola(), ORDENES[args.orden][1])
    except c.ErrorDeEtapa as e:
        consola.error(str(e))
        consola.nota(f"El informe anterior del semestre, si existía, quedó intacto. Registro: {registro}")
        return 1
    except (KeyboardInterrupt, _Terminado):
        donde = f" durante la etapa «{p.etapa_actual}»" if p.etapa_actual else ""
        logging.getLogger("inpe").error("Construcción interrumpida%s", donde)
        consola.nota(f"Interrumpida{donde}. El informe anterior del semestre, si existía, quedó intacto. "
                     f"Registro: {registro}")
        return 130
    finally:
        if anterior is not None:
            signal.signal(signal.SIGTERM, anterior)
    salida = p.salida.relative_to(p.raiz)
    if args.orden == "construir":
        consola.listo(f" en {time.perf_counter() - inicio:.1f} s: {salida}/informe.html y informe.pdf")
    elif publicado:
        consola.nota(f"Publicado en {salida}: {', '.join(publicado)}")
    if args.orden == "validar" and p.datos is not None and (revisar := carpetas.por_revisar_datos(
            p.datos.medidos, p.datos.usos)):
        consola.nota("Por revisar (se admite vacío, pero quizá falte llenarlo):")
        for linea in revisar:
            consola.nota(f"  - {linea}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
