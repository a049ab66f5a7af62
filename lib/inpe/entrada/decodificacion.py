"""Bytes de un archivo de texto (CSV o Markdown) a texto, con la misma regla para todos.

Codificación (se prueba en este orden)
    1. UTF-8 con BOM (lo que guarda Excel como «CSV UTF-8»): se acepta, con aviso.
    2. UTF-8 sin BOM: formato canónico, sin aviso.
    3. UTF-16 con BOM («Texto Unicode» de Excel): se acepta, con aviso.
    4. Si no es UTF-8 válido: Windows-1252 (el «ANSI» de Excel en Windows, que
       coincide con Latin-1 en todas las letras del castellano): se acepta, con
       aviso. Un archivo Latin-1 nunca es UTF-8 válido cuando lleva tildes o eñes,
       así que la detección no es ambigua.
    5. Si tampoco es Windows-1252 válido: error.

Un byte nulo nunca está en un texto: o el archivo es UTF-16 sin su marca BOM (cada letra
ASCII va con un cero al lado) o no es un texto; los dos casos se rechazan con su causa.
Texto UTF-8 con «doble codificación» (p. ej. «Ã©» en lugar de «é») es ambiguo y se
rechaza celda por celda (:func:`inpe.entrada.celdas.doble_codificacion`).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field

from .fallas import Falla

_BOM_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
GUARDE_UTF8 = "guárdelo como «CSV UTF-8»"


@dataclass
class Decodificado:
    texto: str | None = None
    codificacion: str = ""
    avisos: list[str] = field(default_factory=list)
    errores: list[Falla] = field(default_factory=list)


def _utf16_sin_bom(datos: bytes) -> bool:
    """Texto ASCII en UTF-16 sin BOM: un cero en casi todas las posiciones pares o impares."""
    muestra = datos[:4000]
    pares, impares = muestra[0::2], muestra[1::2]
    return any(len(m) > 4 and m.count(0) > 0.6 * len(m) for m in (pares, impares))


def decodificar(datos: bytes, archivo: str, guarde: str = GUARDE_UTF8) -> Decodificado:
    r = Decodificado()
    if datos.startswith(codecs.BOM_UTF8):
        r.codificacion = "utf-8-sig"
        try:
            r.texto = datos.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            r.errores.append(Falla(archivo, regla=(
                f"empieza como UTF-8 con BOM pero tiene bytes que no son UTF-8 (posición {e.start}); {guarde}")))
            return r
        r.avisos.append(f"{archivo}: está en UTF-8 con BOM (marca de Excel); se leyó como UTF-8.")
    elif datos.startswith(_BOM_UTF16):
        r.codificacion = "utf-16"
        try:
            r.texto = datos.decode("utf-16")
        except UnicodeDecodeError:
            r.errores.append(Falla(archivo, regla=f"empieza como UTF-16 pero no se puede leer; {guarde}"))
            return r
        r.avisos.append(f"{archivo}: está en UTF-16 («Texto Unicode» de Excel); se leyó como UTF-16. "
                        f"{guarde[:1].upper() + guarde[1:]} para evitar este aviso.")
    elif b"\x00" in datos:
        regla = (f"parece estar en UTF-16 sin marca BOM (cada letra va con un byte nulo); {guarde}"
                 if _utf16_sin_bom(datos) else
                 f"tiene bytes nulos (posición {datos.index(0)}): no es un archivo de texto; {guarde}")
        r.errores.append(Falla(archivo, regla=regla))
        return r
    else:
        try:
            r.codificacion, r.texto = "utf-8", datos.decode("utf-8")
        except UnicodeDecodeError:
            try:
                r.codificacion, r.texto = "cp1252", datos.decode("cp1252")
            except UnicodeDecodeError:
                r.codificacion = ""
                r.errores.append(Falla(archivo, regla=f"no está en UTF-8 ni en Latin-1/Windows-1252; {guarde}"))
                return r
            r.avisos.append(f"{archivo}: no está en UTF-8; se leyó como Latin-1 (Windows-1252). "
                            f"{guarde[:1].upper() + guarde[1:]} para evitar este aviso.")
    return r
