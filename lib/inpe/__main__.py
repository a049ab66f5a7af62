"""``python -m inpe`` y la orden ``informe-inpe``: :func:`programa`.

Si la orden va a ejecutar cuadernos, su kernel empieza a arrancar antes de importar el resto del
programa: arrancar un kernel toma medio segundo de reloj e importar el programa (pandas, pandera,
papermill) otro medio, y así corren a la vez, en dos núcleos. Si al final no hubo nada que ejecutar
(todo estaba en la caché), el kernel se apaga sin haber importado nada.
"""

import gc
import sys

from inpe.publicacion.ejecucion import KERNELS, Kernels

#: Las órdenes que ejecutan cuadernos; sin orden, la de siempre: ``construir``. Una prueba las compara
#: con :data:`inpe.cli.ORDENES`.
EJECUTAN = ("construir", "ejecutar", "renderizar")
NO_EJECUTAN = ("validar", "auditar", "nuevo", "diccionario")


def ejecutara_cuadernos(argv: list[str]) -> bool:
    """Si la orden construirá un semestre hasta ejecutar sus cuadernos (``--todos`` arranca sus propios kernels).

    Equivocarse solo cuesta un arranque de más o de menos, nunca un resultado distinto.
    """
    orden = argv[0] if argv and argv[0] in EJECUTAN + NO_EJECUTAN else "construir"
    return orden in EJECUTAN and not {"--todos", "-h", "--help"} & set(argv)


def programa() -> None:
    argv = sys.argv[1:]
    kernels = None
    if ejecutara_cuadernos(argv):
        kernels = Kernels(KERNELS)
        kernels.arrancar()
    from inpe import cli  # después de arrancar el kernel, a propósito: importarlo es lo que corre a la par

    # Lo importado vive todo el proceso: que el recolector de basura no lo recorra en cada pasada ni al
    # salir (la última pasada, sin esto, tomaba 0.2 s).
    gc.freeze()
    sys.exit(cli.main(argv, kernels))


if __name__ == "__main__":
    programa()
