"""Las oraciones sobre el resultado de un indicador, todas desde la misma lectura (:mod:`inpe.redaccion.metas`).

Texto plano (sin marcado): va en una expresión en línea, que lo escapa, o se escapa al componer una
sección. Las formas siguen la guía de estilo (docs/guia_de_estilo.md): el periodo se nombra
«primer semestre de 2024», el avance lleva dos decimales, el sentido del indicador se dice con
palabras («debe disminuir») y nunca se afirma una tendencia que la serie no muestra.
"""

from __future__ import annotations

import pandas as pd

from inpe.calculo import ceplan
from inpe.calculo.resultados import FACTOR_UNIDAD
from inpe.calculo.series import Serie
from inpe.redaccion import formato
from inpe.redaccion.gramatica import mayuscula_inicial, minuscula_inicial, segun, variante
from inpe.redaccion.metas import Lectura, Situacion


def nivel(semaforo: str) -> str:
    return f"nivel de avance {str(semaforo).lower()}"


def _avance(l: Lectura) -> str:
    return f"avance de {l.avance}, nivel {l.nivel}"


def _regla_cero(l: Lectura) -> str:
    return f"por la regla de CEPLAN, su avance se registra en {l.avance} (nivel {l.nivel})"


def _sin_meta(l: Lectura) -> str:
    """«el logro esperado para 2024 es cero» (una meta de cero es una meta) y, si falta, que no se reportó el valor."""
    return (f"el logro esperado para {l.anio} es cero"
            + ("" if l.reportado else " y no se reportó el valor obtenido"))


def comparacion(fila: pd.Series, l: Lectura, orden: int = 0) -> str:
    """El resultado del indicador frente a su logro esperado, en una o dos oraciones (§3.1)."""
    anio = l.anio
    if l.situacion is Situacion.SIN_META:
        valor = f": el valor obtenido es {l.obtenido} y," if l.reportado else ";"
        return f"{mayuscula_inicial(_sin_meta(l))}{valor} {_regla_cero(l)}."
    if l.situacion is Situacion.SIN_VALOR:
        return (f"No se reportó el valor obtenido, frente a un logro esperado de {l.esperado} para {anio}; "
                f"{_regla_cero(l)}.")
    if l.situacion is Situacion.ALCANZA:
        relacion = "iguala el" if l.igual else variante(orden, "supera el", "está por encima del", "sobrepasa el")
        return (f"El valor obtenido ({l.obtenido}) {relacion} logro esperado para {anio} ({l.esperado}), con un "
                f"{_avance(l)}.")
    if l.situacion is Situacion.NO_ALCANZA:
        cuanto = "apenas por debajo del" if l.igual else "por debajo del"
        precision = ", iguales a la precisión con que se publican" if l.igual else ""
        return (f"El valor obtenido ({l.obtenido}) queda {cuanto} logro esperado para {anio} ({l.esperado}"
                f"{precision}), con un {_avance(l)}.")
    if l.situacion is Situacion.EN_CAMINO:
        return (f"Como el indicador suma a lo largo del año, el valor del semestre ({l.obtenido}) es el "
                f"{l.avance} del logro esperado para todo {anio} ({l.esperado}): el avance que registra la regla "
                f"de CEPLAN, nivel {l.nivel}.")
    if l.situacion is Situacion.DENTRO:
        relacion = "iguala el máximo" if l.igual else "se mantiene por debajo del máximo"
        return (f"En un indicador que debe disminuir, el valor obtenido ({l.obtenido}) {relacion} esperado para "
                f"{anio} ({l.esperado}), con un {_avance(l)}.")
    if l.situacion is Situacion.DENTRO_PARCIAL:
        return (f"El indicador debe disminuir y suma a lo largo del año: el valor del primer semestre ({l.obtenido}) "
                f"equivale al {formato.avance(l.proporcion)} del máximo esperado para todo {anio} ({l.esperado}). "
                f"Por la regla de CEPLAN el avance se registra en {l.avance} (nivel {l.nivel}), pero el resultado del "
                "año dependerá del segundo semestre.")
    if l.situacion is Situacion.EXCEDE:
        verbo = ("ya en el primer semestre supera el" if l.parcial
                 else "llega, a la precisión publicada, al" if l.igual else "supera el")
        return (f"En un indicador que debe disminuir, el valor obtenido ({l.obtenido}) {verbo} máximo esperado "
                f"para {anio} ({l.esperado}), con un {_avance(l)}.")
    raise AssertionError(l.situacion)


def breve(l: Lectura, con_avance: bool = True) -> str:
    """Lo que sigue a «registró un valor de X, …» en el resumen, en las conclusiones y en §3.2.

    Sin ``con_avance`` se omite el avance (cuando la oración ya lo dio, como el de una AEI de un indicador).
    """
    anio = l.anio
    avance = f", con un {_avance(l)}" if con_avance else ""
    regla = f"; su avance se registra en {l.avance} (nivel {l.nivel})" if con_avance else ""
    return {
        Situacion.SIN_META: f"con un logro esperado de cero para {anio}{regla}",
        Situacion.SIN_VALOR: f"sin valor reportado frente a un logro esperado de {l.esperado} para {anio}{regla}",
        Situacion.ALCANZA: f"{'igual al' if l.igual else 'superior al'} logro esperado para {anio} ({l.esperado}){avance}",
        Situacion.NO_ALCANZA: (f"{'apenas inferior' if l.igual else 'inferior'} al logro esperado para {anio} "
                               f"({l.esperado}){avance}"),
        Situacion.EN_CAMINO: (f"el {l.avance} del logro esperado para todo {anio} ({l.esperado}), un avance parcial de "
                              f"nivel {l.nivel}" if con_avance else
                              f"frente a un logro esperado de {l.esperado} para todo {anio}: un avance parcial, porque "
                              "el indicador suma a lo largo del año"),
        Situacion.DENTRO: (f"{'igual al' if l.igual else 'por debajo del'} máximo esperado para {anio} ({l.esperado}) "
                           f"en un indicador que debe disminuir{avance}"),
        Situacion.DENTRO_PARCIAL: (f"el {formato.avance(l.proporcion)} del máximo esperado para todo {anio} "
                                   f"({l.esperado}) en un indicador que suma a lo largo del año y debe disminuir"
                                   + (f"; CEPLAN registra un {_avance(l)}" if con_avance else "")
                                   + ", pero el resultado del año dependerá del segundo semestre"),
        Situacion.EXCEDE: (f"{'ya por encima del' if l.parcial else 'apenas por encima del' if l.igual else 'por encima del'}"
                           f" máximo esperado para {anio} ({l.esperado}) en un indicador que debe disminuir{avance}"),
    }[l.situacion]


def titulo_figura(l: Lectura, periodo: str) -> str:
    """Título que enuncia el hallazgo del semestre (va dentro de la figura)."""
    p = mayuscula_inicial(periodo)
    if l.situacion is Situacion.SIN_META:
        return f"{p}: logro esperado de cero para el año" + (f"; valor obtenido {l.obtenido}" if l.reportado else
                                                        "; no se reportó valor obtenido")
    return {
        Situacion.SIN_VALOR: f"{p}: no se reportó valor obtenido (logro esperado {l.esperado})",
        Situacion.ALCANZA: f"{p}: el valor obtenido ({l.obtenido}) {'iguala' if l.igual else 'supera'} el logro esperado ({l.esperado})",
        Situacion.NO_ALCANZA: (f"{p}: el valor obtenido ({l.obtenido}) queda apenas por debajo del logro esperado "
                               f"({l.esperado})" if l.igual else
                               f"{p}: el valor obtenido ({l.obtenido}) no alcanza el logro esperado ({l.esperado})"),
        Situacion.EN_CAMINO: f"{p}: {l.obtenido}, el {l.avance} del logro esperado del año ({l.esperado})",
        Situacion.DENTRO: f"{p}: el valor obtenido ({l.obtenido}) no excede el máximo esperado ({l.esperado})",
        Situacion.DENTRO_PARCIAL: f"{p}: {l.obtenido}, el {formato.avance(l.proporcion)} del máximo esperado para el año ({l.esperado})",
        Situacion.EXCEDE: (f"{p}: el valor obtenido ({l.obtenido}) {'apenas ' if l.igual else ''}excede el máximo "
                           f"esperado ({l.esperado})"),
    }[l.situacion]


def leyenda_figura(fila: pd.Series, s: Serie) -> str:
    """Leyenda de la figura: «Evolución de …» solo si la serie tiene más de un semestre."""
    nombre = minuscula_inicial(str(fila["denominacion"]))
    if s.periodos > 1:
        primera = nombre.split(" ", 1)[0]
        return f"Evolución {'de la' if primera.endswith('a') else 'del'} {nombre}"
    return f"{mayuscula_inicial(nombre)}: valor obtenido frente al logro esperado del año"


def _en_cuantos(k: int, total: int, unidad: tuple[str, str]) -> str:
    """«en los 12 semestres», «en el único año», «en 2 de los 5 años» (``k`` ≥ 1)."""
    plural = segun(total, *unidad)
    if k == total:
        return f"en {'el único' if total == 1 else 'los ' + formato.numero(total)} {plural}"
    return f"en {formato.numero(k)} de los {formato.numero(total)} {plural}"


def oracion_serie(fila: pd.Series, s: Serie, orden: int = 0) -> str:
    """Lo que la serie dice de la evolución del indicador; con un semestre, que la serie empieza ahí.

    Un indicador acumulativo se juzga contra la meta anual solo al cierre de cada año (sus primeros
    semestres son medio año); uno de nivel, en cada semestre.
    """
    primero = formato.semestre_texto(s.primero)
    if s.periodos == 1:
        return variante(orden,
                        "La serie de este indicador empieza en este semestre: aún no hay semestres anteriores con los "
                        "cuales comparar su evolución.",
                        "Es el primer semestre con datos del indicador, por lo que todavía no puede describirse una "
                        "tendencia.")
    partes = []
    descendente = fila["sentido"] == ceplan.Sentido.DESCENDENTE
    if s.con_meta:
        si, no = (("no excedió el máximo esperado", "excedió el máximo esperado") if descendente
                  else ("alcanzó el logro esperado", "no alcanzó el logro esperado"))
        unidad, sujeto = (("año", "años"), "el valor al cierre del año") if s.anual else \
            (("semestre", "semestres"), "el valor obtenido")
        cuantos = (f"{no} {_en_cuantos(s.con_meta, s.con_meta, unidad)}" if s.en_meta == 0
                   else f"{si} {_en_cuantos(s.en_meta, s.con_meta, unidad)}")
        # Un año no se cuenta «desde un semestre»: los acumulativos dicen solo en cuántos años.
        partes.append(f"{sujeto} {cuantos} con meta y valor reportados" if s.anual
                      else f"Desde el {primero}, {sujeto} {cuantos} con meta y valor reportados")
    c = s.comparacion
    if c is not None:
        fmt = lambda x: formato.valor_indicador(x, fila["unidad"], int(fila["decimales"]))  # noqa: E731
        referencia = formato.semestre_texto(c.semestre)
        if fmt(c.anterior) == fmt(c.actual):
            partes.append(f"frente al {referencia}, el valor se mantuvo en {fmt(c.actual)}")
        else:
            mejora = (c.diferencia > 0) != descendente
            verbo = "subió" if c.diferencia > 0 else "bajó"
            partes.append(f"frente al {referencia}, {verbo} de {fmt(c.anterior)} a {fmt(c.actual)}, "
                          f"{'una mejora' if mejora else 'un retroceso'} para un indicador que debe "
                          f"{'disminuir' if descendente else 'aumentar'}")
    if not partes:
        return f"La serie del indicador tiene {formato.numero(s.periodos)} semestres, sin valores comparables."
    return mayuscula_inicial("; ".join(partes)) + "."


def oracion_valor(fila: pd.Series, l: Lectura, periodo: str, orden: int = 0) -> str:
    """«Al cierre del primer semestre de 2024, se registraron 101 actos violentos …» (o el valor, sin más)."""
    if not l.reportado:
        return ""
    apertura = variante(orden, f"Al cierre del {periodo}", f"En el {periodo}")
    texto = str(fila.get("texto_valor") or "").strip()
    if not texto or ceplan.es_faltante(fila.get("texto_valor")):
        return f"{apertura}, el indicador registró un valor de {l.obtenido}{por_cada(fila)}."
    if fila["unidad"].startswith("tasa"):
        return f"{apertura}, se registró una tasa de {l.obtenido} {texto}."
    if fila["unidad"] == "porcentaje":
        return f"{apertura}, el indicador registró {l.obtenido} {texto}."
    n = float(fila["valor_obtenido"])
    if n == 0:
        return f"{apertura}, no se registraron {texto}."
    return f"{apertura}, se {segun(n, 'registró', 'registraron')} {l.obtenido} {texto}."


def oracion_componentes(fila: pd.Series, comp: dict) -> str:
    """El cálculo del valor desde sus componentes, cuando el indicador los tiene y no otra explicación."""
    num, den = comp["numeradores"], comp["denominadores"]
    if not num:
        return ""
    nombres = lambda partes: " más ".join(f"“{c}” ({formato.numero(v)})" for c, v in partes)  # noqa: E731
    if not den:
        return f"El valor es la suma de {nombres(num)}." if len(num) > 1 else f"El valor es {nombres(num)}."
    factor = {"porcentaje": ", por cien", "tasa_1000": ", por mil", "tasa_100000": ", por cien mil"}.get(
        fila["unidad"], "")
    return f"El valor resulta de dividir {nombres(num)} entre {nombres(den)}{factor}."


def por_cada(fila: pd.Series) -> str:
    """« por cada 100,000» tras el valor de un indicador que es una tasa (sin su base, «2,142» no dice de
    qué es la cifra); nada en otro caso."""
    unidad = str(fila.get("unidad"))
    return f" por cada {formato.numero(FACTOR_UNIDAD[unidad])}" if unidad.startswith("tasa") else ""


def resultado_en_frase(fila: pd.Series, l: Lectura, con_avance: bool = True) -> str:
    """«registró un valor de 40.82%, superior al …» o «no reportó valor obtenido frente a …» (tras el sujeto)."""
    regla = f"; por la regla de CEPLAN, su avance se registra en {l.avance} (nivel {l.nivel})" if con_avance else ""
    if l.situacion is Situacion.SIN_VALOR:
        return f"no reportó valor obtenido frente a un logro esperado de {l.esperado} para {l.anio}{regla}"
    if not l.reportado:
        return f"no reportó valor obtenido y su logro esperado para {l.anio} es cero{regla}"
    return f"registró un valor de {l.obtenido}{por_cada(fila)}, {breve(l, con_avance)}"


def intro_figura(ref: str, l: Lectura, s: Serie, periodo: str, orden: int = 0) -> str:
    """La oración que presenta la figura del indicador; ``ref`` es la referencia cruzada («@fig-…»).

    Devuelve Markdown: la referencia va sin escapar y el resto son palabras fijas y cifras.
    """
    if s.periodos > 1:
        return variante(orden, f"La {ref} muestra la serie del indicador.",
                        f"La {ref} muestra el logro esperado y el valor obtenido de cada semestre.")
    if not l.reportado:
        return f"La {ref} muestra el logro esperado para {l.anio}; el valor obtenido no se reportó."
    return variante(orden,
                    f"La {ref} compara el valor obtenido con el logro esperado para {l.anio}.",
                    f"En la {ref} se ven, lado a lado, el logro esperado del año y el valor obtenido en el {periodo}.",
                    f"La {ref} presenta el valor del semestre junto a la meta anual.")


def alt_figura(fila: pd.Series, l: Lectura, s: Serie, periodo: str) -> str:
    """Texto alternativo de la figura: qué se dibuja y qué cifras tiene."""
    nombre = minuscula_inicial(str(fila["denominacion"]))
    sentido = "; el indicador debe disminuir" if fila["sentido"] == ceplan.Sentido.DESCENDENTE else ""
    if s.periodos > 1:
        return (f"Barras por semestre, del {formato.semestre_texto(s.primero)} al {periodo}, con el logro esperado y "
                f"el valor obtenido del indicador {nombre}, cada una con su cifra escrita{sentido}.")
    obtenido = "sin dato" if l.situacion is Situacion.SIN_VALOR else l.obtenido
    return (f"Dos barras horizontales del indicador {nombre}: el logro esperado para {l.anio} ({l.esperado}) y el "
            f"valor obtenido en el {periodo} ({obtenido}){sentido}.")
