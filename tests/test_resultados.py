"""Resultados del semestre (lib/inpe/resultados.py) contra las cifras del informe de referencia.

Las tablas pequeñas se arman aquí con las cifras del informe I Sem 2024; las pruebas del
final leen data/ a través de ``Informe`` para comprobar que el cableado da las mismas cifras.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pandas as pd
import pytest

from inpe.calculo import resultados
from inpe.presentacion.informe import Informe
from inpe.redaccion import formato

RAIZ = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def inf() -> Informe:
    return Informe.cargar("2024-S1", datos=RAIZ / "data")


CORTE = datetime.date(2024, 6, 30)


def _poblacion() -> pd.DataFrame:
    filas = [("2023-06-30", "intramuros", 92351), ("2023-06-30", "extramuros", 75846), ("2023-06-30", "total", 168197),
             ("2024-06-30", "intramuros", 97664), ("2024-06-30", "extramuros", 89236), ("2024-06-30", "total", 186900)]
    t = pd.DataFrame(filas, columns=["fecha_corte", "ambito", "personas"])
    t["fecha_corte"] = pd.to_datetime(t["fecha_corte"])
    return t


# --- población y evaluación -------------------------------------------------------------------

@pytest.mark.parametrize("ambito, anterior, actual, variacion, pct", [
    ("intramuros", 92351, 97664, 5313, "6%"),
    ("extramuros", 75846, 89236, 13390, "18%"),
    ("total", 168197, 186900, 18703, "11%"),
])
def test_variacion_interanual_de_la_poblacion(ambito, anterior, actual, variacion, pct):
    p = resultados.poblacion(_poblacion(), ambito, CORTE)
    assert (p["anterior"], p["actual"], p["variacion"]) == (anterior, actual, variacion)
    assert formato.porcentaje(p["variacion_pct"], 0) == pct


def test_poblacion_con_un_solo_corte_no_tiene_variacion():
    t = _poblacion()
    p = resultados.poblacion(t[t["fecha_corte"].dt.year == 2024], "intramuros", CORTE)
    assert p["actual"] == 97664 and "variacion" not in p
    assert resultados.poblacion(t, "inexistente", CORTE) == {}


def test_poblacion_se_elige_por_la_fecha_de_corte_del_semestre():
    t = _poblacion()
    # Una fila de otro corte (posterior) no se toma por la del semestre.
    extra = pd.DataFrame({"fecha_corte": pd.to_datetime(["2024-12-31"]), "ambito": ["intramuros"], "personas": [1]})
    p = resultados.poblacion(pd.concat([t, extra]), "intramuros", CORTE)
    assert (p["anterior"], p["actual"]) == (92351, 97664)
    # Sin fila al corte del semestre no hay dato (en vez de tomar la última que haya).
    assert resultados.poblacion(t, "intramuros", datetime.date(2024, 12, 31)) == {}


def test_evaluacion_intramuros_da_los_no_evaluados():
    t = pd.DataFrame({"ambito": ["intramuros", "extramuros"], "evaluados": [51450, 1576], "favorables": [39868, 1406]})
    e = resultados.evaluacion(t, "intramuros", 97664)
    assert e["no_evaluados"] == 46214
    assert formato.porcentaje(e["favorables_pct_poblacion"]) == "40.82%"
    assert formato.porcentaje(e["evaluados_pct"]) == "52.68%"
    extra = resultados.evaluacion(t, "extramuros")
    assert formato.porcentaje(extra["favorables_pct_evaluados"]) == "89.21%"
    assert "no_evaluados" not in extra
    assert resultados.evaluacion(t, "otro") == {}


# --- componentes -------------------------------------------------------------------------------

def _componentes() -> pd.DataFrame:
    filas = [("IND.01.AEI.01.01", "numerador", "favorables", 39868), ("IND.01.AEI.01.01", "denominador", "intramuros", 97664),
             ("IND.01.AEI.01.02", "numerador", "favorables", 1406), ("IND.01.AEI.01.02", "denominador", "atendidos", 1576),
             ("IND.01.AEI.01.03", "numerador", "Puno", 224), ("IND.01.AEI.01.03", "numerador", "Lampa", 208),
             ("IND.01.AEI.01.05", "numerador", "profesionales", 1231), ("IND.01.AEI.01.05", "denominador", "población", 186900),
             ("IND.01.AEI.02.03", "numerador", "penitenciarios", 69), ("IND.01.AEI.02.03", "numerador", "medio libre", 21)]
    return pd.DataFrame(filas, columns=["codigo_indicador", "rol", "concepto", "valor"])


@pytest.mark.parametrize("codigo, unidad, decimales, esperado", [
    ("IND.01.AEI.01.01", "porcentaje", 2, "40.82"),
    ("IND.01.AEI.01.02", "porcentaje", 2, "89.21"),
    ("IND.01.AEI.01.03", "numero", 0, "432"),
    ("IND.01.AEI.01.05", "tasa_1000", 2, "6.59"),
    ("IND.01.AEI.02.03", "numero", 0, "90"),
])
def test_el_valor_del_indicador_sale_de_sus_componentes(codigo, unidad, decimales, esperado):
    comp = resultados.componentes(_componentes(), codigo)
    assert formato.numero(resultados.valor_desde_componentes(comp, unidad), decimales) == esperado


def test_componentes_de_un_indicador_sin_filas():
    comp = resultados.componentes(_componentes(), "IND.01.AEI.03.01")
    assert comp == {"numeradores": [], "denominadores": [], "numerador": None, "denominador": None}
    assert resultados.valor_desde_componentes(comp, "porcentaje") is None


# --- profesionales, actos violentos, locales, interconexión -------------------------------------

def test_profesionales_por_medio_y_tasa_por_mil():
    t = pd.DataFrame({"medio": ["cerrado", "abierto"], "profesionales": [877, 354]})
    p = resultados.profesionales(t, 186900, "tasa_1000")
    assert p["total"] == 1231 and p["por_medio"] == [("cerrado", 877), ("abierto", 354)]
    assert formato.numero(p["tasa"], 2) == "6.59"
    assert formato.numero(p["tasa"]) == "7"  # "aproximadamente 7 profesionales por cada 1,000"
    assert resultados.profesionales(t, None, "tasa_1000")["tasa"] is None
    # El factor sale de la unidad del indicador, no de un "por cada 1,000" fijo.
    assert formato.numero(resultados.profesionales(t, 186900, "tasa_100000")["tasa"]) == "659"


def test_brecha_de_profesionales_para_la_tasa_esperada():
    b = resultados.brecha_profesionales(20.23, 186900, 1231, "tasa_1000")
    assert formato.numero(b["requeridos"]) == "3,781" and formato.numero(b["faltan"]) == "2,550"
    assert resultados.brecha_profesionales(None, 186900, 1231, "tasa_1000") == {}
    cien_mil = resultados.brecha_profesionales(2023, 186900, 1231, "tasa_100000")
    assert formato.numero(cien_mil["requeridos"]) == "3,781"


def test_actos_violentos_de_chiclayo_y_lima_son_57_por_ciento_de_101():
    t = pd.DataFrame({"oficina_regional": ["Lima", "Chiclayo"], "actos": [25, 33]})
    p = resultados.participacion(t, "oficina_regional", "actos", 101)
    assert [x["nombre"] for x in p["partes"]] == ["Chiclayo", "Lima"]  # de mayor a menor
    assert p["suma"] == 58 and formato.porcentaje(p["pct"], 0) == "57%"
    assert formato.porcentaje(p["partes"][0]["pct"], 0) == "33%"
    sin_total = resultados.participacion(t, "oficina_regional", "actos", None)
    assert sin_total["pct"] is None and sin_total["total"] is None


def test_locales_de_medio_libre_suman_39():
    t = pd.DataFrame({"tipo_local": ["ubicados en el Poder Judicial", "en el INPE"], "cantidad": [4, 35]})
    assert resultados.locales_medio_libre(t) == {"partes": [("ubicados en el Poder Judicial", 4), ("en el INPE", 35)],
                                                 "total": 39}
    assert resultados.locales_medio_libre(t.iloc[0:0])["total"] is None


def test_interconexion_por_tipo_y_lo_que_falta():
    t = pd.DataFrame({"tipo_establecimiento": ["penitenciario", "medio_libre"], "interconectados": [69, 21]})
    entidad = pd.DataFrame({"concepto": ["establecimientos_penitenciarios", "establecimientos_medio_libre"], "valor": [69, 39]})
    r = resultados.interconexion(t, entidad, 106)
    assert r["total"] == 90 and r["faltan_para_meta"] == 16
    assert [(p["tipo"], p["total"], p["pendientes"]) for p in r["por_tipo"]] == [("penitenciario", 69, 0), ("medio_libre", 39, 18)]
    assert resultados.interconexion(t, entidad, 80)["faltan_para_meta"] == 0  # meta superada: no falta nada
    assert resultados.interconexion(t, entidad, None)["faltan_para_meta"] is None


# --- obras ---------------------------------------------------------------------------------------

def _obras() -> pd.DataFrame:
    filas = [("2159429", "Puno", "culminada", 224, None, "2024-03"), ("2158527", "Lampa", "culminada", 208, None, "2024-01"),
             ("2135162", "Chimbote", "en_ejecucion", 35, 82.9, None), ("2092121", "Iquitos", "en_ejecucion", 208, 49.8, None),
             ("2190039", "Surquillo", "en_ejecucion", None, 20.3, None), ("2384330", "Abancay", "expediente_aprobado", 785, None, None),
             ("2158194", "Arequipa", "expediente_en_elaboracion", 953, None, None),
             ("2114085", "Pucallpa", "expediente_en_elaboracion", 1256, None, None),
             ("2537355", "Ancón I", "contrato_firmado", None, None, None)]
    t = pd.DataFrame(filas, columns=["cui", "nombre", "estado", "unidades_albergue", "avance_fisico", "mes_culminacion"])
    t["unidades_albergue"] = t["unidades_albergue"].astype("Int64")
    return t


def test_obras_culminadas_suman_las_432_unidades_de_albergue():
    t = resultados.obras_culminadas(_obras())
    assert list(t["cui"]) == ["2159429", "2158527"]
    assert t["unidades_albergue"].sum() == 432


def test_obras_en_curso_solo_las_que_agregan_albergue():
    t = resultados.obras_en_curso(_obras())
    assert list(t["nombre"]) == ["Chimbote", "Iquitos", "Abancay", "Arequipa", "Pucallpa"]
    assert t["unidades_albergue"].sum() == 3237


# --- semáforo ------------------------------------------------------------------------------------

def test_aei_por_nivel_y_sin_meta_con_los_datos(inf):
    niveles = resultados.aei_por_nivel(inf.aei)
    assert list(niveles["Alto"]["codigo_aei"]) == ["AEI.01.01", "AEI.01.02", "AEI.01.06"]
    assert list(niveles["Medio"]["codigo_aei"]) == ["AEI.02.03"]
    assert len(niveles["Bajo"]) == 7 and "AEI.01.04" in set(niveles["Bajo"]["codigo_aei"])
    assert formato.porcentaje(niveles["Medio"]["avance"].iloc[0]) == "84.91%"
    assert list(resultados.indicadores_sin_meta(inf.indicadores)["codigo_indicador"]) == ["IND.02.AEI.01.03", "IND.01.AEI.02.02"]


# --- el cableado de Informe da las cifras del informe ---------------------------------------------

def test_informe_detalle_de_resultados(inf):
    prof = inf.profesionales(inf.indicador("IND.01.AEI.01.05"))
    assert inf.evaluacion("intramuros")["no_evaluados"] == 46214
    assert prof["total"] == 1231 and formato.numero(prof["tasa"], 2) == "6.59"
    assert inf.locales_medio_libre["total"] == inf.cifra("entidad", "establecimientos_medio_libre") == 39
    assert inf.obras_culminadas["unidades_albergue"].sum() == inf.indicador("IND.01.AEI.01.03")["valor_obtenido"] == 432
    assert inf.serie(inf.indicador("IND.01.AEI.01.01")).periodos == 1   # la serie publicada empieza en 2024-S1
    assert formato.porcentaje(inf.presupuesto_de("PLIEGO")["ejecucion"], 1) == "46.2%"
    assert list(inf.priorizadas["codigo_aei"]) == [f"AEI.01.0{i}" for i in range(1, 7)]
    assert list(inf.hechos_destacados["orden"]) == [1, 2]
    assert inf.cifra_si_hay("entidad", "no_existe") is None
