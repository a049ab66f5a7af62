"""Cuadros del informe como tablas Markdown de barras: sobreviven a HTML y a Typst (PDF)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import quote

import pandas as pd

from inpe.calculo import ceplan
from inpe.calculo.implementacion import acciones_clave, conteo_mantenimientos
from inpe.redaccion import formato
from inpe.redaccion.actividades import rotulo_estado
from inpe.redaccion.escape import escapar_markdown
from inpe.redaccion.gramatica import fecha, mayuscula_inicial


class Negrita(str):
    """Celda que va en negrita (filas de AEI, totales); su texto se escapa igual."""


class Marcado(str):
    """Celda con marcado propio del módulo (p. ej. el nivel con su color); nunca con texto de los datos."""


def celda(valor) -> str:
    """Texto de una celda: escapado (un nombre con `|` o `<script>` no rompe la tabla) y en una línea."""
    if isinstance(valor, Marcado):
        return str(valor)
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


def con_leyenda(tabla: str, leyenda: str, id_: str) -> str:
    """Cuadro numerado (Cuadro N en los dos renderizadores): la leyenda va tras la tabla, con su etiqueta."""
    return f"{tabla}\n\n: {escapar_markdown(leyenda)} {{#{id_}}}"


ELABORACION = "Elaboración: INPE/Unidad de Planeamiento"


def pie(fuente: str | None = None) -> str:
    """Líneas "Fuente:" y "Elaboración:" bajo cada cuadro y figura.

    En HTML es un bloque de clase ``fuente``; en Typst, la función ``fuente`` de la plantilla
    (letra menor, pegada a lo que precede).
    """
    lineas = [f"Fuente: {escapar_markdown(fuente)}"] if fuente else []
    lineas.append(ELABORACION)
    return ("::: {.fuente}\n```{=typst}\n#fuente[\n```\n\n" + "  \n".join(lineas)
            + "\n\n```{=typst}\n]\n```\n:::")


#: Nivel del semáforo con su color: una marca por formato (la plantilla Typst y la hoja de estilo
#: comparten los colores); el nombre del nivel siempre va escrito.
def nivel(nombre: str) -> str:
    clave = str(nombre)
    if clave not in ("Alto", "Medio", "Bajo"):
        raise ValueError(f"nivel desconocido: {nombre!r}")
    return (f'`<span class="nivel nivel-{clave.lower()}">{clave}</span>`{{=html}}'
            f'`#nivel("{clave}")`{{=typst}}')


def cuadro_semaforizacion(aei: pd.DataFrame, indicadores: pd.DataFrame, anio: int, semestre: str) -> str:
    """Cuadro 3: cada AEI con su avance y nivel, y debajo sus indicadores; el nivel va escrito."""
    filas = []
    for _, a in aei.iterrows():
        filas.append([Negrita(a.codigo_aei), Negrita(a.denominacion), "", "", "",
                      Negrita(formato.porcentaje(a.avance)), Marcado(nivel(a.semaforo))])
        for _, i in indicadores[indicadores["codigo_aei"] == a.codigo_aei].iterrows():
            dec = int(i.decimales)
            filas.append([i.codigo_indicador, i.denominacion, i.sentido,
                          formato.valor_indicador(i.logro_esperado, i.unidad, dec),
                          formato.valor_indicador(i.valor_obtenido, i.unidad, dec),
                          formato.porcentaje(i.avance), Marcado(nivel(i.semaforo))])
    encabezados = ["Código", "Denominación", "Sentido esperado", f"Logro esperado {anio}",
                   f"Valor obtenido, {formato.semestre_texto(semestre)}", "Avance", "Nivel"]
    return tabla_md(filas, encabezados, "lllrrrl", anchos=[16, 38, 12, 10, 10, 9, 9])


def resumen_semaforo(conteo: dict[str, int]) -> str:
    """Tabla resumen: AEI por nivel de avance, con los umbrales de CEPLAN escritos."""
    medio, alto = formato.porcentaje(ceplan.UMBRAL_MEDIO, 0), formato.porcentaje(ceplan.UMBRAL_ALTO, 0)
    encabezados = [f"Bajo [{formato.porcentaje(0, 0)} – {medio}⟩", f"Medio [{medio} – {alto}⟩", f"Alto ≥ {alto}", "Total"]
    fila = ["Acciones estratégicas", *(formato.numero(conteo[k]) for k in ("Bajo", "Medio", "Alto", "Total"))]
    return tabla_md([fila], ["Nivel de avance", *encabezados], "lrrrr")


# --- cuadros de la implementación de las AEI (§3.2) y de los anexos ------------------------------


class Lista(tuple):
    """Celda que es una lista de viñetas (p. ej. las acciones clave de un compromiso).

    Se escribe como párrafos que empiezan con "•" y no como lista Markdown: el escritor
    Typst de Pandoc sangra mal la continuación de una viñeta dentro de una celda y la parte
    en dos párrafos.
    """


class Parrafos(tuple):
    """Celda con varios párrafos (cada elemento, texto o ``Negrita``), separados por una línea en blanco."""


class _Continua:
    """Marca de celda fusionada con la de arriba (rowspan) en ``tabla_grid``."""

    def __repr__(self) -> str:
        return "CONTINUA"


#: En ``tabla_grid``, la celda continúa la de la fila anterior (se fusionan, como en los cuadros de Word).
CONTINUA = _Continua()


#: Una palabra más larga que esto (un nombre de archivo, una dirección) no ensancha su columna: se
#: parte en renglones. Si no, una palabra de 500 letras dejaría sin ancho a las demás columnas.
PALABRA_MAXIMA = 16
_UNIDAD = re.compile(r"\\.|.", re.S)  # un carácter escapado cuenta como una unidad: no se parte


def _partir_palabra(palabra: str, ancho: int) -> list[str]:
    """Una palabra ya escapada, más ancha que ``ancho``, en trozos de a lo más ``ancho - 1`` caracteres."""
    trozos, actual = [], ""
    for unidad in _UNIDAD.findall(palabra):
        if actual and len(actual) + len(unidad) > ancho - 1:
            trozos.append(actual)
            actual = ""
        actual += unidad
    return trozos + [actual]


def _ajustar(texto: str, ancho: int) -> list[str]:
    """Renglones de a lo más ``ancho`` caracteres. Una palabra más larga se parte en renglones que
    terminan en barra invertida (salto de línea de Pandoc): el lector ve la palabra entera."""
    lineas, actual = [], ""
    for palabra in texto.split():
        trozos = _partir_palabra(palabra, ancho) if len(palabra) > ancho else [palabra]
        for k, trozo in enumerate(trozos):
            if actual and len(actual) + 1 + len(trozo) > ancho:
                lineas.append(actual)
                actual = ""
            actual = f"{actual} {trozo}" if actual else trozo
            if k < len(trozos) - 1:  # la palabra sigue en el renglón siguiente
                lineas.append(actual + "\\")
                actual = ""
    return lineas + [actual] if actual or not lineas else lineas


def _lineas_de_celda(valor, ancho: int) -> list[str]:
    """Líneas de una celda de tabla de cuadrícula, ajustadas a ``ancho`` y escapadas."""
    if valor is CONTINUA:
        return [""]
    if isinstance(valor, Lista):
        valor = Parrafos(f"• {item}" for item in valor)
    if isinstance(valor, Parrafos):
        lineas = []
        for k, p in enumerate(valor):
            lineas += ([""] if k else []) + _ajustar(celda(p), ancho)
        return lineas or [""]
    return _ajustar(celda(valor), ancho)


def _ancho_minimo(valor) -> int:
    """La palabra más larga de la celda (ya escapada), hasta :data:`PALABRA_MAXIMA`."""
    if valor is CONTINUA:
        return 1
    if isinstance(valor, (Parrafos, Lista)):
        return max((_ancho_minimo(p) for p in valor), default=1)
    return min(PALABRA_MAXIMA, max((len(p) for p in celda(valor).split()), default=1))


def tabla_grid(filas: Sequence[Sequence], encabezados: Sequence[str], anchos: Sequence[int],
               alineacion: str | None = None) -> str:
    """Tabla de cuadrícula (grid table) de Pandoc: celdas con varias líneas, listas y fusionadas.

    Se usa cuando una celda trae una lista (acciones clave) o cuando una celda abarca varias
    filas (el código y el nombre de la AEI frente a sus AO): una tabla de barras no puede.
    Una celda ``CONTINUA`` se fusiona con la de la fila anterior (rowspan en HTML y en
    Typst). ``anchos`` son los caracteres de cada columna (pesos relativos en HTML y PDF);
    se amplían si una palabra no cabe.
    """
    alineacion = alineacion or "l" * len(encabezados)
    if len(alineacion) != len(encabezados) or len(anchos) != len(encabezados):
        raise ValueError("la alineación y los anchos deben tener un valor por columna")
    for i, fila in enumerate(filas):
        if len(fila) != len(encabezados):
            raise ValueError(f"fila con {len(fila)} celdas; se esperaban {len(encabezados)}")
        if i == 0 and any(v is CONTINUA for v in fila):
            raise ValueError("la primera fila no puede continuar una celda: no hay celda arriba")
    anchos = [max(int(a), *(_ancho_minimo(f[i]) for f in [encabezados, *filas])) for i, a in enumerate(anchos)]
    if sum(anchos) + 3 * len(anchos) <= 72:  # Pandoc solo reparte todo el ancho si la tabla pasa de 72
        anchos[-1] += 73 - (sum(anchos) + 3 * len(anchos))

    def separador(caracter: str, abiertas=(), con_alineacion: bool = False) -> str:
        """Línea entre filas; en las columnas ``abiertas`` (fusionadas con la fila siguiente) no hay raya."""
        tramos = []
        for j, (a, al) in enumerate(zip(anchos, alineacion)):
            t = " " * (a + 2) if j in abiertas else caracter * (a + 2)
            if con_alineacion and al in "lc":
                t = ":" + t[1:]
            if con_alineacion and al in "rc":
                t = t[:-1] + ":"
            tramos.append(t)
        cruces = ["|" if (j == 0 or j - 1 in abiertas) and (j == len(tramos) or j in abiertas) else "+"
                  for j in range(len(tramos) + 1)]
        return "".join(c + t for c, t in zip(cruces, tramos)) + cruces[-1]

    def renglones(fila, alto_minimo: int = 1) -> list[str]:
        celdas = [_lineas_de_celda(v, a) for v, a in zip(fila, anchos)]
        alto = max(alto_minimo, *(len(c) for c in celdas))
        return ["|" + "|".join(" " + (c[k] if k < len(c) else "").ljust(a) + " " for c, a in zip(celdas, anchos)) + "|"
                for k in range(alto)]

    lineas = [separador("-"), *renglones(encabezados), separador("=", con_alineacion=True)]
    for i, fila in enumerate(filas):
        siguiente = filas[i + 1] if i + 1 < len(filas) else None
        abiertas = {j for j, v in enumerate(siguiente or []) if v is CONTINUA}
        lineas += [*renglones(fila), separador("-", abiertas)]
    return "\n".join(lineas)


def cuadro_ao_claves(aei: pd.Series, actividades: pd.DataFrame) -> str:
    """Cuadro "Actividades Operativas Claves de la AEI": el código y el nombre de la AEI en una
    celda fusionada frente a sus AO, como el cuadro del informe de referencia."""
    filas = [[Negrita(aei["codigo_aei"]), aei["denominacion"], ao.denominacion] if i == 0
             else [CONTINUA, CONTINUA, ao.denominacion] for i, ao in enumerate(actividades.itertuples())]
    return tabla_grid(filas, ["Código", "Acción Estratégica Institucional", "Actividad Operativa Clave"],
                      anchos=[12, 30, 56])


def cuadro_mantenimientos(mantenimientos: pd.DataFrame) -> str:
    """Mantenimientos por estado (con su número, contado de las filas), establecimiento y servicio."""
    filas = []
    for estado, n in conteo_mantenimientos(mantenimientos).items():
        grupo = mantenimientos[mantenimientos["estado"] == estado]
        rotulo = mayuscula_inicial(rotulo_estado(estado))
        for i, m in enumerate(grupo.itertuples()):
            filas.append([Negrita(f"{rotulo} ({formato.numero(n)})") if i == 0 else CONTINUA,
                          f"EP {m.establecimiento}", mayuscula_inicial(m.descripcion)])
    return tabla_grid(filas, ["Estado", "Establecimiento", "Servicio"], anchos=[16, 24, 60])


def cuadro_compromisos(compromisos: pd.DataFrame) -> str:
    """Matriz de compromisos en seis columnas que caben en una página vertical.

    Número, aspecto de mejora y recomendación van en celdas fusionadas por aspecto; cada
    acción clave (lista) lleva en una columna su unidad responsable, su medio de
    verificación y su plazo en letras, y en otra su estado de cumplimiento y el comentario
    de seguimiento. Son los nueve campos de la matriz; nueve columnas no se leerían en A4.
    """
    filas, anterior = [], None
    for c in compromisos.itertuples():
        nuevo = c.numero != anterior
        anterior = c.numero

        def grupo(valor, nuevo=nuevo):
            return valor if nuevo else CONTINUA

        acciones = acciones_clave(c.accion_clave)
        plazo = formato.SIN_DATO if ceplan.es_faltante(c.plazo) else fecha(c.plazo)
        responsable = Parrafos([Negrita(c.unidad_responsable), f"Medio de verificación: {c.medio_verificacion}",
                                f"Plazo: {plazo}"])
        seguimiento = Parrafos([Negrita(c.estado)] + ([] if ceplan.es_faltante(c.comentario) else [c.comentario]))
        filas.append([grupo(formato.numero(c.numero)), grupo(c.aspecto_mejora), grupo(c.recomendacion),
                      Lista(acciones), responsable, seguimiento])
    encabezados = ["N°", "Aspecto de mejora", "Recomendación", "Acción clave",
                   "Unidad responsable, medio de verificación y plazo", "Estado de cumplimiento y comentario"]
    return tabla_grid(filas, encabezados, anchos=[3, 19, 24, 32, 22, 22])


def lista_enlaces(enlaces: pd.DataFrame) -> str:
    """Viñetas con la descripción y el enlace visible (en el PDF se lee la dirección, no solo un texto)."""
    lineas = []
    for e in enlaces.itertuples():
        url = str(e.url).strip()
        destino = quote(url, safe=":/?#&=%+~.-_,;@!$*'")  # paréntesis y espacios no cierran el enlace
        lineas.append(f"- {escapar_markdown(str(e.descripcion).strip())}  \n  [{escapar_markdown(url)}]({destino})")
    return "\n".join(lineas)
