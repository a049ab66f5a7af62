"""Punto de entrada: `python -m inpe` o `informe-inpe`.

    informe-inpe construir 2024-S1      # todo: validar, auditar, ejecutar, renderizar, manifiesto, publicar
    informe-inpe validar 2024-S1        # solo validar (o validar y auditar, o hasta ejecutar o renderizar)
    informe-inpe auditar 2024-S1
    informe-inpe ejecutar 2024-S1
    informe-inpe renderizar 2024-S1

El semestre se comprueba (AAAA-S1 o AAAA-S2) antes de que toque una ruta o un cuaderno. Una etapa
suelta corre también las que la preceden (la lista está en :data:`inpe.publicacion.construccion.ETAPAS`).
La construcción completa publica al final; si algo falla o el proceso muere, el informe anterior
del semestre queda intacto y el mensaje dice qué etapa falló y por qué.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import time
from pathlib import Path

from inpe import consola
from inpe.entrada import diccionario, semestres
from inpe.publicacion import construccion as c
from inpe.publicacion.renderizadores import MOTORES

SEMESTRE_POR_DEFECTO = "2024-S1"
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
        s.add_argument("semestre", nargs="?", default=SEMESTRE_POR_DEFECTO, help="AAAA-S1 o AAAA-S2")
        s.add_argument("--raiz", type=Path, default=Path.cwd(), help="carpeta del proyecto")
        s.add_argument("--motor", choices=MOTORES, default="auto", help="renderizador (auto: Quarto si está)")
    return parser


def _diccionario() -> int:
    """Reescribe la parte generada de data/README.md desde los esquemas (para quien cambia un esquema)."""
    cambio = diccionario.actualizar(Path.cwd() / "data" / "README.md")
    consola.hecho("data/README.md actualizado" if cambio else "data/README.md ya estaba al día")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["diccionario"]:
        return _diccionario()
    if not argv or argv[0] not in ORDENES and argv[0] not in ("-h", "--help"):
        argv = ["construir", *argv]
    args = _analizador().parse_args(argv)
    try:
        p = c.Proyecto(args.raiz, args.semestre, motor=args.motor)  # valida el semestre antes de crear nada
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
