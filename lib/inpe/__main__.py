"""``python -m inpe`` y la orden ``informe-inpe``: :func:`programa`.

Si la orden va a ejecutar cuadernos, su kernel empieza a arrancar antes de importar el resto del
programa: arrancar un kernel toma medio segundo de reloj e importar el programa (pandas, pandera,
papermill) otro medio, y así corren a la vez, en dos núcleos. Si al final no hubo nada que ejecutar
(todo estaba en la caché), el kernel se apaga sin haber importado nada (:func:`kernels_de_la_orden`).
"""

import argparse
import gc
import sys
from pathlib import Path

from inpe.entrada import semestres
from inpe.publicacion.kernels import KERNELS, Kernels, modulos_importados

#: Las órdenes que ejecutan cuadernos; sin orden, la de siempre: ``construir``. Una prueba las compara
#: con :data:`inpe.cli.ORDENES`.
EJECUTAN = ("construir", "ejecutar", "renderizar")
NO_EJECUTAN = ("validar", "auditar", "nuevo", "diccionario")


def _leer(argv: list[str]) -> argparse.Namespace:
    """Una lectura rápida de la orden, sin el analizador de :mod:`inpe.cli` (importarlo es lo que se quiere
    adelantar): la orden, el semestre, la raíz y si es sin caché."""
    lectura = argparse.ArgumentParser(add_help=False)
    lectura.add_argument("palabras", nargs="*")
    lectura.add_argument("--raiz", type=Path, default=Path.cwd())
    lectura.add_argument("--motor")
    lectura.add_argument("--todos", action="store_true")
    lectura.add_argument("--sin-cache", action="store_true")
    lectura.add_argument("-h", "--help", action="store_true")
    args, _ = lectura.parse_known_intermixed_args(argv)
    palabras = list(args.palabras)
    args.orden = palabras.pop(0) if palabras and palabras[0] in EJECUTAN + NO_EJECUTAN else "construir"
    args.semestre = palabras[0] if palabras else semestres.POR_DEFECTO
    return args


def ejecutara_cuadernos(argv: list[str]) -> bool:
    """Si la orden construirá un semestre hasta ejecutar sus cuadernos.

    ``--todos`` arranca sus propios kernels, y un semestre mal escrito o sin carpeta termina enseguida con
    su mensaje. Equivocarse solo cuesta un arranque de más o de menos, nunca un resultado distinto.
    """
    return _ejecutara(_leer(argv))


def _ejecutara(args: argparse.Namespace) -> bool:
    if args.orden not in EJECUTAN or args.todos or args.help:
        return False
    return semestres.es_valido(args.semestre) and (args.raiz / "data" / args.semestre).is_dir()


def kernels_de_la_orden(argv: list[str]) -> Kernels | None:
    """Los kernels de la orden, ya arrancando; None si no ejecutará cuadernos.

    Sin caché se ejecutan todos los cuadernos: el kernel importa sus módulos en cuanto arranca, sin esperar
    a que la construcción calcule qué ejecutar.
    """
    args = _leer(argv)
    if not _ejecutara(args):
        return None
    kernels = Kernels(KERNELS)
    if args.sin_cache:
        kernels.preparar(1, modulos_importados(sorted((args.raiz / "notebooks").glob("[0-9]*.ipynb"))))
    else:
        kernels.arrancar()
    return kernels


def programa() -> None:
    argv = sys.argv[1:]
    kernels = kernels_de_la_orden(argv)
    try:
        from inpe import cli  # después de arrancar el kernel, a propósito: importarlo es lo que corre a la par
    except BaseException:  # Ctrl+C mientras se importa: el kernel no queda huérfano
        if kernels is not None:
            kernels.cerrar(ahora=True)
        raise
    # Lo importado vive todo el proceso: que el recolector de basura no lo recorra en cada pasada ni al
    # salir (la última pasada, sin esto, tomaba 0.2 s).
    gc.freeze()
    sys.exit(cli.main(argv, kernels))


if __name__ == "__main__":
    programa()
