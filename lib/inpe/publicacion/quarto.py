"""Scripts pre-render y post-render de `quarto render` en la raíz (ver _quarto.yml).

Quarto (>= 1.9) vuelve a leer la lista de archivos tras el pre-render: el informe.ipynb que
el pre-render deja en la raíz, ya ejecutado por papermill, es lo que Quarto renderiza.

La construcción es la misma que la de ``make informe``: el pre-render valida, audita y ejecuta
en un área de trabajo propia (``output/<semestre>/construccion-XXXX/``); el post-render lleva
allí el HTML y el PDF de Quarto, escribe el manifiesto y publica todo junto. Si Quarto falla
entre ambos, el informe publicado no cambia y la construcción siguiente borra el área. La raíz
queda como estaba: el post-render quita lo que el pre-render y Quarto dejaron en ella.

Quarto no pasa sus parámetros (``-P``) a los scripts de proyecto: el semestre va en la
variable de entorno ``INPE_SEMESTRE``. El pre-render usa la caché de cuadernos ejecutados, como
``make informe``; ``INPE_SIN_CACHE=1`` la pasa por alto.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
from pathlib import Path

import nbformat

from inpe import consola
from inpe.entrada import datos
from inpe.publicacion import area as areas, construccion as c, render, renderizadores

VARIABLE_SEMESTRE = "INPE_SEMESTRE"
#: Con esta variable en 1, el pre-render ejecuta todos los cuadernos (lo que ``--sin-cache`` en la línea de órdenes).
VARIABLE_SIN_CACHE = "INPE_SIN_CACHE"
#: Lo que el pre-render y Quarto dejan en la raíz y el post-render quita.
RESTOS_EN_LA_RAIZ = ("informe.ipynb", "informe.quarto_ipynb", "informe_files", "informe.html", "informe.pdf",
                     "informe.typ", "informe_figuras")


class _Consola:
    """Quarto muestra lo que el gancho escribe: lo mismo que `make informe`, con la misma neutralización."""

    titulo, paso, hecho, aviso = (staticmethod(consola.titulo), staticmethod(consola.paso),
                                  staticmethod(consola.hecho), staticmethod(consola.aviso))


def _proyecto() -> c.Proyecto:
    """El proyecto de este `quarto render`: el renderizador es Quarto (lo nombran el colofón y el manifiesto)."""
    p = c.Proyecto(Path.cwd(), os.environ.get(VARIABLE_SEMESTRE, "2024-S1"), motor="quarto",
                   usar_cache=os.environ.get(VARIABLE_SIN_CACHE, "") != "1")
    p.renderizador = renderizadores.descripcion("quarto")
    return p


def _marca(area: areas.Area) -> Path:
    return area.ruta / "quarto.json"


def previo(quarto_pid: int) -> None:
    p = _proyecto()
    for m in areas.limpiar_restos(p.salida):
        consola.aviso(m)
    area = areas.crear_area(p.salida)
    # El área sobrevive a este proceso: la reclama el post-render del mismo `quarto render`.
    areas.escribir_atomico(_marca(area), json.dumps({"quarto_pid": quarto_pid}))
    try:
        c.correr(p, c.ANTES_DEL_RENDER, area, _Consola())
        shutil.copy(area.ruta / "informe.ipynb", p.raiz / "informe.ipynb")
        render.escribir_figuras(nbformat.read(p.raiz / "informe.ipynb", as_version=4), p.raiz)
        areas.escribir_atomico(_marca(area), json.dumps({"quarto_pid": quarto_pid, "tiempos": p.tiempos}))
    except BaseException:
        shutil.rmtree(area.ruta, ignore_errors=True)
        raise
    finally:
        area.soltar()


def _area_de_este_render(p: c.Proyecto, quarto_pid: int) -> tuple[areas.Area | None, dict]:
    for ruta in sorted(p.salida.glob(areas.PREFIJO_AREA + "*")):
        try:
            marca = json.loads((ruta / "quarto.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if marca.get("quarto_pid") == quarto_pid:
            return areas.Area(ruta), marca
    return None, {}


def posterior(quarto_pid: int) -> None:
    p = _proyecto()
    area, marca = _area_de_este_render(p, quarto_pid)
    try:
        if area is None:
            raise c.ErrorDeEtapa("publicación", "no se encontró la construcción que preparó el pre-render de este "
                                 "`quarto render`; vuelva a ejecutarlo")
        for nombre in ("informe.html", "informe.pdf"):
            if (p.raiz / nombre).exists():
                shutil.move(p.raiz / nombre, area.ruta / nombre)
        _limpiar_raiz(p)
        # Lo que el pre-render ya sabe (datos, auditoría, tiempos) está en el área: no se valida otra vez.
        leida = datos.leer(area.ruta / c.FOTO)
        p.datos, p.auditoria, p.tiempos = leida["datos"], leida["auditoria"], dict(marca.get("tiempos", {}))
        c.correr(p, c.DESPUES_DEL_RENDER, area, _Consola())
    finally:
        _limpiar_raiz(p)
        if area is not None:
            shutil.rmtree(area.ruta, ignore_errors=True)


def _limpiar_raiz(p: c.Proyecto) -> None:
    for nombre in RESTOS_EN_LA_RAIZ:
        ruta = p.raiz / nombre
        if ruta.is_dir():
            shutil.rmtree(ruta, ignore_errors=True)
        else:
            ruta.unlink(missing_ok=True)


def main(argv: list[str]) -> int:
    pasos = {"previo": previo, "posterior": posterior}
    analizador = argparse.ArgumentParser(prog="python -m inpe.publicacion.quarto")
    analizador.add_argument("paso", choices=list(pasos))
    analizador.add_argument("--quarto-pid", type=int, default=os.getppid(),
                            help="proceso de `quarto render` (lo pasa scripts/quarto_gancho.py)")
    args = analizador.parse_args(argv)
    try:
        pasos[args.paso](args.quarto_pid)
    except ValueError as e:  # semestre mal escrito en INPE_SEMESTRE
        consola.error(f"{e} (variable {VARIABLE_SEMESTRE})")
        return 1
    except c.ErrorDeEtapa as e:
        consola.error(str(e))
        consola.nota("El informe anterior del semestre, si existía, quedó intacto.")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
