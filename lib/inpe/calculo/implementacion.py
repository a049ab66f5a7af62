"""Cifras del proceso de implementación (§3.2): presupuesto por AEI, AO, inversiones, mantenimientos.

Funciones puras sobre las tablas ya validadas; no redactan. Un conteo sale de las filas que
cuenta y una suma, de las partes que suma: el texto y los cuadros que las usan no pueden
discrepar de los datos.
"""

from __future__ import annotations

import pandas as pd

from inpe.calculo import ceplan, resultados


def presupuesto_por_aei(aei: pd.DataFrame, presupuesto: pd.DataFrame) -> pd.DataFrame:
    """Una fila por AEI del plan (en su orden) con PIM, devengado y ejecución; NaN si no se reportó.

    Parte de las AEI y no del presupuesto para que una AEI sin fila siga apareciendo, como «sin
    presupuesto reportado», en el gráfico y en el texto.
    """
    p = presupuesto[presupuesto["ambito"] != "PLIEGO"][["ambito", "pim", "devengado"]]
    t = aei[["codigo_aei", "denominacion"]].merge(p, left_on="codigo_aei", right_on="ambito", how="left")
    t["ejecucion"] = [ceplan.ejecucion_presupuestal(a, b) for a, b in zip(t["pim"], t["devengado"])]
    t["ejecucion"] = t["ejecucion"].astype("float64")
    return t.drop(columns="ambito").reset_index(drop=True)


def rango_ejecucion(tabla: pd.DataFrame) -> tuple[pd.Series, pd.Series] | None:
    """(AEI de menor ejecución, AEI de mayor ejecución) de :func:`presupuesto_por_aei`; None sin datos."""
    con = tabla.dropna(subset=["ejecucion"])
    if con.empty:
        return None
    return con.loc[con["ejecucion"].idxmin()], con.loc[con["ejecucion"].idxmax()]


def avance_de_ao(fila: pd.Series) -> float | None:
    """El avance con que se lee una AO: ejecutado / programado o, sin meta, el que declara la fuente."""
    if not ceplan.es_faltante(fila["avance"]):
        return float(fila["avance"])
    reportado = fila.get("avance_reportado")
    return None if ceplan.es_faltante(reportado) else float(reportado)


def resumen_avance_ao(aos: pd.DataFrame, umbral: float = ceplan.UMBRAL_MEDIO) -> dict[str, int]:
    """Cuántas AO hay, cuántas tienen avance (calculado o reportado), cuántas llegan al 100% y
    cuántas quedan bajo el umbral; ``con_meta`` cuenta solo las de meta física programada."""
    avances = [a for a in (avance_de_ao(f) for _, f in aos.iterrows()) if a is not None]
    return {
        "total": len(aos),
        "con_meta": sum(not ceplan.es_faltante(a) for a in aos["avance"]),
        "con_avance": len(avances),
        "sin_avance": len(aos) - len(avances),
        "cumplen": sum(a >= ceplan.AVANCE_MAXIMO for a in avances),
        "bajo_umbral": sum(a < umbral for a in avances),
    }


def establecimientos_ao(ao: pd.Series) -> tuple[int | None, list[str]]:
    """(número, lista) de establecimientos donde se implementa la AO.

    Si el informe nombra los establecimientos, el número es el largo de la lista: así el texto
    nunca dice «15 establecimientos» y enumera 14. Solo sin lista se usa la cifra declarada.
    """
    lista = list(ao.get("lista_establecimientos", []) or [])
    if lista:
        return len(lista), lista
    n = ao.get("establecimientos")
    return (None if ceplan.es_faltante(n) else int(n)), []


def desagregado_ao(desagregado: pd.DataFrame, codigo_ao: str) -> dict:
    """Partes que suman al ejecutado de la AO, datos complementarios y la suma de las partes."""
    t = desagregado[desagregado["codigo_ao"] == codigo_ao]
    partes = [(r.concepto, float(r.valor)) for r in t[t["suma_al_total"]].itertuples()]
    complementarios = [(r.concepto, float(r.valor)) for r in t[~t["suma_al_total"]].itertuples()]
    return {"partes": partes, "complementarios": complementarios,
            "suma": sum(v for _, v in partes) if partes else None}


def unidades_albergue_culminadas(obras: pd.DataFrame) -> int:
    """Unidades de albergue de las obras culminadas en el semestre."""
    return int(resultados.obras_culminadas(obras)["unidades_albergue"].sum())


#: Estados de mantenimientos.csv en el orden del proceso (de terminado a por convocar).
ESTADOS_MANTENIMIENTO = ("culminado", "en_ejecucion", "con_contrato", "buena_pro", "proceso_convocatoria")


def conteo_mantenimientos(mantenimientos: pd.DataFrame) -> dict[str, int]:
    """Mantenimientos por estado, contados de las filas, en el orden del proceso."""
    conteo = mantenimientos["estado"].value_counts()
    conocidos = [e for e in ESTADOS_MANTENIMIENTO if e in conteo.index]
    otros = sorted(set(conteo.index) - set(conocidos))
    return {e: int(conteo[e]) for e in conocidos + otros}


def aei_bajo_umbral(aei: pd.DataFrame) -> pd.DataFrame:
    """AEI en nivel bajo del semáforo de CEPLAN (menos de 75%), en el orden del plan."""
    return resultados.aei_por_nivel(aei)[str(ceplan.Nivel.BAJO)]


def acciones_clave(celda: object) -> list[str]:
    """Las acciones clave de un compromiso: cada línea de la celda, sin su viñeta («- » o «* »)."""
    return [l.strip()[2:].strip() if l.strip().startswith(("- ", "* ")) else l.strip()
            for l in str(celda).splitlines() if l.strip()]


def resumen_compromisos(compromisos: pd.DataFrame) -> dict:
    """Aspectos de mejora, compromisos (filas: una recomendación a cargo de una unidad), acciones clave (las
    viñetas de cada fila, contadas de la lista que se imprime), compromisos por estado y plazo más lejano."""
    estados = compromisos["estado"].value_counts()
    plazos = pd.to_datetime(compromisos["plazo"], errors="coerce").dropna()
    return {
        "aspectos": int(compromisos["numero"].nunique()),
        "compromisos": len(compromisos),
        "acciones": sum(len(acciones_clave(c)) for c in compromisos["accion_clave"]),
        "por_estado": {str(e): int(n) for e, n in estados.items()},
        "plazo_maximo": plazos.max() if not plazos.empty else None,
    }
