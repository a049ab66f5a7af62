"""Oraciones generadas (lib/inpe/narrativa.py): la redacción sigue a la regla de CEPLAN.

Se prueban con las cifras del informe de referencia y con los casos que la referencia no
trae (meta igualada, banda vacía, sin dato), para que el texto no pueda contradecir al cuadro.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from markdown_plano import plano
import pytest

from inpe.redaccion import narrativa
from inpe.calculo import resultados
from inpe.presentacion.informe import Informe

RAIZ = Path(__file__).resolve().parents[1]
NBSP = "\xa0"


def fila(logro, valor, sentido="Ascendente", unidad="numero", decimales=0, denominacion="Indicador de prueba",
         codigo="IND.01.AEI.01.01", aei="AEI.01.01") -> pd.Series:
    """Un indicador con su avance, semáforo y estado calculados por inpe.calculo.resultados."""
    plan = pd.DataFrame([{"codigo_indicador": codigo, "codigo_aei": aei, "denominacion": denominacion,
                          "sentido": sentido, "unidad": unidad, "decimales": decimales}])
    medidos = pd.DataFrame([{"codigo_indicador": codigo, "logro_esperado": logro, "valor_obtenido": valor}])
    return resultados.indicadores(plan, medidos).iloc[0]


@pytest.fixture(scope="module")
def inf() -> Informe:
    return Informe.cargar("2024-S1", datos=RAIZ / "data")


# --- comparación con la meta ------------------------------------------------------------------

@pytest.mark.parametrize("args, esperado", [
    ((16.0, 40.82, "Ascendente", "porcentaje", 2),
     "El valor obtenido (40.82%) es superior al logro esperado para 2024 (16.00%); el avance es de 100.00%, "
     "el máximo que reconoce la metodología de CEPLAN (nivel de avance alto)."),
    ((8824, 432),
     "El valor obtenido (432) es inferior al logro esperado para 2024 (8,824); el avance es de 4.90% (nivel de avance bajo)."),
    ((70, 101, "Descendente"),
     "El valor obtenido (101) es mayor que el logro esperado para 2024 (70); como el sentido esperado del indicador "
     "es descendente, el avance es de 69.31% (nivel de avance bajo)."),
    ((2860, 2142, "Descendente", "tasa_100000"),
     "El valor obtenido (2,142) es menor que el logro esperado para 2024 (2,860); como el sentido esperado del indicador "
     "es descendente, se cumple la meta, con un avance de 100.00%, el máximo que reconoce la metodología de CEPLAN "
     "(nivel de avance alto)."),
    ((20.23, 6.59, "Ascendente", "tasa_1000", 2),
     "El valor obtenido (6.59) es inferior al logro esperado para 2024 (20.23); el avance es de 32.58% (nivel de avance bajo)."),
    ((106, 90),
     "El valor obtenido (90) es inferior al logro esperado para 2024 (106); el avance es de 84.91% (nivel de avance medio)."),
    ((0, 0),
     "Para 2024 no se estableció logro esperado (la meta es cero); el valor obtenido es 0 y, conforme a la metodología "
     "de CEPLAN, el avance se registra en 0.00% (nivel de avance bajo)."),
    ((80.0, None, "Ascendente", "porcentaje", 2),
     "Al primer semestre 2024 no se reportó valor obtenido para el indicador, cuyo logro esperado para 2024 es 80.00%; "
     "por ello, su avance se registra en 0.00% (nivel de avance bajo)."),
    ((50, 50),
     "El valor obtenido (50) es igual al logro esperado para 2024 (50); el avance es de 100.00%, el máximo que reconoce "
     "la metodología de CEPLAN (nivel de avance alto)."),
    ((70, 70, "Descendente"),
     "El valor obtenido (70) es igual al logro esperado para 2024 (70); como el sentido esperado del indicador es "
     "descendente, se cumple la meta, con un avance de 100.00%, el máximo que reconoce la metodología de CEPLAN "
     "(nivel de avance alto)."),
])
def test_comparacion_con_meta_sigue_la_regla(args, esperado):
    assert narrativa.comparacion_con_meta(fila(*args), "primer semestre 2024", 2024) == esperado


@pytest.mark.parametrize("args, esperado", [
    ((16.0, 40.82, "Ascendente", "porcentaje", 2),
     "superior al logro esperado para 2024 (16.00%), con un avance de 100.00%, el máximo que reconoce la metodología "
     "de CEPLAN (nivel de avance alto)"),
    ((8824, 432), "inferior al logro esperado para 2024 (8,824), con un avance de 4.90% (nivel de avance bajo)"),
    ((70, 101, "Descendente"),
     "por encima del logro esperado para 2024 (70); como el sentido esperado del indicador es descendente, "
     "el avance es de 69.31% (nivel de avance bajo)"),
    ((2860, 2142, "Descendente"),
     "por debajo del logro esperado para 2024 (2,860), lo que en un indicador de sentido descendente significa cumplir "
     "la meta; el avance es de 100.00%, el máximo que reconoce la metodología de CEPLAN (nivel de avance alto)"),
    ((0, 0), "sin logro esperado para 2024 (la meta es cero), por lo que su avance se registra en 0.00% (nivel de avance bajo)"),
    ((80.0, None, "Ascendente", "porcentaje", 2),
     "sin valor reportado frente a un logro esperado para 2024 de 80.00%, por lo que su avance se registra en 0.00% "
     "(nivel de avance bajo)"),
])
def test_resultado_breve(args, esperado):
    assert narrativa.resultado_breve(fila(*args), 2024) == esperado


@pytest.mark.parametrize("args, esperado", [
    ((16.0, 40.82, "Ascendente", "porcentaje", 2), "I Sem 2024: el valor obtenido (40.82%) supera el logro esperado (16.00%)"),
    ((8824, 432), "I Sem 2024: el valor obtenido (432) no alcanza el logro esperado (8,824)"),
    ((70, 101, "Descendente"), "I Sem 2024: el valor obtenido (101) excede el máximo esperado (70)"),
    ((2860, 2142, "Descendente"), "I Sem 2024: el valor obtenido (2,142) se mantiene por debajo del máximo esperado (2,860)"),
    ((70, 70, "Descendente"), "I Sem 2024: el valor obtenido (70) iguala el máximo esperado (70)"),
    ((50, 50), "I Sem 2024: el valor obtenido (50) iguala el logro esperado (50)"),
    ((0, 0), "I Sem 2024: sin logro esperado para el año; valor obtenido 0"),
    ((80.0, None, "Ascendente", "porcentaje", 2), "I Sem 2024: no se reportó valor obtenido"),
])
def test_titulo_hallazgo(args, esperado):
    assert narrativa.titulo_hallazgo(fila(*args), "I Sem 2024") == esperado


def test_variacion_del_indicador_interanual():
    descendente = fila(70, 101, "Descendente")
    var = {"semestre_anterior": "2023-S1", "anterior": 120.0, "actual": 101.0, "variacion": -19.0, "variacion_pct": -15.83}
    assert narrativa.variacion_indicador(var, descendente) == (
        "Respecto al primer semestre 2023, el valor obtenido disminuyó de 120 a 101 (una diferencia de 19, equivalente a 16%), lo que representa "
        "una mejora, dado que el sentido esperado del indicador es descendente.")
    porcentaje = fila(16.0, 40.82, "Ascendente", "porcentaje", 2)
    var = {"semestre_anterior": "2023-S2", "anterior": 45.5, "actual": 40.82, "variacion": -4.68, "variacion_pct": -10.3}
    assert narrativa.variacion_indicador(var, porcentaje) == (
        "Respecto al segundo semestre 2023, el valor obtenido disminuyó de 45.50% a 40.82% (4.68 puntos porcentuales), "
        "lo que representa un retroceso, dado que el sentido esperado del indicador es ascendente.")
    igual = {"semestre_anterior": "2023-S1", "anterior": 101.0, "actual": 101.0, "variacion": 0.0, "variacion_pct": 0.0}
    assert narrativa.variacion_indicador(igual, descendente) == "Respecto al primer semestre 2023, el valor obtenido se mantuvo en 101."
    assert narrativa.variacion_indicador({}, descendente) == ""


# --- población y detalle de los resultados -----------------------------------------------------

def test_variacion_interanual_de_la_poblacion(inf):
    assert narrativa.variacion_interanual(inf.poblacion("intramuros"), "La población penitenciaria intramuros") == (
        "La población penitenciaria intramuros pasó de 92,351 personas al 30 de junio de 2023 a 97,664 personas al "
        "30 de junio de 2024, lo que representa un incremento de 6% (5,313 personas) respecto al año anterior.")
    assert "18% (13,390 personas)" in narrativa.variacion_interanual(inf.poblacion("extramuros"), "X")
    assert "11% (18,703 personas)" in narrativa.variacion_interanual(inf.poblacion("total"), "X")
    baja = {"anterior": 100.0, "actual": 90.0, "variacion": -10.0, "variacion_pct": -10.0,
            "fecha_anterior": "2023-12-31", "fecha_actual": "2024-12-31"}
    assert "una disminución de 10% (10 personas)" in narrativa.variacion_interanual(baja, "X")
    sin_base = baja | {"anterior": 0.0, "variacion": 90.0, "variacion_pct": None}
    assert "lo que representa un incremento de 90 personas respecto al año anterior." in \
        narrativa.variacion_interanual(sin_base, "X")
    sin_pct_baja = baja | {"variacion_pct": None}
    texto = narrativa.variacion_interanual(sin_pct_baja, "X")
    assert "una disminución de 10 personas respecto" in texto and "de (" not in texto
    assert "un incremento de 1 persona respecto" in narrativa.variacion_interanual(
        sin_base | {"variacion": 1.0}, "X")
    assert narrativa.variacion_interanual({"actual": 5.0}, "X") == ""


def test_reparto_de_profesionales():
    prof = {"por_medio": [("cerrado", 877.0), ("abierto", 354.0)], "total": 1231.0, "tasa": 6.586}
    assert narrativa.reparto_profesionales(prof) == "877 desempeñan sus labores en el medio cerrado y 354 en el medio abierto"
    assert narrativa.reparto_profesionales({"por_medio": [], "total": None, "tasa": None}) == ""


def test_brecha_de_profesionales():
    assert narrativa.brecha_profesionales({"requeridos": 3780.99, "faltan": 2549.99}) == (
        "Para alcanzar la tasa esperada con la población penitenciaria actual se requerirían alrededor de 3,781 "
        "profesionales de tratamiento, es decir, 2,550 más que los disponibles.")
    assert narrativa.brecha_profesionales({}) == ""
    assert narrativa.brecha_profesionales({"requeridos": 10.0, "faltan": -2.0}) == ""


def test_concentracion_de_actos_violentos():
    part = {"partes": [{"nombre": "Chiclayo", "valor": 33.0, "pct": 32.7}, {"nombre": "Lima", "valor": 25.0, "pct": 24.8}],
            "suma": 58.0, "total": 101.0, "pct": 57.43}
    lugar = ("la oficina regional", "las oficinas regionales")
    assert narrativa.concentracion(part, "actos violentos", lugar) == (
        "De ellos, el 57% (58 actos violentos) se originó en los establecimientos penitenciarios administrados por "
        "las oficinas regionales de Chiclayo (33) y Lima (25).")
    una = {"partes": part["partes"][:1], "suma": 33.0, "total": 101.0, "pct": 32.67}
    assert "por la oficina regional de Chiclayo (33)." in narrativa.concentracion(una, "actos violentos", lugar)
    assert narrativa.concentracion({"partes": [], "suma": None, "total": 101.0, "pct": None}, "actos", lugar) == ""


def test_locales_de_medio_libre(inf):
    assert narrativa.locales_medio_libre(inf.locales_medio_libre) == (
        "39 establecimientos de medio libre a nivel nacional: 4 ubicados en el Poder Judicial, 3 situados en "
        "municipalidades, 14 en situación de alquilados, 4 ubicados en PRONABI, 2 en los sectores de MINEDU, "
        "10 en el INPE, 1 ubicado en la Prefectura y 1 en cesión de uso")
    assert narrativa.locales_medio_libre({"partes": [], "total": None}) == ""


def test_interconexion(inf):
    inter = inf.interconexion()
    assert narrativa.interconexion(inter) == (
        "90 establecimientos: los 69 establecimientos penitenciarios y 21 de los 39 establecimientos de medio libre")
    assert narrativa.pendientes_interconexion(inter) == (
        "Para alcanzar el logro esperado faltan 16 establecimientos por interconectar. "
        "Aún no están interconectados 18 establecimientos de medio libre.")
    completo = {"por_tipo": [{"tipo": "penitenciario", "interconectados": 69.0, "total": 69.0, "pendientes": 0.0}],
                "total": 69.0, "logro_esperado": 60.0, "faltan_para_meta": 0.0}
    assert narrativa.pendientes_interconexion(completo) == ""
    assert narrativa.interconexion(completo | {"total": None}) == ""
    assert narrativa.oracion_interconexion(inter) == (
        "Se encuentran interconectados con la Sede Central 90 establecimientos: los 69 establecimientos "
        "penitenciarios y 21 de los 39 establecimientos de medio libre.")
    assert narrativa.oracion_interconexion(completo | {"total": None}) == ""


def test_interconexion_con_un_establecimiento_en_singular():
    uno = {"por_tipo": [{"tipo": "penitenciario", "interconectados": 69.0, "total": 69.0, "pendientes": 0.0},
                        {"tipo": "medio_libre", "interconectados": 38.0, "total": 39.0, "pendientes": 1.0}],
           "total": 107.0, "logro_esperado": 108.0, "faltan_para_meta": 1.0}
    assert narrativa.pendientes_interconexion(uno) == (
        "Para alcanzar el logro esperado falta 1 establecimiento por interconectar. "
        "Aún no está interconectado 1 establecimiento de medio libre.")
    dos_tipos = {"por_tipo": [{"tipo": "penitenciario", "interconectados": 68.0, "total": 69.0, "pendientes": 1.0},
                              {"tipo": "medio_libre", "interconectados": 38.0, "total": 39.0, "pendientes": 1.0}],
                 "total": 106.0, "logro_esperado": 106.0, "faltan_para_meta": 0.0}
    assert narrativa.pendientes_interconexion(dos_tipos) == (
        "Aún no están interconectados 1 establecimiento penitenciario y 1 establecimiento de medio libre.")
    solo = {"por_tipo": [{"tipo": "medio_libre", "interconectados": 1.0, "total": 1.0, "pendientes": 0.0}],
            "total": 1.0, "logro_esperado": 1.0, "faltan_para_meta": 0.0}
    assert narrativa.oracion_interconexion(solo) == (
        "Se encuentra interconectado con la Sede Central 1 establecimiento: el único establecimiento de medio libre.")
    assert narrativa.establecimientos(1, "penitenciario") == "1 establecimiento penitenciario"
    assert narrativa.establecimientos(18, "medio_libre") == "18 establecimientos de medio libre"


def test_obras_culminadas_y_en_curso(inf):
    culminadas = narrativa.obras_culminadas(inf.obras_culminadas)
    assert culminadas.startswith("culminaron las obras “Rehabilitación integral y ampliación de la capacidad de albergue "
                                 "del Establecimiento Penitenciario de Puno – CUI 2159429” (marzo de 2024), con 224 "
                                 "unidades de albergue, y “Rehabilitación y ampliación del Establecimiento Penitenciario "
                                 "de Lampa – Etapa I – CUI 2158527” (enero de 2024), con 208 unidades de albergue")
    una = inf.obras_culminadas.iloc[:1]
    assert narrativa.obras_culminadas(una).startswith("culminó la obra “Rehabilitación integral")
    assert narrativa.obras_culminadas(una.iloc[0:0]) == "no culminó ninguna obra que agregue unidades de albergue"
    en_curso = narrativa.obras_en_curso(inf.obras_en_curso)
    assert en_curso.startswith("se vienen ejecutando las obras “Ampliación de la capacidad de albergue del "
                               "Establecimiento Penitenciario de Chimbote – CUI 2135162” (35 unidades de albergue, "
                               "con un avance físico de 82.9%)")
    assert "se aprobó el expediente técnico de la obra “Mejoramiento y ampliación" in en_curso
    assert "(953 unidades de albergue) y “Rehabilitación y ampliación integral" in en_curso
    assert en_curso.endswith("; en conjunto, estas inversiones agregarían 3,237 unidades de albergue")
    assert "Surquillo" not in en_curso  # no agrega unidades de albergue
    assert narrativa.obras_en_curso(inf.obras_en_curso.iloc[0:0]) == ""


def test_los_nombres_de_obras_se_escapan():
    t = pd.DataFrame([{"cui": "1234567", "nombre": "Obra *nueva* <b>", "estado": "culminada", "unidades_albergue": 10,
                       "avance_fisico": None, "mes_culminacion": None}])
    assert narrativa.obras_culminadas(t) == r"culminó la obra “Obra \*nueva\* \<b\> – CUI 1234567”, con 10 unidades de albergue"


# --- semáforo, presupuesto y alcance -----------------------------------------------------------

def test_conteo_semaforo():
    assert narrativa.conteo_semaforo({"Bajo": 7, "Medio": 1, "Alto": 3, "Total": 11}) == (
        "de las once (11) AEI, tres (03) presentan un nivel de avance alto (95% o más), una (01) presenta un nivel "
        "de avance medio (de 75% a menos de 95%) y siete (07) presentan un nivel de avance bajo (menos de 75%)")
    assert "ninguna presenta un nivel de avance medio" in narrativa.conteo_semaforo({"Bajo": 8, "Medio": 0, "Alto": 3, "Total": 11})
    una = narrativa.conteo_semaforo({"Bajo": 0, "Medio": 0, "Alto": 1, "Total": 1})
    assert una.startswith("de la única AEI, una (01) presenta un nivel de avance alto") and "las una" not in una


def test_aei_por_nivel_no_contradice_al_cuadro(inf):
    texto = narrativa.aei_por_nivel(resultados.aei_por_nivel(inf.aei))
    assert texto == (
        "tres (03) alcanzaron un nivel de avance alto: AEI.01.01 (100.00%), AEI.01.02 (100.00%) y AEI.01.06 (100.00%); "
        "una (01) alcanzó un nivel de avance medio: AEI.02.03 (84.91%); y siete (07) alcanzaron un nivel de avance bajo: "
        "AEI.01.03 (2.45%), AEI.01.04 (69.31%), AEI.01.05 (32.58%), AEI.02.01 (6.00%), AEI.02.02 (0.00%), "
        "AEI.02.04 (27.33%) y AEI.03.01 (0.00%)")
    sin_medio = resultados.aei_por_nivel(inf.aei[inf.aei["semaforo"] != "Medio"])
    assert "ninguna alcanzó un nivel de avance medio" in narrativa.aei_por_nivel(sin_medio)


def test_niveles_de_las_aei_no_priorizadas(inf):
    assert narrativa.niveles_de(inf.no_priorizadas) == (
        "una (01) presenta un nivel de avance medio (AEI.02.03) y cuatro (04), un nivel de avance bajo "
        "(AEI.02.01, AEI.02.02, AEI.02.04 y AEI.03.01)")


def test_sin_meta(inf):
    assert narrativa.sin_meta(resultados.indicadores_sin_meta(inf.indicadores), 2024) == (
        "Del total, dos (02) indicadores no cuentan con logro esperado para 2024 (su meta es cero): IND.02.AEI.01.03 y "
        "IND.01.AEI.02.02; por regla, su avance se registra en 0.00%, lo que incide en el nivel de avance de las "
        "AEI.01.03 y AEI.02.02.")
    una = resultados.indicadores_sin_meta(inf.indicadores).iloc[:1]
    assert narrativa.sin_meta(una, 2024).startswith("Del total, un (01) indicador no cuenta con logro esperado")
    assert narrativa.sin_meta(una.iloc[0:0], 2024) == "Todos los indicadores cuentan con logro esperado para 2024."


def test_presupuesto_del_pliego(inf):
    pliego = inf.presupuesto_de("PLIEGO")
    assert narrativa.presupuesto(pliego, "primer semestre 2024") == (
        f"el Presupuesto Institucional Modificado (PIM) asciende a S/{NBSP}897,215,339.55; al primer semestre 2024 se "
        f"ejecutó (devengado) un total de S/{NBSP}414,490,061.35, lo que representa una ejecución de 46.2%.")
    conclusion = narrativa.conclusion_presupuesto(pliego, "primer semestre 2024")
    assert "46.2%" in conclusion and f"S/{NBSP}897,215,339.55" in conclusion and "987" not in conclusion
    assert narrativa.presupuesto(None, "x").startswith("no se dispone")
    assert narrativa.conclusion_presupuesto(None, "x").startswith("No se dispone")


def test_alcance_y_priorizacion(inf):
    assert narrativa.alcance_oei(inf.oei, inf.aei) == (
        "un (01) Objetivo Estratégico Institucional (OEI) de tipo I y dos (02) de tipo II; a su vez, identifica "
        "once (11) Acciones Estratégicas Institucionales (AEI)")
    assert narrativa.priorizacion(inf.oei, inf.aei) == (
        "se priorizaron las seis (06) Acciones Estratégicas Institucionales vinculadas al OEI.01 “Contar con las "
        "condiciones favorables para desarrollar las competencias prosociales de la población penitenciaria”, "
        "objetivo misional (tipo I)")
    nada = inf.aei.assign(priorizada=False)
    assert narrativa.priorizacion(inf.oei, nada) == "no se priorizaron Acciones Estratégicas Institucionales"
    una = inf.aei.assign(priorizada=inf.aei["codigo_aei"] == "AEI.01.01")
    assert narrativa.priorizacion(inf.oei, una).startswith(
        "se priorizó una (01) Acción Estratégica Institucional vinculada al OEI.01 “Contar")


def test_alcance_con_un_objetivo_de_cada_tipo(inf):
    # Tras el primero el sustantivo se elide: "y uno (01) de tipo II", no "y un (01) de tipo II".
    assert narrativa.alcance_oei(inf.oei.iloc[:2], inf.aei.iloc[:1]) == (
        "un (01) Objetivo Estratégico Institucional (OEI) de tipo I y uno (01) de tipo II; a su vez, identifica "
        "una (01) Acción Estratégica Institucional (AEI)")


def test_niveles_de_las_aei_no_priorizadas_en_una_oracion(inf):
    assert narrativa.niveles_no_priorizadas(inf.no_priorizadas) == (
        "En cuanto a las AEI de gestión institucional, no priorizadas en esta evaluación, una (01) presenta un nivel "
        "de avance medio (AEI.02.03) y cuatro (04), un nivel de avance bajo (AEI.02.01, AEI.02.02, AEI.02.04 y "
        "AEI.03.01).")
    assert narrativa.niveles_no_priorizadas(inf.no_priorizadas.iloc[:1]) == (
        "En cuanto a la AEI de gestión institucional, no priorizada en esta evaluación, la AEI.02.01 presenta un "
        "nivel de avance bajo.")
    assert narrativa.niveles_no_priorizadas(inf.no_priorizadas.iloc[0:0]) == ""  # sin "…evaluación, ."


def test_conclusion_de_una_aei(inf):
    texto = plano(narrativa.conclusion_aei(inf.accion("AEI.01.04"), inf.indicadores_de("AEI.01.04"), 2024))
    assert texto == (
        "Respecto a la AEI.01.04 “Seguridad integral en los establecimientos penitenciarios, de medio libre y "
        "dependencias conexas”, su indicador “Número de actos violentos ocurridos en los establecimientos "
        "penitenciarios” registró un valor de 101, por encima del logro esperado para 2024 (70); como el sentido "
        "esperado del indicador es descendente, el avance es de 69.31% (nivel de avance bajo).")
    dos = plano(narrativa.conclusion_aei(inf.accion("AEI.01.03"), inf.indicadores_de("AEI.01.03"), 2024))
    assert "registró un valor de 432" in dos and "; y su indicador “Número de establecimientos de medio libre" in dos
    assert dos.endswith("En conjunto, la AEI registra un avance de 2.45% (nivel de avance bajo).")
    sin_valor = plano(narrativa.conclusion_aei(inf.accion("AEI.03.01"), inf.indicadores_de("AEI.03.01"), 2024))
    assert "no reportó valor obtenido, sin valor reportado frente a un logro esperado para 2024 de 80.00%" in sin_valor
    aei = inf.accion("AEI.01.04").copy()
    aei["denominacion"] = "Seguridad *total*"
    assert "“Seguridad \\*total\\*”" in narrativa.conclusion_aei(aei, inf.indicadores_de("AEI.01.04"), 2024)


# --- piezas y textos de los datos ---------------------------------------------------------------

def test_piezas():
    assert narrativa.cantidad(3) == "tres (03)" and narrativa.cantidad(1) == "una (01)"
    assert narrativa.cantidad(1, "m") == "un (01)"
    assert narrativa.cantidad(0) == "ninguna" and narrativa.cantidad(0, "m") == "ningún"
    assert narrativa.mes("2024-03") == "marzo de 2024" and narrativa.mes("2024-06-30") == "junio de 2024"
    assert narrativa.fecha("2024-06-30") == "30 de junio de 2024"
    assert narrativa.fecha("2024-09-06") == "6 de setiembre de 2024"  # es_PE
    assert narrativa.enumerar(["a", "b", "c"]) == "a, b y c" and narrativa.enumerar(["a"]) == "a"
    assert narrativa.enumerar([]) == "" and narrativa.enumerar(["a", "b"], "o") == "a o b"
    assert narrativa.cantidad_pronominal(1) == "uno (01)" and narrativa.cantidad_pronominal(21) == "veintiuno (21)"
    assert narrativa.cantidad_pronominal(1, "f") == "una (01)" and narrativa.cantidad_pronominal(4) == "cuatro (04)"
    assert narrativa.cantidad_con_articulo(6, "AEI priorizada", "AEI priorizadas") == "las seis (06) AEI priorizadas"
    assert narrativa.cantidad_con_articulo(1, "AEI priorizada", "AEI priorizadas") == "una (01) AEI priorizada"
    assert narrativa.cantidad_con_articulo(0, "AEI priorizada", "AEI priorizadas") == "ninguna AEI priorizada"
    assert narrativa.cantidad_con_articulo(2, "objetivo", "objetivos", "m") == "los dos (02) objetivos"
    assert narrativa.segun(1, "registra", "registran") == "registra" and narrativa.segun(0, "a", "b") == "b"
    assert narrativa.lista(["a*", "b", "c"]) == r"a\*, b y c"
    assert narrativa.lista(["solo"]) == "solo"
    assert narrativa.unidad_eje("tasa_1000") == "Tasa por cada 1,000 personas"
    assert narrativa.valor(fila(2860, 2142, "Descendente", "tasa_100000"), "valor_obtenido") == "2,142"


def test_parrafos_de_un_csv_quedan_literales():
    texto = "Primer *párrafo*\ncon dos líneas.\n\n1. No es una lista\n\n- tampoco esto\n\n  \n"
    assert narrativa.parrafos(texto) == "Primer \\*párrafo\\* con dos líneas\\.\n\n1\\. No es una lista\n\n\\- tampoco esto"


@pytest.mark.parametrize("texto, esperado", [
    ("(1) Primera medida", "\\(1\\) Primera medida"),
    ("a) Primera medida", "a\\) Primera medida"),
    ("i. Primera medida", "i\\. Primera medida"),
    ("(a) Primera medida", "\\(a\\) Primera medida"),
    ("iv) Cuarta medida", "iv\\) Cuarta medida"),
    ("1) Primera medida", "1\\) Primera medida"),
    ("+ Otra", "\\+ Otra"),
    ("EP Puno. Sin marca", "EP Puno\\. Sin marca"),
    ("A los internos", "A los internos"),
])
def test_parrafos_no_abren_listas_con_otras_marcas(texto, esperado):
    import pypandoc

    md = narrativa.parrafos(texto)
    assert md == esperado
    html = pypandoc.convert_text(md, "html5", format="markdown")
    assert "<ol" not in html and "<ul" not in html and html.strip().startswith("<p>")


def test_nota_al_pie():
    assert plano(narrativa.nota_al_pie("Resolución Presidencial N° 104-2024-INPE/P",
                                       "Aprueba el Plan Estratégico Institucional (PEI) 2019-2027 Ampliado")) == (
        "Resolución Presidencial N° 104-2024-INPE/P, que aprueba el Plan Estratégico Institucional (PEI) 2019-2027 Ampliado.")
    assert narrativa.nota_al_pie("PADIN", "Fuente de la cifra.") == "PADIN. Fuente de la cifra."
    assert narrativa.nota_al_pie("Norma_x", "aprueba [algo]") == r"Norma\_x, que aprueba \[algo\]."
