"""Lo que producen de verdad las hojas de cálculo: se acepta lo inequívoco (con aviso)
y se rechaza lo ambiguo. Ver las reglas en el docstring de ``inpe.entrada.lectura``."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from inpe.entrada.carga import cargar_semestre
from inpe.entrada.carpetas import validar
from inpe.entrada.celdas import COMA, PUNTO, decidir_convencion, leer_fecha, leer_numero, leer_si_no
from inpe.entrada.lectura import leer_tabla

FIXTURE = Path(__file__).parent / "fixtures" / "validacion" / "data"
SEM = "2024-S1"


@pytest.fixture
def datos(tmp_path: Path) -> Path:
    destino = tmp_path / "data"
    shutil.copytree(FIXTURE, destino)
    return destino


def escribir(raiz: Path, rel: str, texto: str, encoding: str = "utf-8") -> None:
    (raiz / rel).write_bytes(texto.encode(encoding))


def validar_sin_errores(raiz: Path):
    r = validar(raiz, SEM)
    assert [str(f) for f in r.errores] == []
    return r


# ---------------------------------------------------------------- reglas de números, una por una

@pytest.mark.parametrize("texto, convencion, separador, valor, aviso", [
    ("1234", PUNTO, ",", 1234.0, None),
    ("1234.5", PUNTO, ",", 1234.5, None),
    ("-5", PUNTO, ",", -5.0, None),
    ("1.234", PUNTO, ",", 1.234, None),            # en un CSV con comas, el punto es decimal
    ("1,234.56", PUNTO, ",", 1234.56, "miles"),
    ("1,234", PUNTO, ",", 1234.0, "miles"),
    ("1,234,567", PUNTO, ",", 1234567.0, "miles"),
    ("12,5", None, ";", 12.5, "coma_decimal"),
    ("0,125", None, ";", 0.125, "coma_decimal"),   # un grupo de miles no empieza con cero
    ("1.234,56", None, ";", 1234.56, "punto_miles"),
    ("1.234.567", None, ";", 1234567.0, "punto_miles"),
    ("1,234.56", None, ";", 1234.56, "miles"),     # una sola lectura posible
    ("12.5", None, ";", 12.5, None),
    ("1.234", COMA, ";", 1234.0, "convencion"),
    ("1,234", COMA, ";", 1.234, "convencion"),
    ("1.234", PUNTO, ";", 1.234, "convencion"),
    ("1,234", PUNTO, ";", 1234.0, "convencion"),
    ("", PUNTO, ",", None, None),
], ids=lambda v: repr(v))
def test_numero_aceptado(texto, convencion, separador, valor, aviso):
    leido = leer_numero(texto, convencion, separador)
    assert leido.error is None
    assert leido.valor == valor
    assert leido.aviso == aviso


@pytest.mark.parametrize("texto, convencion, separador, error", [
    ("1.234", None, ";", "es ambiguo: con punto decimal vale 1.234 y con coma decimal vale 1234, y el archivo "
                         "no permite decidir; escriba el número sin separador de miles y con punto decimal"),
    ("1,234", None, ";", "es ambiguo: con punto decimal vale 1234 y con coma decimal vale 1.234, y el archivo "
                         "no permite decidir; escriba el número sin separador de miles y con punto decimal"),
    ("12,5", PUNTO, ",", "usa coma decimal en un archivo separado por comas; escriba el número con punto "
                         "decimal (12.5)"),
    ("1.234,56", PUNTO, ",", "usa coma decimal en un archivo separado por comas; escriba el número con punto "
                             "decimal (1234.56)"),
    ("S/ 1,234.50", PUNTO, ",", "debe ser un número sin el símbolo de moneda (S/)"),
    ("S/.1234", PUNTO, ",", "debe ser un número sin el símbolo de moneda (S/)"),
    ("40.82%", PUNTO, ",", "debe ser un número sin el signo %"),
    ("8.97E+08", PUNTO, ",", "está en notación científica (así lo muestra Excel en celdas angostas); "
                             "escriba el número completo"),
    ("#N/A", PUNTO, ",", "es un error de fórmula de la hoja de cálculo; escriba el valor"),
    ("-", PUNTO, ",", "no es un número; si el dato no está disponible, deje la celda vacía"),
    ("s/d", PUNTO, ",", "no es un número; si el dato no está disponible, deje la celda vacía"),
    ("1 234", PUNTO, ",", "no_numero"),
    ("1,23,456", PUNTO, ",", "no_numero"),          # agrupación que no es de miles
    ("12.5.3", PUNTO, ",", "no_numero"),
    ("doce", PUNTO, ",", "no_numero"),
], ids=lambda v: repr(v))
def test_numero_rechazado(texto, convencion, separador, error):
    leido = leer_numero(texto, convencion, separador)
    assert leido.valor is None
    assert leido.error == error


@pytest.mark.parametrize("valores, separador, convencion", [
    (["1,5", "1.234"], ";", COMA),
    (["1.5", "1,234"], ";", PUNTO),
    (["1234", "1.234"], ";", None),                 # sin pistas
    (["1,5", "1.5", "1.234"], ";", None),           # pistas que se contradicen
    (["1,5"], ",", PUNTO),                          # con comas la convención es fija
], ids=["coma", "punto", "sin_pistas", "contradictorio", "csv_con_comas"])
def test_convencion_del_archivo(valores, separador, convencion):
    assert decidir_convencion(valores, separador) == convencion


@pytest.mark.parametrize("texto, fecha, aviso, error", [
    ("2024-06-30", "2024-06-30", None, None),
    ("2024-06-30 00:00:00", "2024-06-30", "fecha_hora", None),
    ("30/06/2024", "2024-06-30", "fecha_barras", None),
    ("06/30/2024", "2024-06-30", "fecha_barras", None),   # solo puede ser mes/día
    ("06/06/2024", "2024-06-06", "fecha_barras", None),   # ambos órdenes dan la misma fecha
    ("03/06/2024", None, None, "es ambigua: puede ser 2024-06-03 (día/mes) o 2024-03-06 (mes/día); "
                               "escríbala como AAAA-MM-DD"),
    ("2024-02-30", None, None, "no_fecha"),
    ("45473", None, None, "no_fecha"),                    # número de serie de Excel
])
def test_fechas(texto, fecha, aviso, error):
    f, a, e = leer_fecha(texto)
    assert (f.isoformat() if f else None, a, e) == (fecha, aviso, error)


@pytest.mark.parametrize("texto, valor, aviso, error", [
    ("si", True, None, False), ("no", False, None, False), ("Sí", True, "si_no", False),
    ("SI", True, "si_no", False), ("NO", False, "si_no", False), ("x", None, None, True),
    ("1", None, None, True), ("true", None, None, True),
])
def test_si_no(texto, valor, aviso, error):
    assert leer_si_no(texto) == (valor, aviso, error)


# ---------------------------------------------------------------- archivos completos

PRESUPUESTO = "data/2024-S1/presupuesto.csv"


def test_utf8_con_bom(datos: Path):
    texto = (datos / SEM / "presupuesto.csv").read_text(encoding="utf-8")
    escribir(datos, f"{SEM}/presupuesto.csv", texto, "utf-8-sig")
    r = validar_sin_errores(datos)
    assert r.avisos == [f"{PRESUPUESTO}: está en UTF-8 con BOM (marca de Excel); se leyó como UTF-8."]


def test_latin1(datos: Path):
    texto = (datos / "plan" / "oei.csv").read_text(encoding="utf-8")
    escribir(datos, "plan/oei.csv", texto, "latin-1")
    r = validar_sin_errores(datos)
    assert r.avisos == ["data/plan/oei.csv: no está en UTF-8; se leyó como Latin-1 (Windows-1252). "
                        "Guárdelo como «CSV UTF-8» para evitar este aviso."]
    d = cargar_semestre(SEM, datos)
    assert d.plan["oei"]["denominacion"].tolist() == ["Objetivo sintético uno", "Objetivo sintético dos"]


def test_windows_1252_con_comillas_tipograficas(datos: Path):
    escribir(datos, f"{SEM}/actos_violentos.csv", "oficina_regional,actos\n“Norte” – sintética,10\n", "cp1252")
    r = validar_sin_errores(datos)
    assert r.avisos == ["data/2024-S1/actos_violentos.csv: no está en UTF-8; se leyó como Latin-1 "
                        "(Windows-1252). Guárdelo como «CSV UTF-8» para evitar este aviso."]
    assert cargar_semestre(SEM, datos).medidos["actos_violentos"]["oficina_regional"].tolist() == [
        "“Norte” – sintética"]


def test_utf16_con_bom(datos: Path):
    texto = (datos / SEM / "profesionales.csv").read_text(encoding="utf-8")
    escribir(datos, f"{SEM}/profesionales.csv", texto, "utf-16")
    r = validar_sin_errores(datos)
    assert r.avisos == ["data/2024-S1/profesionales.csv: está en UTF-16 («Texto Unicode» de Excel); se leyó "
                        "como UTF-16. Guárdelo como «CSV UTF-8» para evitar este aviso."]


def test_punto_y_coma_con_coma_decimal(datos: Path):
    escribir(datos, f"{SEM}/presupuesto.csv",
             "ambito;pim;devengado\nPLIEGO;1000000,00;450000,50\nAEI.01.01;600000,00;300000,25\n"
             "AEI.02.01;400000,00;150000,25\n")
    r = validar_sin_errores(datos)
    assert r.avisos == [f"{PRESUPUESTO}: números con coma decimal, leídos con punto decimal: 6 celdas "
                        "(p. ej. fila 2, columna «pim»: «1000000,00» → 1000000)."]
    pres = cargar_semestre(SEM, datos).medidos["presupuesto"].set_index("ambito")
    assert pres.loc["PLIEGO", "devengado"] == 450000.50


def test_punto_y_coma_con_punto_de_miles_y_coma_decimal(datos: Path):
    escribir(datos, f"{SEM}/presupuesto.csv",
             "ambito;pim;devengado\nPLIEGO;1.000.000,00;450.000,50\nAEI.01.01;600.000,00;300.000,25\n"
             "AEI.02.01;400.000,00;150.000,25\n")
    r = validar_sin_errores(datos)
    assert r.avisos == [f"{PRESUPUESTO}: números con punto de miles y coma decimal, leídos con punto decimal y "
                        "sin separador de miles: 6 celdas (p. ej. fila 2, columna «pim»: «1.000.000,00» → "
                        "1000000)."]
    pres = cargar_semestre(SEM, datos).medidos["presupuesto"].set_index("ambito")
    assert pres.loc["AEI.01.01", "devengado"] == 300000.25


def test_punto_y_coma_con_punto_decimal(datos: Path):
    escribir(datos, f"{SEM}/presupuesto.csv",
             "ambito;pim;devengado\nPLIEGO;1000000.00;450000.50\nAEI.01.01;600000.00;300000.25\n"
             "AEI.02.01;400000.00;150000.25\n")
    r = validar_sin_errores(datos)
    assert r.avisos == []


def test_separador_de_miles_en_csv_con_comas(datos: Path):
    escribir(datos, f"{SEM}/presupuesto.csv",
             'ambito,pim,devengado\nPLIEGO,"1,000,000.00","450,000.50"\nAEI.01.01,"600,000.00",300000.25\n'
             "AEI.02.01,400000.00,150000.25\n")
    r = validar_sin_errores(datos)
    assert r.avisos == [f"{PRESUPUESTO}: números con coma de miles, leídos sin ella: 3 celdas "
                        "(p. ej. fila 2, columna «pim»: «1,000,000.00» → 1000000)."]
    pres = cargar_semestre(SEM, datos).medidos["presupuesto"].set_index("ambito")
    assert pres.loc["PLIEGO", "pim"] == 1_000_000.00


def test_numero_con_dos_lecturas_lo_decide_el_resto_del_archivo(datos: Path):
    # 2.000 es ambiguo, pero 1500,5 solo puede ser coma decimal: el archivo usa coma decimal.
    escribir(datos, f"{SEM}/componentes.csv",
             "codigo_indicador;rol;concepto;valor\n"
             "IND.01.AEI.01.01;numerador;Personas sintéticas con evaluación favorable;1500,5\n"
             "IND.01.AEI.01.01;denominador;Población sintética;2.000\n")
    r = validar_sin_errores(datos)
    assert r.avisos == [
        "data/2024-S1/componentes.csv: números con coma decimal, leídos con punto decimal: 1 celda "
        "(p. ej. fila 2, columna «valor»: «1500,5» → 1500.5).",
        "data/2024-S1/componentes.csv: números con dos lecturas posibles, leídos con la convención del resto "
        "del archivo (coma decimal): 1 celda (p. ej. fila 3, columna «valor»: «2.000» → 2000).",
    ]
    assert cargar_semestre(SEM, datos).medidos["componentes"]["valor"].tolist() == [1500.5, 2000.0]


def test_numero_ambiguo_sin_convencion_se_rechaza(datos: Path):
    escribir(datos, f"{SEM}/componentes.csv",
             "codigo_indicador;rol;concepto;valor\n"
             "IND.01.AEI.01.01;numerador;Personas sintéticas con evaluación favorable;710\n"
             "IND.01.AEI.01.01;denominador;Población sintética;2,000\n")
    r = validar(datos, SEM)
    assert [str(f) for f in r.errores] == [
        "data/2024-S1/componentes.csv, fila 3, columna «valor»: es ambiguo: con punto decimal vale 2000 y con "
        "coma decimal vale 2, y el archivo no permite decidir; escriba el número sin separador de miles y con "
        "punto decimal (valor encontrado: «2,000»)"]


def test_numero_ambiguo_con_convenciones_mezcladas_se_rechaza(datos: Path):
    escribir(datos, f"{SEM}/presupuesto.csv",
             "ambito;pim;devengado\nPLIEGO;1000000.00;450000,50\nAEI.01.01;600.000;300000.25\n"
             "AEI.02.01;400000.00;150000.25\n")
    r = validar(datos, SEM)
    assert [str(f) for f in r.errores] == [
        "data/2024-S1/presupuesto.csv, fila 3, columna «pim»: es ambiguo: con punto decimal vale 600 y con "
        "coma decimal vale 600000, y el archivo no permite decidir; escriba el número sin separador de miles y "
        "con punto decimal (valor encontrado: «600.000»)"]


def test_filas_vacias_al_final(datos: Path):
    ruta = datos / SEM / "presupuesto.csv"
    ruta.write_text(ruta.read_text(encoding="utf-8") + ",,\n\n,\n", encoding="utf-8")
    r = validar_sin_errores(datos)
    assert r.avisos == [f"{PRESUPUESTO}: se ignoraron 3 filas vacías al final (las filas 5 a 7)."]
    assert len(cargar_semestre(SEM, datos).medidos["presupuesto"]) == 3


def test_fila_vacia_en_medio(datos: Path):
    escribir(datos, f"{SEM}/profesionales.csv", "medio,profesionales\ncerrado,120\n,\nabierto,45\n")
    r = validar_sin_errores(datos)
    assert r.avisos == ["data/2024-S1/profesionales.csv: se ignoraron filas vacías en medio de los datos "
                        "(la fila 3)."]
    # la fila se sigue contando: «abierto» está en la fila 4 de la hoja
    assert cargar_semestre(SEM, datos).medidos["profesionales"].index.tolist() == [2, 4]


def test_espacios_sobrantes_en_codigos(datos: Path):
    escribir(datos, f"{SEM}/indicadores.csv",
             "codigo_indicador,logro_esperado,valor_obtenido\n"
             " IND.01.AEI.01.01 ,20.00,35.50\nIND.02.AEI.01.01\u00a0,1500,1200\n"
             "IND.01.AEI.01.02,0,\nIND.01.AEI.02.01,40,10\n")
    r = validar_sin_errores(datos)
    assert r.avisos == ["data/2024-S1/indicadores.csv: se quitaron espacios sobrantes al inicio o al final de "
                        "2 celdas (p. ej. fila 2, columna «codigo_indicador»: « IND.01.AEI.01.01 »)."]
    codigos = cargar_semestre(SEM, datos).medidos["indicadores"]["codigo_indicador"].tolist()
    assert codigos[:2] == ["IND.01.AEI.01.01", "IND.02.AEI.01.01"]


def test_codigos_en_minusculas_o_con_espacios_internos(datos: Path):
    escribir(datos, f"{SEM}/ao_establecimientos.csv",
             "codigo_ao,establecimiento\nao.01.01.01,Establecimiento sintético A\n"
             "AO. 01.01.01,Establecimiento sintético B\n")
    r = validar_sin_errores(datos)
    assert r.avisos == ["data/2024-S1/ao_establecimientos.csv: códigos con minúsculas o espacios internos, "
                        "leídos normalizados: 2 celdas (p. ej. fila 2, columna «codigo_ao»: «ao.01.01.01» → "
                        "AO.01.01.01)."]


def test_valores_de_lista_con_otras_mayusculas(datos: Path):
    ruta = datos / "plan" / "indicadores.csv"
    ruta.write_text(ruta.read_text(encoding="utf-8").replace("Descendente", "DESCENDENTE"), encoding="utf-8")
    r = validar_sin_errores(datos)
    assert r.avisos == ["data/plan/indicadores.csv: valores con otras mayúsculas o sin tildes, leídos como el "
                        "valor permitido: 1 celda (p. ej. fila 3, columna «sentido»: «DESCENDENTE» → "
                        "Descendente)."]


def test_si_no_con_tilde_y_mayusculas(datos: Path):
    ruta = datos / "plan" / "aei.csv"
    ruta.write_text(ruta.read_text(encoding="utf-8").replace(",si,", ",Sí,"), encoding="utf-8")
    r = validar_sin_errores(datos)
    assert r.avisos == ["data/plan/aei.csv: valores «si»/«no» escritos de otra forma, leídos como «si»/«no»: "
                        "2 celdas (p. ej. fila 2, columna «priorizada»: «Sí» → si)."]
    assert cargar_semestre(SEM, datos).plan["aei"]["priorizada"].tolist() == [True, False, True]


def test_fecha_dia_mes_anio(datos: Path):
    ruta = datos / SEM / "poblacion.csv"
    ruta.write_text(ruta.read_text(encoding="utf-8").replace("2024-06-30", "30/06/2024"), encoding="utf-8")
    r = validar_sin_errores(datos)
    assert r.avisos == ["data/2024-S1/poblacion.csv: fechas con barras, leídas como AAAA-MM-DD: 3 celdas "
                        "(p. ej. fila 2, columna «fecha_corte»: «30/06/2024» → 2024-06-30)."]


def test_cabecera_en_mayusculas_y_separadores_sobrantes(datos: Path):
    escribir(datos, f"{SEM}/profesionales.csv", "Medio,PROFESIONALES,,\ncerrado,120,,\nabierto,45,,\n")
    r = validar_sin_errores(datos)
    assert r.avisos == [
        "data/2024-S1/profesionales.csv: nombres de columna con mayúsculas («Medio», «PROFESIONALES»); se "
        "leyeron en minúsculas.",
        "data/2024-S1/profesionales.csv: se ignoraron separadores sobrantes al final de 3 filas.",
    ]


def test_linea_sep_de_excel(datos: Path):
    escribir(datos, f"{SEM}/profesionales.csv", "sep=;\nmedio;profesionales\ncerrado;120\nabierto;45\n")
    r = validar_sin_errores(datos)
    assert r.avisos == ["data/2024-S1/profesionales.csv: la primera línea «sep=;» indica el separador; se usó "
                        "y no se cuenta como fila."]


def test_fin_de_linea_windows_y_saltos_dentro_de_celdas(datos: Path):
    texto = (datos / SEM / "compromisos.csv").read_text(encoding="utf-8")
    (datos / SEM / "compromisos.csv").write_bytes(texto.replace("\n", "\r\n").encode("utf-8"))
    validar_sin_errores(datos)
    comp = cargar_semestre(SEM, datos).medidos["compromisos"]
    # el texto de varias líneas es una sola fila de la hoja: el compromiso 2 está en la fila 3
    assert comp.index.tolist() == [2, 3]


def test_leer_tabla_no_lanza_con_archivo_inexistente(tmp_path: Path):
    t = leer_tabla(tmp_path / "no.csv", "data/no.csv")
    assert not t.legible
    assert str(t.errores[0]).startswith("data/no.csv: no se puede abrir el archivo")
