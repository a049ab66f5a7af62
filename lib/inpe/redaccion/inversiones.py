"""Las inversiones de una AO (obras.csv y obras_hitos.csv), agrupadas por estado (§3.2).

*Markdown*: los nombres de las inversiones vienen de los datos y se escapan aquí; la viñeta y la
negrita son del módulo. Cada inversión lleva su nombre, su CUI, las cifras de su estado (mes de
culminación, avance físico, unidades de albergue), sus hitos previstos y la nota que el metodólogo
escribió para ese CUI en el comentario de la AO.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import pandas as pd
from babel.dates import format_date

from inpe.calculo import ceplan
from inpe.calculo.implementacion import unidades_albergue_culminadas
from inpe.redaccion import formato
from inpe.redaccion.comentarios import notas_por_cui
from inpe.redaccion.escape import escapar_markdown as esc
from inpe.redaccion.gramatica import cerrar, enumerar, fecha, mayuscula_inicial, mes, segun

#: Estados de obras.csv que informa cada presentación de AO (columna ``presentacion`` del plan).
ESTADOS = {
    "obras_en_ejecucion": ("culminada", "en_ejecucion", "contrato_firmado"),
    "expedientes_tecnicos": ("expediente_en_elaboracion", "expediente_aprobado"),
}

HITOS = {
    "culminacion_aprobacion_expediente": "la culminación y aprobación del expediente técnico",
    "convocatoria": "el proceso de convocatoria",
    "inicio_obra": "el inicio de la ejecución de la obra",
    "culminacion_obra": "la culminación de la obra",
}


def _precision(valor: str) -> str:
    valor = str(valor).strip()
    for precision, patron in (("dia", r"\d{4}-\d{2}-\d{2}"), ("mes", r"\d{4}-\d{2}"), ("anio", r"\d{4}")):
        if re.fullmatch(patron, valor):
            return precision
    raise ValueError(f"Fecha de hito no reconocida: {valor!r}; debe ser AAAA-MM-DD, AAAA-MM o AAAA.")


def _texto_fecha(valor: str, con_anio: bool = True) -> str:
    p = _precision(valor)
    if p == "dia":
        return "el " + fecha(valor)
    if p == "mes":
        return mes(valor) if con_anio else format_date(pd.Timestamp(valor).date(), "MMMM", locale=formato.LOCALE)
    return str(valor).strip()


def cuando(desde: str, hasta) -> str:
    """«para el 30 de agosto de 2024», «para noviembre de 2024», «entre setiembre y octubre de 2024»."""
    if ceplan.es_faltante(hasta) or str(hasta).strip() in ("", str(desde).strip()):
        return f"para {_texto_fecha(desde)}"
    mismo_anio = _precision(desde) == _precision(hasta) == "mes" and str(desde)[:4] == str(hasta)[:4]
    return f"entre {_texto_fecha(desde, con_anio=not mismo_anio)} y {_texto_fecha(hasta)}"


def hitos(tabla: pd.DataFrame) -> str:
    """Hitos previstos de una inversión, en el orden del CSV (texto plano; "" sin hitos).

    La columna ``nota`` de obras_hitos.csv documenta la procedencia del dato para el analista y no se publica.
    """
    partes = [f"{HITOS.get(h.hito, h.hito.replace('_', ' '))} {cuando(h.desde, h.hasta)}" for h in tabla.itertuples()]
    return f"Se prevé {enumerar(partes)}." if partes else ""


def _inversion(obra, tabla_hitos: pd.DataFrame, notas: Mapping[str, str], complementos: Mapping[str, list[str]]) -> str:
    """Viñeta de una inversión: nombre, CUI, sus cifras según su estado, hitos y nota."""
    datos = []
    if obra.estado == "culminada" and not ceplan.es_faltante(obra.mes_culminacion):
        datos.append(f"culminada en {mes(obra.mes_culminacion)}")
    if not ceplan.es_faltante(obra.avance_fisico):
        datos.append(f"con un avance físico de {formato.avance_ao(obra.avance_fisico)}")
    if not ceplan.es_faltante(obra.unidades_albergue) and obra.unidades_albergue:
        verbo = "con" if obra.estado == "culminada" else "que agregará"
        datos.append(f"{verbo} {formato.numero(obra.unidades_albergue)} "
                     f"{segun(obra.unidades_albergue, 'unidad de albergue', 'unidades de albergue')}")
    texto = f"“{esc(obra.nombre)}” (CUI {esc(obra.cui)})" + (", " + esc(", ".join(datos)) if datos else "") + "."
    extra = [esc(notas.get(obra.cui, "")), esc(hitos(tabla_hitos[tabla_hitos["cui"] == obra.cui]))]
    extra += [esc(c) for c in complementos.get(obra.cui, [])]
    return "- " + " ".join(x for x in [texto, *extra] if x)


def _unidades(ua: int) -> str:
    return "" if not ua else (f", con un total de {formato.numero(ua)} "
                              f"{segun(ua, 'unidad de albergue construida', 'unidades de albergue construidas')}")


def _cabeza(estado: str, k: int, ua: int, sustantivo: tuple[str, str]) -> str:
    """La frase que abre el grupo de inversiones de un estado («culminaron dos (02) obras, con …:»)."""
    cuantas = formato.en_letras(k, "f")
    inversion = segun(k, *sustantivo)
    obra = inversion if "equipamiento" in sustantivo[0] else segun(k, "obra", "obras")
    return {
        "culminada": f"{segun(k, 'culminó', 'culminaron')} {cuantas} {obra}{_unidades(ua)}:",
        "en_ejecucion": f"se {segun(k, 'encuentra', 'encuentran')} en ejecución {cuantas} {obra}:",
        "contrato_firmado": f"se {segun(k, 'firmó el contrato', 'firmaron los contratos')} de {cuantas} {inversion}:",
        "expediente_en_elaboracion": (
            f"se {segun(k, 'viene elaborando el expediente técnico', 'vienen elaborando los expedientes técnicos')} "
            f"de {cuantas} {inversion}:"),
        "expediente_aprobado": (f"se {segun(k, 'aprobó el expediente técnico', 'aprobaron los expedientes técnicos')} "
                                f"de {cuantas} {inversion}:"),
    }[estado]


def texto(obras: pd.DataFrame, tabla_hitos: pd.DataFrame, comentario: str, periodo: str, estados: Sequence[str],
          complementos: Mapping[str, list[str]] | None = None) -> str:
    """Inversiones en los ``estados`` dados, agrupadas por estado, cada una con sus cifras (Markdown).

    El comentario en viñetas por CUI (:func:`~inpe.redaccion.comentarios.notas_por_cui`) se une a cada
    inversión y sus líneas sin CUI van al final.
    """
    notas, otras = notas_por_cui(comentario)
    complementos = complementos or {}
    bloques = []
    for estado in estados:
        grupo = obras[obras["estado"] == estado]
        if grupo.empty:
            continue
        sustantivo = (("inversión en equipamiento", "inversiones en equipamiento")
                      if set(grupo["tipo_inversion"]) == {"equipamiento"} else ("inversión", "inversiones"))
        ua = unidades_albergue_culminadas(grupo) if estado == "culminada" else 0
        frase = _cabeza(estado, len(grupo), ua, sustantivo)
        cabeza = f"En el {periodo}, {frase}" if not bloques else mayuscula_inicial(frase)
        lineas = [_inversion(o, tabla_hitos, notas, complementos) for o in grupo.itertuples()]
        bloques.append(esc(cabeza) + "\n\n" + "\n".join(lineas))
    if otras:
        bloques.append(" ".join(esc(cerrar(o)) for o in otras))
    return "\n\n".join(bloques)
