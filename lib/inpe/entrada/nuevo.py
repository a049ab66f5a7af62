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
from pathlib import Path

from . import semestres, textos
from .carpetas import codigos_del_plan, validar_plan
from .filas_del_plan import Tabla, codigos_por_tabla, denominaciones, tablas_nuevas
from .validacion import TablaValidada
from .xlsx import LIBRO


class ErrorAlPreparar(Exception):
    """No se preparó nada: el mensaje, en español, dice por qué y qué hacer."""


@dataclass
class Preparado:
    """Lo que :func:`preparar` dejó en la carpeta del semestre."""

    carpeta: Path
    visible: str
    tablas: dict[str, Tabla] = field(default_factory=dict)
    comentarios: list[str] = field(default_factory=list)
    excel: bool = False


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
            from . import plantilla_excel  # openpyxl solo cuando se pide el libro: `nuevo` sin él no lo carga

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
