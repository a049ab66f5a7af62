"""Implementación de las AEI (§3.2): las cifras (calculo/implementacion.py) y las oraciones de las AO
(redaccion/actividades.py) y de sus inversiones (redaccion/inversiones.py), con las cifras del informe
de referencia (primer semestre de 2024).

Las tablas se arman con los valores de la referencia (tests/referencia.py), no se lee data/: la prueba
fija la regla, no el archivo.
"""

from __future__ import annotations

import pandas as pd
import pytest

from inpe.calculo import ceplan, implementacion as calculo
from inpe.publicacion.ejecucion import EXPRESION_EN_LINEA
from inpe.redaccion import actividades, inversiones
from markdown_plano import plano
from referencia import (
    AEI_PLAN,
    DESAGREGADO,
    HITOS,
    MANTENIMIENTOS,
    OBRAS,
    PERIODO,
    PRESUPUESTO,
    ao,
)

PENITENCIARIO = ("establecimiento penitenciario", "establecimientos penitenciarios")
MEDIO_LIBRE = ("establecimiento de medio libre", "establecimientos de medio libre")


# --- avance de las AO (sin tope, un decimal) -------------------------------------------------------

@pytest.mark.parametrize("programado, ejecutado, redondeado, texto", [
    (7360, 7571, 103, "un avance de 102.9%, por encima de lo programado"),
    (260, 93, 36, "un avance de 35.8%"),
    (300, 146, 49, "un avance de 48.7%"),
    (8606, 7712, 90, "un avance de 89.6%"),
    (713, 695, 97, "un avance de 97.5%"),
    (955, 951, 100, "un avance de 99.6%"),   # 99.6% no es «lo programado»: el redondeo no cumple metas
    (360, 308, 86, "un avance de 85.6%"),
    (682, 596, 87, "un avance de 87.4%"),
    (185, 185, 100, "un avance de 100.0%, igual a lo programado"),
])
def test_avance_de_las_ao_de_la_referencia(programado, ejecutado, redondeado, texto):
    avance = ceplan.avance_ao(programado, ejecutado)
    assert round(avance) == redondeado  # la cifra entera que publica la referencia
    oracion = actividades.resultado(ao(programado=float(programado), ejecutado=float(ejecutado)))
    assert oracion.endswith(f"{texto}."), oracion
    if "programado" not in texto:
        assert "programado" not in oracion


def test_resultado_con_meta_en_tres_formas_con_las_mismas_cifras():
    formas = [actividades.resultado(ao(), orden) for orden in range(3)]
    assert formas == [
        "Frente a una meta física de 7,360 personas privadas de libertad estudiantes, la ejecución llegó a 7,571: un "
        "avance de 102.9%, por encima de lo programado.",
        "La ejecución sumó 7,571 personas privadas de libertad estudiantes, de una meta física de 7,360: un avance de "
        "102.9%, por encima de lo programado.",
        "Su meta física del semestre era de 7,360 personas privadas de libertad estudiantes y la ejecución llegó a "
        "7,571, un avance de 102.9%, por encima de lo programado."]
    assert actividades.resultado(ao(), 3) == formas[0]


def test_resultado_sin_meta_fisica_no_calcula_avance():
    texto = actividades.resultado(ao(programado=float("nan"), ejecutado=27313.0, unidad="personas privadas de "
                                                                                        "libertad"))
    assert texto == ("La ejecución del semestre llegó a 27,313 personas privadas de libertad; no se programó meta "
                     "física, por lo que no se calcula su avance.")
    cero = actividades.resultado(ao(programado=0.0, ejecutado=5.0, unidad="personas"))
    assert "no se programó meta física" in cero and "%" not in cero


def test_resultado_cita_el_avance_que_reporta_la_fuente():
    # vigilancia electrónica: capacidad y uso no son meta y ejecución; se cita el avance de la fuente
    vigilancia = ao(programado=float("nan"), ejecutado=float("nan"), avance_reportado=75.0)
    assert actividades.resultado(vigilancia) == (
        "La fuente reporta un avance de 75.0%, sin una meta física programada con la cual calcularlo.")
    servicios = ao(programado=float("nan"), ejecutado=69.0, unidad="establecimientos penitenciarios",
                   avance_reportado=100.0)
    assert actividades.resultado(servicios) == (
        "La ejecución del semestre llegó a 69 establecimientos penitenciarios; la fuente reporta un avance de 100.0%, "
        "sin una meta física programada con la cual calcularlo.")


def test_resultado_sin_ejecucion_reportada():
    assert actividades.resultado(ao(ejecutado=float("nan"))) == (
        "Su meta física del semestre era de 7,360 personas privadas de libertad estudiantes; no se reportó su "
        "ejecución.")


@pytest.mark.parametrize("programado", [float("nan"), 0.0])
def test_sin_meta_ni_ejecucion_se_dice_que_no_se_reporto(programado):
    texto = actividades.resultado(ao(programado=programado, ejecutado=float("nan")))
    assert "no se reportó" in texto.lower() and "—" not in texto, texto


def test_avance_de_ao_calculado_o_reportado():
    assert calculo.avance_de_ao(ao()) == pytest.approx(7571 / 7360 * 100)
    assert calculo.avance_de_ao(ao(programado=float("nan"), ejecutado=float("nan"), avance_reportado=75.0)) == 75.0
    assert calculo.avance_de_ao(ao(programado=float("nan"), ejecutado=5.0)) is None


# --- establecimientos: el número sale de la lista ------------------------------------------------------

FOCOS = ["Yanahuara", "Surquillo", "Lima Norte", "Callao", "Chimbote", "Tumbes", "Lambayeque", "Piura", "Trujillo",
         "Huancayo", "Ayacucho", "Cusco", "Huánuco", "Pucallpa"]


def test_focos_cuenta_la_lista_y_no_la_cifra_declarada():
    fila = ao(codigo="AO.01.02.04", establecimientos=15, lista=FOCOS)
    assert calculo.establecimientos_ao(fila) == (14, FOCOS)
    texto = actividades.establecimientos(fila, MEDIO_LIBRE)
    assert texto.startswith("Se implementa en 14 establecimientos de medio libre: Yanahuara, Surquillo, ")
    assert texto.endswith("Huánuco y Pucallpa.") and "15" not in texto


def test_establecimientos_sin_lista_usa_la_cifra_y_uno_solo_se_nombra():
    assert actividades.establecimientos(ao(), PENITENCIARIO) == "Se implementa en 63 establecimientos penitenciarios."
    assert actividades.establecimientos(ao(), None) == "Se implementa en 63 establecimientos."
    tas = ao(establecimientos=1, lista=["Lurigancho"])
    assert actividades.establecimientos(tas, PENITENCIARIO) == (
        "Se implementa en el establecimiento penitenciario de Lurigancho.")
    assert actividades.establecimientos(ao(establecimientos=1), PENITENCIARIO) == (
        "Se implementa en 1 establecimiento penitenciario.")
    assert calculo.establecimientos_ao(ao(establecimientos=pd.NA)) == (None, [])
    assert actividades.establecimientos(ao(establecimientos=pd.NA), None) == ""


# --- desagregación del ejecutado ------------------------------------------------------------------------

def test_desagregado_suma_al_ejecutado():
    d = calculo.desagregado_ao(DESAGREGADO, "AO.01.01.09")
    assert d["suma"] == 27313 == 12758 + 14368 + 187
    assert [v for _, v in d["complementarios"]] == [2300]
    assert calculo.desagregado_ao(DESAGREGADO, "AO.99.99.99") == {"partes": [], "complementarios": [], "suma": None}


def test_oracion_desagregado_por_modalidad():
    fila = ao(codigo="AO.01.01.09", programado=float("nan"), ejecutado=27313.0, unidad="personas privadas de libertad")
    assert actividades.desagregado(fila, DESAGREGADO) == (
        "De ese total, 12,758 personas privadas de libertad participaron en talleres productivos, 14,368 realizaron "
        "actividades individuales y grupales y 187 realizaron servicio ad honorem. Además, 2,300 personas privadas de "
        "libertad realizaron actividades laborales mediante convenio público-privado.")


def test_oracion_desagregado_frase_nominal_y_partes_que_no_suman():
    traslados = ao(codigo="AO.01.04.01", programado=float("nan"), ejecutado=179.0, unidad="eventos de traslado")
    assert actividades.desagregado(traslados, DESAGREGADO) == (
        "En el semestre se registraron 912 personas privadas de libertad trasladadas.")
    otra = ao(codigo="AO.01.01.09", programado=float("nan"), ejecutado=30000.0, unidad="personas")
    assert actividades.desagregado(otra, DESAGREGADO).startswith(
        "Según la desagregación reportada, 12,758 personas participaron en talleres productivos")
    # el dato que nombra un CUI va con su inversión, no con la AO
    assert actividades.desagregado(ao(codigo="AO.01.03.01"), DESAGREGADO) == ""


def test_desagregado_con_sigla_inicial_y_en_singular():
    fila = ao(codigo="X", programado=float("nan"), ejecutado=5.0, unidad="eventos")
    sigla = pd.DataFrame({"codigo_ao": ["X"], "concepto": ["EP Lurigancho con traslados"], "valor": [3.0],
                          "suma_al_total": [False]})
    assert actividades.desagregado(fila, sigla) == "En el semestre se registraron 3 EP Lurigancho con traslados."
    uno = sigla.assign(concepto=["grillete disponible"], valor=[1.0])
    assert actividades.desagregado(fila, uno) == "En el semestre se registró 1 grillete disponible."
    dos = pd.DataFrame({"codigo_ao": ["X"] * 2, "concepto": ["grilletes disponibles", "personas que utilizan el "
                                                                                      "servicio"],
                        "valor": [80.0, 60.0], "suma_al_total": [False, False]})
    assert actividades.desagregado(fila, dos) == (
        "En el semestre se registraron 80 grilletes disponibles y 60 personas que utilizan el servicio.")


def test_desagregado_concuerda_con_la_frase_que_acompana():
    fila = ao(codigo="X", programado=float("nan"), ejecutado=5.0, unidad="eventos")
    t = pd.DataFrame({"codigo_ao": ["X"] * 2, "concepto": ["Participaron en talleres", "grillete disponible"],
                      "valor": [3.0, 1.0], "suma_al_total": [False, False]})
    assert "se registró 1 grillete disponible" in actividades.desagregado(fila, t)


def test_complementos_que_nombran_un_cui_van_con_su_inversion():
    assert actividades.complementos_por_cui(DESAGREGADO) == {
        "2135162": ["Comprende además 111 plazas para internos en el taller de manualidad."]}


# --- resumen, título e introducción de las AO de una AEI --------------------------------------------------

def test_resumen_y_titulo_del_avance_de_las_ao():
    t = pd.DataFrame([ao(), ao(programado=260.0, ejecutado=93.0), ao(programado=185.0, ejecutado=185.0),
                      ao(programado=float("nan"), ejecutado=5.0)])
    assert calculo.resumen_avance_ao(t) == {"total": 4, "con_meta": 3, "con_avance": 3, "sin_avance": 1,
                                            "cumplen": 2, "bajo_umbral": 1}
    assert actividades.resumen(t) == (
        "las tres (03) AO claves con avance (calculado o reportado por la fuente): dos (02) llegaron al 100% o lo "
        "superaron y una (01) quedó por debajo del 75%. Una (01) AO sin meta ni avance se describe en el texto de "
        "su AEI.")
    assert actividades.titulo_figura(t, PERIODO) == (
        "En el primer semestre de 2024, 2 de 3 AO claves con avance llegaron al 100%")
    assert actividades.titulo_figura(t.iloc[:1], PERIODO) == (
        "En el primer semestre de 2024, la única AO clave con avance llegó al 100%")
    assert actividades.titulo_figura(t.iloc[1:2], PERIODO) == (
        "En el primer semestre de 2024, la única AO clave con avance no llegó al 100%")
    assert actividades.titulo_figura(t.iloc[[0, 1, 1]], PERIODO).endswith(
        "1 de 3 AO claves con avance llegó al 100%")
    assert actividades.titulo_figura(t.iloc[[1, 1]], PERIODO) == (
        "En el primer semestre de 2024, ninguna de las 2 AO claves con avance llegó al 100%")


def test_el_avance_reportado_cuenta_en_el_resumen():
    t = pd.DataFrame([ao(), ao(programado=float("nan"), ejecutado=float("nan"), avance_reportado=75.0),
                      ao(programado=float("nan"), ejecutado=5.0)])
    r = calculo.resumen_avance_ao(t)
    assert (r["con_meta"], r["con_avance"], r["sin_avance"], r["cumplen"], r["bajo_umbral"]) == (1, 2, 1, 1, 0)
    assert actividades.resumen(t).startswith(
        "las dos (02) AO claves con avance (calculado o reportado por la fuente): una (01) llegó al 100% o lo "
        "superó, una (01) quedó entre el 75% y el 100% y ninguna quedó por debajo del 75%.")


def test_resumen_del_avance_de_las_ao_con_ceros():
    # Nada de «cero (00)»: un conteo en cero se dice con «ninguna».
    sin_ceros = actividades.resumen(pd.DataFrame([ao(programado=260.0, ejecutado=250.0)]))
    assert sin_ceros == ("una (01) AO clave con avance (calculado o reportado por la fuente): ninguna llegó al "
                         "100% o lo superó, una (01) quedó entre el 75% y el 100% y ninguna quedó por "
                         "debajo del 75%.")
    assert "cero" not in sin_ceros and "(00)" not in sin_ceros
    dos_sin = pd.DataFrame([ao(), ao(programado=float("nan"), ejecutado=5.0),
                            ao(programado=float("nan"), ejecutado=7.0)])
    assert actividades.resumen(dos_sin).endswith(
        "Las dos (02) AO sin meta ni avance se describen en el texto de su AEI.")
    solo_sin = pd.DataFrame([ao(programado=float("nan"), ejecutado=5.0)])
    assert actividades.resumen(solo_sin) == "las AO claves: ninguna tiene meta física programada ni avance reportado."


@pytest.mark.parametrize("k, orden, esperado", [
    (2, 0, "Para implementar la AEI.01.01 se priorizó la ejecución de dos (02) Actividades Operativas Claves, que "
           "contribuyen directamente a su resultado y se listan en el @tbl-x"),
    (9, 1, "El @tbl-x lista las nueve (09) Actividades Operativas Claves de la AEI.01.01, que contribuyen directamente "
           "a su resultado"),
    (3, 2, "La AEI.01.01 se implementa mediante tres (03) Actividades Operativas Claves, que contribuyen directamente "
           "a su resultado, listadas en el @tbl-x"),
    (1, 0, "Para implementar la AEI.01.01 se priorizó la ejecución de una (01) Actividad Operativa Clave, que "
           "contribuye directamente a su resultado y se lista en el @tbl-x"),
    (1, 2, "La AEI.01.01 se implementa mediante una (01) Actividad Operativa Clave, que contribuye directamente a su "
           "resultado, listada en el @tbl-x"),
])
def test_intro_del_cuadro_concuerda_en_numero(k, orden, esperado):
    assert actividades.intro_cuadro("AEI.01.01", k, "@tbl-x", orden) == esperado


def test_intro_del_cuadro_con_una_sola_ao_en_la_segunda_forma():
    assert "la una" not in actividades.intro_cuadro("AEI.01.01", 1, "@tbl-x", 1)


def test_rotulos_de_la_figura_de_avance():
    assert actividades.rotulo_figura(ao(), calculo.avance_de_ao(ao())) == "7,571 de 7,360 (102.9%)"
    reportado = ao(programado=float("nan"), ejecutado=float("nan"), avance_reportado=75.0)
    assert actividades.rotulo_figura(reportado, 75.0) == "avance reportado: 75.0%"


# --- mantenimientos ----------------------------------------------------------------------------------------

def test_conteo_de_mantenimientos_de_las_filas():
    assert calculo.conteo_mantenimientos(MANTENIMIENTOS) == {
        "culminado": 4, "en_ejecucion": 8, "con_contrato": 5, "buena_pro": 1, "proceso_convocatoria": 1}
    assert sum(calculo.conteo_mantenimientos(MANTENIMIENTOS).values()) == len(MANTENIMIENTOS)


def test_oracion_mantenimientos():
    conteo = calculo.conteo_mantenimientos(MANTENIMIENTOS)
    assert actividades.mantenimientos(conteo, actividades.ESTADOS_MANTENIMIENTO, PERIODO) == (
        "En el primer semestre de 2024 se registran diecinueve (19) mantenimientos preventivos y correctivos en los "
        "establecimientos penitenciarios: cuatro (04) en estado “culminado”, ocho (08) en estado “en ejecución”, "
        "cinco (05) en estado “con contrato”, uno (01) en estado “buena pro” y uno (01) en estado "
        "“proceso de convocatoria”.")
    vacio = calculo.conteo_mantenimientos(MANTENIMIENTOS.iloc[0:0])
    assert actividades.mantenimientos(vacio, actividades.ESTADOS_MANTENIMIENTO, PERIODO) == (
        "En el primer semestre de 2024 no se registraron mantenimientos preventivos ni correctivos.")


def test_oracion_de_un_solo_mantenimiento_en_singular():
    conteo = calculo.conteo_mantenimientos(MANTENIMIENTOS.iloc[:1])
    assert actividades.mantenimientos(conteo, actividades.ESTADOS_MANTENIMIENTO, PERIODO) == (
        "En el primer semestre de 2024 se registra un (01) mantenimiento preventivo o correctivo en los "
        "establecimientos penitenciarios: uno (01) en estado “culminado”.")
    veintiuno = actividades.mantenimientos({"culminado": 21}, actividades.ESTADOS_MANTENIMIENTO, PERIODO)
    assert "se registran veintiún (21) mantenimientos" in veintiuno and "veintiuno (21) en estado" in veintiuno


def test_estado_nuevo_de_mantenimiento_se_muestra_al_final():
    t = pd.concat([MANTENIMIENTOS, pd.DataFrame({"establecimiento": ["X"], "descripcion": ["s"],
                                                 "estado": ["resuelto_por_arbitraje"]})])
    conteo = calculo.conteo_mantenimientos(t)
    assert list(conteo)[-1] == "resuelto_por_arbitraje"
    assert actividades.rotulo_estado("resuelto_por_arbitraje") == "resuelto por arbitraje"
    assert actividades.mantenimientos(conteo, actividades.ESTADOS_MANTENIMIENTO, PERIODO).endswith(
        "y uno (01) en estado “resuelto por arbitraje”.")


# --- inversiones -----------------------------------------------------------------------------------------------

def test_unidades_de_albergue_culminadas_de_la_referencia():
    assert calculo.unidades_albergue_culminadas(OBRAS) == 432 == 224 + 208


@pytest.mark.parametrize("desde, hasta, esperado", [
    ("2024-08-30", "2024-08-30", "para el 30 de agosto de 2024"),
    ("2024-09", "2024-10", "entre setiembre y octubre de 2024"),
    ("2024-12", "2025-03", "entre diciembre de 2024 y marzo de 2025"),
    ("2024-11", "2024-11", "para noviembre de 2024"),
    ("2024", "2024", "para 2024"),
    ("2024-12-05", "", "para el 5 de diciembre de 2024"),
    ("2024-12-05", None, "para el 5 de diciembre de 2024"),
    ("2024-09-01", "2024-10-15", "entre el 1 de setiembre de 2024 y el 15 de octubre de 2024"),
])
def test_cuando_se_preve_un_hito(desde, hasta, esperado):
    assert inversiones.cuando(desde, hasta) == esperado


def test_cuando_rechaza_fechas_mal_escritas():
    with pytest.raises(ValueError, match="AAAA-MM-DD"):
        inversiones.cuando("30/08/2024", "")


def test_hitos_no_publican_la_nota_de_procedencia():
    texto = inversiones.hitos(HITOS[HITOS["cui"] == "2158194"])
    assert texto == ("Se prevé la culminación y aprobación del expediente técnico para el 30 de agosto de 2024, el "
                     "proceso de convocatoria entre setiembre y octubre de 2024 y el inicio de la ejecución de la obra "
                     "para noviembre de 2024.")
    assert "estimado" not in texto and "sujeto" not in texto
    assert inversiones.hitos(HITOS.iloc[0:0]) == ""


def test_texto_inversiones_por_estado():
    comentario = "- CUI 2159429 (EP Puno): se culminó el saldo de obra\nLínea sin CUI"
    texto = plano(inversiones.texto(OBRAS, HITOS, comentario, PERIODO, inversiones.ESTADOS["obras_en_ejecucion"],
                                    actividades.complementos_por_cui(DESAGREGADO)))
    bloques = texto.split("\n\n")
    assert bloques[0] == ("En el primer semestre de 2024, culminaron dos (02) obras, con un total de 432 unidades de "
                          "albergue construidas:")
    assert bloques[1].splitlines() == [
        "- “Obra Puno” (CUI 2159429), culminada en marzo de 2024, con 224 unidades de albergue. Se culminó el saldo de "
        "obra.",
        "- “Obra Lampa – Etapa I” (CUI 2158527), culminada en enero de 2024, con 208 unidades de albergue."]
    assert bloques[2] == "Se encuentran en ejecución dos (02) obras:"
    assert bloques[3].splitlines() == [
        "- “Obra Chimbote” (CUI 2135162), con un avance físico de 82.9%, que agregará 35 unidades de albergue. "
        "Comprende además 111 plazas para internos en el taller de manualidad.",
        "- “Obra Surquillo” (CUI 2190039), con un avance físico de 20.3%. Se prevé la culminación de la obra para "
        "2024."]
    assert bloques[4:] == ["Se firmó el contrato de una (01) inversión en equipamiento:",
                           "- “Video vigilancia Ancón I” (CUI 2537355).", "Línea sin CUI."]
    assert "Arequipa" not in texto  # el expediente va en su propia AO


def test_texto_de_expedientes_tecnicos():
    expedientes = plano(inversiones.texto(OBRAS, HITOS, "", PERIODO, inversiones.ESTADOS["expedientes_tecnicos"]))
    assert expedientes.startswith("En el primer semestre de 2024, se viene elaborando el expediente técnico de una "
                                  "(01) inversión:\n\n- “Obra Arequipa” (CUI 2158194), que agregará 953 unidades de "
                                  "albergue. Se prevé la culminación y aprobación del expediente técnico para el 30 de "
                                  "agosto")


def test_grupos_de_inversiones_concuerdan_en_numero():
    dos = pd.concat([OBRAS, OBRAS.iloc[[4]].assign(cui="9999999", nombre="Obra Tacna")], ignore_index=True)
    assert plano(inversiones.texto(dos, HITOS, "", PERIODO, inversiones.ESTADOS["expedientes_tecnicos"])).startswith(
        "En el primer semestre de 2024, se vienen elaborando los expedientes técnicos de dos (02) inversiones:")
    aprobado = OBRAS.iloc[[4]].assign(estado="expediente_aprobado")
    expedientes = inversiones.ESTADOS["expedientes_tecnicos"]
    assert plano(inversiones.texto(aprobado, HITOS, "", PERIODO, expedientes)).startswith(
        "En el primer semestre de 2024, se aprobó el expediente técnico de una (01) inversión:")
    una = plano(inversiones.texto(OBRAS.iloc[[0]], HITOS, "", PERIODO, inversiones.ESTADOS["obras_en_ejecucion"]))
    assert una.startswith("En el primer semestre de 2024, culminó una (01) obra, con un total de 224 unidades de "
                          "albergue construidas:")
    obras = inversiones.ESTADOS["obras_en_ejecucion"]
    en_ejecucion = plano(inversiones.texto(OBRAS.iloc[[2]], HITOS, "", PERIODO, obras))
    assert en_ejecucion.startswith("En el primer semestre de 2024, se encuentra en ejecución una (01) obra:")
    contratos = pd.concat([OBRAS.iloc[[5]], OBRAS.iloc[[5]].assign(cui="1", tipo_inversion="obra")])
    assert plano(inversiones.texto(contratos, HITOS, "", PERIODO, obras)).startswith(
        "En el primer semestre de 2024, se firmaron los contratos de dos (02) inversiones:")


def test_obras_culminadas_sin_unidades_de_albergue_no_dicen_cero():
    cero = OBRAS.iloc[[0]].assign(unidades_albergue=pd.array([0], dtype="Int64"))
    texto = plano(inversiones.texto(cero, HITOS, "", PERIODO, inversiones.ESTADOS["obras_en_ejecucion"]))
    assert texto == ("En el primer semestre de 2024, culminó una (01) obra:\n\n"
                     "- “Obra Puno” (CUI 2159429), culminada en marzo de 2024.")
    una = OBRAS.iloc[[0]].assign(unidades_albergue=pd.array([1], dtype="Int64"))
    texto = plano(inversiones.texto(una, HITOS, "", PERIODO, inversiones.ESTADOS["obras_en_ejecucion"]))
    assert "con un total de 1 unidad de albergue construida:" in texto and "con 1 unidad de albergue." in texto


@pytest.mark.parametrize("estado", ["culminada", "en_ejecucion"])
def test_una_inversion_en_equipamiento_no_se_llama_obra(estado):
    equipo = OBRAS.iloc[[5]].assign(estado=estado, mes_culminacion="2024-05")
    texto = plano(inversiones.texto(equipo, HITOS, "", PERIODO, inversiones.ESTADOS["obras_en_ejecucion"]))
    assert " obra" not in texto.split("\n\n")[0], texto


def test_los_nombres_de_las_inversiones_se_escapan():
    t = OBRAS.iloc[[0]].assign(nombre="Obra *nueva* <b>")
    md = inversiones.texto(t, HITOS, "", PERIODO, inversiones.ESTADOS["obras_en_ejecucion"])
    assert r"“Obra \*nueva\* \<b\>”" in md and "*nueva*" not in md


def test_sin_inversiones_en_los_estados_no_hay_texto():
    assert inversiones.texto(OBRAS.iloc[0:0], HITOS, "", PERIODO, inversiones.ESTADOS["obras_en_ejecucion"]) == ""
    assert inversiones.texto(OBRAS, HITOS, "", PERIODO, ("expediente_aprobado",)) == ""


# --- presupuesto por AEI y AEI en nivel bajo (cálculos) -----------------------------------------------------------

def test_presupuesto_por_aei_conserva_la_aei_sin_fila_y_el_rango():
    t = calculo.presupuesto_por_aei(AEI_PLAN, PRESUPUESTO)
    assert list(t["codigo_aei"]) == list(AEI_PLAN["codigo_aei"])  # el orden del plan, no el del CSV
    assert t.loc[10, "codigo_aei"] == "AEI.03.01" and pd.isna(t.loc[10, "ejecucion"]) and pd.isna(t.loc[10, "pim"])
    assert "PLIEGO" not in set(t["codigo_aei"])
    menor, mayor = calculo.rango_ejecucion(t)
    assert (menor["codigo_aei"], mayor["codigo_aei"]) == ("AEI.01.03", "AEI.01.06")
    assert round(menor["ejecucion"], 1) == 35.2 and round(mayor["ejecucion"], 1) == 53.0
    assert calculo.rango_ejecucion(t.iloc[10:]) is None


def test_aei_bajo_umbral_de_la_referencia():
    bajo = calculo.aei_bajo_umbral(AEI_PLAN)
    assert list(bajo["codigo_aei"]) == ["AEI.01.03", "AEI.01.04", "AEI.01.05", "AEI.02.01", "AEI.02.02",
                                        "AEI.02.04", "AEI.03.01"]
    assert (bajo["avance"] < ceplan.UMBRAL_MEDIO).all()


def test_los_textos_generados_no_traen_marcadores_sin_resolver():
    conteo = calculo.conteo_mantenimientos(MANTENIMIENTOS)
    texto = plano(actividades.mantenimientos(conteo, actividades.ESTADOS_MANTENIMIENTO, PERIODO)
                  + inversiones.texto(OBRAS, HITOS, "", PERIODO, inversiones.ESTADOS["obras_en_ejecucion"]))
    assert not EXPRESION_EN_LINEA.search(texto) and "{" not in texto and "nan" not in texto.lower()
