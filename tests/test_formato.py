"""Formato es_PE del informe: cifras, redondeo half-up único, cantidades en letras y semestres."""

import datetime
import math
from decimal import Decimal

import pytest
from hypothesis import given, strategies as st

from inpe.redaccion.formato import (
    SIN_DATO,
    en_letras,
    fecha_corte,
    numero,
    periodo_acumulado,
    porcentaje,
    redondear,
    semestre_corte,
    semestre_parse,
    semestre_texto,
    soles,
    valor_indicador,
)

NBSP = "\u00a0"


def test_formatos_de_referencia():
    assert numero(97_664) == "97,664"
    assert porcentaje(40.82) == "40.82%"
    assert soles(897_215_339.55) == f"S/{NBSP}897,215,339.55"


@pytest.mark.parametrize(
    "x, decimales, esperado",
    [(2.445, 2, "2.45"), (0.125, 2, "0.13"), (2.5, 0, "3"), (0.5, 0, "1"), (1.005, 2, "1.01"),
     (84.905660377, 2, "84.91"), (45.3112, 1, "45.3"), (1_234_567.125, 2, "1,234,567.13"),
     (-2.5, 0, "-3"), (3, 2, "3.00")],
)
def test_numero_half_up(x, decimales, esperado):
    assert numero(x, decimales) == esperado


@pytest.mark.parametrize(
    "x, decimales, esperado",
    [(0.125, 2, "0.13%"), (5.5, 0, "6%"), (17.654, 0, "18%"), (100, 2, "100.00%"), (1234.5, 1, "1,234.5%")],
)
def test_porcentaje_half_up(x, decimales, esperado):
    assert porcentaje(x, decimales) == esperado


def test_soles_half_up():
    assert soles(0.125) == f"S/{NBSP}0.13"
    assert soles(414_490_061.345) == f"S/{NBSP}414,490,061.35"


@pytest.mark.parametrize("faltante", [None, math.nan, float("nan")])
def test_sin_dato(faltante):
    assert numero(faltante) == SIN_DATO == "—"
    assert porcentaje(faltante) == SIN_DATO
    assert soles(faltante) == SIN_DATO
    assert valor_indicador(faltante, "porcentaje", 2) == SIN_DATO


def test_sin_dato_pandas():
    pd = pytest.importorskip("pandas")
    assert numero(pd.NA) == SIN_DATO


def test_numpy_y_decimal():
    np = pytest.importorskip("numpy")
    assert numero(np.float64(2.445), 2) == "2.45"
    assert numero(np.int64(97_664)) == "97,664"
    assert numero(Decimal("0.125"), 2) == "0.13"


@pytest.mark.parametrize(
    "x, unidad, decimales, esperado",
    [(40.82, "porcentaje", 2, "40.82%"), (8824, "numero", 0, "8,824"),
     (6.5864, "tasa_1000", 2, "6.59"), (2142, "tasa_100000", 0, "2,142")],
)
def test_valor_indicador(x, unidad, decimales, esperado):
    assert valor_indicador(x, unidad, decimales) == esperado


def test_valor_indicador_unidad_invalida():
    with pytest.raises(ValueError, match="Unidad de indicador no reconocida"):
        valor_indicador(1, "soles", 2)


@given(st.decimals(min_value=-10**9, max_value=10**9, places=3), st.integers(0, 2))
def test_redondeo_half_up_propiedad(x, decimales):
    """El redondeo se aleja de cero en el empate y nunca se desvía más de media unidad."""
    q = redondear(x, decimales)
    paso = Decimal(1).scaleb(-decimales)
    assert abs(q - x) <= paso / 2
    if abs(q - x) == paso / 2:
        assert abs(q) > abs(x)


@pytest.mark.parametrize(
    "n, genero, digitos, esperado",
    [(3, "m", 2, "tres (03)"), (11, "m", 2, "once (11)"), (12, "m", 2, "doce (12)"),
     (1, "m", 2, "un (01)"), (1, "f", 2, "una (01)"), (1, "m", 1, "un (1)"),
     (7, "m", 1, "siete (7)"), (0, "m", 1, "cero (0)"), (21, "f", 2, "veintiuna (21)"),
     (21, "m", 2, "veintiún (21)"), (200, "f", 2, "doscientas (200)"),
     (1500, "m", 2, "mil quinientos (1,500)")],
)
def test_en_letras(n, genero, digitos, esperado):
    assert en_letras(n, genero=genero, digitos=digitos) == esperado


@pytest.mark.parametrize("malo", [-1, 2.5, "3", True])
def test_en_letras_rechaza(malo):
    with pytest.raises(ValueError, match="entero"):
        en_letras(malo)


def test_en_letras_genero_invalido():
    with pytest.raises(ValueError, match="Género no reconocido"):
        en_letras(3, genero="x")


@pytest.mark.parametrize(
    "semestre, tupla, texto, corte, fecha",
    [("2024-S1", (2024, 1), "primer semestre de 2024", "30 de junio de 2024", datetime.date(2024, 6, 30)),
     ("2024-S2", (2024, 2), "segundo semestre de 2024", "31 de diciembre de 2024", datetime.date(2024, 12, 31))],
    ids=["S1", "S2"],
)
def test_semestre(semestre, tupla, texto, corte, fecha):
    assert semestre_parse(semestre) == tupla
    assert semestre_texto(semestre) == texto
    assert semestre_corte(semestre) == corte
    assert fecha_corte(semestre) == fecha


@pytest.mark.parametrize(
    "malo", ["2024-S3", "2024S1", "../etc", "2024-S1; rm", "2024-S1\n", "24-S1", "2024-s1", "２０２４-S1", "", None]
)
def test_semestre_rechaza(malo):
    for funcion in (semestre_parse, semestre_texto, semestre_corte, fecha_corte):
        with pytest.raises(ValueError, match=r"Semestre no válido: .*formato es AAAA-S1 o AAAA-S2"):
            funcion(malo)


def test_lo_que_se_acumula_desde_enero_se_dice_del_anio_al_cierre_del_segundo_semestre():
    assert periodo_acumulado("2024-S1") == "primer semestre de 2024"
    assert periodo_acumulado("2024-S2") == "año 2024"
