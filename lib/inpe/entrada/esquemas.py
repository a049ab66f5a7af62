"""Esquemas de los CSV de ``data/``: una tabla declarativa por archivo.

Cada :class:`Esquema` dice qué columnas tiene el archivo, de qué tipo es cada una,
si puede quedar vacía, qué valores admite y qué columnas forman su clave. De esa
tabla salen tres cosas: la conversión de texto a tipos (:mod:`inpe.entrada.validacion`),
el esquema ``pandera`` que revisa valores permitidos, rangos y formas de los
códigos (:meth:`Esquema.pandera`), y los mensajes en español de cada regla
(:meth:`Columna.regla`).

Tipos de columna:

``texto``    cadena libre (``str``); con ``valores`` es una lista cerrada.
``codigo``   cadena que cumple ``patron`` (expresión regular completa).
``entero``   número entero (``Int64``).
``decimal``  número (``float64``).
``fecha``    fecha ``AAAA-MM-DD`` (``datetime64``).
``si_no``    ``si`` / ``no`` (``bool``).

Una celda vacía es «dato no disponible»: solo se admite en columnas con
``obligatoria=False``.

Los archivos son los de la especificación de datos (``data/plan/`` y
``data/<semestre>/``) más ``obras_hitos.csv`` (fechas estimadas de las inversiones),
que trajeron los datos reales del informe 2024-S1; ese archivo es opcional.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandera.pandas as pa

__all__ = [
    "Columna",
    "Esquema",
    "ESQUEMAS_PLAN",
    "ESQUEMAS_SEMESTRE",
    "PATRON_OEI",
    "PATRON_AEI",
    "PATRON_INDICADOR",
    "PATRON_AO",
    "PATRON_SEMESTRE",
]

PATRON_OEI = r"OEI\.\d{2}"
PATRON_AEI = r"AEI\.\d{2}\.\d{2}"
PATRON_INDICADOR = r"IND\.\d{2}\.AEI\.\d{2}\.\d{2}"
PATRON_AO = r"AO\.\d{2}\.\d{2}\.\d{2}"
PATRON_CUI = r"\d{7}"
PATRON_SEMESTRE = r"\d{4}-S[12]"
PATRON_MES = r"\d{4}-(?:0[1-9]|1[0-2])"
PATRON_FECHA_PARCIAL = r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12]\d|3[01]))?)?"
_MENSAJE_FECHA_PARCIAL = "debe ser una fecha AAAA-MM-DD, un mes AAAA-MM o un año AAAA"

TIPOS = ("texto", "codigo", "entero", "decimal", "fecha", "si_no")
DTYPES = {"texto": "str", "codigo": "str", "entero": "Int64", "decimal": "float64",
          "fecha": "datetime64[ns]", "si_no": "bool"}


def _decimales(x: float) -> int:
    """Cifras decimales de un número leído de texto (``repr`` da la forma decimal más corta)."""
    texto = repr(float(x))
    if "e" in texto or "E" in texto:
        return 99 if abs(x) < 1 else 0
    return len(texto.split(".")[1].rstrip("0")) if "." in texto else 0


def _numero(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


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
    unidad: str = ""
    descripcion: str = ""
    mensaje: str | None = None        # regla propia, si la generada no basta

    def __post_init__(self):
        if self.tipo not in TIPOS:
            raise ValueError(f"tipo desconocido {self.tipo!r} en la columna {self.nombre!r}")
        if self.tipo == "codigo" and not self.patron:
            raise ValueError(f"la columna de código {self.nombre!r} necesita un patrón")

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
            if self.minimo is not None and self.maximo is not None:
                if self.unidad == "%":
                    return (f"debe ser un porcentaje entre {_numero(self.minimo)} y "
                            f"{_numero(self.maximo)}, sin el signo %")
                return f"debe ser {base} entre {_numero(self.minimo)} y {_numero(self.maximo)}"
            if self.minimo == 0:
                return f"debe ser {base} no negativo"
            if self.minimo is not None:
                return f"debe ser {base} mayor o igual que {_numero(self.minimo)}"
            return f"debe ser {base}"
        return "debe ser un texto"

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


@dataclass(frozen=True)
class Esquema:
    nombre: str                       # nombre del archivo sin .csv
    carpeta: str                      # "plan" o "semestre"
    columnas: tuple[Columna, ...]
    clave: tuple[str, ...] = ()
    descripcion: str = ""
    obligatorio: bool = True
    completa: str | None = None       # columna de lista cerrada cuyos valores deben estar todos

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
    return Columna(nombre, "codigo", patron=patron, forma=forma, ejemplo=ejemplo, **kw)


def _oei(nombre="codigo_oei", **kw):
    return _cod(nombre, PATRON_OEI, "OEI.NN", "OEI.01", **kw)


def _aei(nombre="codigo_aei", **kw):
    return _cod(nombre, PATRON_AEI, "AEI.NN.NN", "AEI.01.01", **kw)


def _ind(nombre="codigo_indicador", **kw):
    return _cod(nombre, PATRON_INDICADOR, "IND.NN.AEI.NN.NN", "IND.01.AEI.01.01", **kw)


def _ao(nombre="codigo_ao", **kw):
    return _cod(nombre, PATRON_AO, "AO.NN.NN.NN", "AO.01.01.01", **kw)


def _texto(nombre, **kw):
    return Columna(nombre, "texto", **kw)


def _lista(nombre, *valores, **kw):
    return Columna(nombre, "texto", valores=tuple(valores), **kw)


def _conteo(nombre, **kw):
    return Columna(nombre, "entero", minimo=0, **kw)


def _cantidad(nombre, **kw):
    return Columna(nombre, "decimal", minimo=0, **kw)


def _orden(nombre="orden", **kw):
    return Columna(nombre, "entero", minimo=1, **kw)


# ---------------------------------------------------------------- plan

_PLAN = [
    Esquema("oei", "plan", (
        _oei(descripcion="Código del Objetivo Estratégico Institucional"),
        _texto("denominacion"),
        _lista("tipo", "I", "II", descripcion="Tipo de OEI según CEPLAN"),
    ), clave=("codigo_oei",), descripcion="Objetivos Estratégicos Institucionales del PEI"),
    Esquema("aei", "plan", (
        _aei(),
        _oei(),
        _texto("denominacion"),
        Columna("priorizada", "si_no"),
        _orden(descripcion="Orden de presentación, 1..n"),
    ), clave=("codigo_aei",), descripcion="Acciones Estratégicas Institucionales del PEI"),
    Esquema("indicadores", "plan", (
        _ind(),
        _aei(),
        _texto("denominacion"),
        _lista("sentido", "Ascendente", "Descendente"),
        _lista("unidad", "porcentaje", "numero", "tasa_1000", "tasa_100000"),
        Columna("decimales", "entero", valores=(0, 2)),
        _texto("fuente", obligatoria=False, descripcion="Órgano que reporta (línea «Fuente:»); vacío si el informe no lo dice"),
        _texto("descripcion", obligatoria=False, descripcion="Qué mide el indicador, sin cifras; vacío si no se da"),
    ), clave=("codigo_indicador",), descripcion="Indicadores de las AEI"),
    Esquema("actividades_operativas", "plan", (
        _ao(),
        _aei(),
        _orden(),
        _texto("denominacion"),
        _texto("descripcion", obligatoria=False),
    ), clave=("codigo_ao",), descripcion="Actividades operativas claves de cada AEI"),
    Esquema("referencias_normativas", "plan", (
        _cod("clave", r"[a-z][a-z0-9_]*", "", "",
             mensaje="debe ser una clave en minúsculas, sin espacios ni tildes (p. ej. guia_ceplan)"),
        _texto("norma"),
        _texto("objeto"),
    ), clave=("clave",), descripcion="Normas citadas en notas al pie"),
]

# ---------------------------------------------------------------- semestre

_SEMESTRE = [
    Esquema("indicadores", "semestre", (
        _ind(),
        _cantidad("logro_esperado", descripcion="Meta anual; 0 = sin meta para el periodo"),
        _cantidad("valor_obtenido", obligatoria=False, descripcion="Vacío = no reportado"),
    ), clave=("codigo_indicador",), descripcion="Logro esperado y valor obtenido de cada indicador"),
    Esquema("componentes", "semestre", (
        _ind(),
        _lista("rol", "numerador", "denominador"),
        _texto("concepto"),
        _cantidad("valor"),
    ), clave=("codigo_indicador", "rol", "concepto"), descripcion="Numerador y denominador de los indicadores"),
    Esquema("poblacion", "semestre", (
        Columna("fecha_corte", "fecha"),
        _lista("ambito", "intramuros", "extramuros", "total"),
        _conteo("personas"),
    ), clave=("fecha_corte", "ambito"), descripcion="Población penitenciaria"),
    Esquema("evaluacion_tratamiento", "semestre", (
        _lista("ambito", "intramuros", "extramuros"),
        _conteo("evaluados"),
        _conteo("favorables"),
    ), clave=("ambito",), completa="ambito"),
    Esquema("profesionales", "semestre", (
        _lista("medio", "cerrado", "abierto"),
        _conteo("profesionales"),
    ), clave=("medio",), completa="medio"),
    Esquema("entidad", "semestre", (
        _lista("concepto", "unidades_ejecutoras", "establecimientos_penitenciarios",
               "establecimientos_medio_libre"),
        _conteo("valor"),
    ), clave=("concepto",), completa="concepto"),
    Esquema("locales_medio_libre", "semestre", (
        _texto("tipo_local"),
        _conteo("cantidad"),
    ), clave=("tipo_local",)),
    Esquema("interconexion", "semestre", (
        _lista("tipo_establecimiento", "penitenciario", "medio_libre"),
        _conteo("interconectados"),
    ), clave=("tipo_establecimiento",), completa="tipo_establecimiento"),
    Esquema("actos_violentos", "semestre", (
        _texto("oficina_regional"),
        _conteo("actos"),
    ), clave=("oficina_regional",)),
    Esquema("presupuesto", "semestre", (
        _cod("ambito", rf"PLIEGO|{PATRON_AEI}", "", "",
             mensaje="debe ser PLIEGO o un código de AEI con la forma AEI.NN.NN (p. ej. AEI.01.01)"),
        _cantidad("pim", max_decimales=2, unidad="S/"),
        _cantidad("devengado", max_decimales=2, unidad="S/"),
    ), clave=("ambito",), descripcion="PIM y devengado del pliego y de cada AEI, en soles"),
    Esquema("actividades_operativas", "semestre", (
        _ao(),
        _texto("unidad_medida"),
        _cantidad("programado", obligatoria=False),
        _cantidad("ejecutado", obligatoria=False),
        _conteo("establecimientos", obligatoria=False),
    ), clave=("codigo_ao",)),
    Esquema("ao_desagregado", "semestre", (
        _ao(),
        _texto("concepto"),
        _cantidad("valor"),
        Columna("suma_al_total", "si_no"),
    ), clave=("codigo_ao", "concepto")),
    Esquema("ao_establecimientos", "semestre", (
        _ao(),
        _texto("establecimiento"),
    ), clave=("codigo_ao", "establecimiento")),
    Esquema("obras", "semestre", (
        _cod("cui", PATRON_CUI, "", "", mensaje="debe ser un CUI de 7 cifras (p. ej. 2159429)"),
        _texto("nombre"),
        _lista("tipo_inversion", "obra", "equipamiento"),
        _texto("establecimiento"),
        _conteo("unidades_albergue", obligatoria=False),
        _lista("estado", "culminada", "en_ejecucion", "expediente_en_elaboracion",
               "expediente_aprobado", "contrato_firmado"),
        Columna("avance_fisico", "decimal", obligatoria=False, minimo=0, maximo=100, unidad="%"),
        Columna("mes_culminacion", "texto", obligatoria=False, patron=PATRON_MES,
                mensaje="debe ser un mes con la forma AAAA-MM (p. ej. 2024-03)"),
    ), clave=("cui",)),
    Esquema("obras_hitos", "semestre", (
        _cod("cui", PATRON_CUI, "", "", mensaje="debe ser un CUI de 7 cifras (p. ej. 2159429)"),
        _texto("hito"),
        Columna("desde", "texto", patron=PATRON_FECHA_PARCIAL, mensaje=_MENSAJE_FECHA_PARCIAL),
        Columna("hasta", "texto", patron=PATRON_FECHA_PARCIAL, mensaje=_MENSAJE_FECHA_PARCIAL),
        _texto("nota", obligatoria=False),
    ), clave=("cui", "hito"), obligatorio=False,
       descripcion="Fechas estimadas o previstas de las inversiones (no está en la especificación inicial)"),
    Esquema("mantenimientos", "semestre", (
        _texto("establecimiento"),
        _texto("descripcion"),
        _lista("estado", "culminado", "en_ejecucion", "con_contrato", "buena_pro", "proceso_convocatoria"),
    ), clave=("establecimiento", "descripcion")),
    Esquema("compromisos", "semestre", (
        _orden("numero"),
        _texto("aspecto_mejora"),
        _texto("recomendacion"),
        _texto("accion_clave"),
        _texto("medio_verificacion"),
        _texto("unidad_responsable"),
        Columna("plazo", "fecha"),
        _texto("estado"),
        _texto("comentario", obligatoria=False),
    ), clave=("numero", "accion_clave"), descripcion="Matriz de compromisos (anexo)"),
    Esquema("hechos_destacados", "semestre", (
        _orden(),
        _texto("titulo"),
        _texto("texto"),
    ), clave=("orden",)),
    Esquema("enlaces_anexos", "semestre", (
        _texto("descripcion"),
        Columna("url", "texto", patron=r"https?://\S+",
                mensaje="debe ser una dirección web que empiece con http:// o https://"),
    ), clave=("descripcion",)),
]

ESQUEMAS_PLAN: dict[str, Esquema] = {e.nombre: e for e in _PLAN}
ESQUEMAS_SEMESTRE: dict[str, Esquema] = {e.nombre: e for e in _SEMESTRE}
