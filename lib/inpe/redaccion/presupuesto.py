"""Las oraciones del presupuesto: el pliego (resumen, §3.2, conclusiones) y cada AEI (§3.2).

Texto plano. La ejecución presupuestal lleva un decimal en todo el informe (guía de estilo); un
monto que no se reportó se dice, no se rellena con cero.
"""

from __future__ import annotations

import pandas as pd

from inpe.calculo import ceplan
from inpe.calculo.implementacion import rango_ejecucion
from inpe.redaccion import formato
from inpe.redaccion.gramatica import enumerar, segun

PIM = "Presupuesto Institucional Modificado (PIM)"


def pliego(fila: pd.Series | None, periodo: str) -> str:
    """«el Presupuesto Institucional Modificado (PIM) del pliego asciende a …» (tras «a nivel de pliego,»)."""
    if fila is None:
        return "no se dispone de la información presupuestal del pliego."
    return (f"el {PIM} asciende a {formato.soles(fila['pim'])}; en el {periodo} se devengó "
            f"{formato.soles(fila['devengado'])}, una ejecución de {formato.avance_ao(fila['ejecucion'])}.")


def conclusion_pliego(fila: pd.Series | None, periodo: str) -> str:
    """Conclusión de la ejecución financiera del pliego."""
    if fila is None:
        return "No se dispone de la información presupuestal del pliego."
    return (f"En el {periodo}, el pliego ejecutó el {formato.avance_ao(fila['ejecucion'])} de su presupuesto: un "
            f"devengado de {formato.soles(fila['devengado'])} de un {PIM} de {formato.soles(fila['pim'])}.")


def de_aei(fila: pd.Series | None, periodo: str) -> str:
    """PIM, devengado y ejecución de una AEI; sin fila en presupuesto.csv, que no se reportó."""
    if fila is None:
        return f"Para esta AEI no se reportó {PIM} ni devengado en el {periodo}."
    pim, devengado = fila["pim"], fila["devengado"]
    ejecucion = ceplan.ejecucion_presupuestal(pim, devengado)
    inicio = f"La AEI cuenta con un {PIM} de {formato.soles(pim)}"
    if ceplan.es_faltante(devengado):
        return inicio + f"; no se reportó su devengado del {periodo}."
    if ejecucion is None:
        return inicio + f" y un devengado de {formato.soles(devengado)}; con un PIM de cero no se calcula la ejecución."
    return (inicio + f", del que devengó {formato.soles(devengado)} en el {periodo}: una ejecución presupuestal "
            f"de {formato.avance_ao(ejecucion)}.")


def rango(tabla: pd.DataFrame) -> str:
    """«la ejecución por AEI va de 35.2% (AEI.01.03) a 53.0% (AEI.01.06)» y las que no reportan."""
    r = rango_ejecucion(tabla)
    if r is None:
        return "ninguna AEI reportó presupuesto"
    menor, mayor = r
    if menor["codigo_aei"] == mayor["codigo_aei"]:
        texto = (f"solo la {menor['codigo_aei']} reporta ejecución, de {formato.avance_ao(menor['ejecucion'])}")
    else:
        texto = (f"la ejecución por AEI va de {formato.avance_ao(menor['ejecucion'])} ({menor['codigo_aei']}) "
                 f"a {formato.avance_ao(mayor['ejecucion'])} ({mayor['codigo_aei']})")
    sin = tabla[tabla["ejecucion"].isna()]["codigo_aei"].tolist()
    if sin and menor["codigo_aei"] != mayor["codigo_aei"]:
        texto += f"; {segun(len(sin), 'la', 'las')} {enumerar(sin)} no {segun(len(sin), 'reporta', 'reportan')} presupuesto"
    return texto


def titulo_figura(tabla: pd.DataFrame, fila_pliego: pd.Series | None, periodo: str) -> str:
    """Título de la figura de presupuesto: el hallazgo (ejecución del pliego y rango por AEI)."""
    partes = []
    e = None if fila_pliego is None else ceplan.ejecucion_presupuestal(fila_pliego["pim"], fila_pliego["devengado"])
    partes.append(f"En el {periodo}, el pliego ejecutó el {formato.avance_ao(e)} de su PIM" if e is not None
                  else f"Ejecución presupuestal en el {periodo}")
    r = rango_ejecucion(tabla)
    if r is not None and r[0]["codigo_aei"] != r[1]["codigo_aei"]:
        menor, mayor = r
        partes.append(f"por AEI, de {formato.avance_ao(menor['ejecucion'])} ({menor['codigo_aei']}) "
                      f"a {formato.avance_ao(mayor['ejecucion'])} ({mayor['codigo_aei']})")
    return "; ".join(partes)
