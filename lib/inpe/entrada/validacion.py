"""Validación de una tabla contra su esquema: cabecera, celdas, valores, claves y reglas de fila.

:func:`validar_tabla` recibe una tabla leída como texto (de un CSV o de una hoja de Excel) y su
:class:`~inpe.entrada.esquemas.Esquema`, y devuelve las filas con tipo y **todas** las fallas a la
vez (archivo, fila, columna, regla incumplida y valor encontrado, en español), más los avisos de
lo que se aceptó con reparos. Las referencias entre archivos las revisa
:mod:`inpe.entrada.referencias`; las carpetas y los semestres, :mod:`inpe.entrada.carpetas`.

Qué se revisa en cada tabla:

1. que estén sus columnas, ni de más ni de menos, sin repetir;
2. cada celda: los caracteres (:mod:`inpe.entrada.caracteres`), el largo de un texto, el tipo,
   obligatoria o no, valores permitidos, rangos y forma de los códigos (pandera, ``lazy=True``);
3. claves repetidas y tablas que deben traer todos los valores de una lista;
4. las reglas de fila que declara su esquema (devengado ≤ PIM, códigos que llevan dentro el de
   su AEI u OEI, …).
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .caracteres import primer_problema
from .celdas import (
    NO_NUMERO,
    decidir_convencion,
    doble_codificacion,
    leer_fecha,
    leer_numero,
    leer_si_no,
    normalizar_codigo,
    normalizar_valor,
    texto_de_numero,
)
from .esquemas import Columna, Contexto, Esquema
from .fallas import Falla
from .lectura import TablaCruda, leer_tabla

REGLA_VACIA = "la celda está vacía y el dato es obligatorio"
REGLA_MAL_CODIFICADO = ("tiene caracteres mal codificados (p. ej. «Ã©» en lugar de «é»); "
                        "vuelva a guardar el archivo original como «CSV UTF-8»")

_AVISOS = {
    "miles": "números con coma de miles, leídos sin ella",
    "coma_decimal": "números con coma decimal, leídos con punto decimal",
    "punto_miles": "números con punto de miles y coma decimal, leídos con punto decimal y sin separador de miles",
    "convencion": "números con dos lecturas posibles, leídos con la convención del resto del archivo ({conv})",
    "fecha_hora": "fechas con hora 00:00:00, leídas sin la hora",
    "fecha_barras": "fechas con barras, leídas como AAAA-MM-DD",
    "si_no": "valores «si»/«no» escritos de otra forma, leídos como «si»/«no»",
    "codigo": "códigos con minúsculas o espacios internos, leídos normalizados",
    "valor": "valores con otras mayúsculas o sin tildes, leídos como el valor permitido",
}


def plural(n: int, singular: str, plural_: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural_ or singular + 's')}"


@dataclass
class TablaValidada:
    """Una tabla ya validada: las filas con tipo (índice = fila de la hoja) y lo que se encontró."""

    esquema: Esquema
    archivo: str
    df: pd.DataFrame | None = None
    errores: list[Falla] = field(default_factory=list)
    avisos: list[str] = field(default_factory=list)
    crudos: dict[tuple[int, str], str] = field(default_factory=dict)
    con_error: set[tuple[int, str]] = field(default_factory=set)

    def columna_con_errores(self, columna: str) -> bool:
        return any(c == columna for _, c in self.con_error)

    def valor(self, fila: int, columna: str) -> str | None:
        return self.crudos.get((fila, columna))


# ------------------------------------------------------------------ una celda

@dataclass(frozen=True)
class _Celda:
    valor: object = None
    aviso: str | None = None
    leido: str | None = None      # cómo se leyó (para el aviso)
    error: str | None = None


def convertir(col: Columna, crudo: str, convencion: str | None, separador: str) -> _Celda:
    """Una celda de texto -> su valor con tipo, o la regla que incumple."""
    if crudo == "":
        return _Celda()
    if (p := primer_problema(crudo)) is not None:
        return _Celda(error=p[1])
    if col.tipo in ("texto", "codigo"):
        if len(crudo) > col.max_largo:
            return _Celda(error=f"tiene {len(crudo):,} caracteres; el máximo es {col.max_largo:,}")
        if doble_codificacion(crudo):
            return _Celda(error=REGLA_MAL_CODIFICADO)
        if col.tipo == "codigo":
            v, cambiado = normalizar_codigo(crudo, col.patron_compilado)
            return _Celda(v, "codigo", v) if cambiado else _Celda(v)
        if col.valores:
            v, cambiado = normalizar_valor(crudo, col.valores)
            return _Celda(v, "valor" if cambiado else None, v)
        return _Celda(crudo)
    if col.numerica:
        leido = leer_numero(crudo, convencion, separador)
        if leido.error:
            return _Celda(error=col.regla() if leido.error == NO_NUMERO else leido.error)
        x = leido.valor
        if col.tipo == "entero":
            if not float(x).is_integer():
                return _Celda(error=col.regla())
            x = int(x)
        return _Celda(x, leido.aviso, texto_de_numero(x))
    if col.tipo == "fecha":
        fecha, aviso, error = leer_fecha(crudo)
        if error:
            return _Celda(error=col.regla() if error == "no_fecha" else error)
        return _Celda(fecha, aviso, fecha.isoformat())
    if col.tipo == "si_no":
        b, aviso, error = leer_si_no(crudo)
        return _Celda(error=col.regla()) if error else _Celda(b, aviso, "si" if b else "no")
    raise AssertionError(col.tipo)


def _serie(col: Columna, valores: list, indice: list[int]) -> pd.Series:
    if col.tipo in ("texto", "codigo"):
        return pd.Series(valores, index=indice, dtype="str")
    if col.tipo == "entero":
        return pd.Series(pd.array(valores, dtype="Int64"), index=indice)
    if col.tipo == "decimal":
        return pd.Series([float("nan") if v is None else v for v in valores], index=indice, dtype="float64")
    if col.tipo == "fecha":
        return pd.Series(pd.to_datetime(pd.Series(valores, dtype="object")).to_numpy(dtype="datetime64[ns]"),
                         index=indice)
    if col.tipo == "si_no":
        return pd.Series(pd.array(valores, dtype="boolean"), index=indice)
    raise AssertionError(col.tipo)


# ------------------------------------------------------------------ una tabla

def validar_archivo(ruta: Path, esquema: Esquema, archivo: str) -> TablaValidada:
    """Lee y valida un CSV contra su esquema (sin reglas entre archivos)."""
    return validar_tabla(leer_tabla(ruta, archivo), esquema)


def validar_tabla(tabla: TablaCruda, esquema: Esquema) -> TablaValidada:
    res = TablaValidada(esquema=esquema, archivo=tabla.archivo, errores=list(tabla.errores), avisos=list(tabla.avisos))
    if not tabla.legible:
        return res
    posicion = _cabecera(tabla, esquema, res)
    presentes = [c for c in esquema.columnas if c.nombre in posicion]
    df, errores_celda = _celdas(tabla, presentes, posicion, res)
    errores_celda += _pandera(df, esquema, presentes, res)
    # las celdas con error quedan vacías para que no produzcan fallas derivadas
    for fila, columna in res.con_error:
        if columna in df.columns:
            df.loc[fila, columna] = pd.NA if str(df[columna].dtype) in ("Int64", "boolean") else None
    orden_col = {c.nombre: i for i, c in enumerate(esquema.columnas)}
    errores_celda.sort(key=lambda f: (f.fila or 0, orden_col.get(f.columna, -1)))
    res.errores += errores_celda
    res.errores += _claves(df, esquema, res)
    if esquema.completa and esquema.completa in df.columns and not res.columna_con_errores(esquema.completa):
        presentes_lista = set(df[esquema.completa].dropna())
        res.errores += [Falla(res.archivo, None, esquema.completa, f"falta la fila de «{v}»")
                        for v in esquema.columna(esquema.completa).valores if v not in presentes_lista]
    contexto = Contexto(res.archivo, df, res.valor)
    for regla in esquema.reglas:
        res.errores += regla(contexto)
    res.df = df
    return res


def _cabecera(tabla: TablaCruda, esquema: Esquema, res: TablaValidada) -> dict[str, int]:
    """Columnas de más, de menos o repetidas; devuelve la posición de cada columna presente."""
    esperadas = esquema.nombres
    fila = tabla.fila_cabecera
    vistas: set[str] = set()
    for nombre in tabla.cabecera:
        if nombre and nombre in vistas:
            res.errores.append(Falla(res.archivo, fila, nombre, "la columna está repetida en la cabecera"))
        vistas.add(nombre)
    faltantes = [c for c in esperadas if c not in vistas]
    for nombre in dict.fromkeys(tabla.cabecera):
        if nombre and nombre not in esperadas:
            parecida = difflib.get_close_matches(nombre, faltantes, n=1, cutoff=0.6)
            regla = (f"no es una columna de este archivo (¿quiso decir «{parecida[0]}»?)" if parecida
                     else "no es una columna de este archivo; sus columnas son: " + ", ".join(esperadas))
            res.errores.append(Falla(res.archivo, fila, nombre, regla))
    res.errores += [Falla(res.archivo, fila, nombre, "falta esta columna en la cabecera") for nombre in faltantes]
    posicion: dict[str, int] = {}
    for i, nombre in enumerate(tabla.cabecera):
        posicion.setdefault(nombre, i)
    return posicion


def _celdas(tabla: TablaCruda, presentes: list[Columna], posicion: dict[str, int], res: TablaValidada):
    numericas = [fila[posicion[c.nombre]] for _, fila in tabla.filas for c in presentes if c.numerica]
    convencion = decidir_convencion(numericas, tabla.separador)
    indice = [n for n, _ in tabla.filas]
    valores: dict[str, list] = {c.nombre: [] for c in presentes}
    avisos: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
    errores: list[Falla] = []
    for numero, celdas in tabla.filas:
        for col in presentes:
            crudo = celdas[posicion[col.nombre]]
            res.crudos[(numero, col.nombre)] = crudo
            c = convertir(col, crudo, convencion, tabla.separador)
            if c.error:
                errores.append(Falla(res.archivo, numero, col.nombre, c.error, crudo))
                res.con_error.add((numero, col.nombre))
            elif c.aviso:
                avisos[c.aviso].append((numero, col.nombre, crudo, c.leido))
            valores[col.nombre].append(c.valor)
    df = pd.DataFrame({c.nombre: _serie(c, valores[c.nombre], indice) for c in presentes},
                      index=pd.Index(indice, name="fila", dtype="int64"))
    for clave, casos in avisos.items():
        fila, columna, crudo, leido = casos[0]
        res.avisos.append(f"{res.archivo}: {_AVISOS[clave].format(conv=convencion or '')}: {plural(len(casos), 'celda')} "
                          f"(p. ej. fila {fila}, columna «{columna}»: «{crudo}» → {leido}).")
    return df, errores


def _pandera(df: pd.DataFrame, esquema: Esquema, presentes: list[Columna], res: TablaValidada) -> list[Falla]:
    """Obligatorias, valores permitidos, rangos y formas, con el mensaje en español de cada regla."""
    schema, mensajes = esquema.pandera([c.nombre for c in presentes])
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as e:
        errores = []
        for caso in e.failure_cases.to_dict("records"):
            columna, fila = caso["column"], caso["index"]
            if fila is None or pd.isna(fila) or columna not in df.columns:
                errores.append(Falla(res.archivo, regla=f"no cumple la regla «{caso['check']}»"))
                continue
            fila = int(fila)
            if (fila, columna) in res.con_error:
                continue
            if caso["check"] == "not_nullable":
                errores.append(Falla(res.archivo, fila, columna, REGLA_VACIA))
                continue
            numero = caso["check_number"]
            regla = mensajes.get((columna, int(numero))) if numero is not None else None
            errores.append(Falla(res.archivo, fila, columna, regla or f"no cumple la regla «{caso['check']}»",
                                 res.valor(fila, columna)))
            res.con_error.add((fila, columna))
        return errores
    return []


def _claves(df: pd.DataFrame, esquema: Esquema, res: TablaValidada) -> list[Falla]:
    if not esquema.clave or not all(c in df.columns for c in esquema.clave):
        return []
    completas = df[list(esquema.clave)].dropna()
    repetidas = completas[completas.duplicated(keep=False)]
    primera: dict[tuple, int] = {}
    errores = []
    for fila, fila_valores in repetidas.iterrows():
        llave = tuple(fila_valores)
        if llave not in primera:
            primera[llave] = fila
            continue
        regla = (f"está repetido: ya aparece en la fila {primera[llave]} (debe ser único)" if len(esquema.clave) == 1
                 else f"la combinación está repetida: ya aparece en la fila {primera[llave]} (debe ser única)")
        errores.append(Falla(res.archivo, int(fila), ", ".join(esquema.clave), regla,
                             " / ".join(res.valor(int(fila), c) or "" for c in esquema.clave)))
    return errores
