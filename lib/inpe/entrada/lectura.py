"""Lectura robusta de las tablas que producen las hojas de cálculo de los analistas.

Principio: lo que tiene una sola lectura posible se acepta y se anota un aviso
en el registro; lo que admite dos lecturas se rechaza con un error que dice cómo
corregirlo. Nada se corrige en silencio.

Este módulo lee una tabla como texto (todas las celdas como cadenas): un CSV
(:func:`leer_tabla`, con la codificación de :mod:`inpe.entrada.decodificacion`) o las filas
de una hoja de Excel (:func:`cargar_registros`, desde :mod:`inpe.entrada.xlsx`). Qué columnas
son numéricas, fechas, etc. lo dice :mod:`inpe.entrada.esquemas`; cómo se lee cada celda,
:mod:`inpe.entrada.celdas`; :mod:`inpe.entrada.validacion` junta todo.

Archivo
    Un CSV pesa a lo más :data:`MAX_BYTES`; una carpeta con nombre de CSV no es el archivo.

Separador
    Decide la fila de cabecera, porque ningún nombre de columna lleva coma ni punto
    y coma: si la cabecera solo tiene comas, el separador es la coma; si solo tiene
    punto y coma, es el punto y coma; si tiene ambos o ninguno, error. Una primera
    línea ``sep=;`` (pista que Excel entiende) fija el separador y se ignora (aviso).

Filas y celdas
    - Número de fila: el que ve el analista en la hoja de cálculo (la cabecera es la
      fila 1; una celda con saltos de línea sigue siendo una sola fila).
    - Se quitan los espacios (también los no separables) al inicio y al final de
      cada celda y de cada nombre de columna (un aviso por archivo).
    - Nombres de columna en mayúsculas: se pasan a minúsculas (aviso).
    - Filas completamente vacías (también las que solo tienen separadores): se
      ignoran (aviso; se distingue si están al final o en medio).
    - Separadores sobrantes al final de una fila o de la cabecera (celdas vacías
      después de la última columna): se ignoran (aviso). Si esas celdas tienen
      contenido, o si faltan celdas, la fila es un error.
    - Comillas mal cerradas: error.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from .decodificacion import decodificar
from .fallas import Falla

#: Tamaño máximo de un CSV (los del informe pesan unos pocos kilobytes).
MAX_BYTES = 20 * 1024 * 1024


@dataclass
class TablaCruda:
    """Una tabla leída como texto: cabecera y filas con celdas ya sin espacios sobrantes."""

    archivo: str
    codificacion: str = ""
    separador: str = ""
    cabecera: list[str] = field(default_factory=list)
    fila_cabecera: int = 1
    filas: list[tuple[int, list[str]]] = field(default_factory=list)
    avisos: list[str] = field(default_factory=list)
    errores: list[Falla] = field(default_factory=list)

    @property
    def legible(self) -> bool:
        """Si se pudo leer la cabecera (aunque haya filas con errores)."""
        return bool(self.cabecera)


def _fmt_filas(filas: list[int]) -> str:
    if len(filas) == 1:
        return f"la fila {filas[0]}"
    if filas == list(range(filas[0], filas[-1] + 1)):
        return f"las filas {filas[0]} a {filas[-1]}"
    return "las filas " + ", ".join(str(f) for f in filas[:-1]) + f" y {filas[-1]}"


# --------------------------------------------------------------------------- CSV

def leer_tabla(ruta: Path, archivo: str) -> TablaCruda:
    """Lee el CSV ``ruta``; ``archivo`` es el nombre que se muestra en los mensajes.

    Nunca lanza excepciones por el contenido: los problemas quedan en ``tabla.errores`` y lo
    aceptado con reparos en ``tabla.avisos``.
    """
    tabla = TablaCruda(archivo=archivo)
    ruta = Path(ruta)
    if ruta.is_dir():
        tabla.errores.append(Falla(archivo, regla="es una carpeta, no un archivo CSV; ponga allí el archivo"))
        return tabla
    try:
        if ruta.stat().st_size > MAX_BYTES:
            tabla.errores.append(Falla(archivo, regla=(
                f"pesa más de {MAX_BYTES // (1024 * 1024)} MB: no es una tabla del informe")))
            return tabla
        datos = ruta.read_bytes()
    except OSError as e:
        tabla.errores.append(Falla(archivo, regla=f"no se puede abrir el archivo ({e.strerror})"))
        return tabla
    leido = decodificar(datos, archivo)
    tabla.codificacion = leido.codificacion
    tabla.avisos += leido.avisos
    tabla.errores += leido.errores
    if leido.texto is None:
        return tabla
    if not leido.texto.strip().strip(",;"):
        tabla.errores.append(Falla(archivo, regla="el archivo está vacío: debe tener al menos la fila de cabecera"))
        return tabla
    texto = _separador(leido.texto, tabla)
    if texto is None:
        return tabla
    registros = _registros(texto, tabla)
    if registros is not None:
        cargar_registros(tabla, registros)
    return tabla


_SEP_PISTA = re.compile(r"^\ufeff?sep=(.)\s*$", re.IGNORECASE)


def _separador_de_cabecera(linea: str) -> str | None:
    sin_comillas = re.sub(r'"[^"]*"', "", linea)
    tiene_coma, tiene_pyc = "," in sin_comillas, ";" in sin_comillas
    if tiene_coma != tiene_pyc:
        return "," if tiene_coma else ";"
    return None


def _separador(texto: str, tabla: TablaCruda) -> str | None:
    """Fija ``tabla.separador``; devuelve el texto sin la línea ``sep=`` (None si no se puede decidir)."""
    primera, _, resto = texto.partition("\n")
    primera = primera.rstrip("\r")
    pista = _SEP_PISTA.match(primera)
    if pista and pista.group(1) in ",;":
        tabla.separador = pista.group(1)
        tabla.avisos.append(f"{tabla.archivo}: la primera línea «{primera.strip()}» indica el separador; "
                            "se usó y no se cuenta como fila.")
        return resto
    if pista:
        tabla.errores.append(Falla(tabla.archivo, fila=1, regla=(
            "la línea «sep=» indica un separador que no se acepta; use coma o punto y coma"), valor=primera.strip()))
        return None
    # la cabecera puede no ser la primera línea si hay líneas en blanco al inicio
    cabecera = next((l for l in texto.splitlines() if l.strip().strip(",;")), "")
    tabla.separador = _separador_de_cabecera(cabecera) or ""
    if tabla.separador:
        return texto
    if "\t" in cabecera:
        regla = ("la cabecera está separada por tabuladores; guarde el archivo como CSV separado por comas "
                 "(o por punto y coma)")
    elif "," in cabecera and ";" in cabecera:
        regla = "no se puede saber el separador: la cabecera tiene comas y puntos y coma; use uno solo"
    else:
        regla = ("no se reconoce el separador: la cabecera debe tener los nombres de columna separados por "
                 "comas (o por punto y coma)")
    tabla.errores.append(Falla(tabla.archivo, fila=1, regla=regla, valor=cabecera.strip()))
    return None


def _registros(texto: str, tabla: TablaCruda) -> list[list[str]] | None:
    lector = csv.reader(io.StringIO(texto, newline=""), delimiter=tabla.separador, quotechar='"',
                        doublequote=True, strict=True)
    registros: list[list[str]] = []
    try:
        registros.extend(lector)
    except csv.Error:
        tabla.errores.append(Falla(tabla.archivo, fila=len(registros) + 1, regla=(
            "hay comillas mal cerradas en esta fila (o en la anterior); cada texto entre comillas "
            "debe cerrarse y las comillas dentro de un texto se escriben dobles (\"\")")))
        return None
    return registros


# --------------------------------------------------------------------------- cabecera y filas

def cargar_registros(tabla: TablaCruda, registros: list[list[str]]) -> None:
    """Cabecera y filas desde los registros crudos (de un CSV o de una hoja de Excel)."""
    vacias_al_inicio = 0
    while vacias_al_inicio < len(registros) and not any(c.strip() for c in registros[vacias_al_inicio]):
        vacias_al_inicio += 1
    if vacias_al_inicio >= len(registros):
        tabla.errores.append(Falla(tabla.archivo, regla="el archivo está vacío: debe tener al menos la fila de cabecera"))
        return
    if vacias_al_inicio:
        tabla.avisos.append(f"{tabla.archivo}: se ignoraron filas vacías antes de la cabecera "
                            f"({_fmt_filas(list(range(1, vacias_al_inicio + 1)))}).")
    espacios: list[tuple[int, str, str]] = []  # (fila, columna, valor original)
    n, sobrantes = _cabecera(tabla, registros[vacias_al_inicio], vacias_al_inicio + 1, espacios)
    _filas(tabla, registros, vacias_al_inicio + 1, n, sobrantes, espacios)


def _cabecera(tabla: TablaCruda, registro: list[str], fila: int, espacios) -> tuple[int, bool]:
    """Fija la cabecera; devuelve cuántas columnas tiene y si había separadores sobrantes."""
    tabla.fila_cabecera = fila
    cruda = [c.strip() for c in registro]
    if cruda != registro:
        espacios.append((fila, "", ""))
    n = len(cruda)
    while n > 0 and cruda[n - 1] == "":  # columnas vacías al final: se aceptan si ninguna fila las usa
        n -= 1
    cabecera = cruda[:n]
    for i, nombre in enumerate(cabecera):
        if nombre == "":
            tabla.errores.append(Falla(tabla.archivo, fila=fila, regla=f"la columna {i + 1} de la cabecera no tiene nombre"))
    cambiadas = [c for c in cabecera if c != c.lower()]
    if cambiadas:
        tabla.avisos.append(f"{tabla.archivo}: nombres de columna con mayúsculas ("
                            + ", ".join(f"«{c}»" for c in cambiadas) + "); se leyeron en minúsculas.")
    tabla.cabecera = [c.lower() for c in cabecera]
    return n, len(cruda) > n


def _filas(tabla: TablaCruda, registros, primera: int, n: int, sobrantes_cabecera: bool, espacios) -> None:
    vacias: list[int] = []
    separadores_sobrantes = int(sobrantes_cabecera)
    for i in range(primera, len(registros)):
        numero, registro = i + 1, registros[i]
        if not any(c.strip() for c in registro):
            vacias.append(numero)
            continue
        if len(registro) > n:
            if any(c.strip() for c in registro[n:]):
                tabla.errores.append(Falla(tabla.archivo, fila=numero, regla=(
                    f"la fila tiene {len(registro)} celdas con datos y la cabecera tiene {n} columnas; "
                    "¿hay un texto con coma (o punto y coma) sin comillas?")))
                continue
            separadores_sobrantes += 1
            registro = registro[:n]
        elif len(registro) < n:
            tabla.errores.append(Falla(tabla.archivo, fila=numero, regla=(
                f"la fila tiene {len(registro)} celdas y la cabecera tiene {n} columnas")))
            continue
        celdas = [v.strip() for v in registro]
        espacios.extend((numero, tabla.cabecera[j], v) for j, v in enumerate(registro) if celdas[j] != v)
        tabla.filas.append((numero, celdas))
    _avisos_de_forma(tabla, vacias, separadores_sobrantes, espacios)


def _avisos_de_forma(tabla: TablaCruda, vacias: list[int], separadores_sobrantes: int, espacios) -> None:
    a = tabla.archivo
    if vacias:
        ultima = tabla.filas[-1][0] if tabla.filas else tabla.fila_cabecera
        en_medio = [v for v in vacias if v < ultima]
        al_final = [v for v in vacias if v > ultima]
        if en_medio:
            tabla.avisos.append(f"{a}: se ignoraron filas vacías en medio de los datos ({_fmt_filas(en_medio)}).")
        if al_final:
            tabla.avisos.append(f"{a}: se ignoraron {len(al_final)} "
                                + ("fila vacía" if len(al_final) == 1 else "filas vacías")
                                + f" al final ({_fmt_filas(al_final)}).")
    if separadores_sobrantes:
        tabla.avisos.append(f"{a}: se ignoraron separadores sobrantes al final de "
                            + ("1 fila." if separadores_sobrantes == 1 else f"{separadores_sobrantes} filas."))
    if espacios:
        ejemplo = next(((f, c, v) for f, c, v in espacios if c), None)
        texto = (f"{a}: se quitaron espacios sobrantes al inicio o al final de "
                 + ("1 celda" if len(espacios) == 1 else f"{len(espacios)} celdas"))
        texto += (f" (p. ej. fila {ejemplo[0]}, columna «{ejemplo[1]}»: «{ejemplo[2]}»)" if ejemplo
                  else " (en la cabecera)")
        tabla.avisos.append(texto + ".")
