"""Los gráficos del informe: reciben tablas ya calculadas y devuelven figuras de matplotlib.

Un solo estilo: paleta Okabe-Ito (segura para daltónicos), tramas y cifras escritas para no
depender del color, título que enuncia el hallazgo, unidades en el eje. Los títulos y rótulos
llegan ya redactados (:mod:`inpe.redaccion`): aquí solo se dibuja.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Sequence

import matplotlib
from matplotlib import ticker
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from inpe.calculo import ceplan
from inpe.redaccion import formato

AZUL, NARANJA, GRIS, CLARO = "#0072B2", "#E69F00", "#6b7680", "#f6deb0"
ANCHO = 7.0
ESTILO = {
    "figure.figsize": (ANCHO, 3.6),
    "figure.dpi": 110,
    "svg.hashsalt": "inpe",
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
_UNIDADES = {
    "porcentaje": "Porcentaje (%)",
    "numero": "Número",
    "tasa_1000": "Tasa por cada 1,000",
    "tasa_100000": "Tasa por cada 100,000",
}


def eje(unidad: str) -> str:
    """Rótulo del eje de valores según la unidad del indicador."""
    return _UNIDADES[unidad]


def _figura(alto: float) -> tuple[Figure, Axes]:
    """Una ``Figure`` sin pyplot (ni su registro de figuras abiertas, ni backend interactivo que elegir)."""
    matplotlib.rcParams.update(ESTILO)
    fig = Figure(figsize=(ANCHO, alto))
    return fig, fig.subplots()


def _titulo(fig: Figure, titulo: str, ancho: int = 72) -> None:
    """El hallazgo, sobre todo el ancho de la figura (no solo sobre los ejes), en los renglones que pida."""
    fig.suptitle("\n".join(textwrap.wrap(titulo, ancho)), x=0.01, ha="left", fontsize=10.5, fontweight="bold")


def _maquetar(fig: Figure, rect: tuple[float, float, float, float] = (0, 0, 1, 1)) -> None:
    """Márgenes ajustados a los rótulos, una vez. Sin motor de maquetación después, ``savefig`` dibuja
    la figura una sola vez (con el motor vacío que deja ``tight_layout``, la dibuja antes en seco)."""
    fig.tight_layout(rect=rect)
    fig.set_layout_engine(None)


def _valor(v) -> float | None:
    return None if ceplan.es_faltante(v) else float(v)


def resultado_indicador(semestres: Sequence[str], esperados: Sequence, obtenidos: Sequence,
                        nombres: tuple[str, str], titulo: str, unidad: str, fmt: Callable) -> Figure:
    """Logro esperado y valor obtenido de un indicador: la misma función para uno o muchos semestres.

    Con un semestre no hay evolución que mostrar: dos barras horizontales, el logro esperado del año y
    el valor obtenido, sin eje de tiempo. Con varios, barras pareadas por semestre. Un valor no
    reportado se escribe «sin dato» (no se dibuja como cero).
    """
    esperados, obtenidos = [_valor(v) for v in esperados], [_valor(v) for v in obtenidos]
    if len(semestres) == 1:
        fig, ax = _figura(2.3)
        filas = [(nombres[0], esperados[0], NARANJA, "//"), (nombres[1], obtenidos[0], AZUL, "")]
        for y, (_, v, color, trama) in enumerate(filas):
            ax.barh(y, v or 0, 0.55, color=color, hatch=trama, edgecolor="white", linewidth=0.5)
            ax.annotate("sin dato" if v is None else fmt(v), (v or 0, y), xytext=(4, 0), textcoords="offset points",
                        va="center", fontsize=9)
        ax.set_yticks([0, 1], ["\n".join(textwrap.wrap(n, 26)) for n, *_ in filas])
        ax.invert_yaxis()
        ax.set_xlim(0, max([v for _, v, *_ in filas if v] + [1]) * 1.25)
        ax.set_xlabel(eje(unidad))
        ax.grid(axis="x")
        ax.grid(axis="y", visible=False)
        valores = ax.xaxis
    else:
        fig, ax = _figura(3.6)
        k = len(semestres)
        xs = list(range(k))
        for desplazamiento, serie, nombre, color, trama in ((-0.19, esperados, nombres[0], NARANJA, "//"),
                                                             (0.19, obtenidos, nombres[1], AZUL, "")):
            barras = ax.bar([x + desplazamiento for x in xs], [v or 0 for v in serie], 0.38, label=nombre,
                            color=color, hatch=trama, edgecolor="white", linewidth=0.5)
            for barra, v in zip(barras, serie):
                ax.annotate("sin dato" if v is None else fmt(v), (barra.get_x() + barra.get_width() / 2,
                                                                  barra.get_height()),
                            xytext=(0, 2), textcoords="offset points", ha="center", va="bottom",
                            fontsize=8 if k <= 6 else 6.5)
        ax.set_xticks(xs, [s.replace(" sem. ", "\nsem. ") if k > 6 else s for s in semestres])
        ax.set_ylabel(eje(unidad))
        ax.margins(y=0.18)
        ax.set_ylim(bottom=0)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12 if k <= 6 else -0.22), ncols=2)
        valores = ax.yaxis
    if unidad == "numero":  # un conteo no tiene marcas en 0.2 o 1.2 (p. ej. un eje de 0 a 1 con todo en cero)
        valores.set_major_locator(ticker.MaxNLocator(integer=True))
    _titulo(fig, titulo)
    _maquetar(fig)
    return fig


def presupuesto_aei(tabla, titulo: str) -> Figure:
    """PIM y devengado de cada AEI en barras horizontales, en millones de soles, con su ejecución escrita.

    El PIM va como barra clara con trama y el devengado como barra sólida sobre ella: lo ejecutado se
    lee como proporción del PIM sin depender del color. Una AEI sin presupuesto reportado sigue en el
    eje con la leyenda «sin presupuesto reportado».
    """
    k = len(tabla)
    alto = 1.6 + 0.36 * max(k, 1)
    fig, ax = _figura(alto)
    ys = list(range(k))
    pim = [0.0 if math.isnan(v) else v / 1e6 for v in tabla["pim"].astype("float64")]
    dev = [0.0 if math.isnan(v) else v / 1e6 for v in tabla["devengado"].astype("float64")]
    ax.barh(ys, pim, 0.72, color=CLARO, edgecolor=NARANJA, hatch="///", linewidth=0.6,
            label="Presupuesto Institucional Modificado (PIM)")
    ax.barh(ys, dev, 0.36, color=AZUL, label="Devengado")
    for y, p, e in zip(ys, pim, tabla["ejecucion"]):
        if math.isnan(e):
            ax.annotate("sin presupuesto reportado", (0, y), xytext=(3, 0), textcoords="offset points",
                        va="center", fontsize=8, color=GRIS, style="italic")
        else:
            ax.annotate(f"{formato.avance_ao(e)} ejecutado", (p, y), xytext=(4, 0), textcoords="offset points",
                        va="center", fontsize=8)
    ax.set_yticks(ys, list(tabla["codigo_aei"]))
    ax.invert_yaxis()
    ax.set_xlim(0, max(pim + [1.0]) * 1.22)
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _p: formato.numero(v)))
    ax.set_xlabel("Millones de soles (S/)")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    _titulo(fig, titulo)
    # La leyenda va al pie de la figura, en una franja propia de alto fijo: anclada a los ejes (en
    # fracción de su alto) se encimaba al rótulo del eje cuando había pocas AEI.
    fig.legend(*ax.get_legend_handles_labels(), loc="lower center", bbox_to_anchor=(0.5, 0.0), ncols=2)
    _maquetar(fig, (0, 0.3 / alto, 1, 1))
    return fig


def avance_actividades(nombres: Sequence[str], avances: Sequence[float], rotulos: Sequence[str],
                       reportados: Sequence[bool], titulo: str) -> Figure:
    """Avance de las AO de una AEI respecto a su meta física, una barra por AO, con su nombre completo.

    Las AO tienen unidades distintas (personas, servidores, grilletes): cada barra es el porcentaje de
    su propia meta, la línea discontinua marca lo programado (100%) y cada barra lleva escrito su
    ``rotulo``. Un avance que declara la fuente sin meta física (``reportados``) va con trama.
    """
    lineas = [textwrap.wrap(str(n), 46, break_long_words=True) or [""] for n in nombres]
    pasos = [0.5 + 0.25 * len(l) for l in lineas]  # alto de cada fila, en unidades del eje
    titulo_envuelto = textwrap.wrap(titulo, 72)
    # Pulgadas: título, eje y leyenda fijos; cada fila según sus renglones.
    fijo = 1.25 + 0.2 * len(titulo_envuelto)
    alto = fijo + 0.3 * sum(pasos)
    fig, ax = _figura(alto)
    ys, y = [], 0.0
    for paso in pasos:
        ys.append(y + paso / 2)
        y += paso
    for yy, a, reportado in zip(ys, avances, reportados):
        ax.barh(yy, a, 0.42, color="white" if reportado else AZUL, edgecolor=AZUL, hatch="///" if reportado else "",
                linewidth=0.8)
    ax.axvline(ceplan.AVANCE_MAXIMO, color=NARANJA, linestyle="--", linewidth=1.1, zorder=1)
    for yy, a, rotulo in zip(ys, avances, rotulos):
        ax.annotate(rotulo, (a, yy), xytext=(4, 0), textcoords="offset points", va="center", fontsize=7.5,
                    bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"}, zorder=3)
    ax.set_yticks(ys, ["\n".join(l) for l in lineas], fontsize=7.5)
    ax.set_ylim(y, 0)
    maximo = max([ceplan.AVANCE_MAXIMO, *avances])
    ax.set_xlim(0, maximo * 1.5)
    ax.set_xticks(list(range(0, int(maximo) + 1, 25)))
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _p: formato.porcentaje(v, 0)))
    ax.set_xlabel("Avance respecto a la meta física programada (%)")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    _titulo(fig, titulo)
    leyenda = [Patch(color=AZUL, label="Ejecutado / programado"),
               Line2D([], [], color=NARANJA, linestyle="--",
                      label=f"Meta física programada ({formato.porcentaje(ceplan.AVANCE_MAXIMO, 0)})")]
    if any(reportados):
        leyenda.insert(1, Patch(facecolor="white", edgecolor=AZUL, hatch="///", label="Avance reportado por la fuente"))
    fig.legend(handles=leyenda, loc="lower left", bbox_to_anchor=(0.01, 0.0), ncols=3, fontsize=7.5)
    _maquetar(fig, (0, 0.35 / alto, 1, 1))
    return fig
