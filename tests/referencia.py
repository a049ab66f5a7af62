"""Filas y tablas con las cifras del informe de referencia (primer semestre de 2024), para las pruebas
unitarias de la redacción: fijan la regla, no el archivo de data/ (las pruebas de integración leen
data/ con ``Informe.cargar``)."""

from __future__ import annotations

import pandas as pd

from inpe.calculo import ceplan, resultados

PERIODO = "primer semestre de 2024"
NBSP = "\xa0"


def indicador(logro, valor, sentido="Ascendente", unidad="numero", decimales=0, acumulacion="nivel",
              denominacion="Indicador de prueba", texto_valor=None, codigo="IND.01.AEI.01.01",
              aei="AEI.01.01") -> pd.Series:
    """Un indicador con su avance, semáforo y estado calculados por inpe.calculo.resultados."""
    plan = pd.DataFrame([{"codigo_indicador": codigo, "codigo_aei": aei, "denominacion": denominacion,
                          "sentido": sentido, "unidad": unidad, "decimales": decimales,
                          "acumulacion": acumulacion, "texto_valor": texto_valor}])
    medidos = pd.DataFrame([{"codigo_indicador": codigo, "logro_esperado": logro, "valor_obtenido": valor}])
    return resultados.indicadores(plan, medidos).iloc[0]


def ao(codigo="AO.01.01.01", programado=7360.0, ejecutado=7571.0, unidad="personas privadas de libertad estudiantes",
       establecimientos=63, lista=(), denominacion="Educación básica alternativa", descripcion="es una modalidad.",
       codigo_aei="AEI.01.01", avance_reportado=None) -> pd.Series:
    """Una AO como la da resultados.actividades (avance sin tope, un decimal al imprimir)."""
    return pd.Series({
        "codigo_ao": codigo, "codigo_aei": codigo_aei, "denominacion": denominacion, "descripcion": descripcion,
        "unidad_medida": unidad, "programado": programado, "ejecutado": ejecutado,
        "establecimientos": establecimientos, "avance": ceplan.avance_ao(programado, ejecutado),
        "avance_reportado": avance_reportado, "lista_establecimientos": list(lista),
    })


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
                 "EP Chimbote (CUI 2135162): plazas para internos en el taller de manualidad",
                 "Personas privadas de libertad trasladadas"],
    "valor": [12758.0, 14368.0, 187.0, 2300.0, 111.0, 912.0],
    "suma_al_total": [True, True, True, False, False, False],
})

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
