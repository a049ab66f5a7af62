"""Punto de entrada: `python -m inpe` o `informe-inpe`.

    informe-inpe construir 2024-S1      # todo: validar, auditar, ejecutar, renderizar, manifiesto, publicar
    informe-inpe validar 2024-S1        # o cada etapa por separado
    informe-inpe auditar 2024-S1
    informe-inpe ejecutar 2024-S1
    informe-inpe renderizar 2024-S1
    informe-inpe manifiesto 2024-S1

El semestre se comprueba (AAAA-S1 o AAAA-S2) antes de que toque una ruta o un cuaderno. La
construcción completa publica al final; si algo falla o el proceso muere, el informe anterior
del semestre queda intacto y el mensaje dice qué etapa falló y por qué.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import time
from pathlib import Path

from rich.console import Console
from rich.markup import escape

from inpe.publicacion import construccion as c

SEMESTRE_POR_DEFECTO = "2024-S1"
consola = Console(stderr=True, highlight=False, soft_wrap=True)  # sin cortar líneas: los mensajes se copian y se buscan


def _configurar_log(proyecto: c.Proyecto) -> Path:
    proyecto.salida.mkdir(parents=True, exist_ok=True)
    ruta = proyecto.salida / "construccion.log"
    manejador = logging.FileHandler(ruta, mode="w", encoding="utf-8")
    manejador.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    raiz = logging.getLogger("inpe")
    for viejo in raiz.handlers:  # una corrida anterior en el mismo proceso
        viejo.close()
    raiz.handlers[:] = [manejador]
    raiz.setLevel(logging.INFO)
    return ruta


def _empieza(nombre: str) -> None:
    consola.print(f"  [cyan]▶[/] ejecutando [bold]{escape(nombre)}[/] …")


def _termina(nombre: str, segundos: float) -> None:
    consola.print(f"  [green]✓[/] {escape(nombre)} en {segundos:.1f} s")


def _aviso(texto: str) -> None:
    consola.print(f"  [yellow]aviso:[/] {escape(texto)}")


def _parametros(p: c.Proyecto, args) -> dict:
    return {"semestre": p.semestre, "motor": getattr(args, "motor", "auto")}


def etapa_validar(p: c.Proyecto, args, paso: str = "") -> None:
    consola.print(f"[bold]{paso}Validación[/] de data/plan y data/{p.semestre}")
    for a in c.validar(p):
        _aviso(a)
    consola.print("  [green]✓[/] datos válidos")


def etapa_auditar(p: c.Proyecto, args, paso: str = "") -> None:
    from inpe.calidad import auditoria

    consola.print(f"[bold]{paso}Auditoría[/] de consistencia entre archivos")
    resultados = c.auditar(p)
    for r in auditoria.avisos(resultados):
        _aviso(f"{r.codigo} {r.descripcion}: {r.mensaje}")
    n = auditoria.conteo(resultados)
    consola.print(f"  [green]✓[/] {len(resultados)} comprobaciones: {n['conforme']} conformes, "
                  f"{n['aviso']} con aviso (se listan en el anexo «Control de calidad de los datos»)")


def etapa_ejecutar(p: c.Proyecto, args, paso: str = "", area: c.Area | None = None,
                   renderizador: str | None = None) -> None:
    consola.print(f"[bold]{paso}Ejecución[/] de {len(p.cuadernos_fuente)} cuadernos con papermill")
    c.ejecutar(p, _empieza, _termina, area=area, renderizador=renderizador)


def etapa_renderizar(p: c.Proyecto, args, paso: str = "", area: c.Area | None = None) -> str:
    consola.print(f"[bold]{paso}Render[/] HTML y PDF")
    usado = c.renderizar(p, getattr(args, "motor", "auto"), area=area)
    consola.print(f"  [green]✓[/] {escape(usado)}")
    return usado


def etapa_manifiesto(p: c.Proyecto, args, motor: str | None = None, paso: str = "",
                     area: c.Area | None = None) -> None:
    consola.print(f"[bold]{paso}Manifiesto[/] de procedencia")
    c.escribir_manifiesto(p, motor, _parametros(p, args), area=area)


def etapa_construir(p: c.Proyecto, args) -> None:
    inicio = time.perf_counter()
    for m in c.limpiar_restos(p):
        _aviso(m)
    etapa_validar(p, args, "1/6 ")
    etapa_auditar(p, args, "2/6 ")
    with c.area_de_trabajo(p) as area:
        # el renderizador se decide antes de ejecutar: el colofón lo nombra
        renderizador = c.descripcion_renderizador(c.motor_a_usar(getattr(args, "motor", "auto")))
        etapa_ejecutar(p, args, "3/6 ", area=area, renderizador=renderizador)
        usado = etapa_renderizar(p, args, "4/6 ", area=area)
        etapa_manifiesto(p, args, usado, "5/6 ", area=area)
        consola.print("[bold]6/6 Publicación[/] en " + escape(str(p.salida.relative_to(p.raiz))))
        c.publicar_construccion(p, area)
    consola.print(f"[bold green]Informe listo[/] en {time.perf_counter() - inicio:.1f} s: "
                  f"{escape(str(p.salida.relative_to(p.raiz)))}/informe.html y informe.pdf")


ETAPAS = {
    "construir": (etapa_construir, "todas las etapas (por defecto)"),
    "validar": (etapa_validar, "valida los CSV del semestre"),
    "auditar": (etapa_auditar, "comprueba la consistencia de las cifras entre archivos"),
    "ejecutar": (etapa_ejecutar, "ejecuta los cuadernos con papermill"),
    "renderizar": (etapa_renderizar, "produce informe.html e informe.pdf"),
    "manifiesto": (etapa_manifiesto, "escribe manifest.json"),
}


class _Terminado(BaseException):
    """SIGTERM: se convierte en excepción para que el área de trabajo se limpie."""


def _al_terminar(signum, frame):
    raise _Terminado()


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
        proyecto = c.Proyecto(args.raiz, args.semestre)  # valida el semestre antes de crear nada
    except ValueError as e:
        consola.print(f"[bold red]Error:[/] {escape(str(e))}")
        return 2
    if not (proyecto.raiz / "data").is_dir():
        consola.print(f"[bold red]Error:[/] {escape(str(proyecto.raiz))} no es la carpeta de un proyecto "
                      "del informe (no tiene data/); use --raiz")
        return 2
    ruta_log = _configurar_log(proyecto)
    anterior = signal.signal(signal.SIGTERM, _al_terminar) if hasattr(signal, "SIGTERM") else None
    registro = escape(str(ruta_log.relative_to(proyecto.raiz)))
    try:
        ETAPAS[nombre][0](proyecto, args)
    except c.ErrorDeEtapa as e:
        consola.print(f"[bold red]Error:[/] {escape(str(e))}")
        consola.print(f"El informe anterior del semestre, si existía, quedó intacto. Registro: {registro}")
        return 1
    except (KeyboardInterrupt, _Terminado):
        donde = f" durante la etapa «{proyecto.etapa_actual}»" if proyecto.etapa_actual else ""
        logging.getLogger("inpe").error("Construcción interrumpida%s", donde)
        consola.print(f"[bold red]Interrumpida[/]{escape(donde)}. El informe anterior del semestre, si existía, "
                      f"quedó intacto. Registro: {registro}")
        return 130
    finally:
        if anterior is not None:
            signal.signal(signal.SIGTERM, anterior)
    return 0


if __name__ == "__main__":
    sys.exit(main())
