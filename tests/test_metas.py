"""La tabla de decisión de un resultado frente a su meta (redaccion/metas.py), las oraciones que salen
de ella (redaccion/indicadores.py) y lo que la serie permite decir (calculo/series.py).

Todas las oraciones sobre un resultado parten de la misma lectura: aquí se comprueba cada casilla de la
tabla (sentido × acumulación × semestre) y que la comparación de §3.1, la frase breve del resumen, el
título de la figura y la frase de §3.2 nunca se contradigan.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

from inpe.calculo import series
from inpe.redaccion import formato, indicadores
from inpe.redaccion.metas import Situacion, leer, valor
from referencia import PERIODO, indicador

S = Situacion


# --- la tabla de decisión ------------------------------------------------------------------------

@pytest.mark.parametrize("sentido, acumulacion, semestre, logro, obtenido, situacion", [
    # ascendente, nivel: se compara con la meta en cualquier semestre
    ("Ascendente", "nivel", "2024-S1", 16.0, 40.82, S.ALCANZA),
    ("Ascendente", "nivel", "2024-S1", 106, 90, S.NO_ALCANZA),
    ("Ascendente", "nivel", "2024-S2", 16.0, 40.82, S.ALCANZA),
    ("Ascendente", "nivel", "2024-S2", 106, 90, S.NO_ALCANZA),
    # ascendente, acumulativo: al primer semestre el valor es parcial
    ("Ascendente", "acumulativo", "2024-S1", 106, 120, S.ALCANZA),
    ("Ascendente", "acumulativo", "2024-S1", 8824, 432, S.EN_CAMINO),
    ("Ascendente", "acumulativo", "2024-S2", 106, 120, S.ALCANZA),
    ("Ascendente", "acumulativo", "2024-S2", 8824, 432, S.NO_ALCANZA),
    # descendente, nivel
    ("Descendente", "nivel", "2024-S1", 70, 101, S.EXCEDE),
    ("Descendente", "nivel", "2024-S1", 2860, 2142, S.DENTRO),
    ("Descendente", "nivel", "2024-S2", 70, 101, S.EXCEDE),
    ("Descendente", "nivel", "2024-S2", 2860, 2142, S.DENTRO),
    # descendente, acumulativo: pasar el máximo ya en el primer semestre es exceder; quedar debajo, parcial
    ("Descendente", "acumulativo", "2024-S1", 70, 101, S.EXCEDE),
    ("Descendente", "acumulativo", "2024-S1", 2860, 2142, S.DENTRO_PARCIAL),
    ("Descendente", "acumulativo", "2024-S2", 70, 101, S.EXCEDE),
    ("Descendente", "acumulativo", "2024-S2", 2860, 2142, S.DENTRO),
    # igual a la meta: cumple en los dos sentidos
    ("Ascendente", "nivel", "2024-S1", 50, 50, S.ALCANZA),
    ("Descendente", "nivel", "2024-S1", 70, 70, S.DENTRO),
    ("Descendente", "acumulativo", "2024-S1", 70, 70, S.DENTRO_PARCIAL),
    # cero en un indicador descendente es cumplimiento pleno
    ("Descendente", "nivel", "2024-S1", 10, 0, S.DENTRO),
    # sin meta (cero) y sin valor, en cualquier casilla
    ("Ascendente", "nivel", "2024-S1", 0, 0, S.SIN_META),
    ("Ascendente", "acumulativo", "2024-S2", 0, 12, S.SIN_META),
    ("Descendente", "acumulativo", "2024-S1", 0, 5, S.SIN_META),
    ("Ascendente", "nivel", "2024-S1", 80.0, None, S.SIN_VALOR),
    ("Ascendente", "acumulativo", "2024-S1", 80.0, None, S.SIN_VALOR),
    ("Descendente", "acumulativo", "2024-S2", 70, None, S.SIN_VALOR),
])
def test_cada_casilla_de_la_tabla_de_decision(sentido, acumulacion, semestre, logro, obtenido, situacion):
    lectura = leer(indicador(logro, obtenido, sentido, acumulacion=acumulacion), semestre)
    assert lectura.situacion is situacion
    assert lectura.parcial == (acumulacion == "acumulativo" and semestre.endswith("S1"))
    assert lectura.cumple == (situacion in (S.ALCANZA, S.DENTRO, S.DENTRO_PARCIAL))


def test_la_lectura_trae_las_cifras_formateadas_del_plan():
    l = leer(indicador(16.0, 40.82, unidad="porcentaje", decimales=2), "2024-S1")
    assert (l.obtenido, l.esperado, l.avance, l.nivel, l.anio) == ("40.82%", "16.00%", "100.00%", "alto", 2024)
    assert l.proporcion == pytest.approx(40.82 / 16 * 100) and not l.igual
    tasa = leer(indicador(2860, 2142, "Descendente", "tasa_100000", acumulacion="acumulativo"), "2025-S2")
    assert (tasa.obtenido, tasa.esperado, tasa.anio) == ("2,142", "2,860", 2025)
    assert valor(indicador(2860, 2142, "Descendente", "tasa_100000"), "valor_obtenido") == "2,142"
    sin_meta = leer(indicador(0, 0), "2024-S1")
    assert sin_meta.proporcion is None and not sin_meta.igual and sin_meta.avance == "0.00%"
    sin_valor = leer(indicador(80.0, None, unidad="porcentaje", decimales=2), "2024-S1")
    assert sin_valor.proporcion is None and sin_valor.esperado == "80.00%" and sin_valor.obtenido == formato.SIN_DATO


@pytest.mark.parametrize("logro, obtenido, unidad, decimales, igual", [
    (50, 50, "numero", 0, True),
    (16.0, 16.004, "porcentaje", 2, True),   # iguales a la precisión publicada
    (16.0, 16.01, "porcentaje", 2, False),
    (16.0, 40.82, "porcentaje", 2, False),
])
def test_igual_se_decide_a_la_precision_publicada(logro, obtenido, unidad, decimales, igual):
    assert leer(indicador(logro, obtenido, unidad=unidad, decimales=decimales), "2024-S1").igual is igual


# --- las oraciones del resultado -----------------------------------------------------------------

@pytest.mark.parametrize("args, semestre, esperado", [
    ((16.0, 40.82, "Ascendente", "porcentaje", 2), "2024-S1",
     "El valor obtenido (40.82%) supera el logro esperado para 2024 (16.00%), con un avance de 100.00%, nivel alto."),
    ((8824, 432, "Ascendente", "numero", 0, "acumulativo"), "2024-S1",
     "Como el indicador suma a lo largo del año, el valor del semestre (432) es el 4.90% del logro esperado para "
     "todo 2024 (8,824): el avance que registra la regla de CEPLAN, nivel bajo."),
    ((8824, 432, "Ascendente", "numero", 0, "acumulativo"), "2024-S2",
     "El valor obtenido (432) queda por debajo del logro esperado para 2024 (8,824), con un avance de 4.90%, nivel "
     "bajo."),
    ((70, 101, "Descendente", "numero", 0, "acumulativo"), "2024-S1",
     "En un indicador que debe disminuir, el valor obtenido (101) ya en el primer semestre supera el máximo esperado "
     "para 2024 (70), con un avance de 69.31%, nivel bajo."),
    ((70, 101, "Descendente"), "2024-S1",
     "En un indicador que debe disminuir, el valor obtenido (101) supera el máximo esperado para 2024 (70), con un "
     "avance de 69.31%, nivel bajo."),
    ((2860, 2142, "Descendente", "tasa_100000", 0, "acumulativo"), "2024-S1",
     "El indicador debe disminuir y suma a lo largo del año: el valor del primer semestre (2,142) equivale al 74.90% "
     "del máximo esperado para todo 2024 (2,860). Por la regla de CEPLAN el avance se registra en 100.00% (nivel "
     "alto), pero el resultado del año dependerá del segundo semestre."),
    ((2860, 2142, "Descendente", "tasa_100000"), "2024-S1",
     "En un indicador que debe disminuir, el valor obtenido (2,142) se mantiene por debajo del máximo esperado para "
     "2024 (2,860), con un avance de 100.00%, nivel alto."),
    ((70, 70, "Descendente"), "2024-S1",
     "En un indicador que debe disminuir, el valor obtenido (70) iguala el máximo esperado para 2024 (70), con un "
     "avance de 100.00%, nivel alto."),
    ((20.23, 6.59, "Ascendente", "tasa_1000", 2), "2024-S1",
     "El valor obtenido (6.59) queda por debajo del logro esperado para 2024 (20.23), con un avance de 32.58%, nivel "
     "bajo."),
    ((106, 90), "2024-S1",
     "El valor obtenido (90) queda por debajo del logro esperado para 2024 (106), con un avance de 84.91%, nivel "
     "medio."),
    ((50, 50), "2024-S1",
     "El valor obtenido (50) iguala el logro esperado para 2024 (50), con un avance de 100.00%, nivel alto."),
    ((0, 0), "2024-S1",
     "El logro esperado para 2024 es cero: el valor obtenido es 0 y, por la regla de CEPLAN, su "
     "avance se registra en 0.00% (nivel bajo)."),
    ((80.0, None, "Ascendente", "porcentaje", 2), "2024-S1",
     "No se reportó el valor obtenido, frente a un logro esperado de 80.00% para 2024; por la regla de CEPLAN, su "
     "avance se registra en 0.00% (nivel bajo)."),
])
def test_comparacion_con_la_meta(args, semestre, esperado):
    f = indicador(*args)
    assert indicadores.comparacion(f, leer(f, semestre)) == esperado


def test_la_comparacion_varia_la_forma_pero_no_las_cifras():
    f = indicador(16.0, 40.82, unidad="porcentaje", decimales=2)
    l = leer(f, "2024-S1")
    formas = [indicadores.comparacion(f, l, orden) for orden in range(3)]
    assert len(set(formas)) == 3
    assert indicadores.comparacion(f, l, 3) == formas[0]  # en ronda, sin azar
    for forma in formas:
        assert "(40.82%)" in forma and "(16.00%)" in forma and forma.endswith("con un avance de 100.00%, nivel alto.")


@pytest.mark.parametrize("args, semestre, esperado", [
    ((16.0, 40.82, "Ascendente", "porcentaje", 2), "2024-S1",
     "superior al logro esperado para 2024 (16.00%), con un avance de 100.00%, nivel alto"),
    ((8824, 432), "2024-S1", "inferior al logro esperado para 2024 (8,824), con un avance de 4.90%, nivel bajo"),
    ((8824, 432, "Ascendente", "numero", 0, "acumulativo"), "2024-S1",
     "el 4.90% del logro esperado para todo 2024 (8,824), un avance parcial de nivel bajo"),
    ((70, 101, "Descendente"), "2024-S1",
     "por encima del máximo esperado para 2024 (70) en un indicador que debe disminuir, con un avance de 69.31%, nivel "
     "bajo"),
    ((70, 101, "Descendente", "numero", 0, "acumulativo"), "2024-S1",
     "ya por encima del máximo esperado para 2024 (70) en un indicador que debe disminuir, con un avance de 69.31%, "
     "nivel bajo"),
    ((2860, 2142, "Descendente"), "2024-S1",
     "por debajo del máximo esperado para 2024 (2,860) en un indicador que debe disminuir, con un avance de "
     "100.00%, nivel alto"),
    ((2860, 2142, "Descendente", "tasa_100000", 0, "acumulativo"), "2024-S1",
     "el 74.90% del máximo esperado para todo 2024 (2,860) en un indicador que suma a lo largo del año y debe "
     "disminuir; CEPLAN registra un avance de 100.00%, nivel alto, pero el resultado del año dependerá del segundo "
     "semestre"),
    ((50, 50), "2024-S1", "igual al logro esperado para 2024 (50), con un avance de 100.00%, nivel alto"),
    ((0, 0), "2024-S1", "con un logro esperado de cero para 2024; su avance se registra en 0.00% (nivel bajo)"),
    ((80.0, None, "Ascendente", "porcentaje", 2), "2024-S1",
     "sin valor reportado frente a un logro esperado de 80.00% para 2024; su avance se registra en 0.00% (nivel bajo)"),
])
def test_resultado_breve(args, semestre, esperado):
    assert indicadores.breve(leer(indicador(*args), semestre)) == esperado


@pytest.mark.parametrize("args, semestre, esperado", [
    ((16.0, 40.82, "Ascendente", "porcentaje", 2), "2024-S1",
     "Primer semestre de 2024: el valor obtenido (40.82%) supera el logro esperado (16.00%)"),
    ((8824, 432), "2024-S1", "Primer semestre de 2024: el valor obtenido (432) no alcanza el logro esperado (8,824)"),
    ((8824, 432, "Ascendente", "numero", 0, "acumulativo"), "2024-S1",
     "Primer semestre de 2024: 432, el 4.90% del logro esperado del año (8,824)"),
    ((70, 101, "Descendente"), "2024-S1",
     "Primer semestre de 2024: el valor obtenido (101) excede el máximo esperado (70)"),
    ((2860, 2142, "Descendente"), "2024-S1",
     "Primer semestre de 2024: el valor obtenido (2,142) no excede el máximo esperado (2,860)"),
    ((2860, 2142, "Descendente", "tasa_100000", 0, "acumulativo"), "2024-S1",
     "Primer semestre de 2024: 2,142, el 74.90% del máximo esperado para el año (2,860)"),
    ((50, 50), "2024-S1", "Primer semestre de 2024: el valor obtenido (50) iguala el logro esperado (50)"),
    ((0, 0), "2024-S1", "Primer semestre de 2024: logro esperado de cero para el año; valor obtenido 0"),
    ((80.0, None, "Ascendente", "porcentaje", 2), "2024-S1",
     "Primer semestre de 2024: no se reportó valor obtenido (logro esperado 80.00%)"),
])
def test_titulo_de_la_figura_enuncia_el_hallazgo(args, semestre, esperado):
    assert indicadores.titulo_figura(leer(indicador(*args), semestre), formato.semestre_texto(semestre)) == esperado


def test_resultado_en_frase_sigue_al_sujeto():
    f = indicador(16.0, 40.82, unidad="porcentaje", decimales=2)
    l = leer(f, "2024-S1")
    assert indicadores.resultado_en_frase(f, l) == "registró un valor de 40.82%, " + indicadores.breve(l)
    assert indicadores.resultado_en_frase(f, l, con_avance=False) == (
        "registró un valor de 40.82%, superior al logro esperado para 2024 (16.00%)")
    sin_valor = indicador(80.0, None, unidad="porcentaje", decimales=2)
    assert indicadores.resultado_en_frase(sin_valor, leer(sin_valor, "2024-S1")) == (
        "no reportó valor obtenido frente a un logro esperado de 80.00% para 2024; por la regla de CEPLAN, su avance "
        "se registra en 0.00% (nivel bajo)")


# --- las cuatro oraciones no se contradicen --------------------------------------------------------

#: Lo que cada veredicto hace decir; una oración no puede decir dos (ni uno ajeno a su situación).
VEREDICTOS = {
    S.ALCANZA: r"(supera|superior al|está por encima del|sobrepasa|iguala|igual al) (el )?logro",
    S.NO_ALCANZA: r"(por debajo del|inferior al|no alcanza el) logro",
    S.EN_CAMINO: r"del logro esperado (para todo|del año)",
    S.DENTRO: r"(por debajo del|no excede el|iguala el|igual al) máximo",
    S.DENTRO_PARCIAL: r"del máximo esperado (para todo|para el año)",
    S.EXCEDE: r"(supera el|por encima del|(?<!no )excede el) máximo",
    S.SIN_META: r"logro esperado (para \d{4} es|de) cero",
    S.SIN_VALOR: r"no se reportó|sin valor reportado|no reportó valor",
}
# «no excede el máximo» (DENTRO) no es «excede el máximo» (EXCEDE): de ahí el (?<!no ).

SENTIDOS = ("Ascendente", "Descendente")
ACUMULACIONES = ("nivel", "acumulativo")
SEMESTRES = ("2024-S1", "2024-S2")
VALORES = [(100, 40), (100, 100), (100, 160), (0, 5), (100, None),
           (16.0, 40.82, "porcentaje", 2), (80.0, 79.5, "porcentaje", 2)]
REJILLA = [(s, a, sem, v) for s in SENTIDOS for a in ACUMULACIONES for sem in SEMESTRES for v in VALORES]


def _oraciones(f: pd.Series, l) -> dict[str, str]:
    periodo = formato.semestre_texto("2024-S1")
    return {"comparacion": indicadores.comparacion(f, l), "breve": indicadores.breve(l),
            "titulo": indicadores.titulo_figura(l, periodo), "frase": indicadores.resultado_en_frase(f, l)}


def _fila(sentido, acumulacion, v):
    logro, obtenido, *resto = v
    unidad, decimales = resto or ("numero", 0)
    return indicador(logro, obtenido, sentido, unidad, decimales, acumulacion)


@pytest.mark.parametrize("sentido, acumulacion, semestre, v", REJILLA, ids=lambda x: str(x))
def test_las_cuatro_oraciones_dicen_el_mismo_veredicto(sentido, acumulacion, semestre, v):
    f = _fila(sentido, acumulacion, v)
    l = leer(f, semestre)
    for donde, texto in _oraciones(f, l).items():
        dichos = {s for s, patron in VEREDICTOS.items() if re.search(patron, texto, re.IGNORECASE)}
        assert dichos == {l.situacion}, f"{donde} dice {sorted(dichos)} en una situación {l.situacion}: {texto}"


@pytest.mark.parametrize("sentido, acumulacion, semestre, v", REJILLA, ids=lambda x: str(x))
def test_las_cuatro_oraciones_dan_las_mismas_cifras(sentido, acumulacion, semestre, v):
    f = _fila(sentido, acumulacion, v)
    l = leer(f, semestre)
    o = _oraciones(f, l)
    if l.situacion is not S.SIN_META:
        assert all(l.esperado in t for t in o.values()), o
    if l.situacion is not S.SIN_VALOR:
        assert all(l.obtenido in o[k] for k in ("comparacion", "titulo", "frase")), o
    for k in ("comparacion", "breve", "frase"):  # el avance de CEPLAN, con su nivel
        assert l.avance in o[k] and f"nivel {l.nivel}" in o[k], o[k]
    if not l.igual:
        assert not any(re.search(r"\biguala?\b", t) for t in o.values()), o
    if l.parcial and l.situacion is S.DENTRO_PARCIAL:
        assert all("segundo semestre" in o[k] for k in ("comparacion", "breve")), o
    assert "primer semestre de 2024" not in o["breve"] and "primer semestre de 2024" not in o["frase"]


@pytest.mark.parametrize("args", [(16.0, 15.996, "Ascendente", "porcentaje", 2), (70, 70.4, "Descendente")])
def test_valores_iguales_al_imprimirse_no_se_dicen_distintos(args):
    f = indicador(*args)
    l = leer(f, "2024-S1")
    assert l.igual
    # Iguales al imprimirse pero, por la regla (sobre el valor exacto), sin cumplir: se dice «apenas», no una
    # diferencia que el lector no puede ver en las cifras.
    for texto in _oraciones(f, l).values():
        assert "apenas" in texto or "precisión publicada" in texto, texto
        assert not re.search(r"\bno alcanza\b|\bsupera\b|(?<!apenas )por encima|(?<!apenas )por debajo", texto), texto


@pytest.mark.parametrize("args", [
    (16.0, 40.82, "Ascendente", "porcentaje", 2, "nivel"),
    (8824, 432, "Ascendente", "numero", 0, "nivel"),
    (70, 101, "Descendente", "numero", 0, "nivel"),
    (2860, 2142, "Descendente", "numero", 0, "nivel"),
    (8824, 432, "Ascendente", "numero", 0, "acumulativo"),
    (2860, 2142, "Descendente", "numero", 0, "acumulativo"),
    (0, 0, "Ascendente", "numero", 0, "nivel"),
    (80.0, None, "Ascendente", "porcentaje", 2, "nivel"),
])
def test_breve_sin_avance_omite_el_avance(args):
    # Lo pide §3.2 («la AEI registra un avance de 4.90%: su indicador … registró …»): el avance ya se dijo.
    l = leer(indicador(*args), "2024-S1")
    texto = indicadores.breve(l, con_avance=False)
    assert not re.search(rf"(?<![\d.]){re.escape(l.avance)}", texto) and "avance de" not in texto, texto


def test_meta_cero_sin_valor_no_imprime_el_guion_de_los_cuadros():
    f = indicador(0, None)
    l = leer(f, "2024-S1")
    assert l.situacion is S.SIN_META
    textos = [*_oraciones(f, l).values(), indicadores.oracion_valor(f, l, PERIODO)]
    assert not any(formato.SIN_DATO in t for t in textos), textos


# --- la oración del valor y la de sus componentes ---------------------------------------------------

@pytest.mark.parametrize("args, esperado", [
    ((2860, 2142, "Descendente", "tasa_100000", 0, "acumulativo", "X",
      "casos de tuberculosis por cada 100,000 personas"),
     "Al cierre del primer semestre de 2024, se registró una tasa de 2,142 casos de tuberculosis por cada 100,000 "
     "personas."),
    ((16.0, 40.82, "Ascendente", "porcentaje", 2, "nivel", "X", "de la población evaluada"),
     "Al cierre del primer semestre de 2024, el indicador registró 40.82% de la población evaluada."),
    ((70, 101, "Descendente", "numero", 0, "acumulativo", "X", "actos violentos"),
     "Al cierre del primer semestre de 2024, se registraron 101 actos violentos."),
    ((70, 1, "Descendente", "numero", 0, "acumulativo", "X", "acto violento"),
     "Al cierre del primer semestre de 2024, se registró 1 acto violento."),
    ((0, 0, "Ascendente", "numero", 0, "nivel", "X", "procesos certificados"),
     "Al cierre del primer semestre de 2024, no se registraron procesos certificados."),
    ((50, 3), "Al cierre del primer semestre de 2024, el indicador registró un valor de 3."),
])
def test_oracion_del_valor(args, esperado):
    f = indicador(*args)
    assert indicadores.oracion_valor(f, leer(f, "2024-S1"), PERIODO) == esperado


def test_oracion_del_valor_alterna_la_apertura_y_calla_sin_valor():
    f = indicador(50, 3)
    l = leer(f, "2024-S1")
    assert indicadores.oracion_valor(f, l, PERIODO, 1) == (
        "En el primer semestre de 2024, el indicador registró un valor de 3.")
    sin_valor = indicador(80.0, None, unidad="porcentaje", decimales=2)
    assert indicadores.oracion_valor(sin_valor, leer(sin_valor, "2024-S1"), PERIODO) == ""


def test_oracion_de_componentes():
    f = indicador(16.0, 40.82, unidad="porcentaje", decimales=2)
    comp = {"numeradores": [("Internos con evaluación favorable", 39868.0)],
            "denominadores": [("Población penitenciaria intramuros", 97664.0)]}
    assert indicadores.oracion_componentes(f, comp) == (
        "El valor resulta de dividir “Internos con evaluación favorable” (39,868) entre “Población penitenciaria "
        "intramuros” (97,664), por cien.")
    tasa = indicador(20.23, 6.59, unidad="tasa_1000", decimales=2)
    comp_tasa = {"numeradores": [("Profesionales", 1231.0)], "denominadores": [("Población", 186900.0)]}
    assert indicadores.oracion_componentes(tasa, comp_tasa).endswith("entre “Población” (186,900), por mil.")
    suma = {"numeradores": [("Obras de Puno", 224.0), ("Obras de Lampa", 208.0)], "denominadores": []}
    assert indicadores.oracion_componentes(indicador(8824, 432), suma) == (
        "El valor es la suma de “Obras de Puno” (224) más “Obras de Lampa” (208).")
    assert indicadores.oracion_componentes(f, {"numeradores": [], "denominadores": []}) == ""


# --- la serie: qué permite decir ----------------------------------------------------------------------

EVOLUCION = pd.DataFrame({"semestre": ["2023-S1", "2023-S2", "2024-S1", "2024-S2"],
                          "logro_esperado": [60.0, 60.0, 70.0, 70.0],
                          "valor_obtenido": [120.0, 130.0, 101.0, 50.0]})


def test_serie_de_un_solo_semestre():
    f = indicador(70, 101, "Descendente", acumulacion="acumulativo")
    s = series.serie(EVOLUCION[EVOLUCION["semestre"] == "2024-S1"], f, "2024-S1")
    assert (s.semestres, s.periodos, s.primero, s.con_valor, s.con_meta, s.en_meta, s.comparacion) == (
        ("2024-S1",), 1, "2024-S1", 1, 0, 0, None)  # acumulativo: un primer semestre no se juzga contra el año


def test_serie_acumulativa_se_compara_con_el_mismo_semestre_del_anio_anterior():
    f = indicador(70, 101, "Descendente", acumulacion="acumulativo")
    s = series.serie(EVOLUCION, f, "2024-S1")
    assert s.semestres == ("2023-S1", "2023-S2", "2024-S1")  # lo posterior al semestre evaluado no cuenta
    assert (s.comparacion.semestre, s.comparacion.anterior, s.comparacion.actual) == ("2023-S1", 120.0, 101.0)
    assert s.comparacion.diferencia == -19.0 and s.comparacion.variacion_pct == pytest.approx(-15.8333, abs=1e-3)
    assert (s.con_valor, s.con_meta, s.en_meta) == (3, 1, 0)  # solo el cierre de 2023 se juzga contra la meta anual
    assert s.anual


def test_serie_de_nivel_se_compara_con_el_semestre_previo():
    f = indicador(70, 101, "Descendente", acumulacion="nivel")
    s = series.serie(EVOLUCION, f, "2024-S1")
    assert (s.comparacion.semestre, s.comparacion.anterior) == ("2023-S2", 130.0)
    s2 = series.serie(EVOLUCION, f, "2024-S2")
    assert (s2.comparacion.semestre, s2.comparacion.anterior, s2.en_meta) == ("2024-S1", 101.0, 1)


def test_serie_cuenta_solo_semestres_con_valor_y_con_meta():
    f = indicador(16.0, 40.82, unidad="porcentaje", decimales=2)
    ev = pd.DataFrame({"semestre": ["2023-S1", "2023-S2", "2024-S1"], "logro_esperado": [0.0, 16.0, 16.0],
                       "valor_obtenido": [30.0, None, 40.82]})
    s = series.serie(ev, f, "2024-S1")
    assert (s.periodos, s.con_valor, s.con_meta, s.en_meta) == (3, 2, 1, 1)
    assert s.comparacion is None  # el semestre previo no reportó valor


def test_oracion_de_la_serie():
    descendente = indicador(70, 101, "Descendente", acumulacion="acumulativo", denominacion="Número de actos violentos")
    s = series.serie(EVOLUCION, descendente, "2024-S1")
    assert indicadores.oracion_serie(descendente, s) == (
        "El valor al cierre del año excedió el máximo esperado en el único año con "
        "meta y valor reportados; frente al primer semestre de 2023, bajó de 120 a 101, una mejora para un indicador "
        "que debe disminuir.")
    porcentaje = indicador(16.0, 40.82, unidad="porcentaje", decimales=2)
    ev = pd.DataFrame({"semestre": ["2023-S2", "2024-S1"], "logro_esperado": [16.0, 16.0],
                       "valor_obtenido": [45.5, 40.82]})
    assert indicadores.oracion_serie(porcentaje, series.serie(ev, porcentaje, "2024-S1")) == (
        "Desde el segundo semestre de 2023, el valor obtenido alcanzó el logro esperado en los 2 semestres con meta y "
        "valor reportados; frente al segundo semestre de 2023, bajó de 45.50% a 40.82%, un retroceso para un "
        "indicador que debe aumentar.")
    igual = ev.assign(valor_obtenido=[40.82, 40.82], logro_esperado=[0.0, 16.0])
    assert indicadores.oracion_serie(porcentaje, series.serie(igual, porcentaje, "2024-S1")) == (
        "Desde el segundo semestre de 2023, el valor obtenido alcanzó el logro esperado en el único semestre con meta y "
        "valor reportados; frente al segundo semestre de 2023, el valor se mantuvo en 40.82%.")
    sin_nada = ev.assign(valor_obtenido=[None, 40.82], logro_esperado=[0.0, 0.0])
    assert indicadores.oracion_serie(porcentaje, series.serie(sin_nada, porcentaje, "2024-S1")) == (
        "La serie del indicador tiene 2 semestres, sin valores comparables.")


def test_con_un_solo_semestre_no_se_describe_una_tendencia():
    f = indicador(70, 101, "Descendente", denominacion="Número de actos violentos")
    l = leer(f, "2024-S1")
    s = series.serie(EVOLUCION[EVOLUCION["semestre"] == "2024-S1"], f, "2024-S1")
    formas = [indicadores.oracion_serie(f, s, orden) for orden in range(2)]
    assert formas == [
        "La serie de este indicador empieza en este semestre: aún no hay semestres anteriores con los cuales comparar "
        "su evolución.",
        "Es el primer semestre con datos del indicador, por lo que todavía no puede describirse una tendencia."]
    assert indicadores.leyenda_figura(f, s) == (
        "Número de actos violentos: valor obtenido frente al logro esperado del año")
    for orden in range(3):
        intro = indicadores.intro_figura("@fig-x", l, s, PERIODO, orden)
        assert intro.startswith(("La @fig-x", "En la @fig-x")) and "serie" not in intro and "evolución" not in intro
    assert indicadores.alt_figura(f, l, s, PERIODO) == (
        "Dos barras horizontales del indicador número de actos violentos: el logro esperado para 2024 (70) y el valor "
        "obtenido en el primer semestre de 2024 (101); el indicador debe disminuir.")


def test_con_varios_semestres_la_figura_muestra_la_evolucion():
    tasa = indicador(70, 101, "Descendente", denominacion="Tasa de morbilidad")
    numero = indicador(70, 101, "Descendente", denominacion="Número de actos violentos")
    s = series.serie(EVOLUCION, tasa, "2024-S1")
    assert indicadores.leyenda_figura(tasa, s) == "Evolución de la tasa de morbilidad"
    assert indicadores.leyenda_figura(numero, s) == "Evolución del número de actos violentos"
    assert [indicadores.intro_figura("@fig-x", leer(tasa, "2024-S1"), s, PERIODO, orden) for orden in range(2)] == [
        "La @fig-x muestra la serie del indicador.",
        "La @fig-x muestra el logro esperado y el valor obtenido de cada semestre."]
    assert indicadores.alt_figura(numero, leer(numero, "2024-S1"), s, PERIODO) == (
        "Barras por semestre, del primer semestre de 2023 al primer semestre de 2024, con el logro esperado y el valor "
        "obtenido del indicador número de actos violentos, cada una con su cifra escrita; el indicador debe disminuir.")


@pytest.mark.parametrize("orden", range(3))
def test_sin_valor_la_figura_no_se_presenta_como_comparacion(orden):
    f = indicador(80.0, None, unidad="porcentaje", decimales=2)
    s = series.serie(pd.DataFrame({"semestre": ["2024-S1"], "logro_esperado": [80.0], "valor_obtenido": [None]}),
                     f, "2024-S1")
    intro = indicadores.intro_figura("@fig-x", leer(f, "2024-S1"), s, PERIODO, orden)
    assert "compara" not in intro and "lado a lado" not in intro and "no se reportó" in intro, intro
