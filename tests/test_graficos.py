"""Gráficos del informe: devuelven una imagen PNG con uno y con muchos elementos (periodos, AEI,
AO), con el mismo estilo, y dos llamadas iguales dan los mismos bytes (construcción reproducible).

Los datos son sintéticos y se arman aquí: la prueba fija el comportamiento, no las cifras.
"""

from __future__ import annotations

import io

import pandas as pd
import pytest
from IPython.display import Image
from PIL import Image as PIL

from inpe.calculo import ceplan
from inpe.presentacion import graficos

PERIODO = "primer semestre 2024"
PNG = b"\x89PNG\r\n\x1a\n"


def _tamano(img: Image) -> tuple[int, int]:
    return PIL.open(io.BytesIO(img.data)).size


def _es_png(img) -> bool:
    return isinstance(img, Image) and img.data.startswith(PNG) and len(img.data) > 5_000


# --- evolución de un indicador (uno y varios periodos) ----------------------------------------------


def _fila_indicador(esperado=16.0, obtenido=40.82) -> pd.Series:
    fila = {"codigo_indicador": "IND.01.AEI.01.01", "sentido": "Ascendente", "unidad": "porcentaje", "decimales": 2,
            "logro_esperado": esperado, "valor_obtenido": obtenido}
    fila["avance"] = ceplan.avance_indicador(esperado, obtenido, "Ascendente")
    fila["semaforo"] = str(ceplan.semaforo(fila["avance"]))
    fila["estado"] = str(ceplan.estado_respecto_meta(esperado, obtenido, "Ascendente"))
    return pd.Series(fila)


def _evolucion(semestres: list[str]) -> pd.DataFrame:
    n = len(semestres)
    return pd.DataFrame({"semestre": semestres,
                         "logro_esperado": [10.0 + i for i in range(n)],
                         "valor_obtenido": [8.0 + 2 * i if i != 1 else None for i in range(n)]})


@pytest.mark.parametrize("semestres", [
    ["2024-S1"],
    [f"{a}-S{s}" for a in range(2022, 2025) for s in (1, 2)],
], ids=["un periodo", "seis periodos"])
def test_evolucion_indicador_con_uno_y_varios_periodos(semestres):
    img = graficos.evolucion_indicador(_evolucion(semestres), _fila_indicador())
    assert _es_png(img)


def test_evolucion_indicador_es_determinista():
    ev = _evolucion(["2023-S1", "2023-S2", "2024-S1"])
    assert graficos.evolucion_indicador(ev, _fila_indicador()).data == \
        graficos.evolucion_indicador(ev, _fila_indicador()).data


# --- presupuesto por AEI -----------------------------------------------------------------------------


def _aei(n: int) -> pd.DataFrame:
    return pd.DataFrame({"codigo_aei": [f"AEI.0{1 + i // 6}.0{1 + i % 6}" for i in range(n)],
                         "denominacion": [f"Acción {i}" for i in range(n)]})


def _presupuesto(aei: pd.DataFrame, sin: int = 0) -> pd.DataFrame:
    filas = [{"ambito": "PLIEGO", "pim": 0.0, "devengado": 0.0}]
    for i, c in enumerate(aei["codigo_aei"][: len(aei) - sin]):
        filas.append({"ambito": c, "pim": 1e6 * (5 + 30 * i), "devengado": 1e6 * (2 + 13 * i)})
    t = pd.DataFrame(filas)
    t.loc[0, ["pim", "devengado"]] = t[["pim", "devengado"]].iloc[1:].sum().values
    return t


@pytest.mark.parametrize("n, sin", [(1, 0), (11, 1), (11, 11)], ids=["una AEI", "once AEI, una sin fila", "sin presupuesto"])
def test_presupuesto_aei_con_una_y_muchas_aei(n, sin):
    aei = _aei(n)
    img = graficos.presupuesto_aei(aei, _presupuesto(aei, sin), PERIODO)
    assert _es_png(img)


def test_presupuesto_aei_crece_con_el_numero_de_aei_y_es_determinista():
    una, once = _aei(1), _aei(11)
    alto_una = _tamano(graficos.presupuesto_aei(una, _presupuesto(una), PERIODO))[1]
    alto_once = _tamano(graficos.presupuesto_aei(once, _presupuesto(once), PERIODO))[1]
    assert alto_once > alto_una
    assert graficos.presupuesto_aei(once, _presupuesto(once, 1), PERIODO).data == \
        graficos.presupuesto_aei(once, _presupuesto(once, 1), PERIODO).data


# --- avance de las AO ---------------------------------------------------------------------------------


def _actividades(por_aei: list[int], sin_meta: int = 0) -> pd.DataFrame:
    filas = []
    for k, n in enumerate(por_aei):
        for j in range(n):
            programado = None if j < sin_meta else 100.0 + 50 * j
            ejecutado = 40.0 + 60 * j
            filas.append({"codigo_ao": f"AO.01.0{k + 1}.0{j + 1}", "codigo_aei": f"AEI.01.0{k + 1}",
                          "denominacion": f"Ejecución del Programa de prueba número {j} con un nombre largo - SIGLA",
                          "programado": programado, "ejecutado": ejecutado,
                          "avance": ceplan.avance_ao(programado, ejecutado)})
    return pd.DataFrame(filas)


@pytest.mark.parametrize("por_aei, sin_meta", [([1], 0), ([9, 8, 3, 3, 3, 4], 1), ([2], 2)],
                         ids=["una AO", "seis AEI", "ninguna AO con meta"])
def test_avance_actividades_con_una_y_muchas_ao(por_aei, sin_meta):
    img = graficos.avance_actividades(_actividades(por_aei, sin_meta), _aei(6), PERIODO)
    assert _es_png(img)


def test_avance_actividades_es_determinista_y_crece_con_las_ao():
    pocas, muchas = _actividades([2]), _actividades([9, 8, 3])
    assert _tamano(graficos.avance_actividades(muchas, _aei(6), PERIODO))[1] > \
        _tamano(graficos.avance_actividades(pocas, _aei(6), PERIODO))[1]
    assert graficos.avance_actividades(muchas, _aei(6), PERIODO).data == \
        graficos.avance_actividades(muchas, _aei(6), PERIODO).data


def test_los_graficos_no_dejan_figuras_abiertas():
    import matplotlib.pyplot as plt

    aei = _aei(3)
    graficos.presupuesto_aei(aei, _presupuesto(aei), PERIODO)
    graficos.avance_actividades(_actividades([3]), aei, PERIODO)
    assert plt.get_fignums() == []


def test_nombre_corto_conserva_la_sigla():
    corto = graficos._corto("Ejecución del Programa Fortalecimiento de Competencias Sociales para la No "
                            "Reincidencia Delictiva - FOCOS")
    assert corto.count("\n") == 1 and corto.endswith("FOCOS") and "…" in corto
    assert graficos._corto("Educación básica alternativa") == "Educación básica alternativa"
