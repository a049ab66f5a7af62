"""Validación de ``data/`` antes de ejecutar cualquier cuaderno.

``validar(raiz, semestre)`` revisa el plan (``data/plan/``) y un semestre
(``data/<semestre>/``) y devuelve un :class:`Resultado` con **todas** las fallas a
la vez (archivo, fila, columna, regla incumplida y valor encontrado, en español)
y los avisos de lo que se aceptó con reparos (codificación, separador, coma
decimal... ver :mod:`inpe.entrada.lectura`).

Qué se revisa:

1. el identificador del semestre (``AAAA-S1`` / ``AAAA-S2``; nunca se usa para
   armar una ruta si no cumple esa forma), que existan la carpeta de datos, la del
   plan y la del semestre, y que no falte ningún semestre entre el primero que hay
   y el pedido;
2. que estén todos los archivos de :mod:`inpe.entrada.esquemas`, con sus columnas
   (ni de más ni de menos);
3. cada celda: tipo, obligatoria o no, valores permitidos, rangos, forma de los
   códigos (pandera, con ``lazy=True`` para juntar todas las fallas);
4. claves repetidas;
5. reglas entre columnas de una fila (devengado ≤ PIM, favorables ≤ evaluados,
   códigos que llevan dentro el de su AEI u OEI);
6. referencias: la AEI de cada indicador y de cada actividad operativa existe; el
   OEI de cada AEI existe; cada AEI tiene indicadores; cada código medido en el
   semestre (indicadores, componentes, actividades operativas, presupuesto) está
   en el plan; cada indicador y actividad del plan tiene su fila en el semestre.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pandera.pandas as pa

from .esquemas import ESQUEMAS_PLAN, ESQUEMAS_SEMESTRE, PATRON_SEMESTRE, Columna, Esquema
from .lectura import (
    NO_NUMERO,
    Falla,
    decidir_convencion,
    doble_codificacion,
    leer_fecha,
    leer_numero,
    leer_si_no,
    leer_tabla,
    normalizar_codigo,
    normalizar_valor,
    texto_de_numero,
)

__all__ = ["Falla", "Resultado", "validar", "validar_archivo", "formatear_reporte", "semestre_valido",
           "REGLA_VACIA"]

REGLA_VACIA = "la celda está vacía y el dato es obligatorio"
REGLA_MAL_CODIFICADO = ("tiene caracteres mal codificados (p. ej. «Ã©» en lugar de «é»); "
                        "vuelva a guardar el archivo original como «CSV UTF-8»")

_RE_SEMESTRE = re.compile(rf"^{PATRON_SEMESTRE}$")


def semestre_valido(semestre: object) -> bool:
    return isinstance(semestre, str) and bool(_RE_SEMESTRE.fullmatch(semestre))


@dataclass
class Resultado:
    errores: list[Falla] = field(default_factory=list)
    avisos: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errores

    @property
    def codigo_salida(self) -> int:
        """Código de salida para la línea de comandos: 0 sin errores, 1 con errores."""
        return 0 if self.ok else 1


def _plural(n: int, singular: str, plural: str | None = None) -> str:
    return f"{n} {singular if n == 1 else (plural or singular + 's')}"


def formatear_reporte(resultado: Resultado) -> str:
    """Texto para el registro: resumen, errores numerados y avisos."""
    n, m = len(resultado.errores), len(resultado.avisos)
    lineas = []
    if n:
        lineas.append(f"Validación de datos: {_plural(n, 'error', 'errores')}, {_plural(m, 'aviso')}.")
        lineas.append("Errores (corríjalos y vuelva a ejecutar):")
        ancho = len(str(n))
        for i, f in enumerate(resultado.errores, 1):
            lineas.append(f"  {i:>{ancho}}. {f}")
    else:
        lineas.append(f"Validación de datos: sin errores, {_plural(m, 'aviso')}.")
    if m:
        lineas.append("Avisos (se aceptó, pero conviene revisar):")
        for a in resultado.avisos:
            lineas.append(f"  - {a}")
    return "\n".join(lineas)


# ------------------------------------------------------------------ un archivo

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


@dataclass
class _Archivo:
    """Resultado de leer y validar un archivo."""

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


def _convertir(col: Columna, valor: str, convencion: str | None, separador: str):
    """Devuelve (valor tipado o None, clave de aviso, texto del resultado, error)."""
    if valor == "":
        return None, None, None, None
    if col.tipo in ("texto", "codigo"):
        if doble_codificacion(valor):
            return None, None, None, REGLA_MAL_CODIFICADO
        if col.tipo == "codigo":
            v, cambiado = normalizar_codigo(valor, col.patron_compilado)
            if cambiado:
                return v, "codigo", v, None
            return v, None, None, None
        if col.valores:
            v, cambiado = normalizar_valor(valor, col.valores)
            return v, ("valor" if cambiado else None), v, None
        return valor, None, None, None
    if col.numerica:
        leido = leer_numero(valor, convencion, separador)
        if leido.error:
            return None, None, None, (col.regla() if leido.error == NO_NUMERO else leido.error)
        x = leido.valor
        if col.tipo == "entero":
            if not float(x).is_integer():
                return None, None, None, col.regla()
            x = int(x)
        return x, leido.aviso, texto_de_numero(x), None
    if col.tipo == "fecha":
        fecha, aviso, error = leer_fecha(valor)
        if error:
            return None, None, None, (col.regla() if error == "no_fecha" else error)
        return fecha, aviso, fecha.isoformat(), None
    if col.tipo == "si_no":
        b, aviso, error = leer_si_no(valor)
        if error:
            return None, None, None, col.regla()
        return b, aviso, ("si" if b else "no"), None
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


def validar_archivo(ruta: Path, esquema: Esquema, archivo: str) -> _Archivo:
    """Lee y valida un CSV contra su esquema (sin reglas entre archivos)."""
    res = _Archivo(esquema=esquema, archivo=archivo)
    tabla = leer_tabla(ruta, archivo)
    res.errores.extend(tabla.errores)
    res.avisos.extend(tabla.avisos)
    if not tabla.legible:
        return res

    # --- cabecera
    esperadas = esquema.nombres
    fila_cab = tabla.fila_cabecera
    vistas: set[str] = set()
    for nombre in tabla.cabecera:
        if nombre == "":
            continue
        if nombre in vistas:
            res.errores.append(Falla(archivo, fila_cab, nombre, "la columna está repetida en la cabecera"))
            continue
        vistas.add(nombre)
    faltantes = [c for c in esperadas if c not in vistas]
    for nombre in dict.fromkeys(tabla.cabecera):
        if nombre and nombre not in esperadas:
            parecida = difflib.get_close_matches(nombre, faltantes, n=1, cutoff=0.6)
            if parecida:
                regla = f"no es una columna de este archivo (¿quiso decir «{parecida[0]}»?)"
            else:
                regla = "no es una columna de este archivo; sus columnas son: " + ", ".join(esperadas)
            res.errores.append(Falla(archivo, fila_cab, nombre, regla))
    for nombre in faltantes:
        res.errores.append(Falla(archivo, fila_cab, nombre, "falta esta columna en la cabecera"))

    posicion = {}
    for i, nombre in enumerate(tabla.cabecera):
        posicion.setdefault(nombre, i)
    presentes = [c for c in esquema.columnas if c.nombre in posicion]

    # --- celdas
    numericas = [fila[posicion[c.nombre]] for _, fila in tabla.filas for c in presentes if c.numerica]
    convencion = decidir_convencion(numericas, tabla.separador)
    indice = [n for n, _ in tabla.filas]
    valores: dict[str, list] = {c.nombre: [] for c in presentes}
    con_error: set[tuple[int, str]] = set()
    avisos: dict[str, list[tuple[int, str, str, str]]] = defaultdict(list)
    errores_celda: list[Falla] = []
    for numero, celdas in tabla.filas:
        for col in presentes:
            crudo = celdas[posicion[col.nombre]]
            res.crudos[(numero, col.nombre)] = crudo
            valor, aviso, resultado, error = _convertir(col, crudo, convencion, tabla.separador)
            if error:
                errores_celda.append(Falla(archivo, numero, col.nombre, error, crudo))
                con_error.add((numero, col.nombre))
            elif aviso:
                avisos[aviso].append((numero, col.nombre, crudo, resultado))
            valores[col.nombre].append(valor)
    df = pd.DataFrame({c.nombre: _serie(c, valores[c.nombre], indice) for c in presentes},
                      index=pd.Index(indice, name="fila", dtype="int64"))

    for clave, casos in avisos.items():
        fila, columna, crudo, resultado = casos[0]
        texto = _AVISOS[clave].format(conv=convencion or "")
        res.avisos.append(f"{archivo}: {texto}: {_plural(len(casos), 'celda')} "
                          f"(p. ej. fila {fila}, columna «{columna}»: «{crudo}» → {resultado}).")

    # --- pandera: obligatorias, valores permitidos, rangos, formas
    schema, mensajes = esquema.pandera([c.nombre for c in presentes])
    try:
        schema.validate(df, lazy=True)
    except pa.errors.SchemaErrors as e:
        for caso in e.failure_cases.to_dict("records"):
            columna, fila = caso["column"], caso["index"]
            if fila is None or pd.isna(fila) or columna not in df.columns:
                errores_celda.append(Falla(archivo, regla=f"no cumple la regla «{caso['check']}»"))
                continue
            fila = int(fila)
            if (fila, columna) in con_error:
                continue
            if caso["check"] == "not_nullable":
                errores_celda.append(Falla(archivo, fila, columna, REGLA_VACIA))
                continue
            numero_check = caso["check_number"]
            regla = mensajes.get((columna, int(numero_check))) if numero_check is not None else None
            errores_celda.append(Falla(archivo, fila, columna, regla or f"no cumple la regla «{caso['check']}»",
                                       res.valor(fila, columna)))
            con_error.add((fila, columna))

    # las celdas con error quedan vacías para que no produzcan fallas derivadas
    for fila, columna in con_error:
        if columna in df.columns:
            df.loc[fila, columna] = pd.NA if str(df[columna].dtype) in ("Int64", "boolean") else None
    res.con_error = con_error

    orden_col = {c.nombre: i for i, c in enumerate(esquema.columnas)}
    errores_celda.sort(key=lambda f: (f.fila or 0, orden_col.get(f.columna, -1)))
    res.errores.extend(errores_celda)

    # --- claves repetidas
    if esquema.clave and all(c in df.columns for c in esquema.clave):
        claves = df[list(esquema.clave)]
        completas = claves.dropna()
        repetidas = completas[completas.duplicated(keep=False)]
        primera: dict[tuple, int] = {}
        for fila, fila_valores in repetidas.iterrows():
            llave = tuple(fila_valores)
            if llave not in primera:
                primera[llave] = fila
                continue
            if len(esquema.clave) == 1:
                regla = f"está repetido: ya aparece en la fila {primera[llave]} (debe ser único)"
            else:
                regla = f"la combinación está repetida: ya aparece en la fila {primera[llave]} (debe ser única)"
            res.errores.append(Falla(archivo, int(fila), ", ".join(esquema.clave), regla,
                                     " / ".join(res.valor(int(fila), c) or "" for c in esquema.clave)))

    # tablas que deben traer todos los valores de su lista (p. ej. los tres conceptos de entidad.csv)
    if esquema.completa and esquema.completa in df.columns and not res.columna_con_errores(esquema.completa):
        presentes_lista = set(df[esquema.completa].dropna())
        for v in esquema.columna(esquema.completa).valores:
            if v not in presentes_lista:
                res.errores.append(Falla(archivo, None, esquema.completa, f"falta la fila de «{v}»"))

    res.errores.extend(_reglas_de_fila(res, df))
    res.df = df
    return res


# ------------------------------------------------------------------ reglas entre columnas

def _reglas_de_fila(res: _Archivo, df: pd.DataFrame) -> list[Falla]:
    nombre = (res.esquema.carpeta, res.esquema.nombre)
    fallas: list[Falla] = []
    a = res.archivo

    def mayor(col_a: str, col_b: str, texto_b: str):
        if col_a not in df or col_b not in df:
            return
        for fila, x, y in zip(df.index, df[col_a], df[col_b]):
            if pd.notna(x) and pd.notna(y) and x > y + 1e-9:
                fallas.append(Falla(a, int(fila), col_a,
                                    f"no puede ser mayor que {texto_b} ({res.valor(fila, col_b)})",
                                    res.valor(fila, col_a)))

    if nombre == ("semestre", "presupuesto"):
        mayor("devengado", "pim", "el PIM")
    elif nombre == ("semestre", "evaluacion_tratamiento"):
        mayor("favorables", "evaluados", "los evaluados")
    elif nombre == ("semestre", "obras_hitos") and {"desde", "hasta"} <= set(df.columns):
        for fila, desde, hasta in zip(df.index, df["desde"], df["hasta"]):
            if pd.notna(desde) and pd.notna(hasta):
                n = min(len(desde), len(hasta))
                if hasta[:n] < desde[:n]:
                    fallas.append(Falla(a, int(fila), "hasta", f"no puede ser anterior a «desde» ({desde})",
                                        res.valor(fila, "hasta")))
    elif nombre == ("plan", "aei") and {"codigo_aei", "codigo_oei"} <= set(df.columns):
        for fila, aei, oei in zip(df.index, df["codigo_aei"], df["codigo_oei"]):
            if pd.notna(aei) and pd.notna(oei):
                esperado = "OEI." + aei.split(".")[1]
                if oei != esperado:
                    fallas.append(Falla(a, int(fila), "codigo_oei",
                                        f"no corresponde a la AEI {aei} (se esperaba {esperado})",
                                        res.valor(fila, "codigo_oei")))
    elif nombre == ("plan", "indicadores") and {"codigo_indicador", "codigo_aei"} <= set(df.columns):
        for fila, ind, aei in zip(df.index, df["codigo_indicador"], df["codigo_aei"]):
            if pd.notna(ind) and pd.notna(aei):
                esperado = ind.split(".", 2)[2]
                if aei != esperado:
                    fallas.append(Falla(a, int(fila), "codigo_aei",
                                        f"no corresponde al indicador {ind} (se esperaba {esperado})",
                                        res.valor(fila, "codigo_aei")))
    elif nombre == ("plan", "actividades_operativas") and {"codigo_ao", "codigo_aei", "orden"} <= set(df.columns):
        for fila, ao, aei, orden in zip(df.index, df["codigo_ao"], df["codigo_aei"], df["orden"]):
            if pd.isna(ao):
                continue
            _, x, y, z = ao.split(".")
            if pd.notna(aei) and aei != f"AEI.{x}.{y}":
                fallas.append(Falla(a, int(fila), "codigo_aei",
                                    f"no corresponde a la actividad {ao} (se esperaba AEI.{x}.{y})",
                                    res.valor(fila, "codigo_aei")))
            if pd.notna(orden) and int(orden) != int(z):
                fallas.append(Falla(a, int(fila), "orden",
                                    f"no corresponde a la actividad {ao} (se esperaba {int(z)})",
                                    res.valor(fila, "orden")))
    if nombre == ("plan", "aei") and "orden" in df:
        ordenes = [int(x) for x in df["orden"].dropna()]
        if ordenes and len(set(ordenes)) == len(ordenes):
            faltan = sorted(set(range(1, len(ordenes) + 1)) - set(ordenes))
            if faltan:
                fallas.append(Falla(a, None, "orden", (
                    f"los valores deben ir de 1 a {len(ordenes)} sin saltos; falta "
                    + ", ".join(str(x) for x in faltan))))
    return fallas


# ------------------------------------------------------------------ referencias

def _referencias(plan: dict[str, _Archivo], medidos: dict[str, _Archivo]) -> list[Falla]:
    fallas: list[Falla] = []

    def codigos(arch: _Archivo | None, columna: str) -> dict[str, int] | None:
        if arch is None or arch.df is None or columna not in arch.df:
            return None
        out: dict[str, int] = {}
        for fila, v in zip(arch.df.index, arch.df[columna]):
            if pd.notna(v):
                out.setdefault(v, int(fila))
        return out

    def existe(origen: _Archivo | None, columna: str, destino: _Archivo | None, col_destino: str,
               permitir=()):
        validos = codigos(destino, col_destino)
        if validos is None or origen is None or origen.df is None or columna not in origen.df:
            return
        for fila, v in zip(origen.df.index, origen.df[columna]):
            if pd.notna(v) and v not in validos and v not in permitir:
                fallas.append(Falla(origen.archivo, int(fila), columna, f"no existe en {destino.archivo}",
                                    origen.valor(int(fila), columna)))

    def cubre(origen: _Archivo | None, columna: str, destino: _Archivo | None, col_destino: str, que: str):
        """Cada código de ``origen`` debe tener su fila en ``destino``."""
        requeridos = codigos(origen, columna)
        presentes = codigos(destino, col_destino)
        if requeridos is None or presentes is None or destino.columna_con_errores(col_destino):
            return
        for cod, fila in requeridos.items():
            if cod not in presentes:
                fallas.append(Falla(destino.archivo, None, col_destino,
                                    f"falta {que} {cod}, que está en el plan ({origen.archivo}, fila {fila})"))

    p_oei, p_aei = plan.get("oei"), plan.get("aei")
    p_ind, p_ao = plan.get("indicadores"), plan.get("actividades_operativas")
    existe(p_aei, "codigo_oei", p_oei, "codigo_oei")
    existe(p_ind, "codigo_aei", p_aei, "codigo_aei")
    existe(p_ao, "codigo_aei", p_aei, "codigo_aei")
    # cada AEI tiene al menos un indicador
    aeis = codigos(p_aei, "codigo_aei")
    con_ind = codigos(p_ind, "codigo_aei")
    if aeis is not None and con_ind is not None:
        for cod, fila in aeis.items():
            if cod not in con_ind:
                fallas.append(Falla(p_aei.archivo, fila, "codigo_aei",
                                    f"la AEI no tiene indicadores en {p_ind.archivo}", p_aei.valor(fila, "codigo_aei")))

    m_ind = medidos.get("indicadores")
    existe(m_ind, "codigo_indicador", p_ind, "codigo_indicador")
    cubre(p_ind, "codigo_indicador", m_ind, "codigo_indicador", "el indicador")
    existe(medidos.get("componentes"), "codigo_indicador", p_ind, "codigo_indicador")
    m_ao = medidos.get("actividades_operativas")
    existe(m_ao, "codigo_ao", p_ao, "codigo_ao")
    cubre(p_ao, "codigo_ao", m_ao, "codigo_ao", "la actividad operativa")
    existe(medidos.get("ao_desagregado"), "codigo_ao", p_ao, "codigo_ao")
    existe(medidos.get("ao_establecimientos"), "codigo_ao", p_ao, "codigo_ao")
    existe(medidos.get("obras_hitos"), "cui", medidos.get("obras"), "cui")
    pres = medidos.get("presupuesto")
    existe(pres, "ambito", p_aei, "codigo_aei", permitir=("PLIEGO",))
    ambitos = codigos(pres, "ambito")
    if ambitos is not None and "PLIEGO" not in ambitos:
        fallas.append(Falla(pres.archivo, None, "ambito", "falta la fila del pliego (ambito PLIEGO)"))
    return fallas


# ------------------------------------------------------------------ carpetas

def _nombre_raiz(raiz: Path) -> str:
    return Path(raiz).resolve().name or str(raiz)


def _pista_archivo(carpeta: Path, nombre: str) -> str:
    """Sugerencia cuando falta ``nombre`` pero hay algo parecido en la carpeta."""
    if not carpeta.is_dir():
        return ""
    base = nombre[:-4].lower()
    for otro in sorted(p.name for p in carpeta.iterdir()):
        if otro == nombre:
            continue
        raiz_otro, _, ext = otro.rpartition(".")
        if otro.lower() == nombre.lower():
            return f" (hay «{otro}»: cambie el nombre a «{nombre}»)"
        if raiz_otro.lower() == base and ext.lower() in ("xlsx", "xls", "ods", "txt", "tsv"):
            return f" (hay «{otro}»: expórtelo como CSV con el nombre «{nombre}»)"
        if raiz_otro.strip().lower() == base and ext.lower() == "csv":
            return f" (hay «{otro}»: cambie el nombre a «{nombre}»)"
    return ""


def _validar_carpeta(carpeta: Path, visible: str, esquemas: dict[str, Esquema],
                     resultado: Resultado) -> dict[str, _Archivo]:
    leidos: dict[str, _Archivo] = {}
    pistas_usadas: set[str] = set()
    for nombre, esquema in esquemas.items():
        ruta = carpeta / esquema.archivo
        archivo = f"{visible}/{esquema.archivo}"
        if not ruta.is_file():
            if not esquema.obligatorio:
                continue
            pista = _pista_archivo(carpeta, esquema.archivo)
            if pista:
                pistas_usadas.add(pista.split("«")[1].split("»")[0])
            resultado.errores.append(Falla(archivo, regla="falta el archivo" + pista))
            continue
        arch = validar_archivo(ruta, esquema, archivo)
        resultado.errores.extend(arch.errores)
        resultado.avisos.extend(arch.avisos)
        leidos[nombre] = arch
    conocidos = {e.archivo for e in esquemas.values()}
    for p in sorted(carpeta.iterdir()):
        if p.is_file() and p.suffix.lower() == ".csv" and p.name not in conocidos and p.name not in pistas_usadas:
            resultado.avisos.append(f"{visible}/{p.name}: no es un archivo de los datos del informe; se ignora.")
    return leidos


def semestres_en(raiz: Path) -> list[str]:
    raiz = Path(raiz)
    if not raiz.is_dir():
        return []
    return sorted(p.name for p in raiz.iterdir() if p.is_dir() and _RE_SEMESTRE.fullmatch(p.name))


def _siguiente(semestre: str) -> str:
    anio, s = int(semestre[:4]), semestre[-1]
    return f"{anio}-S2" if s == "1" else f"{anio + 1}-S1"


def _validar(raiz: Path, semestre: str) -> tuple[Resultado, dict[str, _Archivo], dict[str, _Archivo]]:
    raiz = Path(raiz)
    visible = _nombre_raiz(raiz)
    resultado = Resultado()
    if not raiz.is_dir():
        resultado.errores.append(Falla(visible, regla=f"no existe la carpeta de datos ({raiz})"))
        return resultado, {}, {}

    ok_semestre = semestre_valido(semestre)
    if not ok_semestre:
        resultado.errores.append(Falla(visible, regla=(
            "el semestre debe tener la forma AAAA-S1 o AAAA-S2, p. ej. 2024-S1"), valor=str(semestre)))

    for p in sorted(raiz.iterdir()):
        if p.is_dir() and p.name != "plan" and not p.name.startswith(".") and not _RE_SEMESTRE.fullmatch(p.name):
            if re.fullmatch(r"(?i)\d{4}[-_ ]?s[12]|\d{4}-[Ss]\d", p.name):
                resultado.avisos.append(f"{visible}/{p.name}: el nombre de la carpeta no tiene la forma "
                                        "AAAA-S1 o AAAA-S2; se ignora.")

    plan: dict[str, _Archivo] = {}
    carpeta_plan = raiz / "plan"
    if carpeta_plan.is_dir():
        plan = _validar_carpeta(carpeta_plan, f"{visible}/plan", ESQUEMAS_PLAN, resultado)
    else:
        resultado.errores.append(Falla(f"{visible}/plan", regla="falta la carpeta del plan"))

    medidos: dict[str, _Archivo] = {}
    if ok_semestre:
        disponibles = semestres_en(raiz)
        carpeta = raiz / semestre
        if carpeta.is_dir():
            medidos = _validar_carpeta(carpeta, f"{visible}/{semestre}", ESQUEMAS_SEMESTRE, resultado)
        else:
            hay = ", ".join(disponibles) if disponibles else "ninguno"
            resultado.errores.append(Falla(f"{visible}/{semestre}", regla=(
                f"falta la carpeta del semestre (semestres disponibles: {hay})")))
        anteriores = [s for s in disponibles if s < semestre]
        if anteriores:
            s = anteriores[0]
            presentes = set(disponibles)
            while s < semestre:
                if s not in presentes:
                    antes = max(x for x in disponibles if x < s)
                    despues = min([x for x in disponibles if x > s] + ([semestre] if semestre > s else []))
                    resultado.errores.append(Falla(f"{visible}/{s}", regla=(
                        f"falta la carpeta del semestre: hay datos de {antes} y de {despues}, "
                        "y la serie de los indicadores no puede tener huecos")))
                s = _siguiente(s)

    resultado.errores.extend(_referencias(plan, medidos))
    return resultado, plan, medidos


def validar(raiz: Path, semestre: str) -> Resultado:
    """Valida el plan y el semestre ``semestre`` bajo ``raiz`` (la carpeta ``data``)."""
    resultado, _, _ = _validar(Path(raiz), semestre)
    return resultado
