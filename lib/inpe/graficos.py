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

from inpe import formato  # noqa: E402

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
    from inpe import narrativa

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
