"""Oraciones generadas desde los resultados: la redacción sigue a la regla, no al revés.

Cada función recibe valores ya calculados y devuelve texto Markdown escapado; así una
conclusión no puede contradecir al Cuadro 3, y un cambio de datos cambia el texto.
"""

from __future__ import annotations

import pandas as pd
from babel.dates import format_date

from inpe import ceplan, formato
from inpe.ejecucion import escapar_markdown as esc


def valor(fila: pd.Series, columna: str) -> str:
    """Logro esperado o valor obtenido con la unidad y decimales que fija el plan."""
    return formato.valor_indicador(fila[columna], fila["unidad"], int(fila["decimales"]))


def comparacion_con_meta(fila: pd.Series, periodo: str, anio: int) -> str:
    """Resultado del indicador frente a su logro esperado, redactado según sentido y regla."""
    obtenido, esperado = valor(fila, "valor_obtenido"), valor(fila, "logro_esperado")
    avance = formato.porcentaje(fila["avance"])
    nivel = f"nivel de avance {fila['semaforo'].lower()}"
    estado = fila["estado"]
    if estado == ceplan.EstadoMeta.SIN_VALOR:
        return (f"Al {periodo} no se reportó valor obtenido para el indicador, por lo que su avance "
                f"se registra en {avance} ({nivel}).")
    if estado == ceplan.EstadoMeta.SIN_META:
        return (f"Para el periodo evaluado no se estableció logro esperado (la meta de {anio} es cero); "
                f"el valor obtenido es {obtenido} y el avance se registra en {avance} ({nivel}).")
    descendente = fila["sentido"] == ceplan.Sentido.DESCENDENTE
    if descendente:
        relacion = "menor o igual" if estado == ceplan.EstadoMeta.CUMPLE else "mayor"
        return (f"El valor obtenido ({obtenido}) es {relacion} que el logro esperado para {anio} ({esperado}); "
                f"como el sentido esperado del indicador es descendente, el avance es de {avance} ({nivel}).")
    relacion = "superior" if estado == ceplan.EstadoMeta.CUMPLE else "inferior"
    tope = ", el máximo que reconoce la metodología de CEPLAN" if fila["avance"] >= ceplan.AVANCE_MAXIMO else ""
    return (f"El valor obtenido ({obtenido}) es {relacion} al logro esperado para {anio} ({esperado}); "
            f"el avance es de {avance}{tope} ({nivel}).")


def variacion_interanual(pob: dict, sujeto: str) -> str:
    """"La población ... pasó de X personas en junio de 2023 a Y ... (+Z%, W personas)"."""
    if "anterior" not in pob:
        return ""
    sentido = "un incremento" if pob["variacion"] >= 0 else "una disminución"
    return (f"{sujeto} pasó de {formato.numero(pob['anterior'])} personas al {_fecha(pob['fecha_anterior'])} "
            f"a {formato.numero(pob['actual'])} personas al {_fecha(pob['fecha_actual'])}, lo que representa "
            f"{sentido} de {formato.porcentaje(abs(pob['variacion_pct']), 0)} "
            f"({formato.numero(abs(pob['variacion']))} personas) respecto al año anterior.")


def _fecha(fecha) -> str:
    return format_date(pd.Timestamp(fecha).date(), "long", locale=formato.LOCALE)


def conteo_semaforo(conteo: dict[str, int]) -> str:
    """"de las once (11) AEI, tres (03) presentan un nivel de avance Alto (≥ 95%), ...\""""
    medio, alto = formato.porcentaje(ceplan.UMBRAL_MEDIO, 0), formato.porcentaje(ceplan.UMBRAL_ALTO, 0)
    partes = [
        f"{formato.en_letras(conteo['Alto'], 'f')} con nivel de avance alto ({alto} o más)",
        f"{formato.en_letras(conteo['Medio'], 'f')} con nivel medio (de {medio} a menos de {alto})",
        f"{formato.en_letras(conteo['Bajo'], 'f')} con nivel bajo (menos de {medio})",
    ]
    return f"de las {formato.en_letras(conteo['Total'], 'f')} AEI, " + ", ".join(partes[:-1]) + " y " + partes[-1]


def lista(elementos: list[str]) -> str:
    """"a, b y c" con los nombres escapados."""
    elementos = [esc(str(e)) for e in elementos]
    if len(elementos) <= 1:
        return "".join(elementos)
    return ", ".join(elementos[:-1]) + " y " + elementos[-1]


def titulo_hallazgo(fila: pd.Series, periodo: str) -> str:
    """Título de figura que enuncia el hallazgo del último periodo."""
    obtenido, esperado = valor(fila, "valor_obtenido"), valor(fila, "logro_esperado")
    estado = fila["estado"]
    if estado == ceplan.EstadoMeta.SIN_VALOR:
        return f"{periodo}: no se reportó valor obtenido"
    if estado == ceplan.EstadoMeta.SIN_META:
        return f"{periodo}: sin logro esperado para el año; valor obtenido {obtenido}"
    verbo = "alcanza" if estado == ceplan.EstadoMeta.CUMPLE else "no alcanza"
    return f"{periodo}: el valor obtenido ({obtenido}) {verbo} el logro esperado ({esperado})"


_UNIDADES = {
    "porcentaje": "Porcentaje (%)",
    "numero": "Número",
    "tasa_1000": "Tasa por cada 1,000 personas",
    "tasa_100000": "Tasa por cada 100,000 personas",
}


def unidad_eje(unidad: str) -> str:
    return _UNIDADES[unidad]
