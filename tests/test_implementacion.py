"""Implementación de las AEI (§3.2): cifras y oraciones de AO, inversiones, mantenimientos,
presupuesto, recomendaciones y anexos, con las cifras del informe de referencia (I semestre 2024).

Las tablas se arman aquí con los valores de la referencia (no se lee data/): la prueba fija la
regla, no el archivo.
"""

from __future__ import annotations

import re

import pandas as pd

from markdown_plano import plano
import pytest

from inpe.calculo import ceplan
from inpe.redaccion import implementacion as impl
from inpe.presentacion import tablas
from inpe.publicacion.ejecucion import EXPRESION_EN_LINEA

PERIODO = "primer semestre 2024"
NBSP = "\xa0"


# --- fábricas de filas ------------------------------------------------------------------------


def ao(codigo="AO.01.01.01", programado=7360.0, ejecutado=7571.0, unidad="personas privadas de libertad estudiantes",
       establecimientos=63, lista=(), denominacion="Educación básica alternativa", descripcion="es una modalidad.",
       codigo_aei="AEI.01.01") -> pd.Series:
    return pd.Series({
        "codigo_ao": codigo, "codigo_aei": codigo_aei, "denominacion": denominacion, "descripcion": descripcion,
        "unidad_medida": unidad, "programado": programado, "ejecutado": ejecutado,
        "establecimientos": establecimientos, "avance": ceplan.avance_ao(programado, ejecutado),
        "lista_establecimientos": list(lista),
    })


def indicador(**k) -> pd.Series:
    base = {"codigo_indicador": "IND.01.AEI.01.01", "codigo_aei": "AEI.01.01", "denominacion": "Porcentaje X",
            "sentido": "Ascendente", "unidad": "porcentaje", "decimales": 2, "logro_esperado": 16.0,
            "valor_obtenido": 40.82}
    base |= k
    base["avance"] = ceplan.avance_indicador(base["logro_esperado"], base["valor_obtenido"], base["sentido"])
    base["semaforo"] = str(ceplan.semaforo(base["avance"]))
    base["estado"] = str(ceplan.estado_respecto_meta(base["logro_esperado"], base["valor_obtenido"], base["sentido"]))
    return pd.Series(base)


def aei_fila(codigo="AEI.01.01", avance=100.0, denominacion="Tratamiento integral") -> pd.Series:
    return pd.Series({"codigo_aei": codigo, "denominacion": denominacion, "avance": avance,
                      "semaforo": str(ceplan.semaforo(avance))})


PRESUPUESTO = pd.DataFrame({
    "ambito": ["PLIEGO", "AEI.01.01", "AEI.01.02", "AEI.01.03", "AEI.01.04", "AEI.01.05", "AEI.01.06",
               "AEI.02.01", "AEI.02.02", "AEI.02.03", "AEI.02.04"],
    "pim": [897215339.55, 57738908.35, 4971594.84, 81032773.43, 312017380.90, 70877550.00, 311309649.84,
            47883025.89, 1442284.00, 9717940.00, 224232.00],
    "devengado": [414490061.35, 26162323.98, 2275437.90, 28532702.39, 140199175.22, 25355878.96, 165018293.51,
                  21893235.02, 611869.15, 4322874.69, 118270.53],
})
AEI_PLAN = pd.DataFrame({
    "codigo_aei": ["AEI.01.01", "AEI.01.02", "AEI.01.03", "AEI.01.04", "AEI.01.05", "AEI.01.06", "AEI.02.01",
                   "AEI.02.02", "AEI.02.03", "AEI.02.04", "AEI.03.01"],
    "codigo_oei": ["OEI.01"] * 6 + ["OEI.02"] * 4 + ["OEI.03"],
    "denominacion": [f"Acción {i}" for i in range(11)],
    "avance": [100.0, 100.0, 2.447869, 69.306931, 32.575383, 100.0, 6.0, 0.0, 84.905660, 27.333333, 0.0],
    "priorizada": [True] * 6 + [False] * 5,
})
AEI_PLAN["semaforo"] = [str(ceplan.semaforo(a)) for a in AEI_PLAN["avance"]]

MANTENIMIENTOS = pd.DataFrame({
    "establecimiento": ["Ica", "Miguel Castro Castro", "Cañete", "Anexo de Mujeres Chorrillos", "Ancón II", "Ancón I",
                        "Huanta", "Huacho", "Huánuco", "Huaraz", "Juliaca", "Trujillo", "Chimbote", "Chincha",
                        "Huánuco", "Juliaca", "Puerto Maldonado", "Chachapoyas", "Puno"],
    "descripcion": ["servicio"] * 19,
    "estado": ["culminado"] * 4 + ["en_ejecucion"] * 8 + ["con_contrato"] * 5 + ["buena_pro", "proceso_convocatoria"],
})

OBRAS = pd.DataFrame({
    "cui": ["2159429", "2158527", "2135162", "2190039", "2158194", "2537355"],
    "nombre": ["Obra Puno", "Obra Lampa – Etapa I", "Obra Chimbote", "Obra Surquillo", "Obra Arequipa",
               "Video vigilancia Ancón I"],
    "tipo_inversion": ["obra", "obra", "obra", "obra", "obra", "equipamiento"],
    "establecimiento": ["Puno", "Lampa", "Chimbote", "Surquillo", "Arequipa", "Ancón I"],
    "unidades_albergue": pd.array([224, 208, 35, None, 953, None], dtype="Int64"),
    "estado": ["culminada", "culminada", "en_ejecucion", "en_ejecucion", "expediente_en_elaboracion",
               "contrato_firmado"],
    "avance_fisico": [None, None, 82.9, 20.3, None, None],
    "mes_culminacion": ["2024-03", "2024-01", None, None, None, None],
})
HITOS = pd.DataFrame({
    "cui": ["2158194", "2158194", "2158194", "2190039"],
    "hito": ["culminacion_aprobacion_expediente", "convocatoria", "inicio_obra", "culminacion_obra"],
    "desde": ["2024-08-30", "2024-09", "2024-11", "2024"],
    "hasta": ["2024-08-30", "2024-10", "2024-11", "2024"],
    "nota": ["estimado", "estimado", "sujeto a la asignación presupuestal", "el informe dice"],
})
DESAGREGADO = pd.DataFrame({
    "codigo_ao": ["AO.01.01.09"] * 4 + ["AO.01.03.01", "AO.01.04.01"],
    "concepto": ["Participaron en talleres productivos", "Realizaron actividades individuales y grupales",
                 "Realizaron servicio ad honorem", "Realizaron actividades laborales mediante convenio público-privado",
                 "EP Chimbote (CUI 2135162): aforo del taller de manualidad (internos)",
                 "Personas privadas de libertad trasladadas"],
    "valor": [12758.0, 14368.0, 187.0, 2300.0, 111.0, 912.0],
    "suma_al_total": [True, True, True, False, False, False],
})


# --- avance de las AO (sin tope, un decimal) ----------------------------------------------------


@pytest.mark.parametrize("programado, ejecutado, redondeado, texto", [
    (7360, 7571, 103, "superior a lo programado (102.9%)"),
    (260, 93, 36, "del 35.8%"),
    (300, 146, 49, "del 48.7%"),
    (8606, 7712, 90, "del 89.6%"),
    (713, 695, 97, "del 97.5%"),
    (955, 951, 100, "del 99.6%"),
    (360, 308, 86, "del 85.6%"),
    (682, 596, 87, "del 87.4%"),
    (185, 185, 100, "del 100%, igual a lo programado"),
])
def test_avance_de_las_ao_de_la_referencia(programado, ejecutado, redondeado, texto):
    avance = ceplan.avance_ao(programado, ejecutado)
    assert round(avance) == redondeado  # la cifra entera que publica la referencia
    assert impl.texto_avance_ao(avance) == plano(texto)


def test_avance_sin_programacion():
    assert impl.texto_avance_ao(None) == "sin programación registrada"
    assert impl.texto_avance_ao(float("nan")) == "sin programación registrada"


def test_oracion_resultado_ao_con_meta_y_superior():
    texto = impl.oracion_resultado_ao(ao(), PERIODO)
    assert "7,360 personas privadas de libertad estudiantes" in plano(texto)
    assert "7,571 personas privadas de libertad estudiantes" in plano(texto)
    assert "superior a lo programado (102.9%)" in plano(texto) and plano(texto).startswith("Al primer semestre 2024")


def test_oracion_resultado_ao_sin_programacion_no_calcula_avance():
    texto = impl.oracion_resultado_ao(ao(programado=float("nan"), ejecutado=27313.0,
                                         unidad="personas privadas de libertad"), PERIODO)
    assert "27,313 personas privadas de libertad" in plano(texto)
    assert "sin programación registrada" in plano(texto) and "%" not in plano(texto)


def test_oracion_resultado_ao_sin_datos_y_sin_ejecucion():
    assert impl.oracion_resultado_ao(ao(programado=float("nan"), ejecutado=float("nan")), PERIODO) == ""
    assert "no se reportó su ejecución" in impl.oracion_resultado_ao(ao(ejecutado=float("nan")), PERIODO)


def test_oracion_resultado_ao_programado_cero_y_sin_ejecucion():
    texto = impl.oracion_resultado_ao(ao(programado=0.0, ejecutado=float("nan")), PERIODO)
    assert plano(texto) == ("Al primer semestre 2024, la AO no registró meta física programada para el semestre ni se "
                     "reportó su ejecución.")
    assert "—" not in plano(texto)


# --- establecimientos: el número sale de la lista ------------------------------------------------

FOCOS = ["Yanahuara", "Surquillo", "Lima Norte", "Callao", "Chimbote", "Tumbes", "Lambayeque", "Piura", "Trujillo",
         "Huancayo", "Ayacucho", "Cusco", "Huánuco", "Pucallpa"]


def test_focos_cuenta_la_lista_y_no_la_cifra_declarada():
    fila = ao(codigo="AO.01.02.04", establecimientos=15, lista=FOCOS)
    assert impl.establecimientos_ao(fila) == (14, FOCOS)
    texto = impl.oracion_establecimientos(fila, "establecimiento de medio libre", "establecimientos de medio libre")
    assert plano(texto).startswith("Se encuentra implementada en 14 establecimientos de medio libre: Yanahuara, ")
    assert plano(texto).endswith("Huánuco y Pucallpa.") and "15" not in plano(texto)


def test_establecimientos_sin_lista_usa_la_cifra_y_uno_solo_se_nombra():
    assert impl.oracion_establecimientos(ao(), "establecimiento penitenciario", "establecimientos penitenciarios") \
        == "Se encuentra implementada en 63 establecimientos penitenciarios."
    tas = ao(establecimientos=1, lista=["Lurigancho"])
    assert impl.oracion_establecimientos(tas, "establecimiento penitenciario", "establecimientos penitenciarios") \
        == "Se encuentra implementada en el establecimiento penitenciario de Lurigancho."
    assert impl.oracion_establecimientos(ao(establecimientos=pd.NA), "a", "b") == ""


# --- desagregación de la AO de actividades productivas ------------------------------------------


def test_desagregado_suma_al_ejecutado():
    d = impl.desagregado_ao(DESAGREGADO, "AO.01.01.09")
    assert d["suma"] == 27313 == 12758 + 14368 + 187
    assert [v for _, v in d["complementarios"]] == [2300]


def test_oracion_desagregado_por_modalidad():
    fila = ao(codigo="AO.01.01.09", programado=float("nan"), ejecutado=27313.0, unidad="personas privadas de libertad")
    texto = impl.oracion_desagregado(fila, DESAGREGADO)
    assert plano(texto).startswith("De ese total, 12,758 personas privadas de libertad participaron en talleres productivos, "
                            "14,368 realizaron actividades individuales y grupales y 187 realizaron servicio ad honorem.")
    assert "Además, 2,300 personas privadas de libertad realizaron actividades laborales" in plano(texto)


def test_oracion_desagregado_frase_nominal_y_partes_que_no_suman():
    traslados = ao(codigo="AO.01.04.01", programado=float("nan"), ejecutado=179.0, unidad="eventos de traslado")
    assert impl.oracion_desagregado(traslados, DESAGREGADO) == \
        "Además, se registraron 912 personas privadas de libertad trasladadas."
    otra = ao(codigo="AO.01.01.09", programado=float("nan"), ejecutado=30000.0, unidad="personas")
    assert impl.oracion_desagregado(otra, DESAGREGADO).startswith("Según la desagregación reportada, ")


def test_parrafos_ao_con_nota_al_pie_y_comentario_escapado():
    fila = ao(codigo="AO.01.01.09", programado=float("nan"), ejecutado=27313.0, unidad="personas privadas de libertad",
              denominacion="Promoción *productiva*", descripcion="")
    texto = impl.parrafos_ao(pd.DataFrame([fila]), DESAGREGADO, {"AO.01.01.09": "Comentario **del** metodólogo."},
                             PERIODO, notas={"AO.01.01.09": "Fuente: PADIN – junio de 2024."})
    assert texto.startswith(r"**AO. Promoción \*productiva\*.**")
    assert "^[Fuente: PADIN – junio de 2024.]" in plano(texto)
    assert plano(texto).endswith("Comentario **del** metodólogo.")  # el comentario es Markdown del metodólogo


def test_resumen_y_titulo_del_avance_de_las_ao():
    t = pd.DataFrame([ao(), ao(programado=260, ejecutado=93), ao(programado=185, ejecutado=185),
                      ao(programado=float("nan"), ejecutado=5.0)])
    assert impl.resumen_avance_ao(t) == {"total": 4, "con_meta": 3, "sin_meta": 1, "cumplen": 2, "bajo_umbral": 1}
    assert impl.titulo_avance_ao(t, PERIODO) == (
        "Al primer semestre 2024, 2 de 3 AO claves con meta física programada alcanzaron o superaron lo programado")
    assert impl.oracion_resumen_ao(t) == (
        "las tres (03) AO claves con meta física programada: dos (02) alcanzaron o superaron lo programado y "
        "una (01) quedó por debajo del 75%. Una (01) AO sin meta física programada se describe en el texto de su AEI.")
    assert "1 de 1 AO claves con meta física programada alcanzó o superó" in impl.titulo_avance_ao(t.iloc[:1], PERIODO)


def test_resumen_del_avance_de_las_ao_con_ceros():
    # Nada de "cero (00)": un conteo en cero se dice con "ninguna" y la oración sin AO se omite.
    sin_ceros = impl.oracion_resumen_ao(pd.DataFrame([ao(programado=260, ejecutado=250)]))
    assert sin_ceros == ("una (01) AO clave con meta física programada: ninguna alcanzó o superó lo programado y "
                         "ninguna quedó por debajo del 75%.")
    assert "cero" not in sin_ceros and "(00)" not in sin_ceros
    dos_sin_meta = pd.DataFrame([ao(), ao(programado=float("nan"), ejecutado=5.0),
                                 ao(programado=float("nan"), ejecutado=7.0)])
    assert impl.oracion_resumen_ao(dos_sin_meta).endswith(
        "Las dos (02) AO sin meta física programada se describen en el texto de su AEI.")
    solo_sin_meta = pd.DataFrame([ao(programado=float("nan"), ejecutado=5.0)])
    assert impl.oracion_resumen_ao(solo_sin_meta) == "las AO claves: ninguna tiene meta física programada."


def test_ao_claves_concuerda_en_numero():
    assert impl.ao_claves(pd.DataFrame([ao(), ao()])) == (
        "dos (02) Actividades Operativas Claves, que contribuyen directamente a su resultado y se detallan")
    assert impl.ao_claves(pd.DataFrame([ao()])) == (
        "una (01) Actividad Operativa Clave, que contribuye directamente a su resultado y se detalla")


# --- presupuesto por AEI ------------------------------------------------------------------------


@pytest.mark.parametrize("codigo, ejecucion", [
    ("AEI.01.01", "45.3%"), ("AEI.01.02", "45.8%"), ("AEI.01.03", "35.2%"), ("AEI.01.04", "44.9%"),
    ("AEI.01.05", "35.8%"), ("AEI.01.06", "53.0%"), ("AEI.02.01", "45.7%"), ("AEI.02.02", "42.4%"),
    ("AEI.02.03", "44.5%"), ("AEI.02.04", "52.7%"),
])
def test_ejecucion_presupuestal_por_aei_de_la_referencia(codigo, ejecucion):
    fila = PRESUPUESTO[PRESUPUESTO["ambito"] == codigo].iloc[0]
    texto = impl.oracion_presupuesto(fila, PERIODO)
    assert plano(texto).endswith(f"ejecución presupuestal del {ejecucion}.")


def test_oracion_presupuesto_con_montos_y_sin_fila():
    fila = PRESUPUESTO[PRESUPUESTO["ambito"] == "AEI.01.01"].iloc[0]
    texto = impl.oracion_presupuesto(fila, PERIODO)
    assert f"S/{NBSP}57,738,908.35" in plano(texto) and f"S/{NBSP}26,162,323.98" in plano(texto)
    sin = impl.oracion_presupuesto(None, PERIODO)
    assert "no se reportó" in sin and not re.search(r"\d", sin)


def test_presupuesto_por_aei_conserva_la_aei_sin_fila_y_el_rango():
    t = impl.presupuesto_por_aei(AEI_PLAN, PRESUPUESTO)
    assert list(t["codigo_aei"]) == list(AEI_PLAN["codigo_aei"])
    assert t.loc[10, "codigo_aei"] == "AEI.03.01" and pd.isna(t.loc[10, "ejecucion"])
    menor, mayor = impl.rango_ejecucion(t)
    assert (menor["codigo_aei"], mayor["codigo_aei"]) == ("AEI.01.03", "AEI.01.06")
    assert impl.oracion_rango_ejecucion(t) == (
        "la ejecución por AEI va de 35.2% (AEI.01.03) a 53.0% (AEI.01.06); AEI.03.01 no reporta presupuesto")
    pliego = PRESUPUESTO.iloc[0]
    assert impl.titulo_presupuesto(t, pliego, PERIODO) == (
        "Al primer semestre 2024, el pliego ejecutó el 46.2% de su PIM; por AEI, de 35.2% (AEI.01.03) a 53.0% (AEI.01.06)")
    assert impl.rango_ejecucion(t.iloc[10:]) is None


# --- avance de la AEI -----------------------------------------------------------------------------


def test_avance_aei_con_sobrecumplimiento_y_tope():
    texto = impl.oracion_avance_aei(aei_fila(), pd.DataFrame([indicador()]), PERIODO, 2024)
    assert plano(texto).startswith("Al primer semestre 2024, la AEI registra un nivel de avance de 100.00% (nivel alto), "
                            "el máximo que reconoce la metodología de CEPLAN")
    assert "su valor obtenido de 40.82% supera el logro esperado para 2024 de 16.00%" in plano(texto)


def test_avance_aei_descendente_que_no_cumple_y_que_cumple():
    actos = indicador(sentido="Descendente", unidad="numero", decimales=0, logro_esperado=70, valor_obtenido=101)
    texto = impl.oracion_avance_aei(aei_fila(avance=actos["avance"]), pd.DataFrame([actos]), PERIODO, 2024)
    assert "69.31% (nivel bajo)" in plano(texto) and "101 supera el logro esperado para 2024 de 70, cuando se espera" in plano(texto)
    tb = indicador(sentido="Descendente", unidad="tasa_100000", decimales=0, logro_esperado=2860, valor_obtenido=2142)
    assert "se mantiene por debajo del logro esperado para 2024 de 2,860" in impl.oracion_avance_aei(
        aei_fila(), pd.DataFrame([tb]), PERIODO, 2024)


def test_avance_aei_con_dos_indicadores_sin_meta_y_sin_valor():
    ua = indicador(unidad="numero", decimales=0, logro_esperado=8824, valor_obtenido=432, denominacion="UA")
    ml = indicador(unidad="numero", decimales=0, logro_esperado=0, valor_obtenido=0, denominacion="EML")
    texto = impl.oracion_avance_aei(aei_fila(avance=2.447869), pd.DataFrame([ua, ml]), PERIODO, 2024)
    assert "2.45% (nivel bajo), promedio simple del avance de sus dos (02) indicadores" in plano(texto)
    assert "en «UA», con un avance de 4.90%, su valor obtenido de 432 es inferior" in plano(texto)
    assert "y en «EML», con un avance de 0.00%, no tiene logro esperado para 2024" in plano(texto)
    sin_valor = indicador(logro_esperado=80.0, valor_obtenido=float("nan"))
    assert "no se reportó valor obtenido frente a un logro esperado para 2024 de 80.00%" in \
        impl.oracion_avance_aei(aei_fila(avance=0.0), pd.DataFrame([sin_valor]), PERIODO, 2024)


def test_parrafos_aei_pone_el_primer_parrafo_del_comentario_tras_el_avance():
    fila = PRESUPUESTO[PRESUPUESTO["ambito"] == "AEI.01.01"].iloc[0]
    texto = impl.parrafos_aei(aei_fila(), pd.DataFrame([indicador()]), fila, "Esto debido a X.\n\nAO articuladas.",
                              PERIODO, 2024, complemento="Dato propio.")
    bloques = plano(texto).split("\n\n")
    assert bloques[0].endswith("Dato propio. Esto debido a X.")
    assert bloques[1].startswith("Esta AEI cuenta con un Presupuesto") and bloques[2] == "AO articuladas."


def test_partir_comentario():
    assert impl.partir_comentario("") == ("", "")
    assert impl.partir_comentario("a\n\n b \n\n\nc") == ("a", "b\n\nc")


# --- inversiones ----------------------------------------------------------------------------------


def test_unidades_de_albergue_culminadas_de_la_referencia():
    assert impl.unidades_albergue_culminadas(OBRAS) == 432 == 224 + 208


def test_notas_por_cui():
    notas, otras = impl.notas_por_cui("- CUI 2159429 (EP Puno): se culminó el saldo de obra\n"
                                      "- CUI 1 y CUI 2: nota común.\nLínea libre.")
    assert notas["2159429"] == "Se culminó el saldo de obra."
    assert notas["1"] == notas["2"] == "Nota común."
    assert otras == ["Línea libre."]


@pytest.mark.parametrize("desde, hasta, esperado", [
    ("2024-08-30", "2024-08-30", "para el 30 de agosto de 2024"),
    ("2024-09", "2024-10", "entre setiembre y octubre de 2024"),
    ("2024-12", "2025-03", "entre diciembre de 2024 y marzo de 2025"),
    ("2024-11", "2024-11", "para noviembre de 2024"),
    ("2024", "2024", "para 2024"),
    ("2024-12-05", "", "para el 5 de diciembre de 2024"),
])
def test_cuando_hito(desde, hasta, esperado):
    assert impl.cuando_hito(desde, hasta) == esperado


def test_cuando_hito_rechaza_fechas_mal_escritas():
    with pytest.raises(ValueError, match="AAAA-MM-DD"):
        impl.cuando_hito("30/08/2024", "")


def test_oracion_hitos_no_publica_la_nota_de_procedencia():
    texto = impl.oracion_hitos(HITOS[HITOS["cui"] == "2158194"])
    assert plano(texto) == ("Se prevé la culminación y aprobación del expediente técnico para el 30 de agosto de 2024, "
                     "el proceso de convocatoria entre setiembre y octubre de 2024 y el inicio de la ejecución de "
                     "la obra para noviembre de 2024.")
    assert impl.oracion_hitos(HITOS.iloc[0:0]) == ""


def test_texto_inversiones_por_estado():
    texto = plano(impl.texto_inversiones(OBRAS, HITOS, "- CUI 2159429 (EP Puno): se culminó el saldo de obra.", PERIODO,
                                   impl.ESTADOS_EJECUCION_OBRA, DESAGREGADO))
    assert plano(texto).startswith("Al primer semestre 2024, culminaron dos (02) obras, con un total de 432 unidades de "
                            "albergue construidas:")
    assert "culminada en marzo de 2024, con 224 unidades de albergue. Se culminó el saldo de obra." in plano(texto)
    assert "Se encuentran en ejecución dos (02) obras:" in plano(texto)
    assert "avance físico de 82.9%, que incrementará 35 unidades de albergue." in plano(texto)
    assert "Aforo del taller de manualidad (internos): 111." in plano(texto)
    assert "Se prevé la culminación de la obra para 2024." in plano(texto)
    assert "Se firmó el contrato de una (01) inversión en equipamiento:" in plano(texto)
    assert "Arequipa" not in plano(texto)  # el expediente va en su propia AO
    expedientes = impl.texto_inversiones(OBRAS, HITOS, "", PERIODO, impl.ESTADOS_EXPEDIENTE)
    assert plano(expedientes).startswith("Al primer semestre 2024, se viene elaborando el expediente técnico de una (01) "
                                  "inversión:")
    assert "que incrementará 953 unidades de albergue" in plano(expedientes)


def test_grupos_de_inversiones_concuerdan_en_numero():
    dos = pd.concat([OBRAS, OBRAS.iloc[[4]].assign(cui="9999999", nombre="Obra Tacna")], ignore_index=True)
    texto = plano(impl.texto_inversiones(dos, HITOS, "", PERIODO, impl.ESTADOS_EXPEDIENTE))
    assert plano(texto).startswith("Al primer semestre 2024, se vienen elaborando los expedientes técnicos de dos (02) "
                            "inversiones:")
    aprobado = OBRAS.iloc[[4]].assign(estado="expediente_aprobado")
    assert plano(impl.texto_inversiones(aprobado, HITOS, "", PERIODO, impl.ESTADOS_EXPEDIENTE)).startswith(
        "Al primer semestre 2024, se aprobó el expediente técnico de una (01) inversión:")
    una = plano(impl.texto_inversiones(OBRAS.iloc[[0]], HITOS, "", PERIODO, impl.ESTADOS_EJECUCION_OBRA))
    assert una.startswith("Al primer semestre 2024, culminó una (01) obra, con un total de 224 unidades de albergue "
                          "construidas:")


def test_obras_culminadas_sin_unidades_de_albergue_no_dicen_cero():
    equipo = OBRAS.iloc[[5]].assign(estado="culminada", mes_culminacion="2024-05")
    texto = plano(impl.texto_inversiones(equipo, HITOS, "", PERIODO, impl.ESTADOS_EJECUCION_OBRA))
    assert plano(texto).startswith("Al primer semestre 2024, culminó una (01) obra:")
    assert "unidades de albergue" not in plano(texto) and " 0 " not in plano(texto)
    cero = OBRAS.iloc[[0]].assign(unidades_albergue=pd.array([0], dtype="Int64"))
    assert "unidades de albergue" not in impl.texto_inversiones(cero, HITOS, "", PERIODO, impl.ESTADOS_EJECUCION_OBRA)
    una = OBRAS.iloc[[0]].assign(unidades_albergue=pd.array([1], dtype="Int64"))
    texto = impl.texto_inversiones(una, HITOS, "", PERIODO, impl.ESTADOS_EJECUCION_OBRA)
    assert "con un total de 1 unidad de albergue construida:" in plano(texto) and "con 1 unidad de albergue." in plano(texto)


def test_parrafo_inversiones_sin_inversiones():
    texto = plano(impl.parrafo_inversiones(ao(denominacion="Ejecución de la obra"), OBRAS.iloc[0:0], HITOS, "",
                                           PERIODO, impl.ESTADOS_EJECUCION_OBRA))
    assert plano(texto) == "**AO. Ejecución de la obra.** Al primer semestre 2024 no se registraron inversiones en esta actividad."


# --- mantenimientos -----------------------------------------------------------------------------


def test_conteo_de_mantenimientos_de_las_filas():
    assert impl.conteo_mantenimientos(MANTENIMIENTOS) == {
        "culminado": 4, "en_ejecucion": 8, "con_contrato": 5, "buena_pro": 1, "proceso_convocatoria": 1}
    por_estado = impl.establecimientos_por_estado(MANTENIMIENTOS)
    assert por_estado["culminado"] == ["Ica", "Miguel Castro Castro", "Cañete", "Anexo de Mujeres Chorrillos"]
    assert por_estado["buena_pro"] == ["Chachapoyas"] and len(por_estado["en_ejecucion"]) == 8


def test_oracion_mantenimientos():
    assert impl.oracion_mantenimientos(MANTENIMIENTOS, PERIODO) == (
        "Al primer semestre 2024, se registran diecinueve (19) mantenimientos preventivos y correctivos en los "
        "establecimientos penitenciarios: cuatro (04) en estado “culminado”, ocho (08) en estado “en ejecución”, "
        "cinco (05) en estado “con contrato”, uno (01) en estado “buena pro” y uno (01) en estado "
        "“proceso de convocatoria”.")
    assert "no se registraron" in impl.oracion_mantenimientos(MANTENIMIENTOS.iloc[0:0], PERIODO)


def test_oracion_de_un_solo_mantenimiento_en_singular():
    assert impl.oracion_mantenimientos(MANTENIMIENTOS.iloc[:1], PERIODO) == (
        "Al primer semestre 2024, se registra un (01) mantenimiento preventivo o correctivo en los establecimientos "
        "penitenciarios: uno (01) en estado “culminado”.")


def test_estado_nuevo_de_mantenimiento_se_muestra_al_final():
    t = pd.concat([MANTENIMIENTOS, pd.DataFrame({"establecimiento": ["X"], "descripcion": ["s"],
                                                 "estado": ["resuelto_por_arbitraje"]})])
    assert list(impl.conteo_mantenimientos(t))[-1] == "resuelto_por_arbitraje"
    assert impl.rotulo_estado_mantenimiento("resuelto_por_arbitraje") == "resuelto por arbitraje"


# --- AEI críticas, recomendaciones y compromisos ---------------------------------------------------


def test_aei_criticas_de_la_referencia_y_con_una_o_ninguna_en_nivel_bajo():
    no_priorizadas = AEI_PLAN[~AEI_PLAN["priorizada"]]
    assert impl.oracion_aei_criticas(no_priorizadas) == (
        "Se analizan a continuación las cinco (05) AEI no priorizadas (AEI.02.01, AEI.02.02, AEI.02.03, AEI.02.04 y "
        "AEI.03.01), correspondientes a OEI.02 y OEI.03, con su avance, su presupuesto y las actividades operativas "
        "que se articulan a ellas; cuatro (04) de ellas registran un nivel de avance bajo.")
    medias = no_priorizadas[no_priorizadas["semaforo"] != "Bajo"]
    dos = pd.concat([medias, no_priorizadas.iloc[[0]]])
    assert impl.oracion_aei_criticas(dos).endswith("a ellas; una (01) de ellas registra un nivel de avance bajo.")
    sin_bajo = pd.concat([medias, medias.assign(codigo_aei="AEI.02.05")])
    texto = impl.oracion_aei_criticas(sin_bajo)
    assert plano(texto).endswith("a ellas; ninguna de ellas registra un nivel de avance bajo.") and "cero" not in plano(texto)
    assert impl.oracion_aei_criticas(medias) == (
        "Se analiza a continuación la AEI no priorizada (AEI.02.03), correspondiente a OEI.02, con su avance, su "
        "presupuesto y las actividades operativas que se articulan a ella; no registra un nivel de avance bajo.")
    assert impl.oracion_aei_criticas(no_priorizadas.iloc[0:0]).startswith("Todas las AEI fueron priorizadas")


def test_aei_bajo_umbral_de_la_referencia():
    bajo = impl.aei_bajo_umbral(AEI_PLAN)
    assert list(bajo["codigo_aei"]) == ["AEI.01.03", "AEI.01.04", "AEI.01.05", "AEI.02.01", "AEI.02.02",
                                        "AEI.02.04", "AEI.03.01"]
    assert impl.oracion_aei_bajo(AEI_PLAN, PERIODO) == (
        "Al primer semestre 2024, siete (07) de las once (11) AEI registran un nivel de avance bajo "
        "(menos de 75% de su logro esperado):")
    assert plano(impl.lista_aei(bajo)).splitlines()[0] == "- AEI.01.03 Acción 2 (avance: 2.45%)"
    assert "ninguna AEI" in impl.oracion_aei_bajo(AEI_PLAN[AEI_PLAN["avance"] >= 75], PERIODO)
    assert impl.oracion_aei_bajo(AEI_PLAN.iloc[[2]], PERIODO) == (
        "Al primer semestre 2024, la única AEI registra un nivel de avance bajo (menos de 75% de su logro esperado):")


def test_recomendaciones_numeradas_con_el_avance_de_la_aei_que_nombran():
    texto = plano(impl.lista_recomendaciones("Primera, general.\n\nPara la AEI.01.04, más seguridad.\n\n"
                                             "Sobre AEI.01.03 y AEI.01.01.", AEI_PLAN, PERIODO))
    lineas = texto.splitlines()
    assert lineas[0] == "1. Primera, general."
    assert lineas[1] == ("2. Para la AEI.01.04, más seguridad. "
                         "*(Avance de la AEI.01.04 al primer semestre 2024: 69.31%, nivel bajo.)*")
    assert lineas[2].endswith("*(Avance al primer semestre 2024: AEI.01.03: 2.45%, nivel bajo; "
                              "AEI.01.01: 100.00%, nivel alto.)*")
    assert impl.aei_mencionadas("AEI.01.010 no es AEI.01.01", ["AEI.01.01"]) == ["AEI.01.01"]


COMPROMISOS = pd.DataFrame({
    "numero": pd.array([1, 2, 2, 2, 3], dtype="Int64"),
    "aspecto_mejora": ["Diseño"] + ["Seguimiento y evaluación"] * 3 + ["Implementación"],
    "recomendacion": ["Gestionar el PEI | nuevo"] + ["Ejecutar acciones"] * 3 + ["Realizar gestiones"],
    "accion_clave": ["- Aprobación del plan.\n- Formulación del PEI.", "- Supervisiones.", "- Contratación.",
                     "- Directiva.", "- Personal."],
    "medio_verificacion": ["Documento de aprobación", "Reporte", "Documento", "Informes", "Documento"],
    "unidad_responsable": ["Unidad de Planeamiento", "DSP", "OAI", "UOM", "OIP"],
    "plazo": ["2024-12-31", "2024-12-31", "2024-12-31", "2025-06-30", "2024-12-31"],
    "estado": ["En proceso"] * 5,
    "comentario": ["Primera reunión.", "Se espera reducir.", "Segunda convocatoria.", "Se programará.", ""],
})


def test_resumen_y_oracion_de_compromisos():
    r = impl.resumen_compromisos(COMPROMISOS)
    assert (r["aspectos"], r["acciones"], r["por_estado"]) == (3, 5, {"En proceso": 5})
    assert impl.oracion_compromisos(COMPROMISOS) == (
        "La matriz registra tres (03) aspectos de mejora con cinco (05) acciones clave; todas se encuentran en "
        "estado “En proceso”, con plazos hasta el 30 de junio de 2025.")
    mixto = COMPROMISOS.assign(estado=["En proceso"] * 4 + ["Cumplido"])
    assert "por estado de cumplimiento, cuatro (04) en estado “En proceso” y una (01) en estado “Cumplido”" in \
        impl.oracion_compromisos(mixto)


# --- utilidades -----------------------------------------------------------------------------------


def test_utilidades_de_redaccion():
    assert impl.nota_fuente("PADIN de la Subdirección", "2024-06-30") == "Fuente: PADIN de la Subdirección – junio de 2024."
    assert impl.parrafos(" a \n\n\n b ") == ["a", "b"]


@pytest.mark.parametrize("texto, esperado", [
    ("Participaron en talleres", "participaron en talleres"),
    ("EP Puno: aforo", "EP Puno: aforo"),          # sigla: no "eP Puno"
    ("PADIN de la Subdirección", "PADIN de la Subdirección"),
    ("A los internos", "a los internos"),
    ("X", "x"),
    ("", ""),
])
def test_minuscula_inicial_respeta_las_siglas(texto, esperado):
    assert impl.minuscula_inicial(plano(texto)) == esperado


def test_clausula_del_desagregado_con_sigla_inicial():
    fila = ao(codigo="AO.01.04.01", programado=float("nan"), ejecutado=5.0, unidad="eventos")
    t = pd.DataFrame({"codigo_ao": ["AO.01.04.01"], "concepto": ["EP Lurigancho con traslados"], "valor": [3.0],
                      "suma_al_total": [False]})
    assert impl.oracion_desagregado(fila, t) == "Además, se registraron 3 EP Lurigancho con traslados."


# --- cuadros nuevos de tablas.py --------------------------------------------------------------------


def _celdas_de_tabla(md: str) -> list[str]:
    import pypandoc

    html = pypandoc.convert_text(md, "html5", format="markdown")
    return [" ".join(c.split()) for c in re.findall(r"<t[dh](?:\s[^>]*)?>(.*?)</t[dh]>", html, flags=re.S)]


def test_tabla_grid_fusiona_celdas_y_admite_listas():
    md = tablas.tabla_grid([["A", "uno", tablas.Lista(["x | y", "z"])], [tablas.CONTINUA, "dos", "w"]],
                           ["Col1", "Col2", "Col3"], anchos=[5, 5, 10])
    import pypandoc

    html = pypandoc.convert_text(md, "html5", format="markdown")
    assert 'rowspan="2"' in html and "• x | y" in html and "• z" in html
    assert len(max(md.splitlines(), key=len)) > 72  # Pandoc reparte todo el ancho de la página


def test_tabla_grid_valida_la_forma():
    with pytest.raises(ValueError, match="primera fila"):
        tablas.tabla_grid([[tablas.CONTINUA, "a"]], ["A", "B"], [5, 5])
    with pytest.raises(ValueError, match="celdas"):
        tablas.tabla_grid([["a"]], ["A", "B"], [5, 5])
    with pytest.raises(ValueError, match="anchos"):
        tablas.tabla_grid([["a", "b"]], ["A", "B"], [5])


def test_cuadro_ao_claves_pone_la_aei_una_vez():
    aos = pd.DataFrame([ao(denominacion="Ejecución de la obra"), ao(denominacion="Mantenimiento")])
    celdas = _celdas_de_tabla(tablas.cuadro_ao_claves(aei_fila(codigo="AEI.01.03", denominacion="Infraestructura"),
                                                      aos))
    assert celdas[3:] == ["<strong>AEI.01.03</strong>", "Infraestructura", "Ejecución de la obra", "Mantenimiento"]


def test_cuadro_mantenimientos_con_conteo_por_estado():
    celdas = _celdas_de_tabla(tablas.cuadro_mantenimientos(MANTENIMIENTOS))
    for rotulo in ("Culminado (4)", "En ejecución (8)", "Con contrato (5)", "Buena pro (1)",
                   "Proceso de convocatoria (1)"):
        assert f"<strong>{rotulo}</strong>" in celdas, rotulo
    assert celdas.count("EP Huánuco") == 2 and len(celdas) == 3 + 5 + 2 * 19


def test_cuadro_compromisos_tiene_los_nueve_campos():
    md = tablas.cuadro_compromisos(COMPROMISOS)
    celdas = " ".join(_celdas_de_tabla(md))
    for texto in ("Gestionar el PEI | nuevo", "• Aprobación del plan.", "• Formulación del PEI.",
                  "Medio de verificación: Documento de aprobación", "<strong>Unidad de Planeamiento</strong>",
                  "Plazo: 31 de diciembre de 2024", "Plazo: 30 de junio de 2025", "<strong>En proceso</strong>",
                  "Primera reunión.", "Seguimiento y evaluación"):
        assert plano(texto) in celdas, plano(texto)
    assert celdas.count("Ejecutar acciones") == 1  # la recomendación del aspecto 2 se fusiona


def test_lista_enlaces_muestra_la_direccion_y_protege_el_enlace():
    enlaces = pd.DataFrame({"descripcion": ["Reporte del PEI [PTE]."],
                            "url": ["https://www.inpe.gob.pe/images/2024/REPORTE_PEI (final).pdf"]})
    md = tablas.lista_enlaces(enlaces)
    assert md.startswith(r"- Reporte del PEI \[PTE\]\.")
    assert "(https://www.inpe.gob.pe/images/2024/REPORTE_PEI%20%28final%29.pdf)" in md
    import pypandoc

    html = pypandoc.convert_text(md, "html5", format="markdown")
    assert 'href="https://www.inpe.gob.pe/images/2024/REPORTE_PEI%20%28final%29.pdf"' in html


def test_los_textos_generados_no_traen_marcadores_sin_resolver():
    texto = impl.oracion_mantenimientos(MANTENIMIENTOS, PERIODO) + impl.oracion_compromisos(COMPROMISOS)
    assert not EXPRESION_EN_LINEA.search(plano(texto)) and "{" not in plano(texto)
