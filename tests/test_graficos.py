"""Gráficos del informe: una figura con uno y con muchos elementos (semestres, AEI, AO), con el mismo
estilo; dos llamadas iguales dan los mismos bytes (construcción reproducible).

Los datos son sintéticos y se arman aquí: la prueba fija el comportamiento, no las cifras.
"""

from __future__ import annotations

from xml.etree import ElementTree

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from inpe.calculo import ceplan, implementacion
from inpe.presentacion import figuras, graficos
from inpe.redaccion import formato


def _svg(fig) -> bytes:
    """La figura como la guarda el informe: un SVG con el texto en trazos, sin fecha ni versión."""
    datos = figuras.svg(fig)
    raiz = ElementTree.fromstring(datos)
    assert raiz.tag == "{http://www.w3.org/2000/svg}svg" and len(datos) > 5_000
    assert b"<text" not in datos, "el texto va en trazos: no depende de las fuentes de quien lo abre"
    assert b"Matplotlib v" not in datos and b"<dc:date>" not in datos
    return datos


def _tamano(datos: bytes) -> tuple[float, float]:
    """Ancho y alto del SVG, en puntos."""
    raiz = ElementTree.fromstring(datos)
    return float(raiz.get("width").removesuffix("pt")), float(raiz.get("height").removesuffix("pt"))


def _textos(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(match=lambda o: hasattr(o, "get_text"))]


# --- el resultado de un indicador: uno o varios semestres, con la misma función ---------------------

def _resultado(semestres, obtenidos=None):
    k = len(semestres)
    esperados = [10.0 + i for i in range(k)]
    obtenidos = obtenidos or [8.0 + 2 * i if i != 1 else None for i in range(k)]
    return graficos.resultado_indicador([formato.semestre_corto(s) for s in semestres], esperados, obtenidos,
                                        ("Logro esperado", "Valor obtenido"), "Un hallazgo", "porcentaje",
                                        lambda v: formato.porcentaje(v, 2))


def test_un_semestre_no_se_dibuja_como_evolucion():
    fig = _resultado(["2024-S1"])
    ejes = fig.axes[0]
    assert [t.get_text() for t in ejes.get_yticklabels()] == ["Logro esperado", "Valor obtenido"]
    assert not any("sem." in t for t in _textos(fig)), "un solo semestre no lleva eje de tiempo"
    _svg(fig)


def test_varios_semestres_se_dibujan_por_semestre_y_sin_dato_no_es_cero():
    semestres = [f"{a}-S{s}" for a in range(2022, 2025) for s in (1, 2)]
    fig = _resultado(semestres)
    etiquetas = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert etiquetas[0] == "1.er sem. 2022" and len(etiquetas) == 6
    assert "sin dato" in _textos(fig)
    _svg(fig)


def test_resultado_es_determinista():
    assert _svg(_resultado(["2023-S1", "2023-S2", "2024-S1"])) == _svg(_resultado(["2023-S1", "2023-S2", "2024-S1"]))


# --- presupuesto por AEI -----------------------------------------------------------------------------

def _aei(n: int) -> pd.DataFrame:
    return pd.DataFrame({"codigo_aei": [f"AEI.0{1 + i // 6}.0{1 + i % 6}" for i in range(n)],
                         "denominacion": [f"Acción {i}" for i in range(n)]})


def _presupuesto(aei: pd.DataFrame, sin: int = 0) -> pd.DataFrame:
    filas = [{"ambito": c, "pim": 1e6 * (5 + 30 * i), "devengado": 1e6 * (2 + 13 * i)}
             for i, c in enumerate(aei["codigo_aei"][: len(aei) - sin])]
    return implementacion.presupuesto_por_aei(aei, pd.DataFrame(filas, columns=["ambito", "pim", "devengado"]))


@pytest.mark.parametrize("n, sin", [(1, 0), (11, 1), (11, 11)], ids=["una AEI", "once AEI, una sin fila", "sin presupuesto"])
def test_presupuesto_aei_con_una_y_muchas_aei(n, sin):
    fig = graficos.presupuesto_aei(_presupuesto(_aei(n), sin), "Título")
    assert ("sin presupuesto reportado" in _textos(fig)) == (sin > 0)
    _svg(fig)


def test_presupuesto_aei_crece_con_el_numero_de_aei_y_es_determinista():
    alto_una = _tamano(_svg(graficos.presupuesto_aei(_presupuesto(_aei(1)), "T")))[1]
    alto_once = _tamano(_svg(graficos.presupuesto_aei(_presupuesto(_aei(11)), "T")))[1]
    assert alto_once > alto_una
    assert _svg(graficos.presupuesto_aei(_presupuesto(_aei(11), 1), "T")) == \
        _svg(graficos.presupuesto_aei(_presupuesto(_aei(11), 1), "T"))


# --- avance de las AO de una AEI -----------------------------------------------------------------------

LARGO = "Ejecución del Programa Fortalecimiento de Competencias Sociales para la No Reincidencia Delictiva - FOCOS"


def _ao(k: int, reportadas: int = 0):
    nombres = [LARGO if j == 0 else f"Actividad {j}" for j in range(k)]
    avances = [40.0 + 30 * j for j in range(k)]
    return graficos.avance_actividades(nombres, avances, [f"{a:.1f}%" for a in avances],
                                       [j < reportadas for j in range(k)], "Un hallazgo sobre las AO")


def test_avance_de_las_ao_escribe_el_nombre_completo():
    fig = _ao(3)
    etiquetas = [t.get_text().replace("\n", " ") for t in fig.axes[0].get_yticklabels()]
    assert etiquetas[0] == LARGO and "…" not in " ".join(etiquetas)
    _svg(fig)


def test_avance_reportado_lleva_su_leyenda_y_la_figura_crece_con_las_ao():
    assert "Avance reportado por la fuente" in _textos(_ao(2, reportadas=1))
    assert "Avance reportado por la fuente" not in _textos(_ao(2))
    assert _tamano(_svg(_ao(9)))[1] > _tamano(_svg(_ao(1)))[1]
    assert _svg(_ao(4, 1)) == _svg(_ao(4, 1))


def test_los_graficos_no_dejan_figuras_abiertas():
    plt.close("all")
    _svg(graficos.presupuesto_aei(_presupuesto(_aei(3)), "T"))
    _svg(_ao(3))
    _svg(_resultado(["2024-S1"]))
    assert plt.get_fignums() == []


def test_avance_de_ao_sin_meta_usa_el_reportado():
    fila = pd.Series({"avance": None, "avance_reportado": 75.0})
    assert implementacion.avance_de_ao(fila) == 75.0
    assert implementacion.avance_de_ao(pd.Series({"avance": ceplan.avance_ao(80, 60), "avance_reportado": None})) == 75.0
    assert implementacion.avance_de_ao(pd.Series({"avance": None, "avance_reportado": None})) is None


def test_un_conteo_en_cero_no_tiene_marcas_fraccionarias():
    fig = graficos.resultado_indicador(["2024-S1"], [0], [0], ("Logro esperado", "Valor obtenido"), "T", "numero", str)
    marcas = [m for m in fig.axes[0].get_xticks() if 0 <= m <= fig.axes[0].get_xlim()[1]]
    assert marcas and all(float(m).is_integer() for m in marcas), marcas
