"""Cuadros del informe como tablas Markdown de barras: sobreviven a HTML y a Typst (PDF)."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from inpe import ceplan, formato
from inpe.ejecucion import escapar_markdown


class Negrita(str):
    """Celda que va en negrita (filas de AEI, totales); su texto se escapa igual."""


def celda(valor) -> str:
    """Texto de una celda: escapado (un nombre con `|` o `<script>` no rompe la tabla) y en una línea."""
    texto = escapar_markdown(" ".join(str(valor).split()))
    return f"**{texto}**" if isinstance(valor, Negrita) and texto else texto


def tabla_md(filas: Sequence[Sequence], encabezados: Sequence[str], alineacion: str | None = None,
             anchos: Sequence[int] | None = None) -> str:
    """Tabla de barras; ``alineacion`` es una letra por columna: l (izquierda), r, c.

    ``anchos`` son pesos relativos de las columnas: Pandoc los lee del largo de los guiones
    de la línea separadora (si no se dan, se estiman del contenido).
    """
    alineacion = alineacion or "l" * len(encabezados)
    if len(alineacion) != len(encabezados):
        raise ValueError("la alineación debe tener una letra por columna")
    if anchos is None:
        anchos = [max(len(str(v)) for v in [e, *(f[i] for f in filas)]) for i, e in enumerate(encabezados)]
    guiones = [max(3, min(int(a), 60)) for a in anchos]
    marcas = {"l": lambda n: ":" + "-" * (n - 1), "r": lambda n: "-" * (n - 1) + ":",
              "c": lambda n: ":" + "-" * (n - 2) + ":"}
    lineas = [
        "| " + " | ".join(celda(e) for e in encabezados) + " |",
        "|" + "|".join(marcas[a](g) for a, g in zip(alineacion, guiones)) + "|",
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
        filas.append([Negrita(a.codigo_aei), Negrita(a.denominacion), "", "", "",
                      Negrita(formato.porcentaje(a.avance)), Negrita(a.semaforo)])
        for _, i in indicadores[indicadores["codigo_aei"] == a.codigo_aei].iterrows():
            dec = int(i.decimales)
            filas.append([i.codigo_indicador, i.denominacion, i.sentido,
                          formato.valor_indicador(i.logro_esperado, i.unidad, dec),
                          formato.valor_indicador(i.valor_obtenido, i.unidad, dec),
                          formato.porcentaje(i.avance), i.semaforo])
    encabezados = ["Código", "Denominación", "Sentido esperado", f"Logro esperado {anio}",
                   f"Valor obtenido {semestre}", "Avance", "Nivel"]
    return tabla_md(filas, encabezados, "lllrrrl", anchos=[16, 40, 12, 10, 10, 9, 7])


def resumen_semaforo(conteo: dict[str, int]) -> str:
    """Tabla resumen: AEI por nivel de avance, con los umbrales de CEPLAN escritos."""
    medio, alto = formato.porcentaje(ceplan.UMBRAL_MEDIO, 0), formato.porcentaje(ceplan.UMBRAL_ALTO, 0)
    encabezados = [f"Bajo [{formato.porcentaje(0, 0)} – {medio}⟩", f"Medio [{medio} – {alto}⟩", f"Alto ≥ {alto}", "Total"]
    fila = ["Acciones estratégicas", *(formato.numero(conteo[k]) for k in ("Bajo", "Medio", "Alto", "Total"))]
    return tabla_md([fila], ["Nivel de avance", *encabezados], "lrrrr")
