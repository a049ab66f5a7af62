"""Esquemas de las tablas de ``data/``: una declaración por archivo, la única fuente de verdad.

Cada :class:`Esquema` dice qué columnas tiene el archivo, de qué tipo es cada una, si puede
quedar vacía, qué valores o qué rango admite, qué columnas forman su clave, qué reglas cumple
cada fila y cuándo es obligatorio. De esa declaración salen la conversión de texto a tipos
(:mod:`inpe.entrada.validacion`), el esquema ``pandera`` que revisa valores, rangos y formas
(:meth:`Esquema.pandera`), los mensajes en español de cada regla (:meth:`Columna.regla`), la
plantilla de un semestre nuevo y el diccionario de datos (``data/README.md``, que genera
:mod:`inpe.entrada.diccionario`).

Tipos de columna:

``texto``    cadena libre (``str``); con ``valores`` es una lista cerrada.
``codigo``   cadena que cumple ``patron`` (expresión regular completa).
``entero``   número entero (``Int64``).
``decimal``  número (``float64``).
``fecha``    fecha ``AAAA-MM-DD`` (``datetime64``).
``si_no``    ``si`` / ``no`` (``bool``).

Una celda vacía es «dato no disponible»: solo se admite en columnas con ``obligatoria=False``.
Cada número tiene un rango plausible (``minimo``, ``maximo``) y cada texto un largo máximo: un
valor fuera de ellos es un error de tipeo o de pegado, no un dato.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import pandas as pd
import pandera.pandas as pa

from .fallas import Falla

PATRON_OEI = r"OEI\.[0-9]{2}"
PATRON_AEI = r"AEI\.[0-9]{2}\.[0-9]{2}"
PATRON_INDICADOR = r"IND\.[0-9]{2}\.AEI\.[0-9]{2}\.[0-9]{2}"
PATRON_AO = r"AO\.[0-9]{2}\.[0-9]{2}\.[0-9]{2}"
PATRON_CUI = r"[0-9]{7}"
PATRON_MES = r"[0-9]{4}-(?:0[1-9]|1[0-2])"
PATRON_FECHA_PARCIAL = r"[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?"
_MENSAJE_FECHA_PARCIAL = "debe ser una fecha AAAA-MM-DD, un mes AAAA-MM o un año AAAA"

TIPOS = ("texto", "codigo", "entero", "decimal", "fecha", "si_no")
DTYPES = {"texto": "str", "codigo": "str", "entero": "Int64", "decimal": "float64",
          "fecha": "datetime64[ns]", "si_no": "bool"}
#: Largo máximo de un texto si la columna no dice otro (un nombre, una denominación).
LARGO_TEXTO = 600

#: Cómo se explica un indicador (columna ``explicacion`` del plan) -> tablas del semestre que usa.
EXPLICACIONES = {
    "evaluacion_intramuros": ("evaluacion_tratamiento", "poblacion"),
    "evaluacion_extramuros": ("evaluacion_tratamiento", "poblacion"),
    "obras_albergue": ("obras",),
    "locales_medio_libre": ("locales_medio_libre", "obras"),
    "actos_por_oficina": ("actos_violentos",),
    "profesionales": ("profesionales", "poblacion"),
    "interconexion": ("interconexion",),
}
#: Qué dice el informe con cada explicación y cada presentación (para el diccionario de datos).
QUE_DICE = {
    "evaluacion_intramuros": "población intramuros al corte y establecimientos; evaluados, favorables y sin evaluar; "
                             "variación de la población en un año",
    "evaluacion_extramuros": "atendidos en programas estructurados y favorables; variación de la población extramuros",
    "obras_albergue": "obras culminadas en el semestre con sus unidades; obras en curso por estado y lo que agregarán",
    "locales_medio_libre": "obras de medio libre en curso y establecimientos de medio libre por situación del local",
    "actos_por_oficina": "cuánto del total ocurrió en las oficinas regionales que se nombran",
    "profesionales": "profesionales por medio y población total; cuántos harían falta para la tasa esperada",
    "interconexion": "interconectados por tipo de establecimiento, lo que falta para la meta y los pendientes",
    "meta_fisica": "meta física programada frente a la ejecutada, o el avance que reporta la fuente; desagregado",
    "obras_en_ejecucion": "inversiones culminadas, en ejecución y con contrato, con su nota por CUI",
    "expedientes_tecnicos": "expedientes técnicos en elaboración (con sus hitos previstos) y aprobados",
    "mantenimientos": "mantenimientos por estado y su cuadro por establecimiento",
}
#: Cómo se presenta una actividad operativa (columna ``presentacion`` del plan) -> tablas que usa.
PRESENTACIONES = {
    "meta_fisica": (),
    "obras_en_ejecucion": ("obras",),
    "expedientes_tecnicos": ("obras",),
    "mantenimientos": ("mantenimientos",),
}


def _decimales(x: float) -> int:
    """Cifras decimales de un número leído de texto (``repr`` da la forma decimal más corta)."""
    texto = repr(float(x))
    if "e" in texto or "E" in texto:
        return 99 if abs(x) < 1 else 0
    return len(texto.split(".")[1].rstrip("0")) if "." in texto else 0


def numero_legible(x: float) -> str:
    """1000000 -> «1,000,000» (para reglas y el diccionario: el analista ve el rango como en el informe)."""
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,}"


@dataclass(frozen=True)
class Columna:
    nombre: str
    tipo: str
    obligatoria: bool = True
    valores: tuple = ()
    patron: str | None = None
    forma: str | None = None          # para el mensaje de un código: «AEI.NN.NN»
    ejemplo: str | None = None        # para el mensaje de un código: «AEI.01.01»
    minimo: float | None = None
    maximo: float | None = None
    max_decimales: int | None = None
    max_largo: int = LARGO_TEXTO
    unidad: str = ""
    descripcion: str = ""
    mensaje: str | None = None        # regla propia, si la generada no basta

    def __post_init__(self):
        if self.tipo not in TIPOS:
            raise ValueError(f"tipo desconocido {self.tipo!r} en la columna {self.nombre!r}")
        if self.tipo == "codigo" and not self.patron:
            raise ValueError(f"la columna de código {self.nombre!r} necesita un patrón")
        if self.numerica and not self.valores and (self.minimo is None or self.maximo is None):
            raise ValueError(f"la columna numérica {self.nombre!r} necesita un rango plausible")

    @property
    def numerica(self) -> bool:
        return self.tipo in ("entero", "decimal")

    @property
    def patron_compilado(self) -> re.Pattern[str] | None:
        return re.compile(self.patron) if self.patron else None

    def regla(self) -> str:
        """La regla de la columna, como se lee en un mensaje de error."""
        if self.mensaje:
            return self.mensaje
        if self.valores:
            lista = [str(v) for v in self.valores]
            if len(lista) == 2:
                return f"debe ser {lista[0]} o {lista[1]}"
            return "debe ser uno de: " + ", ".join(lista)
        if self.tipo == "codigo":
            return f"debe ser un código con la forma {self.forma} (p. ej. {self.ejemplo})"
        if self.tipo == "fecha":
            return "debe ser una fecha con la forma AAAA-MM-DD (p. ej. 2024-06-30)"
        if self.tipo == "si_no":
            return "debe ser «si» o «no»"
        if self.numerica:
            base = "un número entero" if self.tipo == "entero" else "un número"
            if self.unidad == "%":
                return (f"debe ser un porcentaje entre {numero_legible(self.minimo)} y "
                        f"{numero_legible(self.maximo)}, sin el signo %")
            return f"debe ser {base} entre {numero_legible(self.minimo)} y {numero_legible(self.maximo)}"
        return "debe ser un texto"

    def rango(self) -> str:
        """Lo que admite la columna, en el diccionario de datos."""
        if self.valores:
            return " | ".join(f"`{v}`" for v in self.valores)
        if self.numerica:
            texto = f"{numero_legible(self.minimo)} a {numero_legible(self.maximo)}"
            return texto + (f", hasta {self.max_decimales} decimales" if self.max_decimales is not None else "")
        if self.tipo == "codigo" and self.forma:
            return f"`{self.forma}`"
        if self.tipo in ("texto", "codigo"):
            return f"hasta {numero_legible(self.max_largo)} caracteres"
        return ""

    def checks(self) -> list[tuple[pa.Check, str]]:
        """Checks de pandera con el mensaje en español de cada uno."""
        regla = self.regla()
        lista: list[tuple[pa.Check, str]] = []
        if self.valores:
            lista.append((pa.Check.isin(list(self.valores)), regla))
        if self.patron:
            lista.append((pa.Check.str_matches(rf"^(?:{self.patron})$"), regla))
        if self.minimo is not None:
            lista.append((pa.Check.ge(self.minimo), regla))
        if self.maximo is not None:
            lista.append((pa.Check.le(self.maximo), regla))
        if self.max_decimales is not None:
            n = self.max_decimales
            lista.append((pa.Check(lambda x: _decimales(x) <= n, element_wise=True,
                                   name=f"max_decimales_{n}"),
                          f"debe tener como máximo {n} decimales"))
        return lista


# ---------------------------------------------------------------- reglas de fila

@dataclass(frozen=True)
class Contexto:
    """Lo que una regla de fila ve de su archivo: el nombre, las filas con tipo y el texto crudo."""

    archivo: str
    df: pd.DataFrame
    valor: Callable[[int, str], str | None]


Regla = Callable[[Contexto], list[Falla]]


def _filas(c: Contexto, *columnas: str):
    if not set(columnas) <= set(c.df.columns):
        return
    for fila, *valores in zip(c.df.index, *(c.df[col] for col in columnas)):
        if all(pd.notna(v) for v in valores):
            yield int(fila), valores


def no_mayor_que(columna: str, tope: str, nombre_tope: str) -> Regla:
    """``columna`` ≤ ``tope`` en cada fila (devengado ≤ PIM)."""
    def regla(c: Contexto) -> list[Falla]:
        return [Falla(c.archivo, fila, columna, f"no puede ser mayor que {nombre_tope} ({c.valor(fila, tope)})",
                      c.valor(fila, columna))
                for fila, (x, y) in _filas(c, columna, tope) if x > y + 1e-9]
    regla.__doc__ = f"«{columna}» no puede ser mayor que {nombre_tope}."
    return regla


def codigo_dentro(columna: str, de: str, esperado: Callable[[str], str], que: str) -> Regla:
    """El código de ``columna`` debe ser el que lleva dentro el código de ``de`` (AEI.02.01 -> OEI.02)."""
    def regla(c: Contexto) -> list[Falla]:
        return [Falla(c.archivo, fila, columna, f"no corresponde {que} {cod} (se esperaba {esperado(cod)})",
                      c.valor(fila, columna))
                for fila, (cod, otro) in _filas(c, de, columna) if otro != esperado(cod)]
    regla.__doc__ = f"«{columna}» es el que lleva dentro el código de «{de}»."
    return regla


def orden_del_codigo(c: Contexto) -> list[Falla]:
    """«orden» es el último número del código de la actividad (AO.01.01.03 -> 3)."""
    return [Falla(c.archivo, fila, "orden", f"no corresponde a la actividad {ao} (se esperaba {int(ao[-2:])})",
                  c.valor(fila, "orden"))
            for fila, (ao, orden) in _filas(c, "codigo_ao", "orden") if int(orden) != int(ao[-2:])]


def orden_sin_saltos(c: Contexto) -> list[Falla]:
    """«orden» va de 1 a n sin saltos."""
    if "orden" not in c.df:
        return []
    ordenes = [int(x) for x in c.df["orden"].dropna()]
    if not ordenes or len(set(ordenes)) != len(ordenes):
        return []
    faltan = sorted(set(range(1, len(ordenes) + 1)) - set(ordenes))
    if not faltan:
        return []
    return [Falla(c.archivo, None, "orden", f"los valores deben ir de 1 a {len(ordenes)} sin saltos; falta "
                  + ", ".join(str(x) for x in faltan))]


def hasta_no_antes_de_desde(c: Contexto) -> list[Falla]:
    """«hasta» no es anterior a «desde» (a la precisión de la más corta)."""
    fallas = []
    for fila, (desde, hasta) in _filas(c, "desde", "hasta"):
        n = min(len(desde), len(hasta))
        if hasta[:n] < desde[:n]:
            fallas.append(Falla(c.archivo, fila, "hasta", f"no puede ser anterior a «desde» ({desde})",
                                c.valor(fila, "hasta")))
    return fallas


#: Lo que cada explicación necesita del indicador, además de sus tablas.
_EXIGE = {"profesionales": "una tasa (tasa_1000 o tasa_100000)", "actos_por_oficina": "un texto_valor"}


def explicacion_con_parametro(c: Contexto) -> list[Falla]:
    """Cada explicación pide lo que usa su oración: un porcentaje, una tasa o el nombre de lo que se cuenta."""
    fallas = []
    if not {"explicacion", "unidad", "texto_valor"} <= set(c.df.columns):
        return fallas
    for fila, exp, unidad, texto in zip(c.df.index, c.df["explicacion"], c.df["unidad"], c.df["texto_valor"]):
        if pd.isna(exp) or pd.isna(unidad):
            continue
        exp, fila = str(exp), int(fila)
        if exp.startswith("evaluacion") and unidad != "porcentaje":
            regla = "una explicación de evaluación pide un indicador en porcentaje"
        elif exp == "profesionales" and not str(unidad).startswith("tasa"):
            regla = f"la explicación «profesionales» pide {_EXIGE['profesionales']}"
        elif exp == "actos_por_oficina" and (pd.isna(texto) or not str(texto).strip()):
            regla = f"la explicación «actos_por_oficina» pide {_EXIGE['actos_por_oficina']} (qué se cuenta)"
        else:
            continue
        fallas.append(Falla(c.archivo, fila, "explicacion", regla, c.valor(fila, "explicacion")))
    return fallas


@dataclass(frozen=True)
class Esquema:
    nombre: str                       # nombre del archivo sin .csv (y de la hoja en un libro de Excel)
    carpeta: str                      # "plan" o "semestre"
    columnas: tuple[Columna, ...]
    clave: tuple[str, ...] = ()
    descripcion: str = ""
    fuente: str = ""
    notas: str = ""
    obligatorio: bool = True
    #: Si no es obligatorio siempre: usos del plan (explicación o presentación) que lo exigen.
    necesario_para: tuple[str, ...] = ()
    completa: str | None = None       # columna de lista cerrada cuyos valores deben estar todos
    reglas: tuple[Regla, ...] = field(default=(), repr=False)

    @property
    def archivo(self) -> str:
        return f"{self.nombre}.csv"

    @property
    def nombres(self) -> list[str]:
        return [c.nombre for c in self.columnas]

    def columna(self, nombre: str) -> Columna:
        for c in self.columnas:
            if c.nombre == nombre:
                return c
        raise KeyError(nombre)

    def exigido(self, usos: Sequence[str]) -> bool:
        """Si el archivo debe estar, dados los usos que declara el plan."""
        return self.obligatorio or any(u in usos for u in self.necesario_para)

    def pandera(self, nombres=None) -> tuple[pa.DataFrameSchema, dict[tuple[str, int], str]]:
        """Esquema pandera y mensaje en español de cada (columna, número de check).

        ``nombres`` limita el esquema a esas columnas (cuando faltan columnas en el
        archivo se revisan igual las que sí están).
        """
        columnas = {}
        mensajes: dict[tuple[str, int], str] = {}
        for c in self.columnas:
            if nombres is not None and c.nombre not in nombres:
                continue
            checks = c.checks()
            for i, (_, mensaje) in enumerate(checks):
                mensajes[(c.nombre, i)] = mensaje
            # los tipos ya los produce la conversión de texto: pandera revisa valores
            columnas[c.nombre] = pa.Column(None, nullable=not c.obligatoria,
                                           checks=[ch for ch, _ in checks], required=True)
        return pa.DataFrameSchema(columnas, name=self.archivo, strict=True), mensajes


# ---------------------------------------------------------------- columnas comunes

def _cod(nombre, patron, forma, ejemplo, **kw) -> Columna:
    return Columna(nombre, "codigo", patron=patron, forma=forma, ejemplo=ejemplo, max_largo=40, **kw)


def _oei(nombre="codigo_oei", **kw):
    return _cod(nombre, PATRON_OEI, "OEI.NN", "OEI.01", **kw)


def _aei(nombre="codigo_aei", **kw):
    return _cod(nombre, PATRON_AEI, "AEI.NN.NN", "AEI.01.01", **kw)


def _ind(nombre="codigo_indicador", **kw):
    return _cod(nombre, PATRON_INDICADOR, "IND.NN.AEI.NN.NN", "IND.01.AEI.01.01", **kw)


def _ao(nombre="codigo_ao", **kw):
    return _cod(nombre, PATRON_AO, "AO.NN.NN.NN", "AO.01.01.01", **kw)


def _cui(**kw):
    return _cod("cui", PATRON_CUI, "NNNNNNN", "2159429", mensaje="debe ser un CUI de 7 cifras (p. ej. 2159429)", **kw)


def _texto(nombre, **kw):
    return Columna(nombre, "texto", **kw)


def _parrafos(nombre, **kw):
    return Columna(nombre, "texto", max_largo=6000, **kw)


def _lista(nombre, *valores, **kw):
    return Columna(nombre, "texto", valores=tuple(valores), **kw)


def _conteo(nombre, maximo, **kw):
    return Columna(nombre, "entero", minimo=0, maximo=maximo, **kw)


def _cantidad(nombre, maximo, **kw):
    return Columna(nombre, "decimal", minimo=0, maximo=maximo, **kw)


def _orden(nombre="orden", **kw):
    return Columna(nombre, "entero", minimo=1, maximo=999, **kw)


#: Rangos plausibles (en unidades de la columna): holgados, pero un error de tipeo queda fuera.
PERSONAS = 10_000_000
ESTABLECIMIENTOS = 10_000
VALOR_INDICADOR = 100_000_000
SOLES = 100_000_000_000
META_FISICA = 100_000_000

# ---------------------------------------------------------------- plan

_PLAN = [
    Esquema("oei", "plan", (
        _oei(descripcion="código del OEI"),
        _texto("denominacion", descripcion="denominación (Cuadro 1)"),
        _lista("tipo", "I", "II", descripcion="tipo de OEI según CEPLAN (I = misional, II = de gestión)"),
    ), clave=("codigo_oei",), descripcion="Objetivos Estratégicos Institucionales del PEI",
       fuente="Informe I Sem 2024, §2.3, Cuadro 1"),
    Esquema("aei", "plan", (
        _aei(descripcion="código de la AEI"),
        _oei(descripcion="OEI al que pertenece; debe existir en oei.csv"),
        _texto("denominacion", descripcion="nombre según el Cuadro 2 y los títulos de §3.1"),
        Columna("priorizada", "si_no", descripcion="`si` = AEI priorizada en el alcance de la evaluación"),
        _orden(descripcion="orden de presentación, de 1 a n"),
        _lista("tipo_establecimiento", "penitenciario", "medio_libre", obligatoria=False,
               descripcion="dónde se implementan sus actividades operativas (para «se implementa en N "
                           "establecimientos …» y para comprobar que no superan los de la entidad); vacío si no aplica"),
    ), clave=("codigo_aei",), descripcion="Acciones Estratégicas Institucionales del PEI",
       fuente="Informe I Sem 2024, §2.3 Cuadro 2 y §3.1.1–3.1.11",
       reglas=(codigo_dentro("codigo_oei", "codigo_aei", lambda aei: "OEI." + aei.split(".")[1], "a la AEI"),
               orden_sin_saltos)),
    Esquema("indicadores", "plan", (
        _ind(descripcion="código del indicador (Cuadro 3)"),
        _aei(descripcion="AEI del indicador; debe existir en aei.csv"),
        _texto("denominacion", descripcion="nombre del indicador (línea «Indicador:» de §3.1)"),
        _lista("sentido", "Ascendente", "Descendente", descripcion="sentido esperado (Cuadro 3)"),
        _lista("unidad", "porcentaje", "numero", "tasa_1000", "tasa_100000", descripcion="unidad del valor"),
        Columna("decimales", "entero", valores=(0, 2), descripcion="decimales con que se publica el valor"),
        _lista("acumulacion", "acumulativo", "nivel", descripcion=(
            "`acumulativo`: el valor se suma a lo largo del año (casos, actos, unidades construidas) y al primer "
            "semestre es un avance parcial de la meta anual; `nivel`: es una proporción o una existencia que se mide "
            "al corte (porcentajes, tasas de cobertura, establecimientos conectados). Lo define el indicador "
            "(§3.1); el avance se calcula igual, la redacción del resultado lo matiza")),
        _lista("explicacion", *EXPLICACIONES, obligatoria=False, descripcion=(
            "qué tabla del semestre explica el valor, con qué oraciones (ver «Explicaciones de los indicadores»); "
            "vacío: el valor se explica con sus componentes")),
        _texto("texto_valor", obligatoria=False, max_largo=200, descripcion=(
            "cómo se nombra lo que mide el valor, tras la cifra: «actos violentos al interior de los "
            "establecimientos penitenciarios»; vacío: «el valor obtenido fue de …»")),
        _texto("fuente", obligatoria=False, descripcion="órgano que reporta (línea «Fuente:» bajo su figura); vacío si "
                                                       "el informe no lo dice"),
        _parrafos("descripcion", obligatoria=False, descripcion="qué mide el indicador, sin cifras; vacío si no se da"),
    ), clave=("codigo_indicador",), descripcion="Indicadores de las AEI", fuente="Informe I Sem 2024, §3.1 y Cuadro 3",
       reglas=(codigo_dentro("codigo_aei", "codigo_indicador", lambda ind: ind.split(".", 2)[2], "al indicador"),
               explicacion_con_parametro)),
    Esquema("actividades_operativas", "plan", (
        _ao(descripcion="clave del proyecto: `AO.` + número de la AEI + orden de la AO en su cuadro"),
        _aei(descripcion="AEI a la que contribuye"),
        _orden(descripcion="orden en el cuadro de Actividades Operativas Claves de su AEI"),
        _texto("denominacion", descripcion="nombre según el cuadro"),
        _parrafos("descripcion", obligatoria=False, descripcion=(
            "qué es la AO, sin cifras; empieza en minúscula: sigue a «AO. *denominación*,»")),
        _lista("presentacion", *PRESENTACIONES, obligatoria=False, descripcion=(
            "cómo se presenta su resultado: `meta_fisica` (programado frente a ejecutado; también si se deja "
            "vacío), `obras_en_ejecucion` y `expedientes_tecnicos` (las inversiones de obras.csv en esos estados), "
            "`mantenimientos` (mantenimientos.csv)")),
        _texto("nota_fuente", obligatoria=False, max_largo=40, descripcion=(
            "clave de referencias_normativas.csv con la fuente de su cifra (va en nota al pie, con el mes de corte)")),
    ), clave=("codigo_ao",), descripcion="Actividades operativas claves de las AEI",
       fuente="Informe I Sem 2024, §3.2, Cuadros 4–9",
       reglas=(codigo_dentro("codigo_aei", "codigo_ao", lambda ao: "AEI." + ".".join(ao.split(".")[1:3]),
                             "a la actividad"), orden_del_codigo)),
    Esquema("referencias_normativas", "plan", (
        _cod("clave", r"[a-z][a-z0-9_]*", "minúsculas", "guia_ceplan",
             mensaje="debe ser una clave en minúsculas, sin espacios ni tildes (p. ej. guia_ceplan)",
             descripcion="identificador que usan los textos en `[^clave]`"),
        _texto("norma", descripcion="dispositivo legal (o fuente de datos)"),
        _texto("objeto", descripcion="qué aprueba o a qué se refiere"),
    ), clave=("clave",), descripcion="Normas y fuentes citadas en notas al pie",
       fuente="Informe I Sem 2024, notas al pie 1–6"),
]

# ---------------------------------------------------------------- semestre

_SEMESTRE = [
    Esquema("indicadores", "semestre", (
        _ind(descripcion="un registro por indicador de plan/indicadores.csv"),
        _cantidad("logro_esperado", VALOR_INDICADOR, descripcion="logro esperado del año, en la unidad del "
                                                                 "indicador; `0` = sin meta para el periodo"),
        _cantidad("valor_obtenido", VALOR_INDICADOR, obligatoria=False,
                  descripcion="valor al cierre del semestre; vacío = no reportado"),
    ), clave=("codigo_indicador",), descripcion="Logro esperado y valor obtenido de cada indicador",
       fuente="Informe I Sem 2024, Cuadro 3 y §3.1",
       notas="El avance, el semáforo y el avance de la AEI (promedio de sus indicadores) los calcula el código."),
    Esquema("componentes", "semestre", (
        _ind(),
        _lista("rol", "numerador", "denominador"),
        _texto("concepto", descripcion="qué se cuenta"),
        _cantidad("valor", VALOR_INDICADOR),
    ), clave=("codigo_indicador", "rol", "concepto"), descripcion="Numerador y denominador de los indicadores",
       fuente="Informe I Sem 2024, §1 y §3.1",
       notas=("Valor del indicador = Σ numeradores / Σ denominadores × factor de la unidad (porcentaje ×100, "
              "tasa_1000 ×1 000, tasa_100000 ×100 000); sin denominador, Σ numeradores. Un indicador puede no "
              "tener componentes.")),
    Esquema("poblacion", "semestre", (
        Columna("fecha_corte", "fecha", descripcion="último día del mes de corte («junio de 2023» → 2023-06-30)"),
        _lista("ambito", "intramuros", "extramuros", "total"),
        _conteo("personas", PERSONAS),
    ), clave=("fecha_corte", "ambito"), descripcion="Población penitenciaria", fuente="Informe I Sem 2024, §3.1",
       obligatorio=False, necesario_para=("evaluacion_intramuros", "evaluacion_extramuros", "profesionales"),
       notas="Intramuros + extramuros = total en cada fecha. Las variaciones las calcula el código."),
    Esquema("evaluacion_tratamiento", "semestre", (
        _lista("ambito", "intramuros", "extramuros"),
        _conteo("evaluados", PERSONAS, descripcion="intramuros: con evaluación semestral; extramuros: atendidos "
                                                   "en programas estructurados"),
        _conteo("favorables", PERSONAS, descripcion="con evaluación favorable"),
    ), clave=("ambito",), completa="ambito", descripcion="Evaluación de tratamiento",
       fuente="Informe I Sem 2024, §1, §3.1.1 y §3.1.2", obligatorio=False,
       necesario_para=("evaluacion_intramuros", "evaluacion_extramuros"),
       reglas=(no_mayor_que("favorables", "evaluados", "los evaluados"),)),
    Esquema("profesionales", "semestre", (
        _lista("medio", "cerrado", "abierto"),
        _conteo("profesionales", PERSONAS),
    ), clave=("medio",), completa="medio", descripcion="Profesionales de tratamiento",
       fuente="Informe I Sem 2024, §3.1.5", obligatorio=False, necesario_para=("profesionales",)),
    Esquema("entidad", "semestre", (
        _lista("concepto", "unidades_ejecutoras", "establecimientos_penitenciarios", "establecimientos_medio_libre"),
        _conteo("valor", ESTABLECIMIENTOS),
    ), clave=("concepto",), completa="concepto", descripcion="Dimensiones de la entidad",
       fuente="Informe I Sem 2024, §3.2 (introducción) y §3.1"),
    Esquema("locales_medio_libre", "semestre", (
        _texto("tipo_local", descripcion="frase en minúscula, lista para «N establecimientos *tipo_local*»"),
        _conteo("cantidad", ESTABLECIMIENTOS),
    ), clave=("tipo_local",), descripcion="Situación de los locales de medio libre",
       fuente="Informe I Sem 2024, §3.1.3", obligatorio=False, necesario_para=("locales_medio_libre",),
       notas="La suma es el número de establecimientos de medio libre de entidad.csv."),
    Esquema("interconexion", "semestre", (
        _lista("tipo_establecimiento", "penitenciario", "medio_libre"),
        _conteo("interconectados", ESTABLECIMIENTOS),
    ), clave=("tipo_establecimiento",), completa="tipo_establecimiento",
       descripcion="Establecimientos interconectados con la Sede Central", fuente="Informe I Sem 2024, §3.1.9",
       obligatorio=False, necesario_para=("interconexion",),
       notas="La suma es el valor del indicador que declara la explicación `interconexion`."),
    Esquema("actos_violentos", "semestre", (
        _texto("oficina_regional", descripcion="solo las que menciona el informe"),
        _conteo("actos", PERSONAS),
    ), clave=("oficina_regional",), descripcion="Actos violentos por oficina regional",
       fuente="Informe I Sem 2024, §3.1.4", obligatorio=False, necesario_para=("actos_por_oficina",)),
    Esquema("presupuesto", "semestre", (
        _cod("ambito", rf"PLIEGO|{PATRON_AEI}", "PLIEGO o AEI.NN.NN", "AEI.01.01",
             mensaje="debe ser PLIEGO o un código de AEI con la forma AEI.NN.NN (p. ej. AEI.01.01)"),
        _cantidad("pim", SOLES, max_decimales=2, unidad="S/", descripcion="Presupuesto Institucional Modificado"),
        _cantidad("devengado", SOLES, max_decimales=2, unidad="S/", descripcion="ejecución al cierre del semestre"),
    ), clave=("ambito",), descripcion="PIM y devengado del pliego y de cada AEI, en soles",
       fuente="Informe I Sem 2024, §1, §3.2 y §4.2",
       reglas=(no_mayor_que("devengado", "pim", "el PIM"),),
       notas="Una AEI sin fila no reportó presupuesto (no es cero). El porcentaje de ejecución lo calcula el código."),
    Esquema("actividades_operativas", "semestre", (
        _ao(descripcion="una fila por AO de plan/actividades_operativas.csv"),
        _texto("unidad_medida", max_largo=120, descripcion="en plural, tal como la usa el informe"),
        _cantidad("programado", META_FISICA, obligatoria=False, descripcion="meta física del semestre; vacío si "
                                                                            "la fuente no la da"),
        _cantidad("ejecutado", META_FISICA, obligatoria=False, descripcion="logro del semestre; vacío si no se da"),
        _conteo("establecimientos", ESTABLECIMIENTOS, obligatoria=False,
                descripcion="establecimientos donde está implementada; vacío si no se da"),
        Columna("avance_reportado", "decimal", obligatoria=False, minimo=0, maximo=1000, unidad="%",
                descripcion="avance que declara la fuente cuando no da la meta (p. ej. «avance del 100%»)"),
    ), clave=("codigo_ao",), descripcion="Ejecución de las AO claves", fuente="Informe I Sem 2024, §3.2",
       notas=("Solo lo que dice la fuente: una capacidad (80 grilletes) no es una meta, ni su uso (60 personas) "
              "una ejecución; esos datos van a ao_desagregado.csv como datos complementarios.")),
    Esquema("ao_desagregado", "semestre", (
        _ao(),
        _texto("concepto", max_largo=300, descripcion="qué se cuenta, como frase que sigue a la cifra"),
        _cantidad("valor", META_FISICA),
        Columna("suma_al_total", "si_no", descripcion="`si`: es parte del ejecutado de la AO (las filas `si` suman "
                                                      "el total); `no`: dato complementario"),
    ), clave=("codigo_ao", "concepto"), descripcion="Desagregación y datos complementarios de las AO",
       fuente="Informe I Sem 2024, §3.2"),
    Esquema("ao_establecimientos", "semestre", (
        _ao(),
        _texto("establecimiento", max_largo=120, descripcion="nombre corto, sin «EP»"),
    ), clave=("codigo_ao", "establecimiento"), descripcion="Establecimientos donde se implementa la AO",
       fuente="Informe I Sem 2024, §3.2"),
    Esquema("obras", "semestre", (
        _cui(descripcion="Código Único de Inversiones"),
        _texto("nombre", descripcion="nombre de la inversión, sin « – CUI …»"),
        _lista("tipo_inversion", "obra", "equipamiento"),
        _texto("establecimiento", max_largo=120, descripcion="nombre corto del establecimiento o sede"),
        _lista("tipo_establecimiento", "penitenciario", "medio_libre", descripcion=(
            "a qué población sirve: `penitenciario` (intramuros) o `medio_libre` (extramuros); las obras de medio "
            "libre explican el indicador de establecimientos de medio libre")),
        _conteo("unidades_albergue", PERSONAS, obligatoria=False, descripcion="que construyó o construirá; vacío si "
                                                                              "no aplica"),
        _lista("estado", "culminada", "en_ejecucion", "expediente_en_elaboracion", "expediente_aprobado",
               "contrato_firmado", descripcion="situación al cierre del semestre"),
        Columna("avance_fisico", "decimal", obligatoria=False, minimo=0, maximo=100, unidad="%",
                descripcion="avance de obra; vacío si no se da"),
        Columna("mes_culminacion", "texto", obligatoria=False, patron=PATRON_MES,
                mensaje="debe ser un mes con la forma AAAA-MM (p. ej. 2024-03)", descripcion="mes en que culminó"),
    ), clave=("cui",), descripcion="Inversiones", fuente="Informe I Sem 2024, §3.1.3 y §3.2",
       obligatorio=False, necesario_para=("obras_albergue", "locales_medio_libre", "obras_en_ejecucion", "expedientes_tecnicos")),
    Esquema("obras_hitos", "semestre", (
        _cui(descripcion="existe en obras.csv"),
        _lista("hito", "culminacion_aprobacion_expediente", "convocatoria", "inicio_obra", "culminacion_obra"),
        Columna("desde", "texto", patron=PATRON_FECHA_PARCIAL, mensaje=_MENSAJE_FECHA_PARCIAL,
                descripcion="inicio del periodo previsto (`AAAA-MM-DD`, `AAAA-MM` o `AAAA`)"),
        Columna("hasta", "texto", patron=PATRON_FECHA_PARCIAL, mensaje=_MENSAJE_FECHA_PARCIAL,
                descripcion="fin del periodo previsto (igual a `desde` si es una fecha)"),
        _texto("nota", obligatoria=False, descripcion="procedencia del dato para el analista; no se publica"),
    ), clave=("cui", "hito"), obligatorio=False, descripcion="Hitos previstos de las inversiones",
       fuente="Informe I Sem 2024, §3.2", reglas=(hasta_no_antes_de_desde,)),
    Esquema("mantenimientos", "semestre", (
        _texto("establecimiento", max_largo=120, descripcion="nombre corto, sin «EP»"),
        _texto("descripcion", descripcion="servicio, en la redacción del informe"),
        _lista("estado", "culminado", "en_ejecucion", "con_contrato", "buena_pro", "proceso_convocatoria"),
    ), clave=("establecimiento", "descripcion"), descripcion="Mantenimientos preventivos y correctivos",
       fuente="Informe I Sem 2024, §3.2", obligatorio=False, necesario_para=("mantenimientos",)),
    Esquema("compromisos", "semestre", (
        _orden("numero", descripcion="número del aspecto de mejora (se repite si tiene varias acciones clave)"),
        _texto("aspecto_mejora"),
        _parrafos("recomendacion"),
        _parrafos("accion_clave", descripcion="lista (`- …` por línea)"),
        _texto("medio_verificacion"),
        _texto("unidad_responsable"),
        Columna("plazo", "fecha"),
        _texto("estado", descripcion="estado de cumplimiento (p. ej. «En proceso»)"),
        _parrafos("comentario", obligatoria=False, descripcion="seguimiento"),
    ), clave=("numero", "accion_clave"), descripcion="Matriz de compromisos (anexo)",
       fuente="Informe I Sem 2024, anexo final"),
    Esquema("hechos_destacados", "semestre", (
        _orden(),
        _texto("titulo"),
        _parrafos("texto", descripcion="párrafos separados por línea en blanco; texto periodístico, se publica tal cual"),
    ), clave=("orden",), descripcion="Noticias del inicio del informe", fuente="Informe I Sem 2024, portada"),
    Esquema("enlaces_anexos", "semestre", (
        _texto("descripcion"),
        Columna("url", "texto", patron=r"https?://[^\s<>\"]+", max_largo=600,
                mensaje="debe ser una dirección web que empiece con http:// o https://, sin espacios"),
    ), clave=("descripcion",), descripcion="Enlaces de los anexos", fuente="Informe I Sem 2024, §6"),
]

ESQUEMAS_PLAN: dict[str, Esquema] = {e.nombre: e for e in _PLAN}
ESQUEMAS_SEMESTRE: dict[str, Esquema] = {e.nombre: e for e in _SEMESTRE}
