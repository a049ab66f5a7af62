"""Piezas de la gramática del informe: concordancia, enumeraciones, cantidades en letras, fechas.

Texto plano: lo que devuelven estas funciones no trae marcado; el que lo inserta en Markdown lo
escapa (:func:`lista` ya lo hace, para nombres que vienen de los datos).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import pandas as pd
from babel.dates import format_date

from inpe.redaccion import formato
from inpe.redaccion.escape import escapar_markdown


def segun(n: float, singular: str, plural: str) -> str:
    """La forma que concuerda con ``n``: "registra"/"registran", "establecimiento"/"establecimientos"."""
    return singular if n == 1 else plural


def cantidad(n: int, genero: str = "f") -> str:
    """"tres (03)"; "ninguna"/"ningún" cuando es cero (ante sustantivo)."""
    n = int(n)
    if n == 0:
        return "ninguna" if genero == "f" else "ningún"
    return formato.en_letras(n, genero)


def cantidad_pronominal(n: int, genero: str = "m") -> str:
    """Cantidad en letras sin sustantivo detrás: "uno (01)", no "un (01)" ("cuatro culminados y uno con buena pro")."""
    texto = formato.en_letras(n, genero)
    if genero == "m":
        texto = re.sub(r"\bveintiún \(", "veintiuno (", texto)
        texto = re.sub(r"\bun \(", "uno (", texto)
    return texto


def cantidad_con_articulo(n: int, singular: str, plural: str, genero: str = "f") -> str:
    """"las seis (06) AEI priorizadas", "una (01) AEI priorizada", "ninguna AEI priorizada"."""
    n = int(n)
    if n == 0:
        return f"{cantidad(0, genero)} {singular}"
    if n == 1:
        return f"{formato.en_letras(1, genero)} {singular}"
    return f"{'las' if genero == 'f' else 'los'} {formato.en_letras(n, genero)} {plural}"


def enumerar(elementos: Iterable, conjuncion: str = "y") -> str:
    """"a, b y c"; la coma y la conjunción las pone la gramática, no el dato."""
    elementos = [str(e) for e in elementos]
    if len(elementos) <= 1:
        return "".join(elementos)
    return ", ".join(elementos[:-1]) + f" {conjuncion} " + elementos[-1]


def enumerar_con_punto_y_coma(elementos: Sequence[str]) -> str:
    """"a; b; y c": para partes que ya llevan comas dentro."""
    elementos = list(elementos)
    if len(elementos) <= 1:
        return "".join(elementos)
    return "; ".join(elementos[:-1]) + "; y " + elementos[-1]


def lista(elementos: Iterable) -> str:
    """"a, b y c" con los nombres escapados (Markdown)."""
    return enumerar(escapar_markdown(str(e)) for e in elementos)


def fecha(dia) -> str:
    """"30 de junio de 2024" (es_PE: "6 de setiembre de 2024")."""
    return format_date(pd.Timestamp(dia).date(), "long", locale=formato.LOCALE)


def mes(mes_anio) -> str:
    """"2024-03" (o una fecha) → "marzo de 2024"."""
    return format_date(pd.Timestamp(str(mes_anio)).date(), "MMMM 'de' y", locale=formato.LOCALE)


def minuscula_inicial(texto: str) -> str:
    """Primera letra en minúscula (un concepto que pasa a mitad de oración); una sigla queda ("EP Puno")."""
    if not texto or (len(texto) > 1 and texto[1].isupper()):
        return texto
    return texto[:1].lower() + texto[1:]


def mayuscula_inicial(texto: str) -> str:
    """Primera letra en mayúscula (un fragmento que pasa a encabezar una oración)."""
    return texto[:1].upper() + texto[1:] if texto else texto


def cerrar(texto: str) -> str:
    """Termina la oración con punto si no lo tiene (los textos de los datos llegan con o sin él)."""
    texto = texto.strip()
    return texto if not texto or texto.endswith((".", ":", "!", "?", "…")) else texto + "."


def variante(orden: int, *opciones: str) -> str:
    """La forma ``orden`` de las ``opciones``, en ronda: variedad estable, sin azar.

    El mismo lugar da siempre la misma forma (el informe es reproducible); lugares seguidos dan
    formas distintas, para que once secciones no empiecen con la misma frase.
    """
    return opciones[int(orden) % len(opciones)]
