"""Auditoría de consistencia de los datos de un semestre, en cada construcción.

La validación (:mod:`inpe.entrada.validacion`) revisa cada archivo y sus referencias; la auditoría
revisa que las cifras **cuenten la misma historia** entre archivos: totales contra sus
partes, indicadores contra sus componentes, conteos contra las listas que cuentan, la
misma cifra dada en dos archivos.

Cada comprobación tiene un código (``AUD-01`` …), una descripción, una severidad y un
resultado:

- severidad ``error``: una contradicción clara (una parte mayor que su total, un indicador
  que no sale de sus componentes a la precisión publicada); detiene la construcción;
- severidad ``aviso``: una diferencia que el informe de referencia trae tal cual y que el
  revisor debe ver (el PIM del pliego que no es la suma exacta del de sus AEI, una lista
  de establecimientos más corta que el número declarado); la construcción sigue y el
  aviso aparece en el anexo «Control de calidad de los datos», en la consola y en el registro;
- resultado ``conforme``, ``aviso``, ``error`` o ``no_aplica`` (el plan no tiene lo que la
  comprobación compara). Una comprobación de severidad ``error`` que no pudo hacerse por
  falta de un dato da ``aviso`` («no se pudo comprobar»).

>>> resultados = auditar(cargar_semestre("2024-S1"))
>>> [r.codigo for r in resultados if r.resultado != "conforme"]
['AUD-02', 'AUD-10']

Los mensajes nombran los archivos y los valores comparados, con el formato del informe.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum

import pandas as pd

from inpe.calculo import ceplan

# El total de cada tipo de establecimiento, el factor de cada unidad y el cálculo de un indicador
# desde sus componentes son los mismos con que se calcula el informe.
from inpe.calculo.resultados import FACTOR_UNIDAD, TOTAL_ESTABLECIMIENTOS, valor_desde_componentes
from inpe.entrada import semestres
from inpe.entrada.datos import DatosSemestre
from inpe.redaccion import formato
from inpe.redaccion.explicaciones import TIPO_ESTABLECIMIENTO
from inpe.redaccion.gramatica import enumerar, segun

__all__ = ["Severidad", "Estado", "Resultado", "CHEQUEOS", "auditar", "errores", "avisos",
           "formatear_reporte", "resumen", "filas_cuadro", "conteo"]

#: Diferencia de dinero que se tolera (medio céntimo: las cifras llevan dos decimales).
TOLERANCIA_SOLES = 0.005
_RAZON = {"porcentaje": "un porcentaje", "tasa_1000": "una tasa por cada 1,000",
          "tasa_100000": "una tasa por cada 100,000"}


class Severidad(StrEnum):
    ERROR = "error"
    AVISO = "aviso"


class Estado(StrEnum):
    CONFORME = "conforme"
    AVISO = "aviso"
    ERROR = "error"
    NO_APLICA = "no_aplica"


_ETIQUETA = {Estado.CONFORME: "Conforme", Estado.AVISO: "Aviso", Estado.ERROR: "Error",
             Estado.NO_APLICA: "No aplica"}


@dataclass(frozen=True)
class Resultado:
    """Resultado de una comprobación: qué compara, qué tan grave es y qué encontró."""

    codigo: str
    descripcion: str
    severidad: Severidad
    resultado: Estado
    mensaje: str
    hallazgos: tuple[str, ...] = ()

    @property
    def etiqueta(self) -> str:
        """El resultado en palabras («Conforme», «Aviso», «Error», «No aplica»)."""
        return _ETIQUETA[self.resultado]


# ------------------------------------------------------------------ utilidades

class _Registro:
    """Lo que va encontrando una comprobación."""

    def __init__(self):
        self.fallas: list[str] = []
        self.sin_comprobar: list[str] = []
        self.constancias: list[str] = []
        self.no_aplica: list[str] = []

    def falla(self, texto: str) -> None:
        self.fallas.append(texto)

    def no_se_pudo(self, texto: str) -> None:
        self.sin_comprobar.append(f"No se pudo comprobar: {texto}")

    def conforme(self, texto: str) -> None:
        self.constancias.append(texto)

    def fuera_del_plan(self, texto: str) -> None:
        self.no_aplica.append(texto)

    def resultado(self, codigo: str, descripcion: str, severidad: Severidad) -> Resultado:
        if self.fallas or self.sin_comprobar:
            estado = Estado(severidad.value) if self.fallas else Estado.AVISO
            hallazgos = tuple(self.fallas + self.sin_comprobar)
        elif self.constancias:
            estado, hallazgos = Estado.CONFORME, tuple(self.constancias)
        else:
            estado = Estado.NO_APLICA
            hallazgos = tuple(self.no_aplica) or ("No hay datos que comparar en este semestre.",)
        return Resultado(codigo, descripcion, severidad, estado, " ".join(hallazgos), hallazgos)


def _archivo(df: pd.DataFrame) -> str:
    return df.attrs.get("archivo", "?")


def _n(x) -> str:
    return formato.numero(x)


def _falta(x) -> bool:
    return ceplan.es_faltante(x)


def _iguales(a, b) -> bool:
    return abs(float(a) - float(b)) < 1e-9


def _plural(n: int, singular: str, plural: str) -> str:
    return f"{_n(n)} {singular if n == 1 else plural}"


def _declarado(d: DatosSemestre, explicacion: str) -> str | None:
    """El indicador que el plan explica con ``explicacion`` (columna de indicadores.csv); None si ninguno.

    Las comprobaciones cruzadas no nombran indicadores de un plan: buscan el que el plan declara.
    """
    t = d.plan["indicadores"]
    filas = t[t["explicacion"] == explicacion]["codigo_indicador"]
    return None if filas.empty else str(filas.iloc[0])


def _sin_declarar(r: _Registro, explicacion: str) -> None:
    r.fuera_del_plan(f"Ningún indicador del plan se explica con “{explicacion}” (columna explicacion de "
                     "plan/indicadores.csv).")


def _indicador(d: DatosSemestre, codigo: str) -> pd.Series | None:
    t = d.plan["indicadores"].merge(d.medidos["indicadores"], on="codigo_indicador", how="left")
    fila = t[t["codigo_indicador"] == codigo]
    return None if fila.empty else fila.iloc[0]


def _componente(d: DatosSemestre, codigo: str, rol: str) -> float | None:
    """Σ de los componentes de un rol (numerador o denominador); None si no hay ninguno."""
    c = d.medidos["componentes"]
    filas = c[(c["codigo_indicador"] == codigo) & (c["rol"] == rol)]
    if filas.empty or filas["valor"].isna().any():
        return None
    return float(filas["valor"].sum())


def _ultimo_corte(d: DatosSemestre) -> pd.Timestamp | None:
    p = d.medidos["poblacion"]
    return None if p.empty else p["fecha_corte"].max()


def _poblacion(d: DatosSemestre, ambito: str) -> float | None:
    """Personas del ámbito en el último corte del semestre."""
    p = d.medidos["poblacion"]
    corte = _ultimo_corte(d)
    fila = p[(p["fecha_corte"] == corte) & (p["ambito"] == ambito)]
    return None if fila.empty or _falta(fila.iloc[0]["personas"]) else float(fila.iloc[0]["personas"])


def _entidad(d: DatosSemestre, concepto: str) -> float | None:
    e = d.medidos["entidad"]
    fila = e[e["concepto"] == concepto]
    return None if fila.empty or _falta(fila.iloc[0]["valor"]) else float(fila.iloc[0]["valor"])


def _evaluacion(d: DatosSemestre, ambito: str, columna: str) -> float | None:
    t = d.medidos["evaluacion_tratamiento"]
    fila = t[t["ambito"] == ambito]
    return None if fila.empty or _falta(fila.iloc[0][columna]) else float(fila.iloc[0][columna])


def _ao(d: DatosSemestre, codigo: str, columna: str) -> float | None:
    t = d.medidos["actividades_operativas"]
    fila = t[t["codigo_ao"] == codigo]
    return None if fila.empty or _falta(fila.iloc[0][columna]) else float(fila.iloc[0][columna])


def _fecha(x) -> str:
    return pd.Timestamp(x).date().isoformat()


# ------------------------------------------------------------------ presupuesto

def _presupuesto(d: DatosSemestre):
    t = d.medidos["presupuesto"]
    pliego = t[t["ambito"] == "PLIEGO"]
    aei = t[t["ambito"] != "PLIEGO"]
    return t, (None if pliego.empty else pliego.iloc[0]), aei


_MONTOS = (("pim", "PIM"), ("devengado", "devengado"))


def aei_no_superan_pliego(d: DatosSemestre, r: _Registro) -> None:
    t, pliego, aei = _presupuesto(d)
    a = _archivo(t)
    if pliego is None:
        r.no_se_pudo(f"{a} no tiene la fila del pliego (PLIEGO).")
        return
    for col, nombre in _MONTOS:
        suma, total = float(aei[col].sum()), float(pliego[col])
        if suma > total + TOLERANCIA_SOLES:
            r.falla(f"{a}: la suma del {nombre} de las AEI ({formato.soles(suma)}) supera "
                    f"el {nombre} del pliego ({formato.soles(total)}) en {formato.soles(suma - total)}.")
    if not r.fallas:
        r.conforme(f"{a}: la suma del PIM de las AEI ({formato.soles(aei['pim'].sum())}) y la de su devengado "
                   f"({formato.soles(aei['devengado'].sum())}) no superan el PIM ({formato.soles(pliego['pim'])}) "
                   f"ni el devengado ({formato.soles(pliego['devengado'])}) del pliego.")


def pliego_es_suma_de_aei(d: DatosSemestre, r: _Registro) -> None:
    t, pliego, aei = _presupuesto(d)
    a = _archivo(t)
    if pliego is None:
        r.no_se_pudo(f"{a} no tiene la fila del pliego (PLIEGO).")
        return
    sin_fila = sorted(set(d.plan["aei"]["codigo_aei"]) - set(aei["ambito"]))
    nota = (f" No tienen fila de presupuesto: {enumerar(sin_fila)}." if sin_fila else "")
    for col, nombre in _MONTOS:
        suma, total = float(aei[col].sum()), float(pliego[col])
        diferencia = suma - total
        if abs(diferencia) > TOLERANCIA_SOLES:
            sentido = "menor" if diferencia < 0 else "mayor"
            r.falla(f"{a}: el {nombre} del pliego ({formato.soles(total)}) no es igual a la suma "
                    f"del {nombre} de las AEI ({formato.soles(suma)}); la suma es "
                    f"{formato.soles(abs(diferencia))} {sentido}.{nota}")
    if not r.fallas:
        r.conforme(f"{a}: el PIM ({formato.soles(pliego['pim'])}) y el devengado "
                   f"({formato.soles(pliego['devengado'])}) del pliego son la suma de los de sus AEI.")


def devengado_no_supera_pim(d: DatosSemestre, r: _Registro) -> None:
    t = d.medidos["presupuesto"]
    a = _archivo(t)
    for _, fila in t.iterrows():
        if _falta(fila["pim"]) or _falta(fila["devengado"]):
            continue
        if fila["devengado"] > fila["pim"] + TOLERANCIA_SOLES:
            ambito = "pliego" if fila["ambito"] == "PLIEGO" else fila["ambito"]
            r.falla(f"{a}, {ambito}: el devengado ({formato.soles(fila['devengado'])}) supera "
                    f"el PIM ({formato.soles(fila['pim'])}).")
    if not r.fallas and len(t):
        r.conforme(f"{a}: en {'la única fila' if len(t) == 1 else f'las {_n(len(t))} filas'} "
                   "el devengado no supera el PIM.")


# ------------------------------------------------------------------ totales y partes

def poblacion_suma_total(d: DatosSemestre, r: _Registro) -> None:
    p = d.medidos["poblacion"]
    a = _archivo(p)
    for corte, filas in p.groupby("fecha_corte", sort=True):
        valores = dict(zip(filas["ambito"], filas["personas"]))
        faltan = [x for x in ("intramuros", "extramuros", "total") if _falta(valores.get(x))]
        if faltan:
            r.no_se_pudo(f"{a}, corte {_fecha(corte)}: falta la población {enumerar(faltan)}.")
            continue
        intra, extra, total = (float(valores[x]) for x in ("intramuros", "extramuros", "total"))
        if not _iguales(intra + extra, total):
            r.falla(f"{a}, corte {_fecha(corte)}: intramuros ({_n(intra)}) + extramuros ({_n(extra)}) = "
                    f"{_n(intra + extra)}, pero el total es {_n(total)}.")
        else:
            r.conforme(f"{a}, corte {_fecha(corte)}: intramuros ({_n(intra)}) + extramuros ({_n(extra)}) = "
                       f"total ({_n(total)}).")
    if r.fallas:
        r.constancias.clear()


def desagregado_suma_ejecutado(d: DatosSemestre, r: _Registro) -> None:
    des = d.medidos["ao_desagregado"]
    ao = d.medidos["actividades_operativas"]
    partes = des[des["suma_al_total"]]
    for codigo, filas in partes.groupby("codigo_ao", sort=True):
        suma = float(filas["valor"].sum())
        ejecutado = _ao(d, codigo, "ejecutado")
        conceptos = _plural(len(filas), "concepto", "conceptos")
        if ejecutado is None:
            r.no_se_pudo(f"{_archivo(ao)} no da lo ejecutado en {codigo}, que {_archivo(des)} desagrega.")
        elif not _iguales(suma, ejecutado):
            r.falla(f"{_archivo(des)}: los {conceptos} de {codigo} que suman al total dan {_n(suma)}, "
                    f"pero lo ejecutado en {_archivo(ao)} es {_n(ejecutado)}.")
        else:
            r.conforme(f"{codigo}: los {conceptos} de {_archivo(des)} suman lo ejecutado ({_n(ejecutado)}).")
    if r.fallas:
        r.constancias.clear()


def profesionales_suman_numerador(d: DatosSemestre, r: _Registro) -> None:
    ind_prof = _declarado(d, "profesionales")
    if ind_prof is None:
        _sin_declarar(r, "profesionales")
        return
    prof = d.medidos["profesionales"]
    comp = d.medidos["componentes"]
    suma = float(prof["profesionales"].sum()) if len(prof) else None
    numerador = _componente(d, ind_prof, "numerador")
    if suma is None or numerador is None:
        falta = _archivo(prof) if suma is None else f"el numerador de {ind_prof} en {_archivo(comp)}"
        r.no_se_pudo(f"falta {falta}.")
    elif not _iguales(suma, numerador):
        detalle = " + ".join(f"{m} ({_n(v)})" for m, v in zip(prof["medio"], prof["profesionales"]))
        r.falla(f"{_archivo(prof)}: los profesionales por medio suman {_n(suma)} ({detalle}), pero el "
                f"numerador de {ind_prof} en {_archivo(comp)} es {_n(numerador)}.")
    else:
        r.conforme(f"{_archivo(prof)}: los profesionales por medio suman el numerador de "
                   f"{ind_prof} ({_n(numerador)}).")


def locales_suman_establecimientos(d: DatosSemestre, r: _Registro) -> None:
    loc = d.medidos["locales_medio_libre"]
    ent = d.medidos["entidad"]
    total = _entidad(d, "establecimientos_medio_libre")
    if loc.empty and _declarado(d, "locales_medio_libre") is None:
        _sin_declarar(r, "locales_medio_libre")
        return
    if total is None or loc.empty:
        r.no_se_pudo(f"falta {'el número de establecimientos de medio libre en ' + _archivo(ent) if total is None else _archivo(loc)}.")
        return
    suma = float(loc["cantidad"].sum())
    if not _iguales(suma, total):
        r.falla(f"{_archivo(loc)}: los locales de medio libre por tipo suman {_n(suma)}, pero {_archivo(ent)} "
                f"da {_n(total)} establecimientos de medio libre.")
    else:
        r.conforme(f"{_archivo(loc)}: los locales por tipo suman los {_n(total)} establecimientos de medio libre "
                   f"de {_archivo(ent)}.")


# ------------------------------------------------------------------ indicadores

def _texto_calculo(num: float, den: float | None, factor: int, calculado: float, unidad: str, dec: int) -> str:
    if den is None:
        return f"la suma de sus numeradores es {formato.valor_indicador(calculado, unidad, dec)}"
    por = f" × {_n(factor)}" if factor != 1 else ""
    return f"{_n(num)} / {_n(den)}{por} = {formato.valor_indicador(calculado, unidad, dec)}"


def indicadores_con_sus_componentes(d: DatosSemestre, r: _Registro) -> None:
    comp = d.medidos["componentes"]
    a_ind, a_comp = _archivo(d.medidos["indicadores"]), _archivo(comp)
    conformes = []
    for codigo in sorted(set(comp["codigo_indicador"])):
        ind = _indicador(d, codigo)
        if ind is None:
            continue  # la validación ya lo señala
        unidad, dec = ind["unidad"], int(ind["decimales"])
        num = _componente(d, codigo, "numerador")
        den = _componente(d, codigo, "denominador")
        if num is None:
            r.no_se_pudo(f"{a_comp} no tiene numerador completo para {codigo}.")
            continue
        factor = FACTOR_UNIDAD[unidad]
        if den is None and unidad != "numero":
            r.no_se_pudo(f"{a_comp} no tiene denominador para {codigo}, que es {_RAZON[unidad]}.")
            continue
        if den == 0:
            r.falla(f"{a_comp}: el denominador de {codigo} es cero.")
            continue
        calculado = valor_desde_componentes({"numerador": num, "denominador": den}, unidad)
        valor = ind["valor_obtenido"]
        if _falta(valor):
            r.no_se_pudo(f"{a_ind} no da el valor obtenido de {codigo}, que sus componentes calculan en "
                         f"{formato.valor_indicador(calculado, unidad, dec)}.")
            continue
        publicado = formato.valor_indicador(valor, unidad, dec)
        if formato.redondear(calculado, dec) != formato.redondear(valor, dec):
            r.falla(f"{a_ind}: el valor obtenido de {codigo} ({publicado}) no es el que dan sus componentes "
                    f"en {a_comp}: {_texto_calculo(num, den, factor, calculado, unidad, dec)}.")
        else:
            conformes.append(f"{codigo} ({publicado})")
    if conformes:
        r.conforme(f"Coinciden, a la precisión publicada, el valor obtenido y el cálculo con sus componentes "
                   f"de {enumerar(conformes)}.")


def albergue_igual_obras_culminadas(d: DatosSemestre, r: _Registro) -> None:
    ind_albergue = _declarado(d, "obras_albergue")
    if ind_albergue is None:
        _sin_declarar(r, "obras_albergue")
        return
    obras = d.medidos["obras"]
    ind = _indicador(d, ind_albergue)
    a_ind, a_obras = _archivo(d.medidos["indicadores"]), _archivo(obras)
    culminadas = obras[(obras["estado"] == "culminada") & obras["unidades_albergue"].notna()]
    suma = float(culminadas["unidades_albergue"].sum())
    if _falta(ind["valor_obtenido"]):
        r.no_se_pudo(f"{a_ind} no da el valor obtenido de {ind_albergue}.")
        return
    valor = float(ind["valor_obtenido"])
    detalle = enumerar([f"{o} ({_n(u)})" for o, u in zip(culminadas["establecimiento"], culminadas["unidades_albergue"])])
    if not _iguales(valor, suma):
        r.falla(f"{a_ind}: {ind_albergue} da {_n(valor)} unidades de albergue construidas, pero las obras "
                f"culminadas de {a_obras} suman {_n(suma)}" + (f": {detalle}." if detalle else "."))
    else:
        r.conforme(f"{ind_albergue}: las {_n(valor)} unidades de albergue construidas son las de las obras "
                   f"culminadas de {a_obras} ({detalle}).")


# ------------------------------------------------------------------ conteos y listas

def _conteos_de_listas(d: DatosSemestre):
    ao = d.medidos["actividades_operativas"]
    lista = d.medidos["ao_establecimientos"]
    nombres = dict(zip(d.plan["actividades_operativas"]["codigo_ao"], d.plan["actividades_operativas"]["denominacion"]))
    listados = lista.groupby("codigo_ao")["establecimiento"].count()
    for _, fila in ao.sort_values("codigo_ao").iterrows():
        codigo = fila["codigo_ao"]
        if codigo not in listados.index or _falta(fila["establecimientos"]):
            continue
        yield codigo, nombres.get(codigo, ""), int(fila["establecimientos"]), int(listados[codigo]), ao, lista


def lista_no_supera_conteo(d: DatosSemestre, r: _Registro) -> None:
    revisadas = 0
    for codigo, nombre, declarados, listados, ao, lista in _conteos_de_listas(d):
        revisadas += 1
        if listados > declarados:
            r.falla(f"{_archivo(ao)}: {codigo} (“{nombre}”) declara {_plural(declarados, 'establecimiento', 'establecimientos')}, "
                    f"pero {_archivo(lista)} lista {_n(listados)}.")
    if revisadas == 1 and not r.fallas:
        r.conforme("La única AO con lista de establecimientos no lista más de los que declara.")
    elif revisadas and not r.fallas:
        r.conforme(f"Ninguna de las {_n(revisadas)} AO con lista de establecimientos lista más de los que declara.")


def lista_igual_conteo(d: DatosSemestre, r: _Registro) -> None:
    iguales = []
    for codigo, nombre, declarados, listados, ao, lista in _conteos_de_listas(d):
        if listados != declarados:
            r.falla(f"{_archivo(ao)}: {codigo} (“{nombre}”) declara {_plural(declarados, 'establecimiento', 'establecimientos')} "
                    f"y {_archivo(lista)} lista {_n(listados)}.")
        else:
            iguales.append(codigo)
    if iguales:
        r.conforme(f"El número de establecimientos declarado es el de la lista en {enumerar(iguales)}.")


# ------------------------------------------------------------------ partes no mayores que su total

def evaluados_no_superan_poblacion(d: DatosSemestre, r: _Registro) -> None:
    ev = d.medidos["evaluacion_tratamiento"]
    a_ev, a_pob = _archivo(ev), _archivo(d.medidos["poblacion"])
    corte = _ultimo_corte(d)
    if ev.empty and _declarado(d, "evaluacion_intramuros") is None and _declarado(d, "evaluacion_extramuros") is None:
        r.fuera_del_plan("Ningún indicador del plan se explica con “evaluacion_intramuros” ni con "
                         "“evaluacion_extramuros” (columna explicacion de plan/indicadores.csv).")
        return
    for _, fila in ev.iterrows():
        ambito, evaluados, favorables = fila["ambito"], fila["evaluados"], fila["favorables"]
        if not _falta(evaluados) and not _falta(favorables) and favorables > evaluados:
            r.falla(f"{a_ev}, {ambito}: los favorables ({_n(favorables)}) superan a los evaluados ({_n(evaluados)}).")
        pob = _poblacion(d, ambito)
        if pob is None:
            r.no_se_pudo(f"{a_pob} no da la población {ambito} para compararla con los evaluados.")
        elif not _falta(evaluados) and evaluados > pob:
            r.falla(f"{a_ev}, {ambito}: los evaluados ({_n(evaluados)}) superan a la población {ambito} "
                    f"al {_fecha(corte)} en {a_pob} ({_n(pob)}).")
    if not r.fallas and not r.sin_comprobar and len(ev):
        partes = [f"{f['ambito']}: {_n(f['favorables'])} favorables de {_n(f['evaluados'])} evaluados, "
                  f"población {_n(_poblacion(d, f['ambito']))}" for _, f in ev.iterrows()]
        r.conforme(f"Los favorables no superan a los evaluados ni estos a la población ({'; '.join(partes)}).")


def partes_no_superan_total(d: DatosSemestre, r: _Registro) -> None:
    ent = d.medidos["entidad"]
    a_ent = _archivo(ent)
    comparadas = 0
    que: list[str] = []
    # establecimientos interconectados por tipo
    inter = d.medidos["interconexion"]
    for _, fila in inter.sort_values("tipo_establecimiento").iterrows():
        concepto = TOTAL_ESTABLECIMIENTOS.get(fila["tipo_establecimiento"])
        total = _entidad(d, concepto) if concepto else None
        if total is None or _falta(fila["interconectados"]):
            continue
        comparadas += 1
        que.append("establecimientos interconectados")
        if fila["interconectados"] > total:
            tipo = fila["tipo_establecimiento"]
            plural = TIPO_ESTABLECIMIENTO.get(tipo, (tipo, tipo))[1]
            r.falla(f"{_archivo(inter)}: los {plural} interconectados ({_n(fila['interconectados'])}) "
                    f"superan a los {_n(total)} de {a_ent}.")
    # establecimientos donde se implementa una AO
    ao = d.medidos["actividades_operativas"]
    aei_de = dict(zip(d.plan["actividades_operativas"]["codigo_ao"], d.plan["actividades_operativas"]["codigo_aei"]))
    tipo_de = {a: t for a, t in zip(d.plan["aei"]["codigo_aei"], d.plan["aei"]["tipo_establecimiento"])
               if not _falta(t)}
    for _, fila in ao.sort_values("codigo_ao").iterrows():
        concepto = TOTAL_ESTABLECIMIENTOS.get(tipo_de.get(aei_de.get(fila["codigo_ao"]), ""))
        total = _entidad(d, concepto) if concepto else None
        if total is None or _falta(fila["establecimientos"]):
            continue
        comparadas += 1
        que.append("establecimientos de cada AO")
        if fila["establecimientos"] > total:
            tipo = concepto.removeprefix("establecimientos_").replace("_", " ")
            r.falla(f"{_archivo(ao)}: {fila['codigo_ao']} se implementa en {_n(fila['establecimientos'])} "
                    f"establecimientos, más que los {_n(total)} establecimientos ({tipo}) de {a_ent}.")
    # actos violentos por oficina regional
    actos = d.medidos["actos_violentos"]
    ind_actos = _declarado(d, "actos_por_oficina")
    if ind_actos is not None and len(actos):
        ind = _indicador(d, ind_actos)
        if not _falta(ind["valor_obtenido"]):
            comparadas += 1
            que.append("actos violentos por oficina regional")
            suma = float(actos["actos"].sum())
            if suma > ind["valor_obtenido"]:
                r.falla(f"{_archivo(actos)}: los actos violentos por oficina regional suman {_n(suma)}, más que "
                        f"el valor obtenido de {ind_actos} en {_archivo(d.medidos['indicadores'])} "
                        f"({_n(ind['valor_obtenido'])}).")
    if comparadas and not r.fallas:
        cuales = enumerar(list(dict.fromkeys(que)))
        r.conforme(f"En la única comparación ({cuales}) la parte no supera a su total." if comparadas == 1 else
                   f"En las {_n(comparadas)} comparaciones ({cuales}) ninguna parte supera a su total.")


# ------------------------------------------------------------------ la misma cifra en dos archivos

@dataclass(frozen=True)
class _Par:
    que: str
    indicador: str | None
    a: Callable[[DatosSemestre], float | None]
    archivo_a: str
    b: Callable[[DatosSemestre], float | None]
    archivo_b: str


def _pares(d: DatosSemestre) -> list[_Par]:
    """Las cifras que se dan dos veces, según las explicaciones y presentaciones que declara el plan."""
    def comp(codigo, rol):
        return lambda d: _componente(d, codigo, rol)

    def valor(codigo):
        def f(d):
            ind = _indicador(d, codigo)
            return None if ind is None or _falta(ind["valor_obtenido"]) else float(ind["valor_obtenido"])
        return f

    def interconectados(d):
        t = d.medidos["interconexion"]
        return None if t.empty or t["interconectados"].isna().any() else float(t["interconectados"].sum())

    intra, extra = _declarado(d, "evaluacion_intramuros"), _declarado(d, "evaluacion_extramuros")
    prof, inter, albergue = _declarado(d, "profesionales"), _declarado(d, "interconexion"), _declarado(d, "obras_albergue")
    plan_ao = d.plan["actividades_operativas"]
    obras = plan_ao[plan_ao["presentacion"] == "obras_en_ejecucion"]["codigo_ao"]
    ao_obra = None if obras.empty else str(obras.iloc[0])
    pares = []
    if intra:
        pares += [_Par("los favorables intramuros", intra, lambda d: _evaluacion(d, "intramuros", "favorables"),
                       "evaluacion_tratamiento", comp(intra, "numerador"), "componentes"),
                  _Par("la población intramuros", intra, lambda d: _poblacion(d, "intramuros"), "poblacion",
                       comp(intra, "denominador"), "componentes")]
    if extra:
        pares += [_Par("los favorables extramuros", extra, lambda d: _evaluacion(d, "extramuros", "favorables"),
                       "evaluacion_tratamiento", comp(extra, "numerador"), "componentes"),
                  _Par("los evaluados extramuros", extra, lambda d: _evaluacion(d, "extramuros", "evaluados"),
                       "evaluacion_tratamiento", comp(extra, "denominador"), "componentes")]
    if prof:
        pares.append(_Par("la población penitenciaria total", prof, lambda d: _poblacion(d, "total"), "poblacion",
                          comp(prof, "denominador"), "componentes"))
    if inter:
        pares.append(_Par("los establecimientos interconectados", inter, interconectados, "interconexion",
                          valor(inter), "indicadores"))
    if albergue and ao_obra:
        pares.append(_Par("las unidades de albergue construidas", albergue, lambda d: _ao(d, ao_obra, "ejecutado"),
                          "actividades_operativas", valor(albergue), "indicadores"))
    return pares


def misma_cifra_en_dos_archivos(d: DatosSemestre, r: _Registro) -> None:
    coinciden = []
    for par in _pares(d):
        a, b = par.a(d), par.b(d)
        arch_a, arch_b = _archivo(d.medidos[par.archivo_a]), _archivo(d.medidos[par.archivo_b])
        donde_b = f"{arch_b} ({par.indicador})" if par.indicador else arch_b
        if a is None or b is None:
            falta = arch_a if a is None else donde_b
            r.no_se_pudo(f"{par.que}: falta el dato en {falta}.")
        elif not _iguales(a, b):
            r.falla(f"{par.que[0].upper()}{par.que[1:]}: {arch_a} da {_n(a)} y {donde_b} da {_n(b)}.")
        else:
            coinciden.append(f"{par.que} ({_n(a)})")
    if coinciden:
        r.conforme(f"Coinciden en los dos archivos donde se dan: {enumerar(coinciden)}.")
    else:
        r.fuera_del_plan("El plan no declara indicadores cuyas cifras se repitan entre archivos (columnas explicacion "
                         "de plan/indicadores.csv y presentacion de plan/actividades_operativas.csv).")


# ------------------------------------------------------------------ registro de comprobaciones

def el_anio_cuenta_una_sola_historia(d: DatosSemestre, r: _Registro) -> None:
    """En cada año con sus dos semestres en la serie: el mismo logro esperado en ambos, y un indicador
    acumulativo que no baja del primero al segundo (un total del año no es menor que el de medio año)."""
    h = d.historial
    if h is None or h.empty:
        return
    plan = d.plan["indicadores"].set_index("codigo_indicador")
    revisados = []
    for (anio, codigo), t in h.groupby(["anio", "codigo_indicador"], sort=True):
        por = {semestres.partes(f.semestre)[1]: f for f in t.itertuples()}
        if set(por) != {1, 2} or codigo not in plan.index:
            continue
        ind, s1, s2 = plan.loc[codigo], por[1], por[2]
        u, dec = ind["unidad"], int(ind["decimales"])
        e1, e2, v1, v2 = (None if _falta(x) else formato.valor_indicador(x, u, dec) for x in
                          (s1.logro_esperado, s2.logro_esperado, s1.valor_obtenido, s2.valor_obtenido))
        donde = f"data/{s1.semestre} y data/{s2.semestre}"
        revisados.append(f"{codigo} ({anio})")
        if e1 and e2 and e1 != e2:
            r.falla(f"{donde}: el logro esperado de {codigo} para {anio} es {e1} en el primer semestre y {e2} en "
                    "el segundo.")
        if ind["acumulacion"] == "acumulativo" and v1 and v2 and s2.valor_obtenido < s1.valor_obtenido:
            r.falla(f"{donde}: {codigo} suma a lo largo del año, pero su valor al cierre de {anio} ({v2}) es "
                    f"menor que el del primer semestre ({v1}).")
    if not revisados:
        r.fuera_del_plan("La serie no tiene un año con sus dos semestres que comparar.")
    elif not r.fallas:
        r.conforme(f"Cada año con sus dos semestres tiene un solo logro esperado y ningún acumulativo baja: "
                   f"{enumerar(revisados)}.")


@dataclass(frozen=True)
class Chequeo:
    codigo: str
    descripcion: str
    severidad: Severidad
    funcion: Callable[[DatosSemestre, _Registro], None] = field(repr=False)


E, A = Severidad.ERROR, Severidad.AVISO

#: Todas las comprobaciones, en el orden del anexo.
CHEQUEOS: list[Chequeo] = [
    Chequeo("AUD-01", "La suma del PIM y del devengado de las AEI no supera la del pliego", E, aei_no_superan_pliego),
    Chequeo("AUD-02", "El PIM y el devengado del pliego son la suma de los de sus AEI", A, pliego_es_suma_de_aei),
    Chequeo("AUD-03", "El devengado no supera el PIM (pliego y cada AEI)", E, devengado_no_supera_pim),
    Chequeo("AUD-04", "Población intramuros más extramuros igual a la población total, en cada corte", E,
            poblacion_suma_total),
    Chequeo("AUD-05", "Los participantes por modalidad (desagregado de las AO) suman lo ejecutado", E,
            desagregado_suma_ejecutado),
    Chequeo("AUD-06", "Los profesionales por medio suman el numerador de la tasa de profesionales", E,
            profesionales_suman_numerador),
    Chequeo("AUD-07", "Los locales de medio libre por tipo suman los establecimientos de medio libre", E,
            locales_suman_establecimientos),
    Chequeo("AUD-08", "El valor de cada indicador es el que dan sus componentes, a la precisión publicada", E,
            indicadores_con_sus_componentes),
    Chequeo("AUD-09", "La lista de establecimientos de una AO no es más larga que el número declarado", E,
            lista_no_supera_conteo),
    Chequeo("AUD-10", "El número de establecimientos declarado de una AO es el de su lista", A, lista_igual_conteo),
    Chequeo("AUD-11", "Las unidades de albergue construidas son las de las obras culminadas", E,
            albergue_igual_obras_culminadas),
    Chequeo("AUD-12", "Los favorables no superan a los evaluados, ni los evaluados a la población", E,
            evaluados_no_superan_poblacion),
    Chequeo("AUD-13", "Ninguna parte supera a su total (interconectados, establecimientos de las AO, actos "
            "violentos)", E, partes_no_superan_total),
    Chequeo("AUD-14", "La misma cifra dada en dos archivos es igual en ambos", E, misma_cifra_en_dos_archivos),
    Chequeo("AUD-15", "En cada año de la serie, un solo logro esperado y ningún indicador acumulativo que baje "
            "del primer al segundo semestre", A, el_anio_cuenta_una_sola_historia),
]


def ejecutar_chequeo(chequeo: Chequeo, d: DatosSemestre) -> Resultado:
    r = _Registro()
    try:
        chequeo.funcion(d, r)
    except Exception as e:  # una comprobación que no corre es una falla, no un silencio
        r = _Registro()
        r.falla(f"La comprobación no pudo ejecutarse: {type(e).__name__}: {e}.")
        return r.resultado(chequeo.codigo, chequeo.descripcion, Severidad.ERROR)
    return r.resultado(chequeo.codigo, chequeo.descripcion, chequeo.severidad)


def auditar(d: DatosSemestre, anterior: Callable[[], DatosSemestre | None] | None = None) -> list[Resultado]:
    """Corre todas las comprobaciones sobre datos ya validados (ver :func:`inpe.entrada.carga.cargar_semestre`).

    Una comprobación que no aplica a este semestre pero sí se aplicó al anterior (``anterior`` carga sus
    datos, solo si hace falta) es un aviso: algo que se revisaba dejó de revisarse, y el revisor debe
    saberlo. Así un cambio de plan o un archivo que quedó vacío no vuelve mudo un control.
    """
    resultados = [ejecutar_chequeo(c, d) for c in CHEQUEOS]
    no_aplican = [i for i, r in enumerate(resultados) if r.resultado == Estado.NO_APLICA]
    previos = anterior() if anterior is not None and no_aplican else None
    if previos is None:
        return resultados
    for i in no_aplican:
        antes = ejecutar_chequeo(CHEQUEOS[i], previos)
        if antes.resultado != Estado.NO_APLICA:
            r = resultados[i]
            aviso = (f"Se aplicó en el {formato.semestre_texto(previos.semestre)} (resultado: "
                     f"{antes.etiqueta.lower()}) y no se aplica en este semestre: {r.mensaje}")
            resultados[i] = Resultado(r.codigo, r.descripcion, Severidad.AVISO, Estado.AVISO, aviso, (aviso,))
    return resultados


def errores(resultados: list[Resultado]) -> list[Resultado]:
    return [r for r in resultados if r.resultado == Estado.ERROR]


def avisos(resultados: list[Resultado]) -> list[Resultado]:
    return [r for r in resultados if r.resultado == Estado.AVISO]


def conteo(resultados: list[Resultado]) -> dict[str, int]:
    return {str(e): sum(r.resultado == e for r in resultados) for e in Estado}


def formatear_reporte(resultados: list[Resultado]) -> str:
    """Texto para la consola y el registro: resumen, errores y avisos con su mensaje."""
    c = conteo(resultados)
    lineas = [f"Auditoría de consistencia: {len(resultados)} comprobaciones, {c['conforme']} conformes, "
              f"{c['aviso']} con aviso, {c['error']} con error"
              + (f", {c['no_aplica']} {segun(c['no_aplica'], 'no aplica', 'no aplican')}." if c["no_aplica"] else ".")]
    for r in resultados:
        if r.resultado in (Estado.ERROR, Estado.AVISO):
            lineas.append(f"  {r.codigo} [{r.etiqueta}] {r.descripcion}")
            lineas.extend(f"      {h}" for h in r.hallazgos)
    return "\n".join(lineas)


def resumen(resultados: list[Resultado]) -> str:
    """Oración del anexo: «De las catorce (14) comprobaciones, doce (12) resultaron conformes, …»."""
    c = conteo(resultados)

    def cuantas(n: int) -> str:
        return "ninguna" if n == 0 else formato.en_letras(n, "f")

    partes = [f"{cuantas(c['conforme'])} {'resultó conforme' if c['conforme'] <= 1 else 'resultaron conformes'}",
              f"{cuantas(c['aviso'])} con aviso",
              f"{cuantas(c['error'])} con error"]
    if c["no_aplica"]:
        partes.append(f"{cuantas(c['no_aplica'])} no {'aplica' if c['no_aplica'] <= 1 else 'aplican'}")
    return f"De las {formato.en_letras(len(resultados), 'f')} comprobaciones, " + enumerar(partes) + "."


def filas_cuadro(resultados: list[Resultado]) -> list[list[str]]:
    """Filas del cuadro del anexo: código, comprobación, resultado en palabras, detalle."""
    return [[r.codigo, r.descripcion, r.etiqueta, r.mensaje] for r in resultados]
