"""Referencias entre tablas: cada código que una tabla nombra existe donde debe, y el plan está completo.

- el OEI de cada AEI, la AEI de cada indicador y de cada actividad operativa existen en el plan;
  cada AEI tiene al menos un indicador (su avance es el promedio de sus indicadores);
- cada código medido en el semestre (indicadores, componentes, actividades, presupuesto) está en el
  plan, y cada indicador y cada actividad del plan tiene su fila en el semestre;
- los hitos son de obras que existen; el presupuesto trae la fila del pliego;
- la fuente que una actividad cita en nota al pie está en referencias_normativas.csv.
"""

from __future__ import annotations

import pandas as pd

from .fallas import Falla
from .validacion import TablaValidada


def _codigos(t: TablaValidada | None, columna: str) -> dict[str, int] | None:
    """Código -> primera fila donde aparece; None si la tabla o la columna no están."""
    if t is None or t.df is None or columna not in t.df:
        return None
    salida: dict[str, int] = {}
    for fila, v in zip(t.df.index, t.df[columna]):
        if pd.notna(v) and v != "":
            salida.setdefault(v, int(fila))
    return salida


def _existe(origen: TablaValidada | None, columna: str, destino: TablaValidada | None, col_destino: str,
            permitir=()) -> list[Falla]:
    validos = _codigos(destino, col_destino)
    presentes = _codigos(origen, columna)
    if validos is None or presentes is None:
        return []
    return [Falla(origen.archivo, int(fila), columna, f"no existe en {destino.archivo}", origen.valor(int(fila), columna))
            for fila, v in zip(origen.df.index, origen.df[columna])
            if pd.notna(v) and v != "" and v not in validos and v not in permitir]


def _cubre(origen: TablaValidada | None, columna: str, destino: TablaValidada | None, col_destino: str,
           que: str) -> list[Falla]:
    """Cada código de ``origen`` debe tener su fila en ``destino``."""
    requeridos, presentes = _codigos(origen, columna), _codigos(destino, col_destino)
    if requeridos is None or presentes is None or destino.columna_con_errores(col_destino):
        return []
    return [Falla(destino.archivo, None, col_destino, f"falta {que} {cod}, que está en el plan ({origen.archivo}, fila {fila})")
            for cod, fila in requeridos.items() if cod not in presentes]


def del_plan(plan: dict[str, TablaValidada]) -> list[Falla]:
    p_oei, p_aei = plan.get("oei"), plan.get("aei")
    p_ind, p_ao, p_ref = plan.get("indicadores"), plan.get("actividades_operativas"), plan.get("referencias_normativas")
    fallas = (_existe(p_aei, "codigo_oei", p_oei, "codigo_oei") + _existe(p_ind, "codigo_aei", p_aei, "codigo_aei")
              + _existe(p_ao, "codigo_aei", p_aei, "codigo_aei") + _existe(p_ao, "nota_fuente", p_ref, "clave"))
    aeis, con_ind = _codigos(p_aei, "codigo_aei"), _codigos(p_ind, "codigo_aei")
    if aeis is not None and con_ind is not None:
        fallas += [Falla(p_aei.archivo, fila, "codigo_aei", f"la AEI no tiene indicadores en {p_ind.archivo}",
                         p_aei.valor(fila, "codigo_aei")) for cod, fila in aeis.items() if cod not in con_ind]
    return fallas


def del_semestre(plan: dict[str, TablaValidada], medidos: dict[str, TablaValidada]) -> list[Falla]:
    p_ind, p_ao, p_aei = plan.get("indicadores"), plan.get("actividades_operativas"), plan.get("aei")
    m_ind, m_ao, pres = medidos.get("indicadores"), medidos.get("actividades_operativas"), medidos.get("presupuesto")
    fallas = (_existe(m_ind, "codigo_indicador", p_ind, "codigo_indicador")
              + _cubre(p_ind, "codigo_indicador", m_ind, "codigo_indicador", "el indicador")
              + _existe(medidos.get("componentes"), "codigo_indicador", p_ind, "codigo_indicador")
              + _existe(m_ao, "codigo_ao", p_ao, "codigo_ao")
              + _cubre(p_ao, "codigo_ao", m_ao, "codigo_ao", "la actividad operativa")
              + _existe(medidos.get("ao_desagregado"), "codigo_ao", p_ao, "codigo_ao")
              + _existe(medidos.get("ao_establecimientos"), "codigo_ao", p_ao, "codigo_ao")
              + _existe(medidos.get("obras_hitos"), "cui", medidos.get("obras"), "cui")
              + _existe(pres, "ambito", p_aei, "codigo_aei", permitir=("PLIEGO",)))
    ambitos = _codigos(pres, "ambito")
    if ambitos is not None and "PLIEGO" not in ambitos:
        fallas.append(Falla(pres.archivo, None, "ambito", "falta la fila del pliego (ambito PLIEGO)"))
    return fallas
