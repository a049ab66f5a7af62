"""Cuadros del informe como tablas Markdown de barras: sobreviven a HTML y a Typst (PDF)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from inpe import ceplan, formato
from inpe.ejecucion import escapar_markdown


def celda(valor) -> str:
    """Texto de una celda: escapado (un nombre con `|` o `<script>` no rompe la tabla) y en una línea."""
    return escapar_markdown(" ".join(str(valor).split()))


def tabla_md(filas: Sequence[Sequence], encabezados: Sequence[str], alineacion: str | None = None) -> str:
    """Tabla de barras; ``alineacion`` es una letra por columna: l (izquierda), r, c."""
    alineacion = alineacion or "l" * len(encabezados)
    if len(alineacion) != len(encabezados):
        raise ValueError("la alineación debe tener una letra por columna")
    marcas = {"l": ":--", "r": "--:", "c": ":-:"}
    lineas = [
        "| " + " | ".join(celda(e) for e in encabezados) + " |",
        "|" + "|".join(marcas[a] for a in alineacion) + "|",
    ]
    for fila in filas:
        if len(fila) != len(encabezados):
            raise ValueError(f"fila con {len(fila)} celdas; se esperaban {len(encabezados)}")
        lineas.append("| " + " | ".join(celda(v) for v in fila) + " |")
    return "\n".join(lineas)


ELABORACION = "Elaboración: INPE/Unidad de Planeamiento"


def pie(fuente: str | None = None) -> str:
    """Líneas "Fuente:" y "Elaboración:" bajo cada cuadro y figura."""
    lineas = [f"Fuente: {escapar_markdown(fuente)}"] if fuente else []
    lineas.append(ELABORACION)
    return "::: {.fuente}\n" + "  \n".join(lineas) + "\n:::"


def cuadro_semaforizacion(aei: pd.DataFrame, indicadores: pd.DataFrame, anio: int, semestre: str) -> str:
    """Cuadro 3: cada AEI con su avance y nivel, y debajo sus indicadores; el nivel va escrito."""
    filas = []
    for _, a in aei.iterrows():
        filas.append([f"**{a.codigo_aei}**", f"**{a.denominacion}**", "", "", "", f"**{formato.porcentaje(a.avance)}**",
                      f"**{a.semaforo}**"])
        for _, i in indicadores[indicadores["codigo_aei"] == a.codigo_aei].iterrows():
            dec = int(i.decimales)
            filas.append([i.codigo_indicador, i.denominacion, i.sentido,
                          formato.valor_indicador(i.logro_esperado, i.unidad, dec),
                          formato.valor_indicador(i.valor_obtenido, i.unidad, dec),
                          formato.porcentaje(i.avance), i.semaforo])
    encabezados = ["Código", "Denominación", "Sentido esperado", f"Logro esperado {anio}",
                   f"Valor obtenido {semestre}", "Avance", "Nivel"]
    return tabla_md(filas, encabezados, "lllrrrl")


def resumen_semaforo(conteo: dict[str, int]) -> str:
    """Tabla resumen: AEI por nivel de avance, con los umbrales de CEPLAN escritos."""
    medio, alto = formato.porcentaje(ceplan.UMBRAL_MEDIO, 0), formato.porcentaje(ceplan.UMBRAL_ALTO, 0)
    encabezados = [f"Bajo [{formato.porcentaje(0, 0)} – {medio}⟩", f"Medio [{medio} – {alto}⟩", f"Alto ≥ {alto}", "Total"]
    fila = ["Acciones estratégicas", *(formato.numero(conteo[k]) for k in ("Bajo", "Medio", "Alto", "Total"))]
    return tabla_md([fila], ["Nivel de avance", *encabezados], "lrrrr")
