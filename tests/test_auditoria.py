"""Auditoría de consistencia: cada comprobación, con una inconsistencia inyectada en una copia de data/.

Los datos reales (2024-S1) dan exactamente dos avisos, que el informe de referencia trae tal
cual: el PIM del pliego S/ 0.30 mayor que la suma de las AEI (AEI.03.01 sin fila de presupuesto)
y FOCOS, que declara 15 establecimientos y lista 14. Ningún error.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pandas as pd
import pytest

from inpe.calidad import auditoria
from inpe.calidad.auditoria import Estado, Severidad
from inpe.entrada.carga import ErrorDeDatos, cargar_semestre

RAIZ = Path(__file__).resolve().parents[1]
SEM = "2024-S1"
NBSP = "\xa0"  # Babel separa «S/» del monto con un espacio no separable

AVISO_PIM = (f"data/2024-S1/presupuesto.csv: el PIM del pliego (S/{NBSP}897,215,339.55) no es igual a la suma "
             f"del PIM de las AEI (S/{NBSP}897,215,339.25); la suma es S/{NBSP}0.30 menor. "
             "No tienen fila de presupuesto: AEI.03.01.")
FOCOS = ("AO.01.02.04 (“Ejecución del Programa Fortalecimiento de Competencias Sociales para la No "
         "Reincidencia Delictiva - FOCOS”)")
AVISO_FOCOS = (f"data/2024-S1/actividades_operativas.csv: {FOCOS} declara 15 establecimientos y "
               "data/2024-S1/ao_establecimientos.csv lista 14.")


# ------------------------------------------------------------------ utilidades

@pytest.fixture
def datos(tmp_path) -> Path:
    """Una copia de data/ que cada prueba puede estropear."""
    shutil.copytree(RAIZ / "data", tmp_path / "data")
    return tmp_path / "data"


def editar(datos: Path, rel: str, cambio) -> None:
    """Aplica ``cambio(filas)`` a las filas (dicts) de un CSV de la copia y lo reescribe."""
    ruta = datos / rel
    with ruta.open(encoding="utf-8", newline="") as f:
        lector = csv.DictReader(f)
        columnas, filas = list(lector.fieldnames), list(lector)
    filas = cambio(filas) or filas
    with ruta.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columnas, lineterminator="\n")
        w.writeheader()
        w.writerows(filas)


def poner(columna_clave: str, clave: str, columna: str, valor: str, **otras):
    """Cambio: en la fila donde columna_clave == clave (y las otras columnas dadas), columna = valor."""
    def cambio(filas):
        hechas = 0
        for f in filas:
            if f[columna_clave] == clave and all(f[k] == v for k, v in otras.items()):
                f[columna] = valor
                hechas += 1
        assert hechas == 1, f"{clave}: {hechas} filas"
    return cambio


def auditar(datos: Path) -> dict[str, auditoria.Resultado]:
    return {r.codigo: r for r in auditoria.auditar(cargar_semestre(SEM, datos))}


def con_reparos(resultados: dict) -> dict[str, str]:
    """Los avisos y errores («no aplica» no es un reparo: AUD-15 no aplica a un semestre sin su par del año)."""
    return {c: str(r.resultado) for c, r in resultados.items() if r.resultado in (Estado.AVISO, Estado.ERROR)}


# ------------------------------------------------------------------ los datos reales

@pytest.fixture(scope="module")
def reales() -> dict[str, auditoria.Resultado]:
    return {r.codigo: r for r in auditoria.auditar(cargar_semestre(SEM, RAIZ / "data"))}


def test_los_datos_reales_dan_solo_los_dos_avisos_conocidos(reales):
    assert con_reparos(reales) == {"AUD-02": "aviso", "AUD-10": "aviso"}
    assert reales["AUD-02"].mensaje == AVISO_PIM
    assert reales["AUD-10"].mensaje == AVISO_FOCOS
    assert auditoria.errores(list(reales.values())) == []


def test_cada_comprobacion_tiene_codigo_descripcion_y_severidad(reales):
    codigos = [c.codigo for c in auditoria.CHEQUEOS]
    assert codigos == [f"AUD-{i:02d}" for i in range(1, len(codigos) + 1)]
    assert list(reales) == codigos
    for c in auditoria.CHEQUEOS:
        assert c.descripcion and c.severidad in (Severidad.ERROR, Severidad.AVISO)
    # las diferencias que trae la fuente son avisos; las contradicciones, errores
    severidad = {c.codigo: c.severidad for c in auditoria.CHEQUEOS}
    assert severidad["AUD-02"] == severidad["AUD-10"] == Severidad.AVISO
    assert {c for c, s in severidad.items() if s == Severidad.AVISO} == {"AUD-02", "AUD-10", "AUD-15"}


def test_los_conformes_dicen_que_compararon(reales):
    assert reales["AUD-08"].mensaje == (
        "Coinciden, a la precisión publicada, el valor obtenido y el cálculo con sus componentes de "
        "IND.01.AEI.01.01 (40.82%), IND.01.AEI.01.02 (89.21%), IND.01.AEI.01.03 (432), "
        "IND.01.AEI.01.05 (6.59) y IND.01.AEI.02.03 (90).")
    assert reales["AUD-04"].mensaje == (
        "data/2024-S1/poblacion.csv, corte 2023-06-30: intramuros (92,351) + extramuros (75,846) = total (168,197). "
        "data/2024-S1/poblacion.csv, corte 2024-06-30: intramuros (97,664) + extramuros (89,236) = total (186,900).")
    assert reales["AUD-05"].mensaje == (
        "AO.01.01.09: los 3 conceptos de data/2024-S1/ao_desagregado.csv suman lo ejecutado (27,313). "
        "AO.01.03.01: los 2 conceptos de data/2024-S1/ao_desagregado.csv suman lo ejecutado (432).")
    assert "los evaluados extramuros (1,576)" in reales["AUD-14"].mensaje


def test_resumen_y_reporte(reales):
    resultados = list(reales.values())
    assert auditoria.resumen(resultados) == (
        "De las quince (15) comprobaciones, doce (12) resultaron conformes, dos (02) con aviso, ninguna con error y "
        "una (01) no aplica.")
    reporte = auditoria.formatear_reporte(resultados)
    assert reporte.splitlines()[0].startswith("Auditoría de consistencia: 15 comprobaciones, 12 conformes, 2 con aviso, "
                                              "0 con error")
    assert AVISO_PIM in reporte and AVISO_FOCOS in reporte
    filas = auditoria.filas_cuadro(resultados)
    assert filas[1][:3] == ["AUD-02", auditoria.CHEQUEOS[1].descripcion, "Aviso"]
    assert {f[2] for f in filas} == {"Conforme", "Aviso", "No aplica"}  # el resultado va en palabras, no en color


# ------------------------------------------------------------------ totales contra sus partes

def test_aud01_la_suma_de_las_aei_supera_al_pliego(datos):
    editar(datos, "2024-S1/presupuesto.csv", poner("ambito", "AEI.01.01", "pim", "57739908.35"))
    r = auditar(datos)
    assert con_reparos(r) == {"AUD-01": "error", "AUD-02": "aviso", "AUD-10": "aviso"}
    assert r["AUD-01"].mensaje == (
        f"data/2024-S1/presupuesto.csv: la suma del PIM de las AEI (S/{NBSP}897,216,339.25) supera el PIM del "
        f"pliego (S/{NBSP}897,215,339.55) en S/{NBSP}999.70.")
    assert r["AUD-02"].mensaje.endswith(f"la suma es S/{NBSP}999.70 mayor. No tienen fila de presupuesto: AEI.03.01.")


def test_aud02_devengado_del_pliego_distinto_de_la_suma(datos):
    editar(datos, "2024-S1/presupuesto.csv", poner("ambito", "PLIEGO", "devengado", "414490071.35"))
    r = auditar(datos)
    assert con_reparos(r) == {"AUD-02": "aviso", "AUD-10": "aviso"}
    assert r["AUD-02"].hallazgos == (AVISO_PIM, (
        f"data/2024-S1/presupuesto.csv: el devengado del pliego (S/{NBSP}414,490,071.35) no es igual a la suma "
        f"del devengado de las AEI (S/{NBSP}414,490,061.35); la suma es S/{NBSP}10.00 menor. "
        "No tienen fila de presupuesto: AEI.03.01."))


def test_aud03_devengado_mayor_que_el_pim(datos):
    # La validación ya lo impide en el CSV...
    editar(datos, "2024-S1/presupuesto.csv", poner("ambito", "AEI.02.04", "devengado", "300000.00"))
    with pytest.raises(ErrorDeDatos, match="no puede ser mayor que el PIM"):
        cargar_semestre(SEM, datos)
    # ...y la auditoría lo comprueba otra vez sobre los datos cargados.
    d = cargar_semestre(SEM, RAIZ / "data")
    t = d.medidos["presupuesto"]
    t.loc[t["ambito"] == "AEI.02.04", "devengado"] = 300000.0
    r = {x.codigo: x for x in auditoria.auditar(d)}
    assert r["AUD-03"].resultado == Estado.ERROR
    assert r["AUD-03"].mensaje == (f"data/2024-S1/presupuesto.csv, AEI.02.04: el devengado (S/{NBSP}300,000.00) "
                                   f"supera el PIM (S/{NBSP}224,232.00).")


def test_aud04_intramuros_mas_extramuros_distinto_del_total(datos):
    editar(datos, "2024-S1/poblacion.csv", poner("ambito", "extramuros", "personas", "89246", fecha_corte="2024-06-30"))
    r = auditar(datos)
    assert r["AUD-04"].resultado == Estado.ERROR
    assert r["AUD-04"].mensaje == ("data/2024-S1/poblacion.csv, corte 2024-06-30: intramuros (97,664) + "
                                   "extramuros (89,246) = 186,910, pero el total es 186,900.")


def test_aud05_participantes_por_modalidad_no_suman_el_total(datos):
    editar(datos, "2024-S1/ao_desagregado.csv", poner("concepto", "Realizaron servicio ad honorem", "valor", "190"))
    r = auditar(datos)
    assert con_reparos(r) == {"AUD-02": "aviso", "AUD-05": "error", "AUD-10": "aviso"}
    assert r["AUD-05"].mensaje == ("data/2024-S1/ao_desagregado.csv: los 3 conceptos de AO.01.01.09 que suman al "
                                   "total dan 27,316, pero lo ejecutado en data/2024-S1/actividades_operativas.csv "
                                   "es 27,313.")


def test_aud06_profesionales_por_medio_no_suman_el_total(datos):
    editar(datos, "2024-S1/profesionales.csv", poner("medio", "cerrado", "profesionales", "870"))
    r = auditar(datos)
    assert con_reparos(r) == {"AUD-02": "aviso", "AUD-06": "error", "AUD-10": "aviso"}
    assert r["AUD-06"].mensaje == ("data/2024-S1/profesionales.csv: los profesionales por medio suman 1,224 "
                                   "(cerrado (870) + abierto (354)), pero el numerador de IND.01.AEI.01.05 en "
                                   "data/2024-S1/componentes.csv es 1,231.")


def test_aud07_locales_por_tipo_no_suman_los_establecimientos(datos):
    editar(datos, "2024-S1/locales_medio_libre.csv", poner("tipo_local", "en el INPE", "cantidad", "11"))
    r = auditar(datos)
    assert r["AUD-07"].resultado == Estado.ERROR
    assert r["AUD-07"].mensaje == ("data/2024-S1/locales_medio_libre.csv: los locales de medio libre por tipo suman "
                                   "40, pero data/2024-S1/entidad.csv da 39 establecimientos de medio libre.")


# ------------------------------------------------------------------ razones contra sus componentes

@pytest.mark.parametrize("codigo, valor, mensaje", [
    ("IND.01.AEI.01.01", "40.83",  # porcentaje
     "data/2024-S1/indicadores.csv: el valor obtenido de IND.01.AEI.01.01 (40.83%) no es el que dan sus "
     "componentes en data/2024-S1/componentes.csv: 39,868 / 97,664 × 100 = 40.82%."),
    ("IND.01.AEI.01.05", "6.60",  # tasa por cada 1,000
     "data/2024-S1/indicadores.csv: el valor obtenido de IND.01.AEI.01.05 (6.60) no es el que dan sus "
     "componentes en data/2024-S1/componentes.csv: 1,231 / 186,900 × 1,000 = 6.59."),
    ("IND.01.AEI.01.03", "433",  # número: suma de numeradores
     "data/2024-S1/indicadores.csv: el valor obtenido de IND.01.AEI.01.03 (433) no es el que dan sus "
     "componentes en data/2024-S1/componentes.csv: la suma de sus numeradores es 432."),
])
def test_aud08_indicador_que_no_sale_de_sus_componentes(datos, codigo, valor, mensaje):
    editar(datos, "2024-S1/indicadores.csv", poner("codigo_indicador", codigo, "valor_obtenido", valor))
    r = auditar(datos)
    assert r["AUD-08"].resultado == Estado.ERROR
    assert r["AUD-08"].hallazgos == (mensaje,)


def test_aud08_tasa_por_cien_mil(datos):
    """IND.01.AEI.01.06 no trae componentes en los datos reales: se agregan para probar la tasa por 100,000."""
    def agregar(filas):
        filas.append({"codigo_indicador": "IND.01.AEI.01.06", "rol": "numerador", "concepto": "Casos", "valor": "4000"})
        filas.append({"codigo_indicador": "IND.01.AEI.01.06", "rol": "denominador", "concepto": "Población",
                      "valor": "186900"})
    editar(datos, "2024-S1/componentes.csv", agregar)
    r = auditar(datos)
    assert r["AUD-08"].hallazgos == (
        "data/2024-S1/indicadores.csv: el valor obtenido de IND.01.AEI.01.06 (2,142) no es el que dan sus "
        "componentes en data/2024-S1/componentes.csv: 4,000 / 186,900 × 100,000 = 2,140.",)
    # a la precisión publicada (0 decimales), 4,004 / 186,900 × 100,000 = 2,142.3 es 2,142: conforme
    editar(datos, "2024-S1/componentes.csv",
           poner("codigo_indicador", "IND.01.AEI.01.06", "valor", "4004", rol="numerador"))
    assert auditar(datos)["AUD-08"].resultado == Estado.CONFORME


def test_aud08_compara_a_la_precision_publicada(datos):
    # 39,868 / 97,664 × 100 = 40.8216…: un valor guardado con más decimales que redondea igual es conforme
    editar(datos, "2024-S1/indicadores.csv", poner("codigo_indicador", "IND.01.AEI.01.01", "valor_obtenido", "40.8249"))
    assert auditar(datos)["AUD-08"].resultado == Estado.CONFORME


def test_aud08_sin_denominador_no_se_pudo_comprobar(datos):
    editar(datos, "2024-S1/componentes.csv",
           lambda filas: [f for f in filas if not (f["codigo_indicador"] == "IND.01.AEI.01.01" and f["rol"] == "denominador")])
    r = auditar(datos)
    assert r["AUD-08"].resultado == Estado.AVISO
    assert r["AUD-08"].mensaje == ("No se pudo comprobar: data/2024-S1/componentes.csv no tiene denominador para "
                                   "IND.01.AEI.01.01, que es un porcentaje.")
    assert r["AUD-14"].resultado == Estado.AVISO
    assert r["AUD-14"].mensaje == ("No se pudo comprobar: la población intramuros: falta el dato en "
                                   "data/2024-S1/componentes.csv (IND.01.AEI.01.01).")


# ------------------------------------------------------------------ conteos contra las listas que cuentan

def test_aud09_lista_mas_larga_que_el_numero_declarado(datos):
    editar(datos, "2024-S1/ao_establecimientos.csv", lambda filas: filas + [
        {"codigo_ao": "AO.01.02.04", "establecimiento": "Iquitos"},
        {"codigo_ao": "AO.01.02.04", "establecimiento": "Tacna"}])
    r = auditar(datos)
    assert con_reparos(r) == {"AUD-02": "aviso", "AUD-09": "error", "AUD-10": "aviso"}
    assert r["AUD-09"].mensaje == (f"data/2024-S1/actividades_operativas.csv: {FOCOS} declara 15 establecimientos, "
                                   "pero data/2024-S1/ao_establecimientos.csv lista 16.")


def test_aud10_lista_mas_corta_que_el_numero_declarado(datos):
    editar(datos, "2024-S1/ao_establecimientos.csv",
           lambda filas: [f for f in filas if not (f["codigo_ao"] == "AO.01.02.02" and f["establecimiento"] == "Cusco")])
    r = auditar(datos)
    assert r["AUD-10"].hallazgos == (
        "data/2024-S1/actividades_operativas.csv: AO.01.02.02 (“Ejecución del Programa Asumiendo Responsabilidades, "
        "Educando Emociones - AREE”) declara 6 establecimientos y data/2024-S1/ao_establecimientos.csv lista 5.", AVISO_FOCOS)


# ------------------------------------------------------------------ indicador contra su detalle

def test_aud11_unidades_de_albergue_distintas_de_las_obras_culminadas(datos):
    editar(datos, "2024-S1/obras.csv", poner("cui", "2159429", "unidades_albergue", "225"))
    r = auditar(datos)
    assert con_reparos(r) == {"AUD-02": "aviso", "AUD-10": "aviso", "AUD-11": "error"}
    assert r["AUD-11"].mensaje == ("data/2024-S1/indicadores.csv: IND.01.AEI.01.03 da 432 unidades de albergue "
                                   "construidas, pero las obras culminadas de data/2024-S1/obras.csv suman 433: "
                                   "Puno (225) y Lampa (208).")


# ------------------------------------------------------------------ partes no mayores que su total

def test_aud12_evaluados_mas_que_la_poblacion(datos):
    editar(datos, "2024-S1/evaluacion_tratamiento.csv", poner("ambito", "intramuros", "evaluados", "99999"))
    r = auditar(datos)
    assert con_reparos(r) == {"AUD-02": "aviso", "AUD-10": "aviso", "AUD-12": "error"}
    assert r["AUD-12"].mensaje == ("data/2024-S1/evaluacion_tratamiento.csv, intramuros: los evaluados (99,999) "
                                   "superan a la población intramuros al 2024-06-30 en data/2024-S1/poblacion.csv (97,664).")


def test_aud12_favorables_mas_que_los_evaluados(datos):
    editar(datos, "2024-S1/evaluacion_tratamiento.csv", poner("ambito", "extramuros", "favorables", "1600"))
    with pytest.raises(ErrorDeDatos, match="no puede ser mayor que los evaluados"):
        cargar_semestre(SEM, datos)  # la validación lo impide en el CSV; la auditoría lo vuelve a mirar
    d = cargar_semestre(SEM, RAIZ / "data")
    t = d.medidos["evaluacion_tratamiento"]
    t.loc[t["ambito"] == "extramuros", "favorables"] = 1600
    r = {x.codigo: x for x in auditoria.auditar(d)}
    assert r["AUD-12"].mensaje == ("data/2024-S1/evaluacion_tratamiento.csv, extramuros: los favorables (1,600) "
                                   "superan a los evaluados (1,576).")


@pytest.mark.parametrize("rel, cambio, mensaje", [
    ("2024-S1/interconexion.csv", poner("tipo_establecimiento", "medio_libre", "interconectados", "40"),
     "data/2024-S1/interconexion.csv: los establecimientos de medio libre interconectados (40) superan a los 39 de "
     "data/2024-S1/entidad.csv."),
    ("2024-S1/interconexion.csv", poner("tipo_establecimiento", "penitenciario", "interconectados", "70"),
     "data/2024-S1/interconexion.csv: los establecimientos penitenciarios interconectados (70) superan a los 69 de "
     "data/2024-S1/entidad.csv."),
    ("2024-S1/actividades_operativas.csv", poner("codigo_ao", "AO.01.01.01", "establecimientos", "70"),
     "data/2024-S1/actividades_operativas.csv: AO.01.01.01 se implementa en 70 establecimientos, más que los 69 "
     "establecimientos (penitenciarios) de data/2024-S1/entidad.csv."),
    ("2024-S1/actos_violentos.csv", poner("oficina_regional", "Chiclayo", "actos", "80"),
     "data/2024-S1/actos_violentos.csv: los actos violentos por oficina regional suman 105, más que el valor "
     "obtenido de IND.01.AEI.01.04 en data/2024-S1/indicadores.csv (101)."),
])
def test_aud13_una_parte_mayor_que_su_total(datos, rel, cambio, mensaje):
    editar(datos, rel, cambio)
    r = auditar(datos)
    assert r["AUD-13"].resultado == Estado.ERROR
    assert r["AUD-13"].hallazgos == (mensaje,)


# ------------------------------------------------------------------ la misma cifra en dos archivos

@pytest.mark.parametrize("rel, cambio, mensaje", [
    ("2024-S1/evaluacion_tratamiento.csv", poner("ambito", "extramuros", "evaluados", "1577"),
     "Los evaluados extramuros: data/2024-S1/evaluacion_tratamiento.csv da 1,577 y data/2024-S1/componentes.csv "
     "(IND.01.AEI.01.02) da 1,576."),
    ("2024-S1/poblacion.csv", poner("ambito", "intramuros", "personas", "97665", fecha_corte="2024-06-30"),
     "La población intramuros: data/2024-S1/poblacion.csv da 97,665 y data/2024-S1/componentes.csv "
     "(IND.01.AEI.01.01) da 97,664."),
    ("2024-S1/interconexion.csv", poner("tipo_establecimiento", "penitenciario", "interconectados", "68"),
     "Los establecimientos interconectados: data/2024-S1/interconexion.csv da 89 y data/2024-S1/indicadores.csv "
     "(IND.01.AEI.02.03) da 90."),
    ("2024-S1/actividades_operativas.csv", poner("codigo_ao", "AO.01.03.01", "ejecutado", "430"),
     "Las unidades de albergue construidas: data/2024-S1/actividades_operativas.csv da 430 y "
     "data/2024-S1/indicadores.csv (IND.01.AEI.01.03) da 432."),
])
def test_aud14_la_misma_cifra_distinta_en_dos_archivos(datos, rel, cambio, mensaje):
    editar(datos, rel, cambio)
    r = auditar(datos)
    assert r["AUD-14"].resultado == Estado.ERROR
    assert r["AUD-14"].hallazgos == (mensaje,)


# ------------------------------------------------------------------ robustez

def test_una_comprobacion_que_se_cae_es_un_error_no_un_silencio(reales, monkeypatch):
    def rota(d, r):
        raise KeyError("columna_que_no_existe")

    chequeo = auditoria.Chequeo("AUD-99", "Prueba", Severidad.AVISO, rota)
    r = auditoria.ejecutar_chequeo(chequeo, cargar_semestre(SEM, RAIZ / "data"))
    assert r.resultado == Estado.ERROR
    assert r.mensaje == "La comprobación no pudo ejecutarse: KeyError: 'columna_que_no_existe'."


def test_un_plan_sin_esos_indicadores_da_no_aplica():
    """Las comprobaciones cruzadas buscan el indicador que el plan declara; sin él, dicen por qué no aplican."""
    d = cargar_semestre(SEM, RAIZ / "data")
    ind = d.plan["indicadores"]
    d.plan["indicadores"] = ind.assign(explicacion=ind["explicacion"].where(
        ~ind["explicacion"].isin(["profesionales", "obras_albergue"]), None))
    r = {x.codigo: x for x in auditoria.auditar(d)}
    assert r["AUD-06"].resultado == r["AUD-11"].resultado == Estado.NO_APLICA
    assert r["AUD-06"].mensaje == ("Ningún indicador del plan se explica con “profesionales” (columna explicacion "
                                   "de plan/indicadores.csv).")
    assert "De las quince (15) comprobaciones" in auditoria.resumen(list(r.values()))
    assert auditoria.resumen(list(r.values())).endswith("y tres (03) no aplican.")  # con AUD-15: un solo semestre


def test_lo_que_se_aplico_al_semestre_anterior_y_ya_no_es_un_aviso(monkeypatch):
    d = cargar_semestre(SEM, RAIZ / "data")
    anterior = cargar_semestre(SEM, RAIZ / "data")
    anterior.semestre = "2023-S2"
    ind = d.plan["indicadores"]
    d.plan["indicadores"] = ind.assign(explicacion=ind["explicacion"].where(ind["explicacion"] != "profesionales",
                                                                              None))
    llamadas = []

    def cargar():
        llamadas.append(1)
        return anterior

    r = {x.codigo: x for x in auditoria.auditar(d, cargar)}
    assert r["AUD-06"].resultado == Estado.AVISO and r["AUD-06"].severidad == Severidad.AVISO
    assert r["AUD-06"].mensaje.startswith("Se aplicó en el segundo semestre de 2023 (resultado: conforme) y no se "
                                          "aplica en este semestre: Ningún indicador")
    assert llamadas == [1]
    # Lo que tampoco se aplicó al anterior sigue en «no aplica» (AUD-15: ninguno de los dos tiene un año completo).
    assert r["AUD-15"].resultado == Estado.NO_APLICA
    # Si todo aplica, el semestre anterior ni se carga.
    completo = cargar_semestre(SEM, RAIZ / "data")
    monkeypatch.setattr(auditoria, "CHEQUEOS", [c for c in auditoria.CHEQUEOS if c.codigo != "AUD-15"])
    auditoria.auditar(completo, cargar)
    assert llamadas == [1]


def test_un_anio_con_dos_metas_o_un_acumulativo_que_baja_es_un_aviso():
    """AUD-15 compara los dos semestres de cada año de la serie: la meta es del año y un total del año no
    baja de su valor de medio año."""
    d = cargar_semestre(SEM, RAIZ / "data")
    h = d.historial
    segundo = h.assign(semestre="2024-S2", periodo="S2")
    d.historial = pd.concat([h, segundo], ignore_index=True)
    r = {x.codigo: x for x in auditoria.auditar(d)}
    assert r["AUD-15"].resultado == Estado.CONFORME and "IND.01.AEI.01.04 (2024)" in r["AUD-15"].mensaje

    cambiado = segundo.copy()
    fila = cambiado["codigo_indicador"] == "IND.01.AEI.01.04"  # actos violentos: acumulativo
    cambiado.loc[fila, "valor_obtenido"] = 88
    fila_meta = cambiado["codigo_indicador"] == "IND.01.AEI.01.03"
    cambiado.loc[fila_meta, "logro_esperado"] = 8900
    d.historial = pd.concat([h, cambiado], ignore_index=True)
    r = {x.codigo: x for x in auditoria.auditar(d)}
    assert r["AUD-15"].resultado == Estado.AVISO
    assert r["AUD-15"].hallazgos == (
        "data/2024-S1 y data/2024-S2: el logro esperado de IND.01.AEI.01.03 para 2024 es 8,824 en el primer semestre "
        "y 8,900 en el segundo.",
        "data/2024-S1 y data/2024-S2: IND.01.AEI.01.04 suma a lo largo del año, pero su valor al cierre de 2024 (88) "
        "es menor que el del primer semestre (101).")
