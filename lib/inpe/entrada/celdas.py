"""Lo que dice una celda según el tipo de su columna: número, fecha, sí/no, código o valor de una lista.

Principio: lo que tiene una sola lectura posible se acepta y se anota un aviso; lo que admite dos
lecturas se rechaza con un error que dice cómo corregirlo. Nada se corrige en silencio.

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

    Un número que no es plausible para ningún dato del informe se rechaza aunque esté bien escrito:
    más de 15 cifras (``1`` seguido de 400 ceros) no se puede representar sin perder exactitud. El
    rango de cada columna lo fija su esquema.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

PUNTO = "punto decimal"
COMA = "coma decimal"
#: Cifras significativas que un número puede tener sin perder exactitud al leerse.
MAX_CIFRAS = 15

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
ERROR_DEMASIADAS_CIFRAS = (f"tiene más de {MAX_CIFRAS} cifras: no es un dato plausible del informe "
                           "(revise si se pegó algo de más)")
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
    if sum(ch.isdigit() for ch in cuerpo) > MAX_CIFRAS:
        return NumeroLeido(error=ERROR_DEMASIADAS_CIFRAS)
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
