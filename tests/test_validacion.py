"""Catálogo de entradas mal formadas y el mensaje exacto que debe recibir el analista.

Cada caso copia el conjunto sintético de ``tests/fixtures/validacion/data`` (válido,
sin avisos) a un directorio temporal, le cambia una sola cosa y comprueba la lista
completa de errores, texto por texto.
"""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pandas as pd
import pytest

from inpe.entrada import semestres
from inpe.entrada.carga import ErrorDeDatos, cargar_semestre
from inpe.entrada.carpetas import Validacion, formatear_reporte, validar
from inpe.entrada.fallas import Falla

FIXTURE = Path(__file__).parent / "fixtures" / "validacion" / "data"
DATA_REAL = Path(__file__).resolve().parents[1] / "data"
SEMESTRE = "2024-S1"


@pytest.fixture
def datos(tmp_path: Path) -> Path:
    destino = tmp_path / "data"
    shutil.copytree(FIXTURE, destino)
    return destino


def editar(raiz: Path, rel: str, viejo: str, nuevo: str) -> None:
    ruta = raiz / rel
    texto = ruta.read_text(encoding="utf-8")
    assert texto.count(viejo) == 1, f"{viejo!r} debe aparecer una sola vez en {rel}"
    ruta.write_text(texto.replace(viejo, nuevo), encoding="utf-8")


def escribir(raiz: Path, rel: str, texto: str) -> None:
    (raiz / rel).write_text(texto, encoding="utf-8")


def agregar(raiz: Path, rel: str, linea: str) -> None:
    ruta = raiz / rel
    ruta.write_text(ruta.read_text(encoding="utf-8") + linea + "\n", encoding="utf-8")


def borrar(raiz: Path, rel: str) -> None:
    (raiz / rel).unlink()


def renombrar(raiz: Path, rel: str, nuevo: str) -> None:
    (raiz / rel).rename((raiz / rel).with_name(nuevo))


S = "2024-S1/"
P = "plan/"


@dataclass
class Caso:
    id: str
    mutar: Callable[[Path], None]
    esperado: list[str]
    semestre: str = SEMESTRE


CASOS = [
    # ---------------------------------------------------------------- números
    Caso("monto_negativo",
         lambda r: editar(r, S + "presupuesto.csv", "AEI.01.01,600000.00,300000.25", "AEI.01.01,600000.00,-5"),
         ["data/2024-S1/presupuesto.csv, fila 3, columna «devengado»: debe ser un número entre 0 y 100,000,000,000 "
          "(valor encontrado: «-5»)"]),
    Caso("pim_negativo_no_arrastra_regla_de_fila",
         lambda r: editar(r, S + "presupuesto.csv", "AEI.01.01,600000.00,300000.25", "AEI.01.01,-5,0"),
         ["data/2024-S1/presupuesto.csv, fila 3, columna «pim»: debe ser un número entre 0 y 100,000,000,000 "
          "(valor encontrado: «-5»)"]),
    Caso("monto_no_numerico",
         lambda r: editar(r, S + "presupuesto.csv", "600000.00", "seiscientos mil"),
         ["data/2024-S1/presupuesto.csv, fila 3, columna «pim»: debe ser un número entre 0 y 100,000,000,000 "
          "(valor encontrado: «seiscientos mil»)"]),
    Caso("monto_con_simbolo_de_moneda",
         lambda r: editar(r, S + "presupuesto.csv", "600000.00", "S/ 600000.00"),
         ["data/2024-S1/presupuesto.csv, fila 3, columna «pim»: debe ser un número sin el símbolo de "
          "moneda (S/) (valor encontrado: «S/ 600000.00»)"]),
    Caso("porcentaje_con_signo",
         lambda r: editar(r, S + "obras.csv", "45.5", "45.5%"),
         ["data/2024-S1/obras.csv, fila 3, columna «avance_fisico»: debe ser un número sin el signo % "
          "(valor encontrado: «45.5%»)"]),
    Caso("porcentaje_fuera_de_rango",
         lambda r: editar(r, S + "obras.csv", "45.5", "145.5"),
         ["data/2024-S1/obras.csv, fila 3, columna «avance_fisico»: debe ser un porcentaje entre 0 y 100, "
          "sin el signo % (valor encontrado: «145.5»)"]),
    Caso("monto_con_tres_decimales",
         lambda r: editar(r, S + "presupuesto.csv", "600000.00", "600000.001"),
         ["data/2024-S1/presupuesto.csv, fila 3, columna «pim»: debe tener como máximo 2 decimales "
          "(valor encontrado: «600000.001»)"]),
    Caso("entero_con_decimales",
         lambda r: editar(r, S + "poblacion.csv", "2000", "2000.5"),
         ["data/2024-S1/poblacion.csv, fila 2, columna «personas»: debe ser un número entero entre 0 y 10,000,000 "
          "(valor encontrado: «2000.5»)"]),
    Caso("notacion_cientifica",
         lambda r: editar(r, S + "presupuesto.csv", "1000000.00", "1E+06"),
         ["data/2024-S1/presupuesto.csv, fila 2, columna «pim»: está en notación científica (así lo muestra "
          "Excel en celdas angostas); escriba el número completo (valor encontrado: «1E+06»)"]),
    Caso("error_de_formula",
         lambda r: editar(r, S + "indicadores.csv", "35.50", "#DIV/0!"),
         ["data/2024-S1/indicadores.csv, fila 2, columna «valor_obtenido»: es un error de fórmula de la hoja "
          "de cálculo; escriba el valor (valor encontrado: «#DIV/0!»)"]),
    Caso("marca_de_no_disponible",
         lambda r: editar(r, S + "indicadores.csv", "IND.01.AEI.02.01,40,10", "IND.01.AEI.02.01,40,N/D"),
         ["data/2024-S1/indicadores.csv, fila 5, columna «valor_obtenido»: no es un número; si el dato no "
          "está disponible, deje la celda vacía (valor encontrado: «N/D»)"]),
    Caso("coma_decimal_en_archivo_con_comas",
         lambda r: editar(r, S + "indicadores.csv", "35.50", '"35,50"'),
         ["data/2024-S1/indicadores.csv, fila 2, columna «valor_obtenido»: usa coma decimal en un archivo "
          "separado por comas; escriba el número con punto decimal (35.5) (valor encontrado: «35,50»)"]),
    Caso("numero_ambiguo_en_archivo_con_punto_y_coma",
         lambda r: escribir(r, S + "poblacion.csv",
                            "fecha_corte;ambito;personas\n2024-06-30;intramuros;2.000\n"
                            "2024-06-30;extramuros;1500\n2024-06-30;total;3500\n"),
         ["data/2024-S1/poblacion.csv, fila 2, columna «personas»: es ambiguo: con punto decimal vale 2 y con "
          "coma decimal vale 2000, y el archivo no permite decidir; escriba el número sin separador de miles "
          "y con punto decimal (valor encontrado: «2.000»)"]),
    # ---------------------------------------------------------------- valores, formas, fechas
    Caso("celda_obligatoria_vacia",
         lambda r: editar(r, P + "oei.csv", "Objetivo sintético dos", ""),
         ["data/plan/oei.csv, fila 3, columna «denominacion»: la celda está vacía y el dato es obligatorio"]),
    Caso("tipo_de_oei_no_permitido",
         lambda r: editar(r, P + "oei.csv", "dos,II", "dos,III"),
         ["data/plan/oei.csv, fila 3, columna «tipo»: debe ser I o II (valor encontrado: «III»)"]),
    Caso("sentido_no_permitido",
         lambda r: editar(r, P + "indicadores.csv", "Descendente", "Decreciente"),
         ["data/plan/indicadores.csv, fila 3, columna «sentido»: debe ser Ascendente o Descendente "
          "(valor encontrado: «Decreciente»)"]),
    Caso("unidad_no_permitida",
         lambda r: editar(r, P + "indicadores.csv", "tasa_1000", "por_mil"),
         ["data/plan/indicadores.csv, fila 4, columna «unidad»: debe ser uno de: porcentaje, numero, "
          "tasa_1000, tasa_100000 (valor encontrado: «por_mil»)"]),
    Caso("decimales_no_permitidos",
         lambda r: editar(r, P + "indicadores.csv", "tasa_1000,2", "tasa_1000,1"),
         ["data/plan/indicadores.csv, fila 4, columna «decimales»: debe ser 0 o 2 (valor encontrado: «1»)"]),
    Caso("si_no_no_reconocido",
         lambda r: editar(r, P + "aei.csv", "dos,no,2", "dos,x,2"),
         ["data/plan/aei.csv, fila 3, columna «priorizada»: debe ser «si» o «no» (valor encontrado: «x»)"]),
    Caso("estado_de_obra_no_permitido",
         lambda r: editar(r, S + "obras.csv", "culminada", "terminada"),
         ["data/2024-S1/obras.csv, fila 2, columna «estado»: debe ser uno de: culminada, en_ejecucion, "
          "expediente_en_elaboracion, expediente_aprobado, contrato_firmado (valor encontrado: «terminada»)"]),
    Caso("concepto_de_entidad_desconocido",
         lambda r: editar(r, S + "entidad.csv", "unidades_ejecutoras", "unidades ejecutoras"),
         ["data/2024-S1/entidad.csv, fila 2, columna «concepto»: debe ser uno de: unidades_ejecutoras, "
          "establecimientos_penitenciarios, establecimientos_medio_libre "
          "(valor encontrado: «unidades ejecutoras»)"]),
    Caso("tabla_cerrada_incompleta",
         lambda r: editar(r, S + "entidad.csv", "establecimientos_medio_libre,7\n", ""),
         ["data/2024-S1/entidad.csv, columna «concepto»: falta la fila de «establecimientos_medio_libre»"]),
    Caso("fecha_inexistente",
         lambda r: editar(r, S + "poblacion.csv", "2024-06-30,intramuros", "2024-06-31,intramuros"),
         ["data/2024-S1/poblacion.csv, fila 2, columna «fecha_corte»: debe ser una fecha con la forma "
          "AAAA-MM-DD (p. ej. 2024-06-30) (valor encontrado: «2024-06-31»)"]),
    Caso("fecha_ambigua",
         lambda r: editar(r, S + "poblacion.csv", "2024-06-30,intramuros", "03/06/2024,intramuros"),
         ["data/2024-S1/poblacion.csv, fila 2, columna «fecha_corte»: es ambigua: puede ser 2024-06-03 "
          "(día/mes) o 2024-03-06 (mes/día); escríbala como AAAA-MM-DD (valor encontrado: «03/06/2024»)"]),
    Caso("mes_de_culminacion_en_palabras",
         lambda r: editar(r, S + "obras.csv", "2024-03", "marzo"),
         ["data/2024-S1/obras.csv, fila 2, columna «mes_culminacion»: debe ser un mes con la forma AAAA-MM "
          "(p. ej. 2024-03) (valor encontrado: «marzo»)"]),
    Caso("codigo_mal_formado",
         lambda r: editar(r, S + "ao_desagregado.csv", "AO.01.01.01,Concepto sintético B",
                          "AO.1.1.1,Concepto sintético B"),
         ["data/2024-S1/ao_desagregado.csv, fila 3, columna «codigo_ao»: debe ser un código con la forma "
          "AO.NN.NN.NN (p. ej. AO.01.01.01) (valor encontrado: «AO.1.1.1»)"]),
    Caso("cui_de_seis_cifras",
         lambda r: editar(r, S + "obras.csv", "1000003", "100003"),
         ["data/2024-S1/obras.csv, fila 4, columna «cui»: debe ser un CUI de 7 cifras (p. ej. 2159429) "
          "(valor encontrado: «100003»)"]),
    Caso("url_sin_protocolo",
         lambda r: editar(r, S + "enlaces_anexos.csv", "https://example.org", "example.org"),
         ["data/2024-S1/enlaces_anexos.csv, fila 2, columna «url»: debe ser una dirección web que empiece "
          "con http:// o https://, sin espacios (valor encontrado: «example.org/reporte-sintetico.pdf»)"]),
    Caso("texto_con_doble_codificacion",
         lambda r: editar(r, P + "oei.csv", "Objetivo sintético uno", "Objetivo sintÃ©tico uno"),
         ["data/plan/oei.csv, fila 2, columna «denominacion»: tiene caracteres mal codificados (p. ej. «Ã©» "
          "en lugar de «é»); vuelva a guardar el archivo original como «CSV UTF-8» "
          "(valor encontrado: «Objetivo sintÃ©tico uno»)"]),
    # ---------------------------------------------------------------- reglas entre columnas
    Caso("devengado_mayor_que_pim",
         lambda r: editar(r, S + "presupuesto.csv", "400000.00,150000.25", "400000.00,450000.00"),
         ["data/2024-S1/presupuesto.csv, fila 4, columna «devengado»: no puede ser mayor que el PIM "
          "(400000.00) (valor encontrado: «450000.00»)"]),
    Caso("favorables_mayor_que_evaluados",
         lambda r: editar(r, S + "evaluacion_tratamiento.csv", "300,250", "300,301"),
         ["data/2024-S1/evaluacion_tratamiento.csv, fila 3, columna «favorables»: no puede ser mayor que los "
          "evaluados (300) (valor encontrado: «301»)"]),
    Caso("hito_que_termina_antes_de_empezar",
         lambda r: editar(r, S + "obras_hitos.csv", "2024-09,2024-12", "2024-09,2024-08"),
         ["data/2024-S1/obras_hitos.csv, fila 2, columna «hasta»: no puede ser anterior a «desde» (2024-09) "
          "(valor encontrado: «2024-08»)"]),
    Caso("aei_en_otro_oei",
         lambda r: editar(r, P + "aei.csv", "AEI.02.01,OEI.02", "AEI.02.01,OEI.01"),
         ["data/plan/aei.csv, fila 4, columna «codigo_oei»: no corresponde a la AEI AEI.02.01 (se esperaba "
          "OEI.02) (valor encontrado: «OEI.01»)"]),
    Caso("indicador_en_otra_aei",
         lambda r: editar(r, P + "indicadores.csv", "IND.02.AEI.01.01,AEI.01.01", "IND.02.AEI.01.01,AEI.01.02"),
         ["data/plan/indicadores.csv, fila 3, columna «codigo_aei»: no corresponde al indicador "
          "IND.02.AEI.01.01 (se esperaba AEI.01.01) (valor encontrado: «AEI.01.02»)"]),
    Caso("actividad_con_orden_distinto_al_codigo",
         lambda r: editar(r, P + "actividades_operativas.csv", "AO.01.01.02,AEI.01.01,2", "AO.01.01.02,AEI.01.01,3"),
         ["data/plan/actividades_operativas.csv, fila 3, columna «orden»: no corresponde a la actividad "
          "AO.01.01.02 (se esperaba 2) (valor encontrado: «3»)"]),
    Caso("orden_de_aei_con_salto",
         lambda r: editar(r, P + "aei.csv", "con coma\",si,3", "con coma\",si,4"),
         ["data/plan/aei.csv, columna «orden»: los valores deben ir de 1 a 3 sin saltos; falta 3"]),
    # ---------------------------------------------------------------- claves
    Caso("clave_repetida",
         lambda r: agregar(r, P + "oei.csv", "OEI.02,Objetivo sintético repetido,II"),
         ["data/plan/oei.csv, fila 4, columna «codigo_oei»: está repetido: ya aparece en la fila 3 (debe ser "
          "único) (valor encontrado: «OEI.02»)"]),
    Caso("clave_compuesta_repetida",
         lambda r: agregar(r, S + "ao_establecimientos.csv", "AO.01.01.01,Establecimiento sintético A"),
         ["data/2024-S1/ao_establecimientos.csv, fila 4, columnas «codigo_ao», «establecimiento»: la "
          "combinación está repetida: ya aparece en la fila 2 (debe ser única) "
          "(valor encontrado: «AO.01.01.01 / Establecimiento sintético A»)"]),
    Caso("clave_repetida_tras_normalizar_codigo",
         lambda r: agregar(r, S + "indicadores.csv", "ind.01.aei.02.01,40,10"),
         ["data/2024-S1/indicadores.csv, fila 6, columna «codigo_indicador»: está repetido: ya aparece en la "
          "fila 5 (debe ser único) (valor encontrado: «ind.01.aei.02.01»)"]),
    # ---------------------------------------------------------------- referencias
    Caso("aei_con_oei_inexistente",
         lambda r: editar(r, P + "oei.csv", "OEI.02,Objetivo sintético dos,II\n", ""),
         ["data/plan/aei.csv, fila 4, columna «codigo_oei»: no existe en data/plan/oei.csv "
          "(valor encontrado: «OEI.02»)"]),
    Caso("indicador_con_aei_inexistente",
         lambda r: (editar(r, P + "aei.csv", "AEI.01.02,OEI.01,Acción sintética dos,no,2,\n", ""),
                    editar(r, P + "aei.csv", "con coma\",si,3", "con coma\",si,2")),
         ["data/plan/indicadores.csv, fila 4, columna «codigo_aei»: no existe en data/plan/aei.csv "
          "(valor encontrado: «AEI.01.02»)"]),
    Caso("actividad_con_aei_inexistente",
         lambda r: (agregar(r, P + "actividades_operativas.csv", "AO.03.01.01,AEI.03.01,1,Actividad sintética,,,"),
                    agregar(r, S + "actividades_operativas.csv", "AO.03.01.01,personas,1,1,,")),
         ["data/plan/actividades_operativas.csv, fila 5, columna «codigo_aei»: no existe en data/plan/aei.csv "
          "(valor encontrado: «AEI.03.01»)"]),
    Caso("aei_sin_indicadores",
         lambda r: (editar(r, P + "indicadores.csv",
                           "IND.01.AEI.02.01,AEI.02.01,Número sintético dos,Ascendente,numero,0,acumulativo,,,"
                           "Órgano sintético,Mide una tercera cosa sintética.\n", ""),
                    editar(r, S + "indicadores.csv", "IND.01.AEI.02.01,40,10\n", "")),
         ["data/plan/aei.csv, fila 4, columna «codigo_aei»: la AEI no tiene indicadores en "
          "data/plan/indicadores.csv (valor encontrado: «AEI.02.01»)"]),
    Caso("indicador_medido_fuera_del_plan",
         lambda r: agregar(r, S + "indicadores.csv", "IND.03.AEI.01.01,10,5"),
         ["data/2024-S1/indicadores.csv, fila 6, columna «codigo_indicador»: no existe en "
          "data/plan/indicadores.csv (valor encontrado: «IND.03.AEI.01.01»)"]),
    Caso("indicador_del_plan_sin_medicion",
         lambda r: editar(r, S + "indicadores.csv", "IND.01.AEI.02.01,40,10\n", ""),
         ["data/2024-S1/indicadores.csv, columna «codigo_indicador»: falta el indicador IND.01.AEI.02.01, "
          "que está en el plan (data/plan/indicadores.csv, fila 5)"]),
    Caso("componente_de_indicador_fuera_del_plan",
         lambda r: agregar(r, S + "componentes.csv", "IND.09.AEI.01.01,numerador,Otro concepto,5"),
         ["data/2024-S1/componentes.csv, fila 4, columna «codigo_indicador»: no existe en "
          "data/plan/indicadores.csv (valor encontrado: «IND.09.AEI.01.01»)"]),
    Caso("actividad_medida_fuera_del_plan",
         lambda r: agregar(r, S + "ao_establecimientos.csv", "AO.09.09.09,Establecimiento sintético C"),
         ["data/2024-S1/ao_establecimientos.csv, fila 4, columna «codigo_ao»: no existe en "
          "data/plan/actividades_operativas.csv (valor encontrado: «AO.09.09.09»)"]),
    Caso("actividad_del_plan_sin_medicion",
         lambda r: editar(r, S + "actividades_operativas.csv", "AO.02.01.01,informes,4,2,,\n", ""),
         ["data/2024-S1/actividades_operativas.csv, columna «codigo_ao»: falta la actividad operativa "
          "AO.02.01.01, que está en el plan (data/plan/actividades_operativas.csv, fila 4)"]),
    Caso("presupuesto_de_aei_fuera_del_plan",
         lambda r: agregar(r, S + "presupuesto.csv", "AEI.03.01,100.00,50.00"),
         ["data/2024-S1/presupuesto.csv, fila 5, columna «ambito»: no existe en data/plan/aei.csv "
          "(valor encontrado: «AEI.03.01»)"]),
    Caso("presupuesto_sin_pliego",
         lambda r: editar(r, S + "presupuesto.csv", "PLIEGO,1000000.00,450000.50\n", ""),
         ["data/2024-S1/presupuesto.csv, columna «ambito»: falta la fila del pliego (ambito PLIEGO)"]),
    Caso("hito_de_obra_inexistente",
         lambda r: editar(r, S + "obras_hitos.csv", "1000002", "1000009"),
         ["data/2024-S1/obras_hitos.csv, fila 2, columna «cui»: no existe en data/2024-S1/obras.csv "
          "(valor encontrado: «1000009»)"]),
    # ---------------------------------------------------------------- cabeceras y estructura
    Caso("columna_faltante",
         lambda r: escribir(r, S + "presupuesto.csv",
                            "ambito,pim\nPLIEGO,1000000.00\nAEI.01.01,600000.00\nAEI.02.01,400000.00\n"),
         ["data/2024-S1/presupuesto.csv, fila 1, columna «devengado»: falta esta columna en la cabecera"]),
    Caso("columna_mal_escrita",
         lambda r: editar(r, S + "presupuesto.csv", "ambito,pim,devengado", "ambito,pim,devengados"),
         ["data/2024-S1/presupuesto.csv, fila 1, columna «devengados»: no es una columna de este archivo "
          "(¿quiso decir «devengado»?)",
          "data/2024-S1/presupuesto.csv, fila 1, columna «devengado»: falta esta columna en la cabecera"]),
    Caso("columna_de_mas",
         lambda r: escribir(r, S + "profesionales.csv", "medio,profesionales,observaciones\ncerrado,120,\n"
                                                          "abierto,45,ninguna\n"),
         ["data/2024-S1/profesionales.csv, fila 1, columna «observaciones»: no es una columna de este archivo; "
          "sus columnas son: medio, profesionales"]),
    Caso("columna_repetida",
         lambda r: escribir(r, S + "profesionales.csv", "medio,profesionales,medio\ncerrado,120,cerrado\n"
                                                          "abierto,45,abierto\n"),
         ["data/2024-S1/profesionales.csv, fila 1, columna «medio»: la columna está repetida en la cabecera"]),
    Caso("fila_con_celdas_de_mas",
         lambda r: agregar(r, P + "referencias_normativas.csv", "pesem,Norma sintética, con coma,Objeto sintético"),
         ["data/plan/referencias_normativas.csv, fila 3: la fila tiene 4 celdas con datos y la cabecera tiene "
          "3 columnas; ¿hay un texto con coma (o punto y coma) sin comillas?"]),
    Caso("fila_con_celdas_de_menos",
         lambda r: agregar(r, P + "referencias_normativas.csv", "pesem,Norma sintética"),
         ["data/plan/referencias_normativas.csv, fila 3: la fila tiene 2 celdas y la cabecera tiene 3 columnas"]),
    Caso("comillas_sin_cerrar",
         lambda r: agregar(r, S + "hechos_destacados.csv", '2,Otro hecho,"Texto sin cerrar'),
         ["data/2024-S1/hechos_destacados.csv, fila 3: hay comillas mal cerradas en esta fila (o en la "
          "anterior); cada texto entre comillas debe cerrarse y las comillas dentro de un texto se escriben "
          'dobles ("")']),
    Caso("separado_por_tabuladores",
         lambda r: escribir(r, S + "profesionales.csv", "medio\tprofesionales\ncerrado\t120\nabierto\t45\n"),
         ["data/2024-S1/profesionales.csv, fila 1: la cabecera está separada por tabuladores; guarde el "
          "archivo como CSV separado por comas (o por punto y coma) (valor encontrado: «medio\tprofesionales»)"]),
    Caso("archivo_vacio",
         lambda r: escribir(r, S + "actos_violentos.csv", ""),
         ["data/2024-S1/actos_violentos.csv: el archivo está vacío: debe tener al menos la fila de cabecera"]),
    Caso("codificacion_irreconocible",
         lambda r: (r / S / "actos_violentos.csv").write_bytes(b"oficina_regional,actos\nNorte \x81\x8d,3\n"),
         ["data/2024-S1/actos_violentos.csv: no está en UTF-8 ni en Latin-1/Windows-1252; guárdelo como "
          "«CSV UTF-8»"]),
    # ---------------------------------------------------------------- archivos y carpetas
    Caso("archivo_faltante",
         lambda r: borrar(r, S + "presupuesto.csv"),
         ["data/2024-S1/presupuesto.csv: falta el archivo"]),
    Caso("archivo_opcional_faltante_sin_falla_derivada",
         lambda r: borrar(r, S + "obras.csv"),
         # ningún uso del plan pide obras.csv; sin él no se comprueba el CUI de los hitos
         []),
    Caso("archivo_sin_exportar_a_csv",
         lambda r: renombrar(r, S + "compromisos.csv", "compromisos.xlsx"),
         ["data/2024-S1/compromisos.csv: falta el archivo (hay «compromisos.xlsx»: expórtelo como CSV "
          "con el nombre «compromisos.csv», o ponga sus datos en la hoja «compromisos» de datos.xlsx)"]),
    Caso("archivo_con_mayusculas",
         lambda r: renombrar(r, P + "oei.csv", "OEI.csv"),
         ["data/plan/oei.csv: falta el archivo (hay «OEI.csv»: cambie el nombre a «oei.csv»)"]),
    Caso("carpeta_del_plan_faltante",
         lambda r: shutil.rmtree(r / "plan"),
         ["data/plan: falta la carpeta del plan"]),
    Caso("carpeta_del_semestre_faltante",
         lambda r: None,
         ["data/2024-S2: falta la carpeta del semestre (semestres disponibles: 2024-S1)"],
         semestre="2024-S2"),
    Caso("semestre_hueco_en_la_serie",
         lambda r: shutil.copytree(r / "2024-S1", r / "2023-S1"),
         ["data/2023-S2: falta la carpeta del semestre: hay datos de 2023-S1 y de 2024-S1, y la serie de los "
          "indicadores no puede tener huecos"]),
    Caso("semestre_mal_escrito",
         lambda r: None,
         ["data: el semestre debe tener la forma AAAA-S1 o AAAA-S2, p. ej. 2024-S1 (valor encontrado: «2024-1»)"],
         semestre="2024-1"),
    Caso("semestre_que_intenta_salir_de_data",
         lambda r: None,
         ["data: el semestre debe tener la forma AAAA-S1 o AAAA-S2, p. ej. 2024-S1 "
          "(valor encontrado: «../../etc»)"],
         semestre="../../etc"),
]


def test_el_catalogo_tiene_al_menos_30_casos():
    assert len(CASOS) >= 30
    assert len({c.id for c in CASOS}) == len(CASOS)


def test_fixture_sintetico_es_valido():
    resultado = validar(FIXTURE, SEMESTRE)
    assert resultado.errores == []
    assert resultado.avisos == []


@pytest.mark.parametrize("caso", CASOS, ids=[c.id for c in CASOS])
def test_catalogo_de_entradas_mal_formadas(datos: Path, caso: Caso):
    caso.mutar(datos)
    resultado = validar(datos, caso.semestre)
    assert [str(f) for f in resultado.errores] == caso.esperado
    assert resultado.ok == (caso.esperado == [])


def test_todas_las_fallas_se_informan_a_la_vez(datos: Path):
    editar(datos, S + "presupuesto.csv", "AEI.01.01,600000.00,300000.25", "AEI.01.01,600000.00,-5")
    editar(datos, P + "oei.csv", "dos,II", "dos,III")
    editar(datos, S + "poblacion.csv", "2000", "dos mil")
    borrar(datos, S + "compromisos.csv")
    agregar(datos, S + "indicadores.csv", "IND.03.AEI.01.01,10,5")
    resultado = validar(datos, SEMESTRE)
    mensajes = [str(f) for f in resultado.errores]
    assert mensajes == [
        "data/plan/oei.csv, fila 3, columna «tipo»: debe ser I o II (valor encontrado: «III»)",
        "data/2024-S1/poblacion.csv, fila 2, columna «personas»: debe ser un número entero entre 0 y 10,000,000 "
        "(valor encontrado: «dos mil»)",
        "data/2024-S1/presupuesto.csv, fila 3, columna «devengado»: debe ser un número entre 0 y 100,000,000,000 "
        "(valor encontrado: «-5»)",
        "data/2024-S1/compromisos.csv: falta el archivo",
        "data/2024-S1/indicadores.csv, fila 6, columna «codigo_indicador»: no existe en "
        "data/plan/indicadores.csv (valor encontrado: «IND.03.AEI.01.01»)",
    ]
    reporte = formatear_reporte(resultado)
    assert reporte.splitlines()[0] == "Validación de datos: 5 errores, 0 avisos."
    assert "  5. data/2024-S1/indicadores.csv, fila 6" in reporte

    with pytest.raises(ErrorDeDatos) as excinfo:
        cargar_semestre(SEMESTRE, datos)
    assert len(excinfo.value.fallas) == 5
    texto = str(excinfo.value)
    assert texto.splitlines()[0] == "Los datos tienen 5 errores; corríjalos y vuelva a ejecutar:"
    assert texto.splitlines()[1] == "  1. " + mensajes[0]
    assert texto.splitlines()[5] == "  5. " + mensajes[4]


def test_varias_fallas_en_un_mismo_archivo_en_orden_de_fila(datos: Path):
    escribir(datos, S + "obras.csv",
             "cui,nombre,tipo_inversion,establecimiento,tipo_establecimiento,unidades_albergue,estado,avance_fisico,"
             "mes_culminacion\n"
             "1000001,Obra sintética uno,obra,Establecimiento sintético A,penitenciario,-1,culminada,,2024-13\n"
             "1000002,,obra,Establecimiento sintético B,penitenciario,50,en_ejecucion,101,\n"
             "1000002,Equipamiento,compra,Establecimiento sintético A,penitenciario,,contrato_firmado,,\n")
    assert [str(f) for f in validar(datos, SEMESTRE).errores] == [
        "data/2024-S1/obras.csv, fila 2, columna «unidades_albergue»: debe ser un número entero entre 0 y 10,000,000 "
        "(valor encontrado: «-1»)",
        "data/2024-S1/obras.csv, fila 2, columna «mes_culminacion»: debe ser un mes con la forma AAAA-MM "
        "(p. ej. 2024-03) (valor encontrado: «2024-13»)",
        "data/2024-S1/obras.csv, fila 3, columna «nombre»: la celda está vacía y el dato es obligatorio",
        "data/2024-S1/obras.csv, fila 3, columna «avance_fisico»: debe ser un porcentaje entre 0 y 100, "
        "sin el signo % (valor encontrado: «101»)",
        "data/2024-S1/obras.csv, fila 4, columna «tipo_inversion»: debe ser obra o equipamiento "
        "(valor encontrado: «compra»)",
        "data/2024-S1/obras.csv, fila 4, columna «cui»: está repetido: ya aparece en la fila 3 (debe ser "
        "único) (valor encontrado: «1000002»)",
    ]


def test_str_de_falla():
    assert str(Falla("data/2024-S1/presupuesto.csv", 4, "pim", "debe ser un número no negativo", "-5")) == (
        "data/2024-S1/presupuesto.csv, fila 4, columna «pim»: debe ser un número no negativo "
        "(valor encontrado: «-5»)")
    assert str(Falla("data/2024-S1/comentarios/AEI.01.01.md", 3, regla="trae un título", lugar="línea")) == (
        "data/2024-S1/comentarios/AEI.01.01.md, línea 3: trae un título")
    assert str(Falla("data/plan", regla="falta la carpeta del plan")) == "data/plan: falta la carpeta del plan"


def test_reporte_sin_errores():
    r = Validacion(SEMESTRE, errores=[], avisos=["data/plan/oei.csv: algo."])
    assert formatear_reporte(r) == ("Validación de datos: sin errores, 1 aviso.\n"
                                    "Avisos (se aceptó, pero conviene revisar):\n"
                                    "  - data/plan/oei.csv: algo.")
    assert r.ok


def test_archivos_que_no_son_del_esquema_dan_aviso(datos: Path):
    escribir(datos, S + "notas.csv", "a,b\n1,2\n")
    r = validar(datos, SEMESTRE)
    assert r.errores == []
    assert r.avisos == ["data/2024-S1/notas.csv: no es un archivo de los datos del informe; se ignora."]


# ---------------------------------------------------------------- API de carga

def test_cargar_semestre_tipos(datos: Path):
    d = cargar_semestre(SEMESTRE, datos)
    assert d.semestre == SEMESTRE and d.avisos == []
    assert set(d.plan) == {"oei", "aei", "indicadores", "actividades_operativas", "referencias_normativas"}
    assert "presupuesto" in d.medidos and "obras_hitos" in d.medidos
    aei = d.plan["aei"]
    assert aei["priorizada"].dtype == bool and aei["priorizada"].tolist() == [True, False, True]
    assert str(aei["orden"].dtype) == "Int64"
    assert aei.index.name == "fila" and aei.index.tolist() == [2, 3, 4]
    assert aei.attrs["archivo"] == "data/plan/aei.csv"
    ind = d.medidos["indicadores"]
    assert ind["logro_esperado"].dtype == "float64"
    assert pd.isna(ind.set_index("codigo_indicador").loc["IND.01.AEI.01.02", "valor_obtenido"])
    assert d.medidos["presupuesto"].set_index("ambito").loc["PLIEGO", "devengado"] == 450000.50
    assert str(d.medidos["poblacion"]["fecha_corte"].dtype).startswith("datetime64")
    assert d.medidos["obras"]["cui"].tolist() == ["1000001", "1000002", "1000003"]


def test_historial_varios_semestres(datos: Path):
    shutil.copytree(datos / "2024-S1", datos / "2023-S2")
    editar(datos, "2023-S2/indicadores.csv", "IND.01.AEI.01.01,20.00,35.50", "IND.01.AEI.01.01,18.00,12.25")
    shutil.copytree(datos / "2024-S1", datos / "2024-S2")
    assert semestres.en(datos) == ["2023-S2", "2024-S1", "2024-S2"]
    h = cargar_semestre("2024-S1", datos).historial
    assert h["semestre"].unique().tolist() == ["2023-S2", "2024-S1"]
    assert list(h.columns) == ["semestre", "anio", "periodo", "codigo_indicador", "logro_esperado",
                               "valor_obtenido"]
    fila = h[(h["semestre"] == "2023-S2") & (h["codigo_indicador"] == "IND.01.AEI.01.01")].iloc[0]
    assert (fila["anio"], fila["periodo"], fila["logro_esperado"], fila["valor_obtenido"]) == (2023, "S2", 18.0, 12.25)
    assert len(h) == 8


def test_historial_valida_cada_semestre(datos: Path):
    shutil.copytree(datos / "2024-S1", datos / "2023-S2")
    editar(datos, "2023-S2/indicadores.csv", "35.50", "abc")
    with pytest.raises(ErrorDeDatos) as excinfo:
        cargar_semestre("2024-S1", datos)
    assert [str(f) for f in excinfo.value.fallas] == [
        "data/2023-S2/indicadores.csv, fila 2, columna «valor_obtenido»: debe ser un número entre 0 y 100,000,000 "
        "(valor encontrado: «abc»)"]


def test_historial_rechaza_semestre_invalido(datos: Path):
    with pytest.raises(ErrorDeDatos) as excinfo:
        cargar_semestre("2024/../S1", datos)
    assert str(excinfo.value) == (
        "Los datos tienen 1 error; corríjalos y vuelva a ejecutar:\n"
        "  1. data: el semestre debe tener la forma AAAA-S1 o AAAA-S2, p. ej. 2024-S1 "
        "(valor encontrado: «2024/../S1»)")


# ---------------------------------------------------------------- datos reales

@pytest.mark.skipif(not (DATA_REAL / "plan" / "oei.csv").is_file() or not (DATA_REAL / SEMESTRE).is_dir(),
                    reason="data/ del proyecto todavía no tiene el plan y el semestre 2024-S1")
def test_datos_reales_2024_s1_validan_sin_errores():
    resultado = validar(DATA_REAL, SEMESTRE)
    assert [str(f) for f in resultado.errores] == [], formatear_reporte(resultado)


def test_cada_explicacion_pide_lo_que_usa_su_oracion(datos: Path):
    """«profesionales» redacta una tasa y «actos_por_oficina» nombra lo que cuenta: el plan debe darlo."""
    ruta = datos / P / "indicadores.csv"
    filas = ruta.read_text(encoding="utf-8").splitlines()
    cabecera = filas[0].split(",")
    assert {"explicacion", "unidad", "texto_valor"} <= set(cabecera)
    tabla = list(csv.DictReader(io.StringIO(ruta.read_text(encoding="utf-8"))))
    tabla[0].update(explicacion="profesionales", unidad="numero", decimales="0")
    tabla[1].update(explicacion="actos_por_oficina", texto_valor="")
    salida = io.StringIO()
    escritor = csv.DictWriter(salida, fieldnames=cabecera, lineterminator="\n")
    escritor.writeheader()
    escritor.writerows(tabla)
    ruta.write_text(salida.getvalue(), encoding="utf-8")
    errores = [str(f) for f in validar(datos, SEMESTRE).errores if "explicacion" in str(f)]
    assert errores == [
        "data/plan/indicadores.csv, fila 2, columna «explicacion»: la explicación «profesionales» pide una tasa "
        "(tasa_1000 o tasa_100000) (valor encontrado: «profesionales»)",
        "data/plan/indicadores.csv, fila 3, columna «explicacion»: la explicación «actos_por_oficina» pide un "
        "texto_valor (qué se cuenta) (valor encontrado: «actos_por_oficina»)",
    ]
