"""La carpeta de un semestre nuevo, lista para llenar: ``python -m inpe nuevo 2024-S2 [--excel]``.

Lo que recibe el analista, y nada más (ningún valor se copia de otro semestre ni se inventa):

- cada tabla del semestre con su cabecera, tomada de los esquemas (:mod:`inpe.entrada.esquemas`);
- en las tablas cuya clave se puede enumerar desde el plan, una fila por clave con las demás columnas
  vacías (:func:`filas_del_plan`); en las demás, solo la cabecera;
- un comentario por cada texto que el informe lee (:data:`inpe.entrada.textos.TEXTOS_SEMESTRE`, por
  cada código del plan), sin texto y con un encabezado que dice qué escribir (:func:`encabezado`).

Las tablas van como CSV o, con ``excel=True``, en un libro ``datos.xlsx`` que sirve de plantilla
(:mod:`inpe.entrada.plantilla_excel`); los comentarios son siempre archivos ``.md``. Después,
``python -m inpe validar`` dice qué falta, archivo por archivo.

Cuándo una clave se enumera desde el plan. Una columna de la clave se enumera si es un código cuyo
patrón es el de la clave de una tabla del plan (``codigo_indicador``: los indicadores del plan;
``PLIEGO|AEI.NN.NN``: el literal ``PLIEGO`` y las AEI), o si es una lista cerrada que la tabla exige
completa (``entidad.concepto``). Si una columna de la clave no se enumera (un texto libre, un CUI,
una fecha), las filas no salen del plan y la tabla va solo con su cabecera.

El encabezado de cada comentario es un bloque de opciones (``---``) que solo trae líneas de
comentario YAML (``# …``): :mod:`inpe.entrada.textos` ya lee ese bloque y lo quita, así que un
archivo con solo el encabezado es un comentario vacío (no se publica nada) y el texto que se
escribe debajo se publica sin el encabezado. No hace falta ningún marcado que el lector de
Markdown tenga que admitir.
"""

from __future__ import annotations

import csv
import os
import re
import secrets
import shutil
import textwrap
from dataclasses import dataclass, field
from itertools import product
from pathlib import Path

from . import semestres, textos
from .carpetas import codigos_del_plan, validar_plan
from .esquemas import ESQUEMAS_PLAN, ESQUEMAS_SEMESTRE, Columna, Esquema
from .validacion import TablaValidada
from .xlsx import LIBRO


class ErrorAlPreparar(Exception):
    """No se preparó nada: el mensaje, en español, dice por qué y qué hacer."""


@dataclass(frozen=True)
class Tabla:
    """Una tabla del semestre nuevo: su esquema y sus filas (solo las columnas de la clave escritas)."""

    esquema: Esquema
    filas: list[dict[str, str]]
    #: Las columnas cuyos valores salieron del plan (o de la lista cerrada del esquema).
    del_plan: tuple[str, ...] = ()
    #: Si el plan la exige este semestre (obligatoria o pedida por un uso del plan).
    exigida: bool = True


@dataclass
class Preparado:
    """Lo que :func:`preparar` dejó en la carpeta del semestre."""

    carpeta: Path
    visible: str
    tablas: dict[str, Tabla] = field(default_factory=dict)
    comentarios: list[str] = field(default_factory=list)
    excel: bool = False


# ------------------------------------------------------------------ las filas que salen del plan

def _alternativas(patron: str) -> list[str]:
    """Las alternativas de primer nivel de una expresión regular (``PLIEGO|AEI…`` -> dos)."""
    partes, nivel, actual, escape = [], 0, "", False
    for c in patron:
        if escape:
            actual, escape = actual + c, False
            continue
        if c == "\\":
            actual, escape = actual + c, True
            continue
        if c in "([{":
            nivel += 1
        elif c in ")]}":
            nivel -= 1
        if c == "|" and nivel == 0:
            partes.append(actual)
            actual = ""
        else:
            actual += c
    return partes + [actual]


def _claves_del_plan() -> dict[str, str]:
    """Patrón del código que es la clave de una tabla del plan -> esa tabla (``AEI\\.[0-9]{2}…`` -> ``aei``)."""
    salida = {}
    for nombre, e in ESQUEMAS_PLAN.items():
        if len(e.clave) == 1 and (col := e.columna(e.clave[0])).tipo == "codigo":
            salida[col.patron] = nombre
    return salida


def origen(col: Columna) -> list[tuple[str, str]] | None:
    """De dónde salen todos los valores que admite la columna, si se pueden enumerar; None si no.

    Una lista de ``("valor", v)`` (la lista cerrada, «si»/«no», un literal del patrón como ``PLIEGO``)
    y ``("plan", tabla)`` (los códigos de esa tabla del plan, cuando el patrón es el de su clave).
    """
    if col.valores:
        return [("valor", str(v)) for v in col.valores]
    if col.tipo == "si_no":
        return [("valor", "si"), ("valor", "no")]
    if col.tipo != "codigo" or not col.patron:
        return None
    del_plan = _claves_del_plan()
    partes = []
    for alternativa in _alternativas(col.patron):
        if alternativa in del_plan:
            partes.append(("plan", del_plan[alternativa]))
        elif re.escape(alternativa) == alternativa and re.fullmatch(col.patron, alternativa):
            partes.append(("valor", alternativa))
        else:
            return None
    return partes


def codigos_por_tabla(plan: dict[str, TablaValidada]) -> dict[str, list[str]]:
    """Tabla del plan -> los códigos de su clave, en el orden del plan."""
    salida: dict[str, list[str]] = {}
    for nombre in _claves_del_plan().values():
        t, columna = plan.get(nombre), ESQUEMAS_PLAN[nombre].clave[0]
        if t is not None and t.df is not None and columna in t.df:
            salida[nombre] = [str(c) for c in dict.fromkeys(t.df[columna].dropna())]
    return salida


def valores_enumerables(col: Columna, codigos: dict[str, list[str]]) -> list[str] | None:
    """Los valores de :func:`origen`, con los códigos del plan en lugar de su tabla."""
    partes = origen(col)
    if partes is None:
        return None
    return [v for tipo, x in partes for v in ([x] if tipo == "valor" else codigos.get(x, []))]


def origen_de_filas(esquema: Esquema) -> dict[str, list[tuple[str, str]]] | None:
    """Si las filas de la tabla salen del plan: el :func:`origen` de cada columna de su clave; None si no.

    Un código se enumera siempre (una fila por código del plan); una lista cerrada, solo si la tabla
    la exige completa (``completa``): si no, no todas sus filas tienen que estar.
    """
    if not esquema.clave:
        return None
    salida = {}
    for nombre in esquema.clave:
        col = esquema.columna(nombre)
        partes = origen(col) if col.tipo == "codigo" or (col.valores and esquema.completa == nombre) else None
        if not partes:
            return None
        salida[nombre] = partes
    return salida


def filas_del_plan(esquema: Esquema, codigos: dict[str, list[str]]) -> list[dict[str, str]]:
    """Las filas de la tabla que se deducen del plan, con sus demás columnas vacías; [] si no se deducen."""
    if origen_de_filas(esquema) is None:
        return []
    listas = [valores_enumerables(esquema.columna(n), codigos) for n in esquema.clave]
    return [{c.nombre: "" for c in esquema.columnas} | dict(zip(esquema.clave, combinacion))
            for combinacion in product(*listas)]


def tablas_nuevas(plan: dict[str, TablaValidada], usos: list[str]) -> dict[str, Tabla]:
    """Cada tabla del semestre, con las filas que salen del plan (o solo la cabecera)."""
    codigos = codigos_por_tabla(plan)
    salida = {}
    for nombre, esquema in ESQUEMAS_SEMESTRE.items():
        filas = filas_del_plan(esquema, codigos)
        salida[nombre] = Tabla(esquema, filas, tuple(esquema.clave) if filas else (), esquema.exigido(usos))
    return salida


def denominaciones(plan: dict[str, TablaValidada]) -> dict[str, str]:
    """Código del plan -> su denominación (para que el analista sepa de qué trata cada fila o texto)."""
    salida: dict[str, str] = {}
    for nombre, esquema in ESQUEMAS_PLAN.items():
        t = plan.get(nombre)
        if len(esquema.clave) != 1 or t is None or t.df is None or "denominacion" not in t.df:
            continue
        for codigo, texto in zip(t.df[esquema.clave[0]], t.df["denominacion"]):
            if isinstance(codigo, str) and isinstance(texto, str):
                salida[codigo] = " ".join(texto.split())
    return salida


# ------------------------------------------------------------------ los comentarios

_QUE_ES = {"aei": "AEI", "indicador": "Indicador", "ao": "Actividad operativa"}
_ANCHO = 96


def _comentario_yaml(texto: str) -> list[str]:
    """Un párrafo como líneas de comentario YAML (``# …``); sin saltos propios: nada escapa del comentario."""
    return ["# " + linea for linea in textwrap.wrap(" ".join(texto.split()), _ANCHO - 2)] or ["#"]


def encabezado(clase: textos.Clase, codigo: str | None, denominacion: str | None) -> str:
    """El encabezado de un comentario por escribir: qué va en él y cómo, sin cifras.

    Solo líneas ``# …`` dentro del bloque de opciones: el lector las descarta (ver el docstring del
    módulo). La descripción de la clase pierde su referencia a la sección («(§3.1)»): un texto de
    ``data/`` no trae cifras escritas a mano.
    """
    que = re.sub(r"\s*\(§[^)]*\)", "", clase.descripcion).strip()
    lineas = ["---"] + _comentario_yaml(f"Qué escribir aquí: {que[:1].upper()}{que[1:]}.")
    if codigo is not None:
        tipo = next(t for t in _QUE_ES if "{" + t + "}" in clase.patron)
        lineas += _comentario_yaml(f"{_QUE_ES[tipo]} {codigo}" + (f": «{denominacion}»." if denominacion else "."))
    lineas += _comentario_yaml(
        "Escriba el texto debajo de la línea --- que cierra este bloque; las líneas que empiezan con # no se "
        "publican. Si no escribe nada, el informe no trae este comentario.")
    lineas += _comentario_yaml(
        "Sin cifras del semestre: las pone el informe desde las tablas. Se admiten párrafos, *énfasis*, "
        "**negrita**, listas y notas al pie [^clave] con una clave de plan/referencias_normativas.csv.")
    lineas += _comentario_yaml(
        "Para no publicarlo este semestre sin borrarlo, agregue en este bloque dos líneas sin #: "
        "«publicar: no» y «motivo: …».")
    return "\n".join(lineas + ["---", "", ""])


def comentarios_nuevos(plan: dict[str, TablaValidada]) -> dict[str, str]:
    """Nombre de archivo (sin .md) -> contenido, para cada texto que el informe lee del semestre."""
    codigos = codigos_del_plan(plan)
    nombres = denominaciones(plan)
    salida = {}
    for nombre, clase in textos.nombres_admitidos(textos.TEXTOS_SEMESTRE, codigos).items():
        if "{" in clase.patron:
            antes, _, despues = re.sub(r"\{\w+\}", "{}", clase.patron).partition("{}")
            codigo = nombre[len(antes):len(nombre) - len(despues)]
        else:
            codigo = None
        salida[nombre] = encabezado(clase, codigo, nombres.get(codigo) if codigo else None)
    return salida


# ------------------------------------------------------------------ la carpeta

def _sin_huecos(raiz: Path, semestre: str) -> None:
    """La serie de los indicadores no admite huecos: el semestre nuevo debe tocar a los que hay."""
    hay = semestres.en(raiz)
    if not hay or hay[0] < semestre < hay[-1]:
        return
    if semestre > hay[-1] and semestre != semestres.siguiente(hay[-1]):
        falta = semestres.siguiente(hay[-1])
        raise ErrorAlPreparar(
            f"no se puede preparar {semestre}: el último semestre con datos es {hay[-1]} y la serie de los "
            f"indicadores no admite huecos. Prepare antes {falta}: python -m inpe nuevo {falta}")
    if semestre < hay[0] and semestre != semestres.anterior(hay[0]):
        falta = semestres.anterior(hay[0])
        raise ErrorAlPreparar(
            f"no se puede preparar {semestre}: el primer semestre con datos es {hay[0]} y la serie de los "
            f"indicadores no admite huecos. Prepare antes {falta}: python -m inpe nuevo {falta}")


def _escribir_csv(ruta: Path, tabla: Tabla) -> None:
    """UTF-8 sin BOM, coma, una cabecera: la forma que se versiona (data/README.md, «Convenciones»)."""
    with ruta.open("w", encoding="utf-8", newline="") as f:
        escritor = csv.writer(f, lineterminator="\n")
        escritor.writerow(tabla.esquema.nombres)
        escritor.writerows([fila[c] for c in tabla.esquema.nombres] for fila in tabla.filas)


def preparar(raiz: Path, semestre: str, excel: bool = False) -> Preparado:
    """Crea ``raiz/<semestre>/`` (``raiz`` es la carpeta ``data``) con las tablas y los comentarios por llenar.

    Rechaza, sin crear nada: un semestre que no es ``AAAA-S1``/``AAAA-S2``, una carpeta que ya existe
    (no se sobrescribe nada), un semestre que dejaría un hueco en la serie y un plan con errores (las
    filas salen de sus códigos). Todo se escribe en una carpeta temporal que al final toma el nombre
    del semestre: si algo falla, no queda una carpeta a medias.
    """
    try:
        semestres.partes(semestre)  # antes de que el semestre forme una ruta
    except ValueError as e:
        raise ErrorAlPreparar(str(e)) from None
    raiz = Path(raiz)
    visible = f"{Path(raiz).resolve().name or raiz}/{semestre}"
    if not raiz.is_dir():
        raise ErrorAlPreparar(f"no existe la carpeta de datos ({raiz})")
    destino = raiz / semestre
    if destino.exists() or destino.is_symlink():
        hay = semestres.en(raiz)
        sigue = f" (el que sigue al último con datos es {semestres.siguiente(hay[-1])})" if hay else ""
        raise ErrorAlPreparar(
            f"ya existe {visible}: no se sobrescribe{sigue}. Si quiere empezar de nuevo, borre esa carpeta o "
            f"cámbiele el nombre; si ya la tiene, complétela y corra: python -m inpe validar {semestre}")
    _sin_huecos(raiz, semestre)
    v = validar_plan(raiz)
    if v.errores:
        n = len(v.errores)
        raise ErrorAlPreparar(
            f"el plan tiene {n} {'error' if n == 1 else 'errores'}; corríjalos antes de preparar un semestre "
            "(sus filas salen de los códigos del plan):\n" + "\n".join(f"  {i}. {f}" for i, f in enumerate(v.errores, 1)))
    hecho = Preparado(destino, visible, tablas_nuevas(v.plan, v.usos), excel=excel)
    comentarios = comentarios_nuevos(v.plan)
    hecho.comentarios = list(comentarios)
    # «.»: ni la validación ni el manifiesto la ven; mkdir (no mkdtemp): los permisos de cualquier carpeta
    temporal = raiz / f".{semestre}.preparando-{os.getpid()}-{secrets.token_hex(4)}"
    temporal.mkdir()
    try:
        if excel:
            from . import plantilla_excel

            plantilla_excel.escribir(temporal / LIBRO, semestre, hecho.tablas, codigos_por_tabla(v.plan),
                                     denominaciones(v.plan))
        else:
            for tabla in hecho.tablas.values():
                _escribir_csv(temporal / tabla.esquema.archivo, tabla)
        (temporal / "comentarios").mkdir()
        for nombre, contenido in comentarios.items():
            (temporal / "comentarios" / f"{nombre}.md").write_text(contenido, encoding="utf-8", newline="\n")
        if destino.exists():  # apareció mientras se escribía
            raise ErrorAlPreparar(f"ya existe {visible}: no se sobrescribe")
        temporal.rename(destino)
    except BaseException:
        shutil.rmtree(temporal, ignore_errors=True)
        raise
    return hecho


def resumen(p: Preparado) -> list[str]:
    """Lo que se preparó, en pocas líneas para la consola."""
    forma = f"un libro {LIBRO} con una hoja por tabla" if p.excel else "un CSV por tabla"
    con_filas = [f"{t.esquema.nombre} ({len(t.filas)})" for t in p.tablas.values() if t.filas]
    sin_filas = [t.esquema.nombre for t in p.tablas.values() if not t.filas and t.exigida]
    opcionales = [t.esquema.nombre for t in p.tablas.values() if not t.exigida]
    lineas = [f"{p.visible}: {len(p.tablas)} tablas ({forma}) y {len(p.comentarios)} comentarios por escribir en "
              f"{p.visible}/comentarios/.",
              "Filas que salen del plan, con sus valores por llenar: " + ", ".join(con_filas) + ".",
              "Solo con la cabecera (agregue las filas de la fuente): " + ", ".join(sin_filas) + "."]
    if opcionales:
        lineas.append("Opcionales para este plan (puede dejarlas vacías o borrarlas): " + ", ".join(opcionales) + ".")
    return lineas
