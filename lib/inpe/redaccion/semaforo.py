"""Las oraciones del semáforo de CEPLAN: cuántas AEI en cada nivel y cuáles (§3.1, resumen, conclusiones).

Texto plano salvo donde se dice *Markdown*. Los conteos salen de las filas que cuentan
(:func:`inpe.calculo.resultados.aei_por_nivel`): el texto no puede contradecir al cuadro.
"""

from __future__ import annotations

import pandas as pd

from inpe.calculo import ceplan
from inpe.redaccion import formato
from inpe.redaccion.gramatica import cantidad, enumerar, enumerar_con_punto_y_coma, segun
from inpe.redaccion.plan import objetivo

NIVELES = ("Alto", "Medio", "Bajo")


def bandas() -> dict[str, str]:
    """«alto (95% o más)», «medio (de 75% a menos de 95%)», «bajo (menos de 75%)»."""
    medio, alto = formato.porcentaje(ceplan.UMBRAL_MEDIO, 0), formato.porcentaje(ceplan.UMBRAL_ALTO, 0)
    return {"Alto": f"alto ({alto} o más)", "Medio": f"medio (de {medio} a menos de {alto})",
            "Bajo": f"bajo (menos de {medio})"}


def conteo(c: dict[str, int]) -> str:
    """«de las once (11) AEI, tres (03) presentan un nivel de avance alto (95% o más), …»."""
    partes = [f"{cantidad(c[k])} {segun(c[k] or 1, 'presenta', 'presentan')} un nivel de avance {texto}"
              for k, texto in bandas().items()]
    total = c["Total"]
    return f"{'de la única AEI' if total == 1 else f'de las {cantidad(total)} AEI'}, " + enumerar(partes)


def por_nivel(niveles: dict[str, pd.DataFrame]) -> str:
    """Las AEI por nivel con sus códigos y avances («tres (03) alcanzaron un nivel de avance alto: …»)."""
    partes = []
    for clave in NIVELES:
        t = niveles[clave]
        if t.empty:
            partes.append(f"ninguna alcanzó un nivel de avance {clave.lower()}")
            continue
        aei = enumerar(f"{a.codigo_aei} ({formato.avance(a.avance)})" for a in t.itertuples())
        partes.append(f"{cantidad(len(t))} {segun(len(t), 'alcanzó', 'alcanzaron')} un nivel de avance "
                      f"{clave.lower()}: {aei}")
    return enumerar_con_punto_y_coma(partes)


def alto_a_mitad_de_anio(codigos: list[str]) -> str:
    """La salvedad de un nivel alto que la regla de CEPLAN da a un indicador acumulativo a mitad de año."""
    if not codigos:
        return ""
    k = len(codigos)
    return (f"El nivel alto de {segun(k, 'la', 'las')} {enumerar(codigos)} es el que registra la regla de CEPLAN a "
            f"mitad de año: {segun(k, 'su indicador suma', 'sus indicadores suman')} a lo largo del año, y el "
            "resultado del año dependerá del segundo semestre.")


def _niveles_de(tabla: pd.DataFrame) -> str:
    """«una (01) presenta un nivel de avance medio (AEI.02.03) y tres (03), un nivel bajo (…)»."""
    textos = []
    for clave in NIVELES:
        t = tabla[tabla["semaforo"] == clave]
        if t.empty:
            continue
        verbo = f" {segun(len(t), 'presenta', 'presentan')}" if not textos else ","
        textos.append(f"{cantidad(len(t))}{verbo} un nivel de avance {clave.lower()} ({enumerar(t['codigo_aei'])})")
    return enumerar(textos)


def no_priorizadas(tabla: pd.DataFrame, oei: pd.DataFrame) -> str:
    """Las AEI no priorizadas y su nivel, agrupadas por su OEI (Markdown: el nombre del OEI va escapado)."""
    if tabla.empty:
        return ""
    grupos = []
    for o in oei[oei["codigo_oei"].isin(tabla["codigo_oei"])].itertuples():
        t = tabla[tabla["codigo_oei"] == o.codigo_oei]
        if len(t) == 1:
            a = t.iloc[0]
            grupos.append(f"la {a['codigo_aei']}, del {objetivo(o)}, presenta un nivel de avance "
                          f"{str(a['semaforo']).lower()}")
        else:
            grupos.append(f"de las {cantidad(len(t))} AEI del {objetivo(o)}, {_niveles_de(t)}")
    return f"En cuanto a las AEI no priorizadas en esta evaluación, {enumerar_con_punto_y_coma(grupos)}."


def sin_meta(tabla: pd.DataFrame, anio: int) -> str:
    """Los indicadores con logro esperado cero y las AEI cuyo avance reducen."""
    if tabla.empty:
        return f"Todos los indicadores cuentan con logro esperado para {anio}."
    k = len(tabla)
    aei = sorted(set(tabla["codigo_aei"]))
    return (f"Del total, {cantidad(k, 'm')} {segun(k, 'indicador no cuenta', 'indicadores no cuentan')} con logro "
            f"esperado para {anio} (su meta es cero): {enumerar(tabla['codigo_indicador'])}; por la regla de CEPLAN, "
            f"su avance se registra en {formato.avance(0)}, lo que incide en el nivel de avance de "
            f"{segun(len(aei), 'la', 'las')} {enumerar(aei)}.")
