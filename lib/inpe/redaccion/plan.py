"""Las oraciones que presentan el plan: su alcance, la priorización y las notas al pie de las normas.

Texto plano salvo donde se dice *Markdown*.
"""

from __future__ import annotations

import pandas as pd

from inpe.redaccion.escape import escapar_markdown as esc
from inpe.redaccion.gramatica import cantidad, cantidad_con_articulo, cantidad_pronominal, enumerar, segun


def alcance_oei(oei: pd.DataFrame, aei: pd.DataFrame) -> str:
    """«un (01) Objetivo Estratégico Institucional (OEI) de tipo I y dos (02) de tipo II; a su vez, identifica
    once (11) Acciones Estratégicas Institucionales (AEI)»."""
    partes = []
    for i, (tipo, k) in enumerate(oei.groupby("tipo", sort=True).size().items()):
        nombre = "Objetivo Estratégico Institucional" if k == 1 else "Objetivos Estratégicos Institucionales"
        # Tras el primero el sustantivo se elide: «y uno (01) de tipo II», no «y un (01) de tipo II».
        numeral = cantidad(k, "m") if i == 0 else cantidad_pronominal(k)
        partes.append(f"{numeral} {nombre + ' (OEI) ' if i == 0 else ''}de tipo {tipo}")
    nombre_aei = "Acción Estratégica Institucional" if len(aei) == 1 else "Acciones Estratégicas Institucionales"
    return f"{enumerar(partes)}; a su vez, identifica {cantidad(len(aei))} {nombre_aei} (AEI)"


def objetivo(o) -> str:
    """«OEI.01 “Contar con …”, objetivo misional (tipo I)» (Markdown)."""
    return f"{o.codigo_oei} “{esc(o.denominacion)}”" + (", objetivo misional (tipo I)" if o.tipo == "I" else "")


def priorizacion(oei: pd.DataFrame, aei: pd.DataFrame) -> str:
    """«se priorizaron las seis (06) AEI vinculadas al OEI.01 “…”, objetivo misional (tipo I)» (Markdown)."""
    priorizadas = aei[aei["priorizada"]]
    objetivos = oei[oei["codigo_oei"].isin(priorizadas["codigo_oei"])]
    if objetivos.empty:
        return "no se priorizaron Acciones Estratégicas Institucionales"
    k = len(priorizadas)
    return (f"se {segun(k, 'priorizó', 'priorizaron')} "
            f"{cantidad_con_articulo(k, 'Acción Estratégica Institucional', 'Acciones Estratégicas Institucionales')} "
            f"{segun(k, 'vinculada', 'vinculadas')} {segun(len(objetivos), 'al', 'a los')} "
            f"{enumerar(objetivo(o) for o in objetivos.itertuples())}")


def nota_al_pie(norma: str, objeto: str) -> str:
    """Texto de una nota al pie de referencias_normativas.csv: «Resolución …, que aprueba …» (Markdown)."""
    norma, objeto = str(norma).strip(), str(objeto).strip().rstrip(".")
    if objeto.lower().startswith("aprueba"):
        return f"{esc(norma)}, que {esc(objeto[0].lower() + objeto[1:])}."
    return f"{esc(norma)}. {esc(objeto)}."
