"""Estilo único de las figuras del informe y los gráficos que lo usan.

Paleta Okabe-Ito (segura para daltónicos), tramas y etiquetas de valor para no depender del
color, título que enuncia el hallazgo, unidades en el eje. Se ve bien con un periodo (los
datos publicados) y con muchos (las pruebas usan seis).
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from inpe.redaccion import formato  # noqa: E402

AZUL, NARANJA, VERDE, GRIS = "#0072B2", "#E69F00", "#009E73", "#6b7680"
ESTILO = {
    "figure.figsize": (7.0, 3.6),
    "figure.dpi": 110,
    "savefig.dpi": 150,
    "font.family": "DejaVu Sans",
    "font.size": 9.5,
    "axes.titlesize": 10.5,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": GRIS,
    "axes.labelcolor": "#1d2329",
    "axes.grid": True,
    "axes.grid.axis": "y",
    "grid.color": "#dde3e8",
    "grid.linewidth": 0.6,
    "legend.frameon": False,
    "xtick.color": "#1d2329",
    "ytick.color": "#1d2329",
    "text.parse_math": False,  # un nombre con "$" en los datos es texto, no una fórmula
}
# Sin fecha ni versión en el PNG: dos construcciones iguales dan bytes iguales.
METADATOS_PNG = {"Software": None}


def aplicar_estilo() -> None:
    plt.rcParams.update(ESTILO)


def etiqueta_periodo(semestre: str) -> str:
    anio, n = formato.semestre_parse(semestre)
    return f"{'I' if n == 1 else 'II'} Sem {anio}"


def barras_pareadas(
    categorias: Sequence[str],
    serie_a: Sequence[float | None],
    serie_b: Sequence[float | None],
    nombres: tuple[str, str],
    titulo: str,
    eje_y: str,
    fmt=formato.numero,
) -> Figure:
    """Dos series por categoría (p. ej. logro esperado y valor obtenido), con su valor escrito."""
    aplicar_estilo()
    fig, ax = plt.subplots()
    n = len(categorias)
    ancho = 0.38
    xs = list(range(n))
    for desplazamiento, serie, nombre, color, trama in (
        (-ancho / 2, serie_a, nombres[0], NARANJA, "//"),
        (ancho / 2, serie_b, nombres[1], AZUL, ""),
    ):
        valores = [0 if v is None else v for v in serie]
        barras = ax.bar([x + desplazamiento for x in xs], valores, ancho, label=nombre, color=color,
                        hatch=trama, edgecolor="white", linewidth=0.5)
        for barra, v in zip(barras, serie):
            texto = "sin dato" if v is None else fmt(v)
            ax.annotate(texto, (barra.get_x() + barra.get_width() / 2, barra.get_height()),
                        xytext=(0, 2), textcoords="offset points", ha="center", va="bottom", fontsize=8)
    # Muchos periodos: etiqueta en dos líneas, sin rotar, y cifras más pequeñas.
    ax.set_xticks(xs, ["\n".join(c.rsplit(" ", 1)) for c in categorias] if n > 6 else categorias)
    if n > 6:
        for texto in ax.texts:
            texto.set_fontsize(6.5)
    ax.set_ylabel(eje_y)
    if n == 1:  # una sola pareja de barras no debe ocupar todo el ancho
        ax.set_xlim(-0.7, 0.7)
    ax.margins(y=0.18)
    ax.set_ylim(bottom=0)
    ax.set_title(titulo, wrap=True)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 if n <= 6 else -0.2), ncols=2)
    fig.tight_layout()
    return fig


def mostrar(fig: Figure):
    """La figura como salida image/png de la celda (y se cierra: no queda en memoria)."""
    import io

    from IPython.display import Image

    buf = io.BytesIO()
    fig.savefig(buf, format="png", metadata=METADATOS_PNG)
    plt.close(fig)
    return Image(data=buf.getvalue(), format="png")


def evolucion_indicador(evolucion, fila):
    """Figura de evolución: logro esperado y valor obtenido del indicador por semestre."""
    from inpe.redaccion import narrativa

    def fmt(v):
        return formato.valor_indicador(v, fila["unidad"], int(fila["decimales"]))

    def serie(col):
        return [None if v is None or v != v else float(v) for v in evolucion[col]]

    fig = barras_pareadas(
        [etiqueta_periodo(s) for s in evolucion["semestre"]],
        serie("logro_esperado"), serie("valor_obtenido"),
        ("Logro esperado (meta anual)", "Valor obtenido"),
        narrativa.titulo_hallazgo(fila, etiqueta_periodo(evolucion["semestre"].iloc[-1])),
        narrativa.unidad_eje(fila["unidad"]), fmt,
    )
    return mostrar(fig)


# --- implementación de las AEI (§3.2): presupuesto y actividades operativas ----------------------


def _corto(texto: str, ancho: int = 38) -> str:
    """Nombre largo en dos renglones como máximo; si no cabe, conserva el inicio y el final
    (donde suelen estar la sigla del programa: "… Reincidencia Delictiva - FOCOS")."""
    import textwrap

    renglones = textwrap.wrap(str(texto), ancho, break_long_words=False)
    if len(renglones) <= 2:
        return "\n".join(renglones)
    cola = textwrap.wrap(str(texto)[::-1], ancho - 1, break_long_words=False)[0][::-1]
    return renglones[0] + "\n…" + cola


def presupuesto_aei(aei, presupuesto, periodo: str):
    """PIM y devengado de cada AEI en barras horizontales, en millones de soles, con su ejecución escrita.

    El PIM va como barra clara con trama y el devengado como barra sólida sobre ella: la
    parte ejecutada se lee como proporción del PIM sin depender del color. Una AEI sin
    presupuesto reportado sigue en el eje con la leyenda "sin presupuesto reportado".
    """
    import math

    from matplotlib import ticker as _ticker

    from inpe.redaccion import implementacion

    tabla = implementacion.presupuesto_por_aei(aei, presupuesto)
    pliego = presupuesto[presupuesto["ambito"] == "PLIEGO"]
    titulo = implementacion.titulo_presupuesto(tabla, None if pliego.empty else pliego.iloc[0], periodo)
    aplicar_estilo()
    n = len(tabla)
    fig, ax = plt.subplots(figsize=(7.0, 1.3 + 0.36 * max(n, 1)))
    ys = list(range(n))
    pim = [0.0 if math.isnan(v) else v / 1e6 for v in tabla["pim"].astype("float64")]
    dev = [0.0 if math.isnan(v) else v / 1e6 for v in tabla["devengado"].astype("float64")]
    ax.barh(ys, pim, 0.72, color="#f6deb0", edgecolor=NARANJA, hatch="///", linewidth=0.6,
            label="Presupuesto Institucional Modificado (PIM)")
    ax.barh(ys, dev, 0.36, color=AZUL, label="Devengado")
    tope = max(pim + [1.0])
    for y, p, e in zip(ys, pim, tabla["ejecucion"]):
        if e != e:  # NaN: la AEI no tiene fila en presupuesto.csv
            ax.annotate("sin presupuesto reportado", (0, y), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=8, color=GRIS, style="italic")
        else:
            ax.annotate(f"{formato.porcentaje(e, 1)} ejecutado", (p, y), xytext=(4, 0), textcoords="offset points",
                        va="center", fontsize=8)
    ax.set_yticks(ys, list(tabla["codigo_aei"]))
    ax.invert_yaxis()
    ax.set_xlim(0, tope * 1.22)
    ax.xaxis.set_major_formatter(_ticker.FuncFormatter(lambda v, _p: formato.numero(v)))
    ax.set_xlabel("Millones de soles (S/)")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.set_title(titulo, wrap=True)
    ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16 if n > 4 else -0.3), ncols=2)
    fig.tight_layout()
    return mostrar(fig)


def avance_actividades(actividades, aei, periodo: str):
    """Avance (ejecutado / programado) de las AO claves con meta, un panel por AEI.

    Las AO tienen unidades distintas (personas, servidores, grilletes, establecimientos):
    comparar cantidades en un mismo eje engañaría, así que cada barra es el porcentaje de
    su propia meta, la línea discontinua marca lo programado (100%) y cada barra lleva
    escrito "ejecutado de programado (avance)". Las AO sin meta programada se cuentan al pie.
    """
    import textwrap

    from matplotlib import ticker as _ticker
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    from inpe.calculo import ceplan
    from inpe.redaccion import implementacion

    con_meta = actividades[[not ceplan.es_faltante(a) for a in actividades["avance"]]]
    grupos = [(c, con_meta[con_meta["codigo_aei"] == c]) for c in aei["codigo_aei"]
              if (con_meta["codigo_aei"] == c).any()]
    nombres = dict(zip(aei["codigo_aei"], aei["denominacion"]))
    aplicar_estilo()
    filas = sum(len(g) for _, g in grupos)
    alturas = [len(g) + 0.8 for _, g in grupos] or [1]
    fig, ejes = plt.subplots(len(alturas), 1, sharex=True, squeeze=False,
                             figsize=(7.0, 1.6 + 0.29 * filas + 0.28 * len(alturas)),
                             gridspec_kw={"height_ratios": alturas})
    ejes = [e[0] for e in ejes]
    maximo = max([ceplan.AVANCE_MAXIMO, *con_meta["avance"].astype("float64")])
    for ax, (codigo, g) in zip(ejes, grupos):
        ys = list(range(len(g)))
        avances = list(g["avance"].astype("float64"))
        ax.barh(ys, avances, 0.62, color=AZUL)
        ax.axvline(ceplan.AVANCE_MAXIMO, color=NARANJA, linestyle="--", linewidth=1.1, zorder=1)
        for y, fila, a in zip(ys, g.itertuples(), avances):
            texto = (f"{formato.numero(fila.ejecutado)} de {formato.numero(fila.programado)} "
                     f"({formato.porcentaje(a, 1)})")
            ax.annotate(texto, (a, y), xytext=(4, 0), textcoords="offset points", va="center", fontsize=7,
                        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"}, zorder=3)
        ax.set_yticks(ys, [_corto(d) for d in g["denominacion"]], fontsize=7)
        ax.set_ylim(len(g) - 0.5, -0.5)
        ax.annotate(textwrap.shorten(f"{codigo} {nombres.get(codigo, '')}", 84, placeholder="…"), (0.01, 1.0),
                    xycoords=("figure fraction", "axes fraction"), xytext=(0, 4), textcoords="offset points",
                    fontsize=8, fontweight="bold", va="bottom", ha="left")
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
    if not grupos:
        ejes[0].text(0.5, 0.5, "Ninguna AO clave tiene meta física programada en el periodo",
                     ha="center", va="center", transform=ejes[0].transAxes)
        ejes[0].set_yticks([])
    ejes[-1].set_xlim(0, maximo * 1.45)
    ejes[-1].set_xticks(list(range(0, int(maximo) + 1, 25)))
    ejes[-1].xaxis.set_major_formatter(_ticker.FuncFormatter(lambda v, _p: formato.porcentaje(v, 0)))
    ejes[-1].set_xlabel("Avance: ejecutado respecto a lo programado (%)")
    r = implementacion.resumen_avance_ao(actividades)
    fig.suptitle(implementacion.titulo_avance_ao(actividades, periodo), x=0.01, ha="left",
                 fontsize=10.5, fontweight="bold", wrap=True)
    leyenda = [Patch(color=AZUL, label="Ejecutado (% de lo programado)"),
               Line2D([], [], color=NARANJA, linestyle="--",
                      label=f"Meta física programada ({formato.porcentaje(ceplan.AVANCE_MAXIMO, 0)})")]
    pie = (f"No se grafican {formato.numero(r['sin_meta'])} AO sin meta física programada."
           if r["sin_meta"] else "")
    fig.legend(handles=leyenda, loc="lower left", bbox_to_anchor=(0.01, 0.0), ncols=2, fontsize=8,
               title=pie or None, title_fontsize=7.5, alignment="left")
    fig.tight_layout(rect=(0, 0.05, 1, 0.97))
    return mostrar(fig)
