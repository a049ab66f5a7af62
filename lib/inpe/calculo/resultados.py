"""Resultados del semestre: las reglas de ``inpe.calculo.ceplan`` aplicadas a las tablas de datos.

Funciones puras de DataFrame a DataFrame, sin formato: los cuadernos y la narrativa
formatean al final. Todas las cifras del informe salen de aquí o de los datos.
"""

from __future__ import annotations

import datetime

import pandas as pd

from inpe.calculo import ceplan


def _valor(x):
    return None if ceplan.es_faltante(x) else float(x)


def indicadores(plan_indicadores: pd.DataFrame, medidos: pd.DataFrame) -> pd.DataFrame:
    """Cuadro 3, nivel indicador: logro esperado, valor obtenido, avance, semáforo y situación."""
    t = plan_indicadores.merge(medidos, on="codigo_indicador", how="left", validate="one_to_one")
    t["avance"] = [
        ceplan.avance_indicador(_valor(l), _valor(v), s)
        for l, v, s in zip(t["logro_esperado"], t["valor_obtenido"], t["sentido"])
    ]
    t["semaforo"] = [str(ceplan.semaforo(a)) for a in t["avance"]]
    t["estado"] = [
        str(ceplan.estado_respecto_meta(_valor(l), _valor(v), s))
        for l, v, s in zip(t["logro_esperado"], t["valor_obtenido"], t["sentido"])
    ]
    return t


def aei(plan_aei: pd.DataFrame, tabla_indicadores: pd.DataFrame) -> pd.DataFrame:
    """Cuadro 3, nivel AEI: promedio simple de los avances de sus indicadores y su semáforo."""
    t = plan_aei.sort_values("orden").reset_index(drop=True)
    por_aei = dict(tuple(tabla_indicadores.groupby("codigo_aei")["avance"]))
    t["indicadores"] = [len(por_aei.get(c, ())) for c in t["codigo_aei"]]
    t["avance"] = [ceplan.avance_aei(por_aei[c]) for c in t["codigo_aei"]]
    t["semaforo"] = [str(ceplan.semaforo(a)) for a in t["avance"]]
    return t


def resumen_semaforo(tabla_aei: pd.DataFrame) -> dict[str, int]:
    """Tabla resumen: cuántas AEI en cada nivel y el total."""
    return ceplan.conteo_semaforo(tabla_aei["avance"])


def presupuesto(presupuesto: pd.DataFrame) -> pd.DataFrame:
    """PIM, devengado y ejecución (devengado / PIM x 100) por AEI y del pliego."""
    t = presupuesto.copy()
    t["ejecucion"] = [ceplan.ejecucion_presupuestal(p, d) for p, d in zip(t["pim"], t["devengado"])]
    return t


def actividades(plan_ao: pd.DataFrame, medidas: pd.DataFrame, establecimientos: pd.DataFrame) -> pd.DataFrame:
    """AO clave con su avance (ejecutado / programado) y los establecimientos que se nombran."""
    t = plan_ao.merge(medidas, on="codigo_ao", how="left", validate="one_to_one")
    t["avance"] = [ceplan.avance_ao(_valor(p), _valor(e)) for p, e in zip(t["programado"], t["ejecutado"])]
    listas = establecimientos.groupby("codigo_ao")["establecimiento"].agg(list)
    t["lista_establecimientos"] = [listas.get(c, []) for c in t["codigo_ao"]]
    return t.sort_values(["codigo_aei", "orden"]).reset_index(drop=True)


def poblacion(poblacion: pd.DataFrame, ambito: str, corte: datetime.date) -> dict:
    """Población de un ámbito al corte del semestre y, si está, al mismo corte del año anterior.

    Se elige por fecha, no por posición: una fila de otro corte no se toma por la del semestre.
    Sin fila al corte del semestre devuelve {} (la narrativa dice que no hay dato).
    """
    t = poblacion[poblacion["ambito"] == ambito]
    fechas = pd.to_datetime(t["fecha_corte"]).dt.date

    def al(fecha):
        fila = t[fechas == fecha]
        return None if fila.empty else float(fila.iloc[0]["personas"])

    actual = al(corte)
    if actual is None:
        return {}
    resultado = {"actual": actual, "fecha_actual": pd.Timestamp(corte)}
    anio_antes = corte.replace(year=corte.year - 1)
    anterior = al(anio_antes)
    if anterior is not None:
        absoluta, porcentual = ceplan.variacion(anterior, actual)
        resultado |= {"anterior": anterior, "fecha_anterior": pd.Timestamp(anio_antes),
                      "variacion": absoluta, "variacion_pct": porcentual}
    return resultado


def evolucion(historial: pd.DataFrame, codigo_indicador: str) -> pd.DataFrame:
    """Logro esperado y valor obtenido del indicador en cada semestre disponible."""
    t = historial[historial["codigo_indicador"] == codigo_indicador]
    return t.sort_values("semestre")[["semestre", "logro_esperado", "valor_obtenido"]].reset_index(drop=True)


# --- componentes de los indicadores (§3.1) ------------------------------------------------

#: Factor por el que se multiplica Σ numeradores / Σ denominadores según la unidad del indicador.
FACTOR_UNIDAD = {"porcentaje": 100, "tasa_1000": 1_000, "tasa_100000": 100_000, "numero": 1}


def componentes(tabla: pd.DataFrame, codigo_indicador: str) -> dict:
    """Numeradores y denominadores de un indicador (componentes.csv) y sus sumas.

    ``{"numeradores": [(concepto, valor), ...], "denominadores": [...], "numerador": Σ,
    "denominador": Σ o None}``; listas vacías si el indicador no tiene componentes.
    """
    t = tabla[tabla["codigo_indicador"] == codigo_indicador]
    partes = {rol: [(str(c), float(v)) for c, v in zip(g["concepto"], g["valor"])]
              for rol, g in t.groupby("rol", sort=False)}
    num, den = partes.get("numerador", []), partes.get("denominador", [])
    return {
        "numeradores": num,
        "denominadores": den,
        "numerador": sum(v for _, v in num) if num else None,
        "denominador": sum(v for _, v in den) if den else None,
    }


def valor_desde_componentes(comp: dict, unidad: str) -> float | None:
    """Valor del indicador a partir de sus componentes: Σ num / Σ den × factor (o Σ num si no hay denominador)."""
    if comp["numerador"] is None:
        return None
    if comp["denominador"] is None:
        return comp["numerador"]
    return ceplan.tasa(comp["numerador"], comp["denominador"], FACTOR_UNIDAD[unidad])


def evaluacion(tabla: pd.DataFrame, ambito: str, poblacion_actual: float | None = None) -> dict:
    """Evaluados y favorables de un ámbito; con la población, los no evaluados y los porcentajes.

    Intramuros: 97,664 personas, 51,450 evaluadas, 39,868 favorables -> 46,214 no evaluadas.
    """
    t = tabla[tabla["ambito"] == ambito]
    if t.empty:
        return {}
    fila = t.iloc[0]
    evaluados, favorables = float(fila["evaluados"]), float(fila["favorables"])
    r = {"evaluados": evaluados, "favorables": favorables,
         "favorables_pct_evaluados": ceplan.porcentaje_de(favorables, evaluados)}
    if not ceplan.es_faltante(poblacion_actual):
        r |= {"poblacion": float(poblacion_actual),
              "no_evaluados": float(poblacion_actual) - evaluados,
              "evaluados_pct": ceplan.porcentaje_de(evaluados, poblacion_actual),
              "favorables_pct_poblacion": ceplan.porcentaje_de(favorables, poblacion_actual)}
    return r


def profesionales(tabla: pd.DataFrame, poblacion_total: float | None, unidad: str) -> dict:
    """Profesionales de tratamiento por medio, su total y la tasa en la ``unidad`` del indicador.

    877 (cerrado) + 354 (abierto) = 1,231; con "tasa_1000", 1,231 / 186,900 × 1,000 = 6.59.
    """
    por_medio = [(str(m), float(p)) for m, p in zip(tabla["medio"], tabla["profesionales"])]
    total = sum(p for _, p in por_medio) if por_medio else None
    return {"por_medio": por_medio, "total": total,
            "tasa": ceplan.tasa(total, poblacion_total, FACTOR_UNIDAD[unidad])}


def participacion(tabla: pd.DataFrame, columna_nombre: str, columna_valor: str, total: float | None) -> dict:
    """Partes que el informe nombra (p. ej. actos violentos por oficina regional) y su peso en el total.

    Chiclayo 33 + Lima 25 = 58 de 101 actos -> 57%. Las partes van de mayor a menor.
    """
    t = tabla.sort_values(columna_valor, ascending=False, kind="stable")
    partes = [{"nombre": str(n), "valor": float(v), "pct": ceplan.porcentaje_de(v, total)}
              for n, v in zip(t[columna_nombre], t[columna_valor])]
    suma = sum(p["valor"] for p in partes) if partes else None
    return {"partes": partes, "suma": suma, "total": None if ceplan.es_faltante(total) else float(total),
            "pct": ceplan.porcentaje_de(suma, total)}


def obras_albergue(obras: pd.DataFrame) -> pd.DataFrame:
    """Obras que construyen unidades de albergue (en el orden de obras.csv), culminadas o no."""
    t = obras[obras["unidades_albergue"].notna()].copy()
    t["unidades_albergue"] = [_valor(x) for x in t["unidades_albergue"]]
    return t.reset_index(drop=True)


def obras_culminadas(obras: pd.DataFrame) -> pd.DataFrame:
    """Obras con unidades de albergue culminadas en el semestre (Puno 224 + Lampa 208 = 432)."""
    t = obras_albergue(obras)
    return t[t["estado"] == "culminada"].reset_index(drop=True)


def obras_en_curso(obras: pd.DataFrame) -> pd.DataFrame:
    """Obras con unidades de albergue que aún no culminan (en ejecución o con expediente técnico)."""
    t = obras_albergue(obras)
    return t[t["estado"] != "culminada"].reset_index(drop=True)


#: Concepto de entidad.csv con el total de cada tipo de establecimiento de interconexion.csv.
TOTAL_ESTABLECIMIENTOS = {"penitenciario": "establecimientos_penitenciarios",
                          "medio_libre": "establecimientos_medio_libre"}


def interconexion(tabla: pd.DataFrame, entidad: pd.DataFrame, logro_esperado: float | None) -> dict:
    """Establecimientos interconectados por tipo, los que faltan de cada tipo y para la meta.

    69 penitenciarios (de 69) + 21 de medio libre (de 39) = 90; la meta es 106: faltan 16
    para alcanzarla y 18 de medio libre siguen sin interconexión.
    """
    totales = dict(zip(entidad["concepto"], entidad["valor"]))
    por_tipo = []
    for tipo, n in zip(tabla["tipo_establecimiento"], tabla["interconectados"]):
        existentes = _valor(totales.get(TOTAL_ESTABLECIMIENTOS.get(str(tipo), ""), None))
        por_tipo.append({"tipo": str(tipo), "interconectados": float(n), "total": existentes,
                         "pendientes": None if existentes is None else existentes - float(n)})
    suma = sum(p["interconectados"] for p in por_tipo) if por_tipo else None
    meta = None if ceplan.es_faltante(logro_esperado) else float(logro_esperado)
    falta_meta = None if suma is None or meta is None else max(meta - suma, 0.0)
    return {"por_tipo": por_tipo, "total": suma, "logro_esperado": meta, "faltan_para_meta": falta_meta}


def locales_medio_libre(tabla: pd.DataFrame) -> dict:
    """Establecimientos de medio libre por situación del local y su total (4 + 3 + 14 + ... = 39)."""
    partes = [(str(t), float(c)) for t, c in zip(tabla["tipo_local"], tabla["cantidad"])]
    return {"partes": partes, "total": sum(c for _, c in partes) if partes else None}


def aei_por_nivel(tabla_aei: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """Las AEI de cada nivel del semáforo (Alto, Medio, Bajo), en el orden del plan."""
    return {str(n): tabla_aei[tabla_aei["semaforo"] == str(n)].reset_index(drop=True)
            for n in (ceplan.Nivel.ALTO, ceplan.Nivel.MEDIO, ceplan.Nivel.BAJO)}


def indicadores_sin_meta(tabla_indicadores: pd.DataFrame) -> pd.DataFrame:
    """Indicadores cuyo logro esperado del año es cero o no existe (avance 0 por regla)."""
    return tabla_indicadores[tabla_indicadores["estado"] == str(ceplan.EstadoMeta.SIN_META)].reset_index(drop=True)


def brecha_profesionales(tasa_esperada: float | None, poblacion_total: float | None,
                         profesionales_actuales: float | None, unidad: str) -> dict:
    """Profesionales que haría falta para la tasa esperada con la población actual y cuántos faltan.

    ``unidad`` es la del indicador de la tasa (su factor: 1,000 en "tasa_1000").
    20.23 por cada 1,000 de 186,900 personas -> 3,781 profesionales; con 1,231, faltan 2,550.
    """
    if any(ceplan.es_faltante(x) for x in (tasa_esperada, poblacion_total, profesionales_actuales)):
        return {}
    requeridos = float(tasa_esperada) * float(poblacion_total) / FACTOR_UNIDAD[unidad]
    return {"requeridos": requeridos, "faltan": requeridos - float(profesionales_actuales)}
