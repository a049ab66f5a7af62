"""Reglas CEPLAN: reproducen el Cuadro 3, la Tabla resumen y las cifras de 3.2 del informe de referencia
(I semestre 2024) y cumplen propiedades generales (tope, monotonía, bandas del semáforo)."""

import math

import pytest
from hypothesis import given, strategies as st

from inpe.calculo.ceplan import (
    UMBRAL_ALTO,
    UMBRAL_MEDIO,
    EstadoMeta,
    Nivel,
    avance_aei,
    avance_ao,
    avance_indicador,
    conteo_semaforo,
    ejecucion_presupuestal,
    es_faltante,
    estado_respecto_meta,
    porcentaje_de,
    semaforo,
    tasa,
    variacion,
)
from inpe.redaccion.formato import numero, porcentaje

ASC, DESC = "Ascendente", "Descendente"

# Cuadro 3 del informe de referencia: (AEI, indicador, sentido, logro esperado, valor obtenido, avance impreso)
CUADRO_3 = [
    ("AEI.01.01", "IND.01.AEI.01.01", ASC, 16, 40.82, "100.00"),
    ("AEI.01.02", "IND.01.AEI.01.02", ASC, 72, 89.21, "100.00"),
    ("AEI.01.03", "IND.01.AEI.01.03", ASC, 8824, 432, "4.90"),
    ("AEI.01.03", "IND.02.AEI.01.03", ASC, 0, 0, "0.00"),
    ("AEI.01.04", "IND.01.AEI.01.04", DESC, 70, 101, "69.31"),
    ("AEI.01.05", "IND.01.AEI.01.05", ASC, 20.23, 6.59, "32.58"),
    ("AEI.01.06", "IND.01.AEI.01.06", DESC, 2860, 2142, "100.00"),
    ("AEI.02.01", "IND.01.AEI.02.01", ASC, 50, 3, "6.00"),
    ("AEI.02.02", "IND.01.AEI.02.02", ASC, 0, 0, "0.00"),
    ("AEI.02.03", "IND.01.AEI.02.03", ASC, 106, 90, "84.91"),
    ("AEI.02.04", "IND.01.AEI.02.04", ASC, 150, 41, "27.33"),
    ("AEI.03.01", "IND.01.AEI.03.01", ASC, 80, None, "0.00"),
]

AVANCE_AEI = {
    "AEI.01.01": "100.00",
    "AEI.01.02": "100.00",
    "AEI.01.03": "2.45",
    "AEI.01.04": "69.31",
    "AEI.01.05": "32.58",
    "AEI.01.06": "100.00",
    "AEI.02.01": "6.00",
    "AEI.02.02": "0.00",
    "AEI.02.03": "84.91",
    "AEI.02.04": "27.33",
    "AEI.03.01": "0.00",
}

# Sección 3.2: (ámbito, PIM, devengado, ejecución impresa con un decimal)
PRESUPUESTO = [
    ("AEI.01.01", 57_738_908.35, 26_162_323.98, "45.3"),
    ("AEI.01.02", 4_971_594.84, 2_275_437.90, "45.8"),
    ("AEI.01.03", 81_032_773.43, 28_532_702.39, "35.2"),
    ("AEI.01.04", 312_017_380.90, 140_199_175.22, "44.9"),
    ("AEI.01.05", 70_877_550.00, 25_355_878.96, "35.8"),
    ("AEI.01.06", 311_309_649.84, 165_018_293.51, "53.0"),
    ("AEI.02.01", 47_883_025.89, 21_893_235.02, "45.7"),
    ("AEI.02.02", 1_442_284.00, 611_869.15, "42.4"),
    ("AEI.02.03", 9_717_940.00, 4_322_874.69, "44.5"),
    ("AEI.02.04", 224_232.00, 118_270.53, "52.7"),
    ("PLIEGO", 897_215_339.55, 414_490_061.35, "46.2"),
]

# Población penitenciaria, junio 2023 → junio 2024: (concepto, anterior, actual, abs, % a 0 decimales)
CRECIMIENTO = [
    ("intramuros", 92_351, 97_664, "5,313", "6"),
    ("extramuros", 75_846, 89_236, "13,390", "18"),
    ("total", 168_197, 186_900, "18,703", "11"),
]


def _avances_por_aei() -> dict[str, float]:
    por_aei: dict[str, list[float]] = {}
    for aei, _, sentido, logro, valor, _ in CUADRO_3:
        por_aei.setdefault(aei, []).append(avance_indicador(logro, valor, sentido))
    return {aei: avance_aei(avs) for aei, avs in por_aei.items()}


# --- Cuadro 3 y Tabla resumen -------------------------------------------------------------


@pytest.mark.parametrize(
    "sentido, logro, valor, esperado",
    [fila[2:] for fila in CUADRO_3],
    ids=[fila[1] for fila in CUADRO_3],
)
def test_cuadro3_avance_indicador(sentido, logro, valor, esperado):
    assert numero(avance_indicador(logro, valor, sentido), 2) == esperado


@pytest.mark.parametrize("aei, esperado", AVANCE_AEI.items(), ids=AVANCE_AEI.keys())
def test_cuadro3_avance_aei(aei, esperado):
    assert numero(_avances_por_aei()[aei], 2) == esperado


def test_cuadro3_once_aei():
    assert list(_avances_por_aei()) == list(AVANCE_AEI)


def test_tabla_resumen_semaforo():
    conteo = conteo_semaforo(_avances_por_aei().values())
    assert conteo == {"Bajo": 7, "Medio": 1, "Alto": 3, "Total": 11}
    assert list(conteo) == ["Bajo", "Medio", "Alto", "Total"]


def test_semaforo_por_aei():
    niveles = {aei: semaforo(a) for aei, a in _avances_por_aei().items()}
    assert niveles["AEI.02.03"] is Nivel.MEDIO
    assert {aei for aei, n in niveles.items() if n == "Alto"} == {"AEI.01.01", "AEI.01.02", "AEI.01.06"}


# --- Sección 3.2 y otras cifras del informe ------------------------------------------------


@pytest.mark.parametrize(
    "pim, devengado, esperado", [f[1:] for f in PRESUPUESTO], ids=[f[0] for f in PRESUPUESTO]
)
def test_ejecucion_presupuestal(pim, devengado, esperado):
    assert numero(ejecucion_presupuestal(pim, devengado), 1) == esperado


def test_tasa_profesionales_por_mil():
    assert numero(tasa(1_231, 186_900, por=1_000), 2) == "6.59"


@pytest.mark.parametrize(
    "anterior, actual, absoluta, relativa", [f[1:] for f in CRECIMIENTO], ids=[f[0] for f in CRECIMIENTO]
)
def test_crecimiento_poblacion(anterior, actual, absoluta, relativa):
    abs_, rel = variacion(anterior, actual)
    assert numero(abs_) == absoluta
    assert numero(rel) == relativa
    assert porcentaje(rel, 0) == relativa + "%"


def test_crecimiento_intramuros_sin_redondear():
    assert variacion(92_351, 97_664)[1] == pytest.approx(5.7530, abs=1e-4)


# --- Casos límite --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "logro, valor, sentido, esperado",
    [
        (0, 5, ASC, 0.0),
        (None, 5, ASC, 0.0),
        (math.nan, 5, DESC, 0.0),
        (10, None, ASC, 0.0),
        (10, math.nan, DESC, 0.0),
        (10, 0, DESC, 100.0),
        (0, 0, DESC, 0.0),
        (10, 20, DESC, 50.0),
        (10, 25, ASC, 100.0),
    ],
    ids=["meta0", "meta_vacia", "meta_nan", "valor_vacio", "valor_nan", "desc_cero",
         "desc_sin_meta", "desc_mitad", "asc_tope"],
)
def test_avance_indicador_casos(logro, valor, sentido, esperado):
    assert avance_indicador(logro, valor, sentido) == esperado


@pytest.mark.parametrize("sentido", ["ascendente", "Creciente", "", None])
def test_sentido_invalido(sentido):
    with pytest.raises(ValueError, match="Sentido de indicador no reconocido"):
        avance_indicador(10, 5, sentido)


def test_valor_negativo_rechazado():
    with pytest.raises(ValueError, match="no puede ser negativo"):
        avance_indicador(10, -1, ASC)


def test_avance_aei_vacia():
    with pytest.raises(ValueError, match="no tiene indicadores"):
        avance_aei([])


def test_semaforo_sin_dato():
    with pytest.raises(ValueError, match="no disponible"):
        semaforo(None)


def test_avance_ao_sin_tope_y_sin_programacion():
    assert avance_ao(100, 150) == 150.0
    assert avance_ao(0, 10) is None
    assert avance_ao(None, 10) is None
    assert avance_ao(math.nan, 10) is None


def test_ejecucion_sin_pim():
    assert ejecucion_presupuestal(0, 10) is None


def test_variacion_sin_base():
    assert variacion(0, 5) == (5.0, None)
    assert variacion(None, 5) == (None, None)


def test_porcentaje_de():
    assert porcentaje_de(1, 4) == 25.0
    assert porcentaje_de(1, 0) is None


def test_es_faltante():
    pd = pytest.importorskip("pandas")
    assert es_faltante(None) and es_faltante(math.nan) and es_faltante(pd.NA)
    assert not es_faltante(0) and not es_faltante("texto")


@pytest.mark.parametrize(
    "logro, valor, sentido, esperado",
    [
        (16, 40.82, ASC, EstadoMeta.CUMPLE),
        (50, 3, ASC, EstadoMeta.NO_CUMPLE),
        (2860, 2142, DESC, EstadoMeta.CUMPLE),
        (70, 70, DESC, EstadoMeta.CUMPLE),
        (70, 101, DESC, EstadoMeta.NO_CUMPLE),
        (0, 0, ASC, EstadoMeta.SIN_META),
        (None, 3, ASC, EstadoMeta.SIN_META),
        (80, None, ASC, EstadoMeta.SIN_VALOR),
    ],
    ids=["asc_cumple", "asc_no_cumple", "desc_cumple", "desc_igual", "desc_no_cumple",
         "meta_cero", "meta_vacia", "sin_valor"],
)
def test_estado_respecto_meta(logro, valor, sentido, esperado):
    assert estado_respecto_meta(logro, valor, sentido) == esperado


# --- Propiedades ---------------------------------------------------------------------------

no_negativo = st.floats(min_value=0, max_value=1e12, allow_nan=False)
sentidos = st.sampled_from([ASC, DESC])


@given(no_negativo, no_negativo, sentidos)
def test_avance_entre_0_y_100(logro, valor, sentido):
    assert 0.0 <= avance_indicador(logro, valor, sentido) <= 100.0


@given(no_negativo, no_negativo, no_negativo)
def test_avance_ascendente_no_decreciente(logro, v1, v2):
    bajo, alto = sorted((v1, v2))
    assert avance_indicador(logro, bajo, ASC) <= avance_indicador(logro, alto, ASC)


@given(no_negativo, no_negativo, no_negativo)
def test_avance_descendente_no_creciente(logro, v1, v2):
    bajo, alto = sorted((v1, v2))
    assert avance_indicador(logro, bajo, DESC) >= avance_indicador(logro, alto, DESC)


@pytest.mark.parametrize(
    "avance, nivel",
    [(0, "Bajo"), (74.99999999, "Bajo"), (math.nextafter(75, 0), "Bajo"), (75, "Medio"),
     (94.99, "Medio"), (math.nextafter(95, 0), "Medio"), (95, "Alto"), (100, "Alto")],
)
def test_semaforo_umbrales(avance, nivel):
    assert semaforo(avance) == nivel


@given(st.floats(min_value=0, max_value=100))
def test_semaforo_bandas(avance):
    nivel = semaforo(avance)
    if avance < UMBRAL_MEDIO:
        assert nivel is Nivel.BAJO
    elif avance < UMBRAL_ALTO:
        assert nivel is Nivel.MEDIO
    else:
        assert nivel is Nivel.ALTO


@given(st.lists(st.floats(min_value=0, max_value=100)))
def test_conteo_suma_total(avances):
    conteo = conteo_semaforo(avances)
    assert conteo["Bajo"] + conteo["Medio"] + conteo["Alto"] == conteo["Total"] == len(avances)
