"""Recomendaciones (§5), AEI en nivel bajo y la Matriz de compromisos (anexo).

Texto plano salvo donde se dice *Markdown*. Una recomendación que nombra una AEI lleva, desde los
datos, el avance de esa AEI: si el avance cambia, la nota cambia sola.
"""

from __future__ import annotations

import pandas as pd

from inpe.calculo import ceplan
from inpe.calculo.implementacion import aei_bajo_umbral, resumen_compromisos
from inpe.redaccion import formato
from inpe.redaccion.comentarios import codigos_mencionados, parrafos
from inpe.redaccion.escape import escapar_markdown as esc
from inpe.redaccion.gramatica import cantidad, cantidad_pronominal, enumerar, fecha, segun


def _nivel(a) -> str:
    return f"{formato.avance(a.avance)}, nivel {str(a.semaforo).lower()}"


def aei_en_nivel_bajo(aei: pd.DataFrame, periodo: str) -> str:
    """«En el …, siete (07) de las once (11) AEI registran un nivel de avance bajo (menos de 75%):»."""
    bajo = aei_bajo_umbral(aei)
    limite = formato.porcentaje(ceplan.UMBRAL_MEDIO, 0)
    if bajo.empty:
        return f"En el {periodo}, ninguna AEI registra un nivel de avance bajo (menos de {limite} de su logro esperado)."
    cuantas = ("la única AEI" if len(aei) == 1
               else f"{formato.en_letras(len(bajo), 'f')} de las {formato.en_letras(len(aei), 'f')} AEI")
    return (f"En el {periodo}, {cuantas} {segun(len(bajo), 'registra', 'registran')} un nivel de avance bajo "
            f"(menos de {limite} de su logro esperado):")


def lista_aei(aei: pd.DataFrame) -> str:
    """Viñetas «AEI.01.03 Infraestructura … (avance: 2.45%)» (Markdown)."""
    return "\n".join(f"- {esc(a.codigo_aei)} {esc(a.denominacion)} (avance: {esc(formato.avance(a.avance))})"
                     for a in aei.itertuples())


def con_avances(comentario: str, aei: pd.DataFrame, periodo: str, numerar: bool = True) -> str:
    """Los párrafos del comentario; el que nombra una AEI lleva su avance del periodo (Markdown).

    Con ``numerar`` son las recomendaciones numeradas (§5); sin él, los párrafos sobre la aplicación de
    las recomendaciones anteriores (§3.2).
    """
    por_codigo = {a.codigo_aei: a for a in aei.itertuples()}
    items = []
    for i, p in enumerate(parrafos(comentario), start=1):
        codigos = codigos_mencionados(p, list(por_codigo))
        if len(codigos) == 1:
            nota = f"Avance de la {codigos[0]} en el {periodo}: {_nivel(por_codigo[codigos[0]])}."
        elif codigos:
            nota = f"Avance en el {periodo}: " + "; ".join(f"{c}, {_nivel(por_codigo[c])}" for c in codigos) + "."
        texto = p + (f" *({esc(nota)})*" if codigos else "")
        items.append(f"{i}. {texto}" if numerar else texto)
    return ("\n" if numerar else "\n\n").join(items)


def compromisos(tabla: pd.DataFrame) -> str:
    """«La matriz registra tres (03) aspectos de mejora, con cinco (05) compromisos y diez (10) acciones clave; …»."""
    r = resumen_compromisos(tabla)
    k = r["compromisos"]
    if k == 0:
        return "La matriz no registra compromisos para el periodo."
    if len(r["por_estado"]) == 1:
        estado = next(iter(r["por_estado"]))
        estados = f"{segun(k, 'este se encuentra', 'todos se encuentran')} en estado “{estado}”"
    else:
        estados = "por estado de cumplimiento, " + enumerar(
            f"{cantidad_pronominal(n, 'm')} en estado “{e}”" for e, n in r["por_estado"].items())
    texto = (f"La matriz registra {cantidad(r['aspectos'], 'm')} {segun(r['aspectos'], 'aspecto', 'aspectos')} de "
             f"mejora, con {cantidad(k, 'm')} {segun(k, 'compromiso', 'compromisos')} y {cantidad(r['acciones'])} "
             f"{segun(r['acciones'], 'acción clave', 'acciones clave')}; {estados}")
    if r["plazo_maximo"] is not None:
        texto += f", con plazos hasta el {fecha(r['plazo_maximo'])}"
    return texto + "."
