"""Punto de entrada: `python -m inpe` o `informe-inpe`.

    informe-inpe construir 2024-S1      # todo: validar, ejecutar, renderizar, manifiesto
    informe-inpe validar 2024-S1        # o cada etapa por separado
    informe-inpe ejecutar 2024-S1
    informe-inpe renderizar 2024-S1
    informe-inpe manifiesto 2024-S1
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import time
from pathlib import Path

from rich.console import Console

from inpe import construccion as c

SEMESTRE_POR_DEFECTO = "2024-S1"
consola = Console(stderr=True, highlight=False)


def _configurar_log(proyecto: c.Proyecto) -> Path:
    proyecto.salida.mkdir(parents=True, exist_ok=True)
    ruta = proyecto.salida / "construccion.log"
    manejador = logging.FileHandler(ruta, mode="w", encoding="utf-8")
    manejador.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    raiz = logging.getLogger("inpe")
    raiz.handlers[:] = [manejador]
    raiz.setLevel(logging.INFO)
    return ruta


def _empieza(nombre: str) -> None:
    consola.print(f"  [cyan]▶[/] ejecutando [bold]{nombre}[/] …")


def _termina(nombre: str, segundos: float) -> None:
    consola.print(f"  [green]✓[/] {nombre} en {segundos:.1f} s")


def etapa_validar(p: c.Proyecto, args) -> None:
    consola.print(f"[bold]1/4 Validación[/] de data/plan y data/{p.semestre}")
    avisos = c.validar(p)
    for a in avisos:
        consola.print(f"  [yellow]aviso:[/] {a}")
    consola.print("  [green]✓[/] datos válidos")


def etapa_ejecutar(p: c.Proyecto, args) -> None:
    consola.print(f"[bold]2/4 Ejecución[/] de {len(p.cuadernos_fuente)} cuadernos con papermill")
    c.ejecutar(p, _empieza, _termina)


def etapa_renderizar(p: c.Proyecto, args) -> str:
    consola.print("[bold]3/4 Render[/] HTML y PDF")
    usado = c.renderizar(p, getattr(args, "motor", "auto"))
    consola.print(f"  [green]✓[/] {usado}")
    return usado


def etapa_manifiesto(p: c.Proyecto, args, motor: str | None = None) -> None:
    from inpe.manifiesto import manifiesto

    consola.print("[bold]4/4 Manifiesto[/] de procedencia")
    datos = manifiesto(p.raiz, p.semestre, {"semestre": p.semestre}, motor, p.tiempos)
    tmp = p.salida / f".manifest-{os.getpid()}.json"
    tmp.write_text(json.dumps(datos, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    c.publicar(tmp, p.salida / "manifest.json")


def etapa_construir(p: c.Proyecto, args) -> None:
    inicio = time.perf_counter()
    etapa_validar(p, args)
    etapa_ejecutar(p, args)
    motor = etapa_renderizar(p, args)
    etapa_manifiesto(p, args, motor)
    consola.print(f"[bold green]Informe listo[/] en {time.perf_counter() - inicio:.1f} s: "
                  f"{p.salida.relative_to(p.raiz)}/informe.html y informe.pdf")


ETAPAS = {
    "construir": (etapa_construir, "todas las etapas (por defecto)"),
    "validar": (etapa_validar, "valida los CSV del semestre"),
    "ejecutar": (etapa_ejecutar, "ejecuta los cuadernos con papermill"),
    "renderizar": (etapa_renderizar, "produce informe.html e informe.pdf"),
    "manifiesto": (etapa_manifiesto, "escribe manifest.json"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="informe-inpe", description="Informe de Evaluación Institucional del INPE")
    sub = parser.add_subparsers(dest="etapa")
    for nombre, (_, ayuda) in ETAPAS.items():
        s = sub.add_parser(nombre, help=ayuda)
        s.add_argument("semestre", nargs="?", default=SEMESTRE_POR_DEFECTO, help="AAAA-S1 o AAAA-S2")
        s.add_argument("--raiz", type=Path, default=Path.cwd(), help="carpeta del proyecto")
        if nombre in ("construir", "renderizar"):
            s.add_argument("--motor", choices=["auto", "quarto", "pandoc"], default="auto")
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] not in ETAPAS and argv[0] not in ("-h", "--help"):
        argv = ["construir", *argv]
    args = parser.parse_args(argv)
    nombre = args.etapa
    try:
        proyecto = c.Proyecto(args.raiz, args.semestre)
    except ValueError as e:
        consola.print(f"[bold red]Error:[/] {e}")
        return 2
    ruta_log = _configurar_log(proyecto)
    try:
        ETAPAS[nombre][0](proyecto, args)
    except c.ErrorDeEtapa as e:
        consola.print(f"[bold red]Error:[/] {e}")
        consola.print(f"El informe anterior, si existía, quedó intacto. Registro: {ruta_log.relative_to(proyecto.raiz)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
