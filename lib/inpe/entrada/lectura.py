"""Lectura robusta de los CSV que producen las hojas de cálculo de los analistas.

Principio: lo que tiene una sola lectura posible se acepta y se anota un aviso
en el registro; lo que admite dos lecturas se rechaza con un error que dice cómo
corregirlo. Nada se corrige en silencio.

Este módulo lee un CSV como texto (todas las celdas como cadenas) y ofrece las
funciones que interpretan una celda según el tipo de su columna. Qué columnas son
numéricas, fechas, etc. lo dice :mod:`inpe.entrada.esquemas`; :mod:`inpe.entrada.validacion` junta
ambas cosas.

Codificación (se prueba en este orden)
    1. UTF-8 con BOM (lo que guarda Excel como «CSV UTF-8»): se acepta, con aviso.
    2. UTF-8 sin BOM: formato canónico, sin aviso.
    3. UTF-16 con BOM («Texto Unicode» de Excel): se acepta, con aviso.
    4. Si no es UTF-8 válido: Windows-1252 (el «ANSI» de Excel en Windows, que
       coincide con Latin-1 en todas las letras del castellano): se acepta, con
       aviso. Un archivo Latin-1 nunca es UTF-8 válido cuando lleva tildes o eñes,
       así que la detección no es ambigua.
    5. Si tampoco es Windows-1252 válido: error.
    Texto UTF-8 con «doble codificación» (p. ej. «Ã©» en lugar de «é») es ambiguo
    y se rechaza celda por celda.

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

Números (:func:`leer_numero`)
    Cada celda numérica se lee con dos convenciones:

    - «punto decimal» (la del Perú y la del formato canónico): punto decimal y, si
      acaso, coma como separador de miles en grupos de tres: ``1234.5``,
      ``1,234.56``, ``1,234``;
    - «coma decimal» (la de Excel configurado para España y otros países): coma
      decimal y, si acaso, punto de miles: ``12,5``, ``1.234,56``, ``1.234.567``.

    Un grupo de miles no empieza con cero y tiene exactamente tres cifras. Entonces:

    a. Sin separadores (``1234``) o en formato canónico (``1234.5``): sin aviso.
    b. Si solo una convención da un número válido, esa es la lectura: se acepta con
       aviso (``1,234.56`` → 1234.56; ``1.234,56`` → 1234.56; ``12,5`` → 12.5;
       ``0,125`` → 0.125 porque un grupo de miles no empieza con cero).
    c. Si las dos convenciones dan números distintos (``1.234`` y ``1,234``: mil
       doscientos treinta y cuatro o uno coma dos tres cuatro), decide la
       convención del archivo:

       - archivo separado por comas: la convención es «punto decimal» (en un CSV con
         comas Excel nunca escribe coma decimal): ``1,234`` → 1234 con aviso;
         ``1.234`` → 1.234 (formato canónico, sin aviso);
       - archivo separado por punto y coma: la convención la fijan las demás celdas
         numéricas del archivo que solo tienen una lectura (regla b o formato
         canónico con decimales). Si todas apuntan a la misma convención, se usa esa
         (aviso); si no hay ninguna o se contradicen, la celda es ambigua: error.
    d. En un archivo separado por comas no se acepta coma decimal (regla b con
       convención «coma decimal»): error.
    e. Se rechazan con un mensaje propio: símbolo de moneda (``S/``, ``S/.``, ``$``),
       signo ``%``, notación científica (``1.2E+05``, que Excel muestra en celdas
       angostas), errores de fórmula (``#N/A``, ``#¡VALOR!``, ``#DIV/0!``...) y
       marcas de «no disponible» (``-``, ``N/D``, ``s/d``...): el dato no
       disponible se deja en blanco.
    f. Cualquier otra cosa no es un número: error.

Fechas (:func:`leer_fecha`)
    Forma canónica ``AAAA-MM-DD``. Se aceptan con aviso: ``AAAA-MM-DD 00:00:00``
    (fecha con hora cero) y ``DD/MM/AAAA`` cuando solo un orden día/mes es posible
    (``30/06/2024``; también ``06/30/2024``, que solo puede ser mes/día) o ambos
    dan la misma fecha (``06/06/2024``). ``03/06/2024`` es ambigua: error.

Sí/no (:func:`leer_si_no`)
    ``si`` y ``no``; se aceptan con aviso ``Sí``, ``SI``, ``NO``, etc.

Códigos y valores de una lista (:func:`normalizar_codigo`, :func:`normalizar_valor`)
    Se quitan espacios internos y se pasan a mayúsculas los códigos si así cumplen
    su forma (``aei.01.01``, ``AEI. 01.01`` → ``AEI.01.01``, aviso); un valor de
    una lista cerrada escrito con otras mayúsculas o sin tilde se acepta si
    corresponde a un único valor permitido (``ascendente`` → ``Ascendente``, aviso).
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "Falla",
    "TablaCruda",
    "NumeroLeido",
    "leer_tabla",
    "decidir_convencion",
    "leer_numero",
    "leer_fecha",
    "leer_si_no",
    "normalizar_codigo",
    "normalizar_valor",
    "texto_de_numero",
    "doble_codificacion",
    "PUNTO",
    "COMA",
]

PUNTO = "punto decimal"
COMA = "coma decimal"


@dataclass(frozen=True)
class Falla:
    """Un error de datos, con todo lo que el analista necesita para corregirlo.

    ``archivo`` es la ruta relativa al proyecto (``data/2024-S1/presupuesto.csv``),
    ``fila`` el número de fila de la hoja de cálculo (cabecera = 1), ``columna`` el
    nombre de la columna, ``regla`` la regla incumplida (en español) y ``valor`` el
    contenido que se encontró en la celda.
    """

    archivo: str
    fila: int | None = None
    columna: str | None = None
    regla: str = ""
    valor: str | None = None

    def __str__(self) -> str:
        partes = [self.archivo]
        if self.fila is not None:
            partes.append(f"fila {self.fila}")
        if self.columna is not None:
            nombres = [c.strip() for c in self.columna.split(",")]
            if len(nombres) > 1:
                partes.append("columnas " + ", ".join(f"«{c}»" for c in nombres))
            else:
                partes.append(f"columna «{self.columna}»")
        texto = ", ".join(partes) + ": " + self.regla
        if self.valor is not None:
            texto += f" (valor encontrado: «{self.valor}»)"
        return texto


@dataclass
class TablaCruda:
    """Un CSV leído como texto: cabecera y filas con celdas ya sin espacios sobrantes."""

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


# --------------------------------------------------------------------------- archivo

_BOM_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def _decodificar(datos: bytes, tabla: TablaCruda) -> str | None:
    if datos.startswith(codecs.BOM_UTF8):
        tabla.codificacion = "utf-8-sig"
        try:
            texto = datos.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            tabla.errores.append(Falla(tabla.archivo, regla=(
                f"empieza como UTF-8 con BOM pero tiene bytes que no son UTF-8 (posición {e.start}); "
                "guárdelo de nuevo como «CSV UTF-8»")))
            return None
        tabla.avisos.append(f"{tabla.archivo}: está en UTF-8 con BOM (marca de Excel); se leyó como UTF-8.")
        return texto
    if datos.startswith(_BOM_UTF16):
        tabla.codificacion = "utf-16"
        try:
            texto = datos.decode("utf-16")
        except UnicodeDecodeError:
            tabla.errores.append(Falla(tabla.archivo, regla=(
                "empieza como UTF-16 pero no se puede leer; guárdelo como «CSV UTF-8»")))
            return None
        tabla.avisos.append(f"{tabla.archivo}: está en UTF-16 («Texto Unicode» de Excel); se leyó como UTF-16. "
                            "Guárdelo como «CSV UTF-8» para evitar este aviso.")
        return texto
    try:
        tabla.codificacion = "utf-8"
        return datos.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        texto = datos.decode("cp1252")
    except UnicodeDecodeError:
        tabla.codificacion = ""
        tabla.errores.append(Falla(tabla.archivo, regla=(
            "no está en UTF-8 ni en Latin-1/Windows-1252; guárdelo como «CSV UTF-8»")))
        return None
    tabla.codificacion = "cp1252"
    tabla.avisos.append(f"{tabla.archivo}: no está en UTF-8; se leyó como Latin-1 (Windows-1252). "
                        "Guárdelo como «CSV UTF-8» para evitar este aviso.")
    return texto


_SEP_PISTA = re.compile(r"^\ufeff?sep=(.)\s*$", re.IGNORECASE)


def _separar_primera_linea(texto: str) -> tuple[str, str]:
    fin = texto.find("\n")
    if fin < 0:
        return texto, ""
    return texto[:fin].rstrip("\r"), texto[fin + 1:]


def _separador_de_cabecera(linea: str) -> str | None:
    # fuera de comillas
    sin_comillas = re.sub(r'"[^"]*"', "", linea)
    tiene_coma = "," in sin_comillas
    tiene_pyc = ";" in sin_comillas
    if tiene_coma and not tiene_pyc:
        return ","
    if tiene_pyc and not tiene_coma:
        return ";"
    return None


def _fmt_filas(filas: list[int]) -> str:
    if len(filas) == 1:
        return f"la fila {filas[0]}"
    if filas == list(range(filas[0], filas[-1] + 1)):
        return f"las filas {filas[0]} a {filas[-1]}"
    return "las filas " + ", ".join(str(f) for f in filas[:-1]) + f" y {filas[-1]}"


def leer_tabla(ruta: Path, archivo: str) -> TablaCruda:
    """Lee ``ruta`` como texto. ``archivo`` es el nombre que se muestra en los mensajes.

    Nunca lanza excepciones por el contenido: los problemas quedan en
    ``tabla.errores`` y lo aceptado con reparos en ``tabla.avisos``.
    """
    tabla = TablaCruda(archivo=archivo)
    try:
        datos = Path(ruta).read_bytes()
    except OSError as e:
        tabla.errores.append(Falla(archivo, regla=f"no se puede abrir el archivo ({e.strerror})"))
        return tabla
    texto = _decodificar(datos, tabla)
    if texto is None:
        return tabla
    if not texto.strip().strip(",;"):
        tabla.errores.append(Falla(archivo, regla="el archivo está vacío: debe tener al menos la fila de cabecera"))
        return tabla

    primera, resto = _separar_primera_linea(texto)
    pista = _SEP_PISTA.match(primera)
    if pista and pista.group(1) in ",;":
        separador = pista.group(1)
        texto = resto
        tabla.avisos.append(f"{archivo}: la primera línea «{primera.strip()}» indica el separador; "
                            "se usó y no se cuenta como fila.")
    elif pista:
        tabla.errores.append(Falla(archivo, fila=1, regla=(
            "la línea «sep=» indica un separador que no se acepta; use coma o punto y coma"), valor=primera.strip()))
        return tabla
    else:
        # la cabecera puede no ser la primera línea si hay líneas en blanco al inicio
        lineas = texto.splitlines()
        cabecera_linea = next((l for l in lineas if l.strip().strip(",;")), "")
        separador = _separador_de_cabecera(cabecera_linea)
        if separador is None:
            if "\t" in cabecera_linea:
                regla = ("la cabecera está separada por tabuladores; guarde el archivo como CSV "
                         "separado por comas (o por punto y coma)")
            elif "," in cabecera_linea and ";" in cabecera_linea:
                regla = ("no se puede saber el separador: la cabecera tiene comas y puntos y coma; "
                         "use uno solo")
            else:
                regla = ("no se reconoce el separador: la cabecera debe tener los nombres de columna "
                         "separados por comas (o por punto y coma)")
            tabla.errores.append(Falla(archivo, fila=1, regla=regla, valor=cabecera_linea.strip()))
            return tabla
    tabla.separador = separador

    lector = csv.reader(io.StringIO(texto, newline=""), delimiter=separador, quotechar='"',
                        doublequote=True, strict=True)
    registros: list[list[str]] = []
    try:
        for registro in lector:
            registros.append(registro)
    except csv.Error:
        fila = len(registros) + 1
        tabla.errores.append(Falla(archivo, fila=fila, regla=(
            "hay comillas mal cerradas en esta fila (o en la anterior); cada texto entre comillas "
            "debe cerrarse y las comillas dentro de un texto se escriben dobles (\"\")")))
        return tabla

    espacios: list[tuple[int, str, str]] = []   # (fila, columna, valor original)

    def limpio(valor: str, fila: int, columna: str) -> str:
        v = valor.strip()
        if v != valor:
            espacios.append((fila, columna, valor))
        return v

    # Cabecera: primera fila no vacía. Las filas vacías previas se cuentan.
    inicio = 0
    while inicio < len(registros) and not any(c.strip() for c in registros[inicio]):
        inicio += 1
    if inicio >= len(registros):
        tabla.errores.append(Falla(archivo, regla="el archivo está vacío: debe tener al menos la fila de cabecera"))
        return tabla
    if inicio > 0:
        tabla.avisos.append(f"{archivo}: se ignoraron filas vacías antes de la cabecera "
                            f"({_fmt_filas(list(range(1, inicio + 1)))}).")
    fila_cabecera = inicio + 1
    tabla.fila_cabecera = fila_cabecera
    cabecera_cruda = [c.strip() for c in registros[inicio]]
    if any(c != c0 for c, c0 in zip(cabecera_cruda, registros[inicio])):
        espacios.append((fila_cabecera, "", ""))

    # columnas vacías al final de la cabecera: se aceptan si ninguna fila tiene algo en ellas
    n = len(cabecera_cruda)
    while n > 0 and cabecera_cruda[n - 1] == "":
        n -= 1
    cabecera = cabecera_cruda[:n]
    sobrantes_cabecera = len(cabecera_cruda) - n
    for i, nombre in enumerate(cabecera):
        if nombre == "":
            tabla.errores.append(Falla(archivo, fila=fila_cabecera, regla=(
                f"la columna {i + 1} de la cabecera no tiene nombre")))
    minusculas = [c.lower() for c in cabecera]
    if minusculas != cabecera:
        cambiadas = [c for c in cabecera if c != c.lower()]
        tabla.avisos.append(f"{archivo}: nombres de columna con mayúsculas ("
                            + ", ".join(f"«{c}»" for c in cambiadas) + "); se leyeron en minúsculas.")
    cabecera = minusculas
    tabla.cabecera = cabecera

    vacias: list[int] = []
    separadores_sobrantes = 1 if sobrantes_cabecera else 0
    filas: list[tuple[int, list[str]]] = []
    for i in range(inicio + 1, len(registros)):
        numero = i + 1
        registro = registros[i]
        if not any(c.strip() for c in registro):
            vacias.append(numero)
            continue
        if len(registro) > n:
            extra = registro[n:]
            if any(c.strip() for c in extra):
                tabla.errores.append(Falla(archivo, fila=numero, regla=(
                    f"la fila tiene {len(registro)} celdas con datos y la cabecera tiene {n} columnas; "
                    "¿hay un texto con coma (o punto y coma) sin comillas?")))
                continue
            separadores_sobrantes += 1
            registro = registro[:n]
        elif len(registro) < n:
            tabla.errores.append(Falla(archivo, fila=numero, regla=(
                f"la fila tiene {len(registro)} celdas y la cabecera tiene {n} columnas")))
            continue
        celdas = [limpio(v, numero, cabecera[j]) for j, v in enumerate(registro)]
        filas.append((numero, celdas))
    tabla.filas = filas

    if vacias:
        ultima_con_datos = filas[-1][0] if filas else fila_cabecera
        al_final = [v for v in vacias if v > ultima_con_datos]
        en_medio = [v for v in vacias if v < ultima_con_datos]
        if en_medio:
            tabla.avisos.append(f"{archivo}: se ignoraron filas vacías en medio de los datos "
                                f"({_fmt_filas(en_medio)}).")
        if al_final:
            tabla.avisos.append(f"{archivo}: se ignoraron {len(al_final)} "
                                + ("fila vacía" if len(al_final) == 1 else "filas vacías")
                                + f" al final ({_fmt_filas(al_final)}).")
    if separadores_sobrantes:
        tabla.avisos.append(f"{archivo}: se ignoraron separadores sobrantes al final de "
                            + ("1 fila." if separadores_sobrantes == 1 else f"{separadores_sobrantes} filas."))
    if espacios:
        ejemplo = next(((f, c, v) for f, c, v in espacios if c), None)
        texto_aviso = (f"{archivo}: se quitaron espacios sobrantes al inicio o al final de "
                       + ("1 celda" if len(espacios) == 1 else f"{len(espacios)} celdas"))
        if ejemplo:
            texto_aviso += f" (p. ej. fila {ejemplo[0]}, columna «{ejemplo[1]}»: «{ejemplo[2]}»)"
        else:
            texto_aviso += " (en la cabecera)"
        tabla.avisos.append(texto_aviso + ".")
    return tabla


# --------------------------------------------------------------------------- celdas

_MOJIBAKE = re.compile(r"Ã[\u0080-\u00bf\u2018-\u203a\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u02c6\u02dc]|Â[\u00a0-\u00bf]|â€")


def doble_codificacion(valor: str) -> bool:
    """True si el texto parece UTF-8 leído como Latin-1 y guardado otra vez («Ã©» por «é»)."""
    return bool(_MOJIBAKE.search(valor))


@dataclass(frozen=True)
class NumeroLeido:
    """Resultado de leer una celda numérica.

    ``valor`` es el número (None si la celda está vacía o hay error); ``aviso`` una
    clave del tipo de arreglo aceptado (``"miles"``, ``"coma_decimal"``,
    ``"punto_miles"``, ``"convencion"``); ``error`` un mensaje propio cuando el
    problema es reconocible, o ``"no_numero"`` para un texto que no es número.
    """

    valor: float | None = None
    aviso: str | None = None
    error: str | None = None


_LECTURA_PUNTO = re.compile(r"^(?:\d+(?:\.\d+)?|[1-9]\d{0,2}(?:,\d{3})+(?:\.\d+)?)$")
_LECTURA_COMA = re.compile(r"^(?:\d+(?:,\d+)?|[1-9]\d{0,2}(?:\.\d{3})+(?:,\d+)?)$")
_CIENTIFICA = re.compile(r"^[-+]?\d+(?:[.,]\d+)?[eE][-+]?\d+$")
_MONEDA = re.compile(r"(?i)(s/\.?|\$|us\$|pen\b)")
_NO_DISPONIBLE = {"-", "–", "—", "--", "n/d", "nd", "n.d.", "n.d", "na", "n/a", "s/d", "sd", "s.d.",
                  "null", "none", "nan", "?", "sin dato", "no disponible", "no aplica"}

ERROR_MONEDA = "debe ser un número sin el símbolo de moneda (S/)"
ERROR_PORCENTAJE = "debe ser un número sin el signo %"
ERROR_CIENTIFICA = ("está en notación científica (así lo muestra Excel en celdas angostas); "
                    "escriba el número completo")
ERROR_FORMULA = "es un error de fórmula de la hoja de cálculo; escriba el valor"
ERROR_NO_DISPONIBLE = "no es un número; si el dato no está disponible, deje la celda vacía"
ERROR_COMA_EN_CSV_COMAS = ("usa coma decimal en un archivo separado por comas; "
                           "escriba el número con punto decimal ({sugerencia})")
ERROR_AMBIGUO = ("es ambiguo: con punto decimal vale {a} y con coma decimal vale {b}, y el archivo "
                 "no permite decidir; escriba el número sin separador de miles y con punto decimal")
NO_NUMERO = "no_numero"


def texto_de_numero(x: float) -> str:
    """Número en formato canónico para mensajes: 1234.0 → ``1234``, 12.5 → ``12.5``."""
    if x == int(x) and abs(x) < 1e15:
        return str(int(x))
    return repr(float(x))


def _lecturas(cuerpo: str) -> tuple[float | None, float | None]:
    a = float(cuerpo.replace(",", "")) if _LECTURA_PUNTO.match(cuerpo) else None
    b = float(cuerpo.replace(".", "").replace(",", ".")) if _LECTURA_COMA.match(cuerpo) else None
    return a, b


def _cuerpo(texto: str) -> tuple[str, str]:
    signo = ""
    if texto[:1] in "-+":
        signo, texto = ("-" if texto[0] == "-" else ""), texto[1:]
    return signo, texto


def decidir_convencion(valores, separador: str) -> str | None:
    """Convención numérica de un archivo según sus celdas numéricas (regla c del módulo).

    Devuelve :data:`PUNTO`, :data:`COMA` o None si no se puede decidir.
    """
    if separador == ",":
        return PUNTO
    punto = coma = False
    for v in valores:
        if not v:
            continue
        _, cuerpo = _cuerpo(v.strip())
        a, b = _lecturas(cuerpo)
        if a is not None and b is None:
            punto = True
        elif b is not None and a is None:
            coma = True
    if punto and not coma:
        return PUNTO
    if coma and not punto:
        return COMA
    return None


def leer_numero(texto: str, convencion: str | None, separador: str = ",") -> NumeroLeido:
    """Lee una celda numérica (reglas a-f del docstring del módulo)."""
    t = texto.strip()
    if t == "":
        return NumeroLeido()
    if t.startswith("#"):
        return NumeroLeido(error=ERROR_FORMULA)
    if "%" in t:
        return NumeroLeido(error=ERROR_PORCENTAJE)
    if t.lower() in _NO_DISPONIBLE:
        return NumeroLeido(error=ERROR_NO_DISPONIBLE)
    if _MONEDA.search(t):
        return NumeroLeido(error=ERROR_MONEDA)
    if _CIENTIFICA.match(t):
        return NumeroLeido(error=ERROR_CIENTIFICA)
    signo, cuerpo = _cuerpo(t)
    a, b = _lecturas(cuerpo)
    if a is None and b is None:
        return NumeroLeido(error=NO_NUMERO)

    def con_signo(x: float) -> float:
        return -x if signo == "-" else x

    if a is not None and b is not None and a == b:
        return NumeroLeido(valor=con_signo(a))          # sin separadores: 1234
    if a is not None and b is None:
        return NumeroLeido(valor=con_signo(a), aviso="miles" if "," in cuerpo else None)
    if b is not None and a is None:
        if separador == ",":
            return NumeroLeido(error=ERROR_COMA_EN_CSV_COMAS.format(
                sugerencia=signo + texto_de_numero(b)))
        return NumeroLeido(valor=con_signo(b), aviso="punto_miles" if "." in cuerpo else "coma_decimal")
    # dos lecturas distintas: 1.234 o 1,234
    if separador == ",":
        return NumeroLeido(valor=con_signo(a), aviso="miles" if "," in cuerpo else None)
    if convencion == PUNTO:
        return NumeroLeido(valor=con_signo(a), aviso="convencion")
    if convencion == COMA:
        return NumeroLeido(valor=con_signo(b), aviso="convencion")
    return NumeroLeido(error=ERROR_AMBIGUO.format(a=signo + texto_de_numero(a), b=signo + texto_de_numero(b)))


_FECHA_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_FECHA_ISO_HORA = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T]00:00(?::00(?:\.0+)?)?$")
_FECHA_BARRAS = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")

ERROR_FECHA_AMBIGUA = ("es ambigua: puede ser {a} (día/mes) o {b} (mes/día); "
                       "escríbala como AAAA-MM-DD")


def _fecha(a: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(a, m, d)
    except ValueError:
        return None


def leer_fecha(texto: str) -> tuple[dt.date | None, str | None, str | None]:
    """Devuelve (fecha, clave de aviso, error). Error ``"no_fecha"`` = forma no reconocida."""
    t = texto.strip()
    if t == "":
        return None, None, None
    m = _FECHA_ISO.match(t)
    if m:
        f = _fecha(int(m[1]), int(m[2]), int(m[3]))
        return (f, None, None) if f else (None, None, "no_fecha")
    m = _FECHA_ISO_HORA.match(t)
    if m:
        f = _fecha(int(m[1]), int(m[2]), int(m[3]))
        return (f, "fecha_hora", None) if f else (None, None, "no_fecha")
    m = _FECHA_BARRAS.match(t)
    if m:
        x, y, anio = int(m[1]), int(m[2]), int(m[3])
        dm = _fecha(anio, y, x)   # día/mes
        md = _fecha(anio, x, y)   # mes/día
        if dm and md and dm != md:
            return None, None, ERROR_FECHA_AMBIGUA.format(a=dm.isoformat(), b=md.isoformat())
        f = dm or md
        if f is None:
            return None, None, "no_fecha"
        return f, "fecha_barras", None
    return None, None, "no_fecha"


def _sin_tildes(s: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFD", s) if unicodedata.category(c) != "Mn")


def leer_si_no(texto: str) -> tuple[bool | None, str | None, bool]:
    """Devuelve (valor, clave de aviso, es_error)."""
    t = texto.strip()
    if t == "":
        return None, None, False
    base = _sin_tildes(t).lower()
    if base not in ("si", "no"):
        return None, None, True
    return base == "si", (None if t == base else "si_no"), False


def normalizar_codigo(texto: str, patron: re.Pattern[str]) -> tuple[str, bool]:
    """Devuelve (código, cambiado). Solo cambia el texto si así cumple ``patron``."""
    if patron.fullmatch(texto):
        return texto, False
    candidato = re.sub(r"\s+", "", texto).upper()
    if candidato != texto and patron.fullmatch(candidato):
        return candidato, True
    return texto, False


def normalizar_valor(texto: str, permitidos) -> tuple[str, bool]:
    """Devuelve (valor, cambiado) para una lista cerrada de textos (sin distinguir mayúsculas ni tildes)."""
    permitidos = [str(p) for p in permitidos]
    if texto in permitidos:
        return texto, False
    base = _sin_tildes(texto).lower()
    candidatos = [p for p in permitidos if _sin_tildes(p).lower() == base]
    if len(candidatos) == 1:
        return candidatos[0], True
    return texto, False
