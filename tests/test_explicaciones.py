"""Las explicaciones del valor de cada indicador (redaccion/explicaciones.py), con las cifras del informe
de referencia: lo que va antes de la comparación con la meta, lo que va después de la figura y el
fragmento del resumen ejecutivo.

Texto plano: los nombres de los datos llegan sin escapar (se escapan al componer la sección, lo que
comprueba tests/test_secciones.py).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from inpe.calculo import resultados
from inpe.presentacion.informe import Informe
from inpe.redaccion import explicaciones as X
from inpe.redaccion.explicaciones import Explicacion
from referencia import PERIODO

RAIZ = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def inf() -> Informe:
    return Informe.cargar("2024-S1", datos=RAIZ / "data")


# --- población ------------------------------------------------------------------------------------

def test_variacion_interanual_de_la_poblacion(inf):
    assert X.variacion_poblacion(inf.poblacion("intramuros"), "La población penitenciaria intramuros") == (
        "La población penitenciaria intramuros pasó de 92,351 personas al 30 de junio de 2023 a 97,664 al 30 de junio "
        "de 2024: un incremento de 6% (5,313 personas) en un año.")
    assert "un incremento de 18% (13,390 personas)" in X.variacion_poblacion(inf.poblacion("extramuros"), "X")
    assert "un incremento de 11% (18,703 personas)" in X.variacion_poblacion(inf.poblacion("total"), "X")


BAJA = {"anterior": 100.0, "actual": 90.0, "variacion": -10.0, "variacion_pct": -10.0,
        "fecha_anterior": "2023-12-31", "fecha_actual": "2024-12-31"}


@pytest.mark.parametrize("cambio, esperado", [
    ({}, "X pasó de 100 personas al 31 de diciembre de 2023 a 90 al 31 de diciembre de 2024: una disminución de 10% "
         "(10 personas) en un año."),
    # sin base de comparación no hay porcentaje: solo la diferencia, sin un «de ()» vacío
    ({"anterior": 0.0, "variacion": 90.0, "variacion_pct": None},
     "X pasó de 0 personas al 31 de diciembre de 2023 a 90 al 31 de diciembre de 2024: un incremento de 90 personas "
     "en un año."),
    ({"variacion_pct": None}, "X pasó de 100 personas al 31 de diciembre de 2023 a 90 al 31 de diciembre de 2024: una "
                              "disminución de 10 personas en un año."),
    ({"actual": 101.0, "variacion": 1.0, "variacion_pct": 1.0}, "X pasó de 100 personas al 31 de diciembre de 2023 a "
     "101 al 31 de diciembre de 2024: un incremento de 1% (1 persona) en un año."),
    ({"actual": 100.0, "variacion": 0.0, "variacion_pct": 0.0},
     "X se mantuvo en 100 personas entre el 31 de diciembre de 2023 y el 31 de diciembre de 2024."),
])
def test_variacion_de_la_poblacion_en_cada_caso(cambio, esperado):
    assert X.variacion_poblacion(BAJA | cambio, "X") == esperado


def test_sin_poblacion_del_anio_anterior_no_hay_variacion():
    assert X.variacion_poblacion({"actual": 5.0}, "X") == ""
    assert X.variacion_poblacion({}, "X") == ""


# --- evaluación de tratamiento ------------------------------------------------------------------------

def test_evaluacion_intramuros_de_la_referencia(inf):
    e = X.evaluacion_intramuros(inf.evaluacion("intramuros"), inf.poblacion("intramuros"), 69, "40.82%", PERIODO)
    assert e.antes == (
        "Al cierre del primer semestre de 2024, la población penitenciaria intramuros en los 69 establecimientos "
        "penitenciarios es de 97,664 personas privadas de libertad. De ellas, 51,450 (53%) recibieron la evaluación "
        "semestral y 39,868 obtuvieron una evaluación favorable y estaban incorporadas a actividades de tratamiento, "
        "lo que da un valor obtenido de 40.82%.")
    assert e.despues == (
        "Quedaron sin evaluación semestral 46,214 personas privadas de libertad. En el último año, la población "
        "penitenciaria intramuros pasó de 92,351 personas al 30 de junio de 2023 a 97,664 al 30 de junio de 2024: un "
        "incremento de 6% (5,313 personas) en un año.")
    assert e.resumen == ("de las 97,664 personas privadas de libertad de la población intramuros, 51,450 recibieron la "
                         "evaluación semestral y 39,868 obtuvieron una evaluación favorable")
    assert e.dice_el_valor
    sin_total = X.evaluacion_intramuros(inf.evaluacion("intramuros"), {}, None, "40.82%", PERIODO)
    assert "intramuros es de 97,664" in sin_total.antes and "pasó de" not in sin_total.despues
    assert X.evaluacion_intramuros({}, {}, None, "x", PERIODO) == Explicacion()
    assert X.evaluacion_intramuros({"evaluados": 1.0, "favorables": 1.0}, {}, None, "x", PERIODO) == Explicacion()


def test_evaluacion_extramuros_de_la_referencia(inf):
    e = X.evaluacion_extramuros(inf.evaluacion("extramuros"), inf.poblacion("extramuros"), "89.21%", PERIODO)
    assert e.antes == (
        "En el primer semestre de 2024, los programas estructurados de tratamiento atendieron a 1,576 personas de la "
        "población penitenciaria extramuros, de las cuales 1,406 alcanzaron una evaluación favorable, lo que da un "
        "valor obtenido de 89.21%.")
    assert e.despues.startswith("Por su parte, la población penitenciaria extramuros pasó de 75,846 personas")
    assert e.resumen.endswith("1,406 alcanzaron una evaluación favorable")
    assert X.evaluacion_extramuros({}, {}, "x", PERIODO) == Explicacion()


# --- profesionales ------------------------------------------------------------------------------------

def test_profesionales_de_la_referencia(inf):
    ind = inf.indicador("IND.01.AEI.01.05")
    e = X.profesionales(inf.profesionales(ind), 186900.0, inf.brecha_profesionales(ind), inf.poblacion("total"),
                        "6.59", "por cada 1,000 personas", PERIODO)
    assert e.antes == (
        "En el primer semestre de 2024 se contó con 1,231 profesionales de tratamiento (877 en el medio cerrado y 354 "
        "en el medio abierto) para una población penitenciaria de 186,900 personas: una tasa de 6.59, es decir, unos 7 "
        "profesionales por cada 1,000 personas.")
    assert e.despues.startswith("Para alcanzar la tasa esperada con la población actual harían falta unos 3,781 "
                                "profesionales: 2,550 más que los disponibles. La población penitenciaria total pasó "
                                "de 168,197 personas")
    assert e.resumen == ("se contó con 1,231 profesionales de tratamiento para una población penitenciaria de "
                         "186,900 personas")


def test_profesionales_sin_brecha_ni_datos():
    prof = {"por_medio": [("cerrado", 877.0)], "total": 877.0, "tasa": 6.0}
    e = X.profesionales(prof, 146000.0, {"requeridos": 800.0, "faltan": -77.0}, {}, "6.00", "por cada 1,000 personas",
                        PERIODO)
    assert "(877 en el medio cerrado)" in e.antes and e.despues == ""  # sobran profesionales: no hay brecha que decir
    assert X.profesionales(prof, 146000.0, {}, {}, "6.00", "por cada 1,000 personas", PERIODO).despues == ""
    vacio = {"por_medio": [], "total": None, "tasa": None}
    assert X.profesionales(vacio, 5.0, {}, {}, "1", "x", PERIODO) == Explicacion()
    assert X.profesionales(prof, float("nan"), {}, {}, "1", "x", PERIODO) == Explicacion()


# --- actos violentos por oficina regional --------------------------------------------------------------

PARTES = [{"nombre": "Chiclayo", "valor": 33.0, "pct": 32.7}, {"nombre": "Lima", "valor": 25.0, "pct": 24.8}]


def test_concentracion_de_actos_violentos():
    e = X.concentracion({"partes": PARTES, "suma": 58.0, "total": 101.0, "pct": 57.43}, "101",
                        "actos violentos al interior de los establecimientos penitenciarios")
    assert e.antes == ("El 57% de ellos (58) ocurrió en los establecimientos penitenciarios de las oficinas regionales "
                       "de Chiclayo (33) y Lima (25).")
    assert e.resumen == ("se registraron 101 actos violentos al interior de los establecimientos penitenciarios, el "
                         "57% de ellos (58) en los establecimientos de las oficinas regionales de Chiclayo (33) y Lima "
                         "(25)")
    assert not e.dice_el_valor  # la sección dice primero «se registraron 101 actos violentos»


def test_concentracion_en_una_sola_oficina_y_sin_partes():
    una = X.concentracion({"partes": PARTES[:1], "suma": 33.0, "total": 101.0, "pct": 32.67}, "101", "actos")
    assert una.antes.endswith("de la oficina regional de Chiclayo (33).") and "oficinas" not in una.antes
    assert X.concentracion({"partes": [], "suma": None, "total": 101.0, "pct": None}, "101", "actos") == Explicacion()


def test_concentracion_de_los_datos_de_la_referencia(inf):
    part = resultados.participacion(inf.datos.medidos["actos_violentos"], "oficina_regional", "actos", 101.0)
    assert (part["suma"], round(part["pct"])) == (58.0, 57)


# --- infraestructura ------------------------------------------------------------------------------------

def test_obras_de_albergue_de_la_referencia(inf):
    e = X.obras_albergue(inf.obras_culminadas, inf.obras_en_curso, "432", PERIODO)
    assert e.antes == (
        "En el primer semestre de 2024 culminaron las obras “Rehabilitación integral y ampliación de la capacidad de "
        "albergue del Establecimiento Penitenciario de Puno – CUI 2159429”, en marzo de 2024, con 224 unidades; y "
        "“Rehabilitación y ampliación del Establecimiento Penitenciario de Lampa – Etapa I – CUI 2158527”, en enero de "
        "2024, con 208 unidades: en total, 432 unidades de albergue construidas.")
    assert e.despues.startswith(
        "Siguen en curso otras inversiones: en ejecución, las obras “Ampliación de la capacidad de albergue del "
        "Establecimiento Penitenciario de Chimbote – CUI 2135162” (35 unidades, 82.9% de avance físico) y ")
    assert "; con expediente técnico aprobado, la obra “Mejoramiento y ampliación" in e.despues
    assert "(953 unidades) y “Rehabilitación y ampliación integral" in e.despues
    assert e.despues.endswith("En conjunto agregarían 3,237 unidades de albergue.")
    assert "Surquillo" not in e.despues  # no agrega unidades de albergue
    assert e.resumen == "culminaron dos (02) obras con 432 unidades de albergue construidas"
    # la suma que dice el texto es la de las filas que nombra
    assert inf.obras_en_curso["unidades_albergue"].sum() == 3237


def test_una_sola_obra_y_ninguna(inf):
    una = X.obras_albergue(inf.obras_culminadas.iloc[:1], inf.obras_en_curso.iloc[0:0], "224", PERIODO)
    assert una.antes.startswith("En el primer semestre de 2024 culminó la obra “Rehabilitación integral")
    assert una.antes.endswith(", en marzo de 2024, con 224 unidades: en total, 224 unidades de albergue construidas.")
    assert una.despues == "" and una.resumen == "culminó una (01) obra con 224 unidades de albergue construidas"
    ninguna = X.obras_albergue(inf.obras_culminadas.iloc[0:0], inf.obras_en_curso.iloc[:1], "0", PERIODO)
    assert ninguna.antes == "En el primer semestre de 2024 no culminó ninguna obra que agregue unidades de albergue."
    assert ninguna.resumen == "no culminó ninguna obra que agregue unidades de albergue"
    assert ninguna.despues == ("Siguen en curso otras inversiones: en ejecución, la obra “Ampliación de la capacidad "
                               "de albergue del Establecimiento Penitenciario de Chimbote – CUI 2135162” (35 unidades, "
                               "82.9% de avance físico). En conjunto agregarían 35 unidades de albergue.")
    sin_mes = X.obras_albergue(inf.obras_culminadas.iloc[:1].assign(mes_culminacion=None), inf.obras_en_curso.iloc[0:0],
                               "224", PERIODO)
    assert "CUI 2159429”, con 224 unidades:" in sin_mes.antes


def test_los_nombres_de_obras_quedan_en_texto_plano():
    t = pd.DataFrame([{"cui": "1234567", "nombre": "Obra *nueva* <b>", "estado": "culminada", "unidades_albergue": 10,
                       "avance_fisico": None, "mes_culminacion": None}])
    assert X.obras_albergue(t, t.iloc[0:0], "10", PERIODO).antes == (
        "En el primer semestre de 2024 culminó la obra “Obra *nueva* <b> – CUI 1234567”, con 10 unidades: en total, "
        "10 unidades de albergue construidas.")


def test_locales_de_medio_libre(inf):
    obras_ml = inf.datos.medidos["obras"]
    obras_ml = obras_ml[obras_ml["tipo_establecimiento"] == "medio_libre"]
    e = X.locales_medio_libre(inf.locales_medio_libre, obras_ml, PERIODO)
    assert e.despues == (
        "En el primer semestre de 2024 se encuentra en ejecución la obra “Mejoramiento del servicio de readaptación "
        "social de liberados y sentenciados de la Dirección de Medio Libre – INPE – Distrito de Surquillo – CUI "
        "2190039”, con un avance físico de 20.3%. La entidad cuenta con 39 establecimientos de medio libre: 4 ubicados "
        "en el Poder Judicial, 3 situados en municipalidades, 14 en situación de alquilados, 4 ubicados en PRONABI, 2 "
        "en los sectores de MINEDU, 10 en el INPE, 1 ubicado en la Prefectura y 1 en cesión de uso.")
    assert e.resumen.startswith("se encuentra en ejecución la obra “Mejoramiento del servicio")
    assert e.antes == "" and e.dice_el_valor  # la sección dice el valor con su oración propia
    assert inf.locales_medio_libre["total"] == 39 == sum(c for _, c in inf.locales_medio_libre["partes"])
    assert X.locales_medio_libre({"partes": [], "total": None}, obras_ml.iloc[0:0], PERIODO) == Explicacion()


# --- interconexión ------------------------------------------------------------------------------------------

def test_interconexion_de_la_referencia(inf):
    inter = resultados.interconexion(inf.datos.medidos["interconexion"], inf.datos.medidos["entidad"], 106.0)
    e = X.interconexion(inter, PERIODO)
    assert e.antes == ("Al cierre del primer semestre de 2024, están interconectados con la Sede Central 90 "
                       "establecimientos: los 69 establecimientos penitenciarios y 21 de los 39 establecimientos de "
                       "medio libre.")
    assert e.despues == ("Para alcanzar el logro esperado faltan 16 establecimientos. Siguen sin interconexión 18 "
                         "establecimientos de medio libre.")
    assert e.resumen == e.antes.removeprefix("Al cierre del primer semestre de 2024, ").removesuffix(".")


def _tipo(tipo, interconectados, total):
    return {"tipo": tipo, "interconectados": interconectados, "total": total,
            "pendientes": None if total is None else total - interconectados}


def test_interconexion_concuerda_en_numero():
    dos_tipos = {"por_tipo": [_tipo("penitenciario", 68.0, 69.0), _tipo("medio_libre", 38.0, 39.0)],
                 "total": 106.0, "logro_esperado": 106.0, "faltan_para_meta": 0.0}
    e = X.interconexion(dos_tipos, PERIODO)
    assert "68 de los 69 establecimientos penitenciarios y 38 de los 39 establecimientos de medio libre" in e.antes
    assert e.despues == "Siguen sin interconexión 1 establecimiento penitenciario y 1 establecimiento de medio libre."
    solo = {"por_tipo": [_tipo("medio_libre", 1.0, 1.0)], "total": 1.0, "logro_esperado": 1.0, "faltan_para_meta": 0.0}
    e = X.interconexion(solo, PERIODO)
    assert e.antes == ("Al cierre del primer semestre de 2024, está interconectado con la Sede Central 1 "
                       "establecimiento: el único establecimiento de medio libre.")
    assert e.despues == ""
    sin_total = {"por_tipo": [_tipo("penitenciario", 5.0, None)], "total": 5.0, "logro_esperado": 60.0,
                 "faltan_para_meta": 55.0}
    e = X.interconexion(sin_total, PERIODO)
    assert e.antes.endswith("5 establecimientos: 5 establecimientos penitenciarios.")
    assert e.despues == "Para alcanzar el logro esperado faltan 55 establecimientos."
    completo = {"por_tipo": [_tipo("penitenciario", 69.0, 69.0)], "total": 69.0, "logro_esperado": 60.0,
                "faltan_para_meta": 0.0}
    assert X.interconexion(completo, PERIODO).despues == ""
    assert X.interconexion(completo | {"total": None}, PERIODO) == Explicacion()
    assert X.establecimientos(1, "penitenciario") == "1 establecimiento penitenciario"
    assert X.establecimientos(18, "medio_libre") == "18 establecimientos de medio libre"


def test_un_solo_establecimiento_pendiente_en_singular():
    uno = {"por_tipo": [_tipo("penitenciario", 69.0, 69.0), _tipo("medio_libre", 38.0, 39.0)],
           "total": 107.0, "logro_esperado": 108.0, "faltan_para_meta": 1.0}
    assert X.interconexion(uno, PERIODO).despues == (
        "Para alcanzar el logro esperado falta 1 establecimiento. Sigue sin interconexión 1 establecimiento de medio "
        "libre.")


# --- qué explicación le toca a cada indicador (lo declara el plan) -----------------------------------------

def test_cada_indicador_recibe_la_explicacion_que_declara_el_plan(inf):
    for _, ind in inf.indicadores.iterrows():
        e = inf.explicacion(ind)
        declarada = isinstance(ind["explicacion"], str) and ind["explicacion"] and not pd.isna(ind["valor_obtenido"])
        if declarada:
            assert e.antes or e.despues or e.resumen, ind["codigo_indicador"]
        else:
            assert e == Explicacion(), ind["codigo_indicador"]
    assert inf.explicacion(inf.indicador("IND.01.AEI.01.04")).dice_el_valor is False
    # un indicador con explicación declarada pero sin valor reportado no se explica con cifras que no tiene
    sin_valor = inf.indicador("IND.01.AEI.01.01").copy()
    sin_valor["valor_obtenido"] = float("nan")
    assert inf.explicacion(sin_valor) == Explicacion()
