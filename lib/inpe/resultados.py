"""Resultados del semestre: las reglas de ``inpe.ceplan`` aplicadas a las tablas de datos.

Funciones puras de DataFrame a DataFrame, sin formato: los cuadernos y la narrativa
formatean al final. Todas las cifras del informe salen de aquí o de los datos.
"""

from __future__ import annotations

import pandas as pd

from inpe import ceplan


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


def poblacion(poblacion: pd.DataFrame, ambito: str) -> dict:
    """Población de un ámbito en los dos cortes que da el semestre y su variación interanual."""
    t = poblacion[poblacion["ambito"] == ambito].sort_values("fecha_corte")
    if t.empty:
        return {}
    actual = t.iloc[-1]
    resultado = {"actual": float(actual["personas"]), "fecha_actual": actual["fecha_corte"]}
    if len(t) > 1:
        anterior = t.iloc[-2]
        absoluta, porcentual = ceplan.variacion(float(anterior["personas"]), float(actual["personas"]))
        resultado |= {"anterior": float(anterior["personas"]), "fecha_anterior": anterior["fecha_corte"],
                      "variacion": absoluta, "variacion_pct": porcentual}
    return resultado


def evolucion(historial: pd.DataFrame, codigo_indicador: str) -> pd.DataFrame:
    """Logro esperado y valor obtenido del indicador en cada semestre disponible."""
    t = historial[historial["codigo_indicador"] == codigo_indicador]
    return t.sort_values("semestre")[["semestre", "logro_esperado", "valor_obtenido"]].reset_index(drop=True)
