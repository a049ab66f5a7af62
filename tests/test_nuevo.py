"""El semestre siguiente sin programar: ``python -m inpe nuevo``, la plantilla de Excel y lo que falta.

Cada prueba trabaja en una copia temporal del plan real y de 2024-S1 (nunca en ``data/``). Para
llenar un semestre preparado se usan los valores de 2024-S1 como si fueran los de 2024-S2: no se
publican, solo prueban que lo preparado, una vez lleno, valida y da las mismas tablas.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from inpe import cli
from inpe.entrada import nuevo, semestres, textos
from inpe.entrada.carpetas import codigos_del_plan, faltantes, filas_legibles, formatear_reporte, validar, validar_plan
from inpe.entrada.esquemas import ESQUEMAS_SEMESTRE, Esquema
from inpe.entrada.fuentes import Fuente
from inpe.entrada.validacion import REGLA_VACIA
from inpe.entrada.xlsx import HOJA_INSTRUCCIONES, LIBRO
from inpe.publicacion import manifiesto

RAIZ = Path(__file__).resolve().parents[1]
README = RAIZ / "README.md"
FIXTURE_PLAN = Path(__file__).parent / "fixtures" / "validacion" / "data" / "plan"
ANTES, NUEVO = "2024-S1", "2024-S2"


@pytest.fixture
def datos(tmp_path: Path) -> Path:
    """data/ con el plan real y 2024-S1: lo que hay cuando toca preparar 2024-S2."""
    destino = tmp_path / "data"
    shutil.copytree(RAIZ / "data" / "plan", destino / "plan")
    shutil.copytree(RAIZ / "data" / ANTES, destino / ANTES)
    return destino


def _leer_csv(ruta: Path) -> tuple[list[str], list[dict[str, str]]]:
    with ruta.open(encoding="utf-8", newline="") as f:
        lector = csv.DictReader(f)
        return list(lector.fieldnames), list(lector)


def _clave(esquema: Esquema, fila: dict) -> tuple:
    return tuple(str(fila[c]) for c in esquema.clave)


def _visibles(carpeta: Path) -> list[str]:
    return sorted(p.name for p in carpeta.iterdir())


# ------------------------------------------------------------------ lo que se prepara

def test_cada_tabla_con_su_cabecera_y_las_filas_que_salen_del_plan(datos):
    nuevo.preparar(datos, NUEVO)
    carpeta = datos / NUEVO
    assert _visibles(carpeta) == sorted([e.archivo for e in ESQUEMAS_SEMESTRE.values()] + ["comentarios"])
    plan = validar_plan(datos).plan
    codigos = {n: list(t.df[t.esquema.clave[0]]) for n, t in plan.items()}
    esperadas = {
        "indicadores": [(c,) for c in codigos["indicadores"]],
        "actividades_operativas": [(c,) for c in codigos["actividades_operativas"]],
        "presupuesto": [("PLIEGO",)] + [(c,) for c in codigos["aei"]],
        "entidad": [("unidades_ejecutoras",), ("establecimientos_penitenciarios",), ("establecimientos_medio_libre",)],
        "evaluacion_tratamiento": [("intramuros",), ("extramuros",)],
        "profesionales": [("cerrado",), ("abierto",)],
        "interconexion": [("penitenciario",), ("medio_libre",)],
    }
    assert len(esperadas["indicadores"]) == 12 and len(esperadas["actividades_operativas"]) == 30
    for nombre, esquema in ESQUEMAS_SEMESTRE.items():
        cabecera, filas = _leer_csv(carpeta / esquema.archivo)
        assert cabecera == esquema.nombres, nombre
        assert [_clave(esquema, f) for f in filas] == esperadas.get(nombre, []), nombre
        # nada inventado ni copiado de 2024-S1: fuera de la clave, todo vacío
        assert all(v == "" for f in filas for c, v in f.items() if c not in esquema.clave), nombre


def test_el_csv_es_el_que_se_versiona_utf8_coma_y_fin_de_linea_unix(datos):
    nuevo.preparar(datos, NUEVO)
    crudo = (datos / NUEVO / "presupuesto.csv").read_bytes()
    assert crudo.startswith(b"ambito,pim,devengado\nPLIEGO,,\nAEI.01.01,,\n")
    assert b"\r" not in crudo and not crudo.startswith(b"\xef\xbb\xbf")


def test_las_filas_salen_del_plan_que_haya_no_de_una_lista_escrita_a_mano(tmp_path):
    """Otro plan (el sintético de las pruebas de validación): otras filas, sin tocar el código."""
    shutil.copytree(FIXTURE_PLAN, tmp_path / "data" / "plan")
    hecho = nuevo.preparar(tmp_path / "data", NUEVO)
    plan = validar_plan(tmp_path / "data").plan
    _, filas = _leer_csv(tmp_path / "data" / NUEVO / "indicadores.csv")
    assert [f["codigo_indicador"] for f in filas] == list(plan["indicadores"].df["codigo_indicador"])
    _, filas = _leer_csv(tmp_path / "data" / NUEVO / "presupuesto.csv")
    assert [f["ambito"] for f in filas] == ["PLIEGO"] + list(plan["aei"].df["codigo_aei"])
    comentarios = {p.stem for p in (tmp_path / "data" / NUEVO / "comentarios").glob("*.md")}
    assert comentarios == set(textos.nombres_admitidos(textos.TEXTOS_SEMESTRE, codigos_del_plan(plan)))
    assert set(hecho.tablas) == set(ESQUEMAS_SEMESTRE)


def test_un_comentario_por_texto_que_el_informe_lee_y_vacio_para_el_lector(datos):
    nuevo.preparar(datos, NUEVO)
    v = validar(datos, NUEVO)
    esperados = textos.nombres_admitidos(textos.TEXTOS_SEMESTRE, codigos_del_plan(v.plan))
    carpeta = datos / NUEVO / "comentarios"
    assert sorted(p.stem for p in carpeta.glob("*.md")) == sorted(esperados)
    assert len(esperados) == 1 + 4 * 11 + 2 * 12 + 30 + 3  # por AEI, indicador y AO del plan, y los del semestre
    assert not [f for f in v.errores if "comentarios" in f.archivo]
    assert set(v.comentarios) == set(esperados)
    assert all(t.contenido == "" and t.publicar for t in v.comentarios.values())
    encabezado = (carpeta / "AO.01.01.03.md").read_text(encoding="utf-8")
    assert "Actividad operativa AO.01.01.03: «Educación superior universitaria»." in encabezado
    assert "Matices del resultado de una actividad operativa" in encabezado
    assert "debajo de la línea ---" in encabezado and "Sin cifras" in encabezado
    cuerpo = encabezado.split("\n---\n", 1)[0]
    assert all(linea == "---" or linea.startswith("# ") for linea in cuerpo.splitlines())


def test_el_texto_debajo_del_encabezado_se_publica_sin_el_encabezado(datos):
    nuevo.preparar(datos, NUEVO)
    ruta = datos / NUEVO / "comentarios" / "AEI.01.01.md"
    ruta.write_text(ruta.read_text(encoding="utf-8") + "El resultado refleja el *esfuerzo* de las oficinas.\n",
                    encoding="utf-8")
    otra = datos / NUEVO / "comentarios" / "AEI.01.02.md"
    otra.write_text(otra.read_text(encoding="utf-8").replace("\n---\n", "\npublicar: no\nmotivo: en revisión\n---\n", 1)
                    + "Texto en revisión.\n", encoding="utf-8")
    v = validar(datos, NUEVO)
    assert v.comentarios["AEI.01.01"].contenido == "El resultado refleja el *esfuerzo* de las oficinas."
    assert v.comentarios["AEI.01.01"].publicar
    assert (v.comentarios["AEI.01.02"].publicar, v.comentarios["AEI.01.02"].motivo) == (False, "en revisión")


def test_un_texto_escrito_dentro_del_encabezado_es_un_error_que_dice_donde_va(datos):
    nuevo.preparar(datos, NUEVO)
    ruta = datos / NUEVO / "comentarios" / "recomendaciones.md"
    ruta.write_text(ruta.read_text(encoding="utf-8").replace("\n---\n", "\nGestionar el presupuesto.\n---\n", 1),
                    encoding="utf-8")
    errores = [str(f) for f in validar(datos, NUEVO).errores if "comentarios" in f.archivo]
    assert errores == ["data/2024-S2/comentarios/recomendaciones.md, línea 1: el bloque de opciones (---) no se puede "
                       "leer; escriba «publicar: no» y «motivo: …», una por línea (el comentario va debajo de la línea "
                       "--- que cierra el bloque)"]


def test_los_encabezados_no_traen_cifras_tipeadas(datos):
    """Si se confirman en data/, la prueba de cifras tipeadas (tests/test_cuadernos.py) los revisa."""
    from test_cuadernos import cifras_tipeadas

    nuevo.preparar(datos, NUEVO)
    hallazgos = {p.name: cifras_tipeadas(p.read_text(encoding="utf-8"))
                 for p in (datos / NUEVO / "comentarios").glob("*.md")}
    assert {n: c for n, c in hallazgos.items() if c} == {}


# ------------------------------------------------------------------ lo que se rechaza, sin crear nada

def _sin_restos(datos: Path) -> None:
    assert not [p.name for p in datos.iterdir() if p.name.startswith(".")]


@pytest.mark.parametrize("semestre", ["2024-S3", "2024-s2", "../2024-S2", "2024-S2/..", "", "٢٠٢٤-S2"])
def test_un_semestre_invalido_se_rechaza_antes_de_formar_una_ruta(datos, semestre):
    antes = _visibles(datos)
    with pytest.raises(nuevo.ErrorAlPreparar, match="Semestre no válido: .*el formato es AAAA-S1 o AAAA-S2"):
        nuevo.preparar(datos, semestre)
    assert _visibles(datos) == antes


def test_no_sobrescribe_una_carpeta_que_existe(datos):
    (datos / NUEVO).mkdir()
    (datos / NUEVO / "indicadores.csv").write_text("lo que ya escribió el analista\n", encoding="utf-8")
    with pytest.raises(nuevo.ErrorAlPreparar) as e:
        nuevo.preparar(datos, NUEVO)
    assert str(e.value).startswith("ya existe data/2024-S2: no se sobrescribe (el que sigue al último con datos es "
                                   "2025-S1). Si quiere empezar de nuevo, borre esa carpeta")
    assert (datos / NUEVO / "indicadores.csv").read_text(encoding="utf-8") == "lo que ya escribió el analista\n"
    assert _visibles(datos / NUEVO) == ["indicadores.csv"]
    _sin_restos(datos)


def test_no_deja_huecos_en_la_serie(datos):
    with pytest.raises(nuevo.ErrorAlPreparar) as e:
        nuevo.preparar(datos, "2025-S1")
    assert str(e.value) == ("no se puede preparar 2025-S1: el último semestre con datos es 2024-S1 y la serie de los "
                            "indicadores no admite huecos. Prepare antes 2024-S2: python -m inpe nuevo 2024-S2")
    with pytest.raises(nuevo.ErrorAlPreparar, match="Prepare antes 2023-S2"):
        nuevo.preparar(datos, "2023-S1")
    nuevo.preparar(datos, "2023-S2")  # el que precede al primero sí: la serie sigue sin huecos
    assert semestres.en(datos) == ["2023-S2", "2024-S1"]
    _sin_restos(datos)


def test_un_plan_con_errores_no_prepara_nada(datos):
    ruta = datos / "plan" / "indicadores.csv"
    ruta.write_text(ruta.read_text(encoding="utf-8").replace("IND.01.AEI.01.01,AEI.01.01", "IND.01.AEI.01.01,AEI.09.09"),
                    encoding="utf-8")
    with pytest.raises(nuevo.ErrorAlPreparar) as e:
        nuevo.preparar(datos, NUEVO)
    assert str(e.value).startswith("el plan tiene ")
    assert "data/plan/indicadores.csv, fila 2, columna «codigo_aei»" in str(e.value)
    assert not (datos / NUEVO).exists()
    _sin_restos(datos)


def test_si_algo_falla_a_medio_camino_no_queda_una_carpeta_a_medias(datos, monkeypatch):
    def rompe(ruta, tabla):
        if tabla.esquema.nombre == "obras":
            raise OSError("disco lleno")
        ruta.write_text("x", encoding="utf-8")
    monkeypatch.setattr(nuevo, "_escribir_csv", rompe)
    with pytest.raises(OSError, match="disco lleno"):
        nuevo.preparar(datos, NUEVO)
    assert not (datos / NUEVO).exists()
    _sin_restos(datos)


# ------------------------------------------------------------------ validar dice qué falta

def test_validar_un_semestre_recien_preparado_dice_que_falta_una_linea_por_archivo_y_columna(datos):
    nuevo.preparar(datos, NUEVO)
    v = validar(datos, NUEVO)
    grupos, otros = faltantes(v.errores)
    assert otros == []  # recién preparado, nada está mal: solo falta
    assert all(f.regla == REGLA_VACIA for f in v.errores) and v.avisos == []
    reporte = formatear_reporte(v).splitlines()
    assert reporte[0] == "Validación de datos: faltan 77 datos obligatorios en 7 archivos, sin otros errores, 0 avisos."
    assert reporte[1] == "Falta completar (celdas obligatorias vacías: escriba el dato de la fuente):"
    assert reporte[2:11] == [
        "  - data/2024-S2/indicadores.csv: faltan 12 valores de «logro_esperado» (filas 2–13)",
        "  - data/2024-S2/evaluacion_tratamiento.csv: faltan 2 valores de «evaluados» (filas 2–3)",
        "  - data/2024-S2/evaluacion_tratamiento.csv: faltan 2 valores de «favorables» (filas 2–3)",
        "  - data/2024-S2/profesionales.csv: faltan 2 valores de «profesionales» (filas 2–3)",
        "  - data/2024-S2/entidad.csv: faltan 3 valores de «valor» (filas 2–4)",
        "  - data/2024-S2/interconexion.csv: faltan 2 valores de «interconectados» (filas 2–3)",
        "  - data/2024-S2/presupuesto.csv: faltan 12 valores de «pim» (filas 2–13)",
        "  - data/2024-S2/presupuesto.csv: faltan 12 valores de «devengado» (filas 2–13)",
        "  - data/2024-S2/actividades_operativas.csv: faltan 30 valores de «unidad_medida» (filas 2–31)",
    ]
    assert reporte[11] == "Por revisar (se admite vacío, pero quizá falte llenarlo):"
    revisar = reporte[12:]
    assert "  - data/2024-S2/indicadores.csv: «valor_obtenido» está vacía en sus 12 filas (vacía = «sin dato» en el " \
           "informe)" in revisar
    assert "  - data/2024-S2/componentes.csv: no tiene filas; agregue las de la fuente (una por cada combinación de " \
           "codigo_indicador, rol y concepto), o déjela así si este semestre no hay ninguna" in revisar
    assert not any("obras_hitos" in x for x in revisar)  # opcional para este plan: vacía no falta
    assert not any(x.startswith("Errores") for x in reporte)


def test_un_error_de_verdad_conserva_archivo_fila_columna_regla_y_valor(datos):
    nuevo.preparar(datos, NUEVO)
    ruta = datos / NUEVO / "indicadores.csv"
    texto = ruta.read_text(encoding="utf-8")
    ruta.write_text(texto.replace("IND.01.AEI.01.02,,", "IND.01.AEI.01.02,setenta,"), encoding="utf-8")
    reporte = formatear_reporte(validar(datos, NUEVO))
    assert "  - data/2024-S2/indicadores.csv: faltan 11 valores de «logro_esperado» (filas 2 y 4–13)" in reporte
    assert reporte.splitlines()[0].startswith("Validación de datos: faltan 76 datos obligatorios en 7 archivos, 1 error,")
    assert ("Errores (corríjalos y vuelva a ejecutar):\n  1. data/2024-S2/indicadores.csv, fila 3, columna "
            "«logro_esperado»: debe ser un número entre 0 y 100,000,000 (valor encontrado: «setenta»)") in reporte


@pytest.mark.parametrize("filas, texto", [
    ([7], "fila 7"), ([2, 3], "filas 2–3"), ([2, 4], "filas 2 y 4"), ([5, 2, 3, 4, 9], "filas 2–5 y 9"),
    (list(range(2, 40, 2)), "filas 2, 4, 6, 8, 10, 12 y 13 más"),
])
def test_las_filas_se_agrupan_en_tramos(filas, texto):
    assert filas_legibles(filas) == texto


# ------------------------------------------------------------------ llenar con los valores de 2024-S1

def _tipado(esquema: Esquema, columna: str, texto: str):
    """Lo que escribiría un analista en Excel: números como números, fechas como fechas."""
    if texto == "":
        return None
    tipo = esquema.columna(columna).tipo
    if tipo == "entero":
        return int(texto)
    if tipo == "decimal":
        return float(texto)
    if tipo == "fecha":
        return dt.date.fromisoformat(texto)
    return texto


def _filas_llenas(esquema: Esquema, preparadas: list[tuple], origen: list[dict]) -> tuple[list[dict], list[tuple]]:
    """Las filas de la fuente: las preparadas que la fuente trae, en su lugar, y luego las demás.

    Devuelve también las claves preparadas que la fuente no trae (el analista borra esas filas).
    """
    por_clave = {_clave(esquema, f): f for f in origen}
    assert set(preparadas) <= set(por_clave) | {("AEI.03.01",)}, esquema.nombre  # solo esa AEI no reportó
    llenas = [por_clave[k] for k in preparadas if k in por_clave]
    return llenas + [f for f in origen if _clave(esquema, f) not in set(preparadas)], \
        [k for k in preparadas if k not in por_clave]


def llenar_csv(carpeta: Path, fuente: Path) -> None:
    for esquema in ESQUEMAS_SEMESTRE.values():
        _, preparadas = _leer_csv(carpeta / esquema.archivo)
        _, origen = _leer_csv(fuente / esquema.archivo)
        filas, _ = _filas_llenas(esquema, [_clave(esquema, f) for f in preparadas], origen)
        with (carpeta / esquema.archivo).open("w", encoding="utf-8", newline="") as f:
            escritor = csv.DictWriter(f, fieldnames=esquema.nombres, lineterminator="\n")
            escritor.writeheader()
            escritor.writerows(filas)


def llenar_libro(ruta: Path, fuente: Path) -> None:
    """Llena la plantilla como lo haría un analista: en su lugar, borrando y agregando filas."""
    libro = openpyxl.load_workbook(ruta)
    for esquema in ESQUEMAS_SEMESTRE.values():
        hoja = libro[esquema.nombre]
        assert [c.value for c in hoja[1]] == esquema.nombres
        posicion = {c: i for i, c in enumerate(esquema.nombres, start=1)}
        preparadas = [tuple(hoja.cell(r, posicion[c]).value for c in esquema.clave) for r in range(2, hoja.max_row + 1)]
        _, origen = _leer_csv(fuente / esquema.archivo)
        filas, sobran = _filas_llenas(esquema, preparadas, origen)
        for k in sobran:
            hoja.delete_rows(2 + preparadas.index(k))
            preparadas.remove(k)
        for r, fila in enumerate(filas, start=2):
            for c, j in posicion.items():
                if r - 2 < len(preparadas) and c in esquema.clave:
                    assert hoja.cell(r, j).value == fila[c]  # la clave que preparó el plan no se toca
                    continue
                hoja.cell(r, j).value = _tipado(esquema, c, fila[c])
    libro.save(ruta)


def llenar_comentarios(carpeta: Path, fuente: Path) -> None:
    """Cada comentario de la fuente, debajo del encabezado (sus opciones, dentro del bloque)."""
    for origen in (fuente / "comentarios").glob("*.md"):
        destino = carpeta / "comentarios" / origen.name
        encabezado = destino.read_text(encoding="utf-8")
        texto = origen.read_text(encoding="utf-8")
        opciones = ""
        if m := re.match(r"---\n(.*?)\n---\n", texto, flags=re.S):
            opciones, texto = m.group(1) + "\n", texto[m.end():]
        comentarios, cierre, _ = encabezado.rpartition("---\n")
        destino.write_text(comentarios + opciones + cierre + "\n" + texto, encoding="utf-8")


def _tablas(v) -> dict[str, pd.DataFrame]:
    salida = {}
    for nombre, t in v.medidos.items():
        clave = list(t.esquema.clave)
        salida[nombre] = t.df.sort_values(clave).reset_index(drop=True)
    return salida


@pytest.fixture
def referencia(tmp_path) -> object:
    """La validación de 2024-S1 copiado tal cual como 2024-S2: lo que debe dar el semestre preparado y lleno."""
    datos = tmp_path / "referencia"
    shutil.copytree(RAIZ / "data" / "plan", datos / "plan")
    shutil.copytree(RAIZ / "data" / ANTES, datos / ANTES)
    shutil.copytree(RAIZ / "data" / ANTES, datos / NUEVO)
    v = validar(datos, NUEVO)
    assert v.ok, formatear_reporte(v)
    return v


def _iguales(v, referencia) -> None:
    assert v.ok, formatear_reporte(v)
    assert set(v.medidos) == set(referencia.medidos)
    obtenidas, esperadas = _tablas(v), _tablas(referencia)
    for nombre in esperadas:
        pd.testing.assert_frame_equal(obtenidas[nombre], esperadas[nombre], obj=nombre)
    assert {n: (t.contenido, t.publicar) for n, t in v.comentarios.items() if t.contenido} == \
        {n: (t.contenido, t.publicar) for n, t in referencia.comentarios.items()}


def test_los_csv_preparados_y_llenos_validan_y_dan_las_mismas_tablas(datos, referencia):
    nuevo.preparar(datos, NUEVO)
    llenar_csv(datos / NUEVO, datos / ANTES)
    llenar_comentarios(datos / NUEVO, datos / ANTES)
    v = validar(datos, NUEVO)
    _iguales(v, referencia)
    assert v.avisos == []


def test_el_libro_preparado_y_lleno_en_excel_valida_y_da_las_mismas_tablas(datos, referencia):
    hecho = nuevo.preparar(datos, NUEVO, excel=True)
    assert hecho.excel and _visibles(datos / NUEVO) == ["comentarios", LIBRO]  # una sola forma: el libro
    llenar_libro(datos / NUEVO / LIBRO, datos / ANTES)
    llenar_comentarios(datos / NUEVO, datos / ANTES)
    v = validar(datos, NUEVO)
    _iguales(v, referencia)
    assert v.avisos == []  # ni filas vacías por los formatos, ni la hoja de instrucciones
    # el manifiesto guarda la huella del libro, que es lo que se leyó
    entradas = manifiesto.entradas(datos.parent, NUEVO)
    assert f"data/{NUEVO}/{LIBRO}" in entradas and len(entradas[f"data/{NUEVO}/{LIBRO}"]["sha256"]) == 64
    assert not [r for r in entradas if r.startswith(f"data/{NUEVO}/") and r.endswith(".csv")]


def test_el_libro_sin_llenar_dice_lo_mismo_que_los_csv_nombrando_la_hoja(datos, tmp_path):
    nuevo.preparar(datos, NUEVO, excel=True)
    otros = tmp_path / "csv" / "data"
    shutil.copytree(datos / "plan", otros / "plan")
    shutil.copytree(datos / ANTES, otros / ANTES)
    nuevo.preparar(otros, NUEVO)
    del_libro = formatear_reporte(validar(datos, NUEVO))
    de_csv = formatear_reporte(validar(otros, NUEVO))
    assert re.sub(r"datos\.xlsx, hoja «(\w+)»", r"\1.csv", del_libro) == de_csv
    assert "data/2024-S2/datos.xlsx, hoja «indicadores»: faltan 12 valores de «logro_esperado» (filas 2–13)" in del_libro


# ------------------------------------------------------------------ la plantilla de Excel

def test_la_plantilla_ayuda_a_llenar_bien(datos):
    nuevo.preparar(datos, NUEVO, excel=True)
    libro = openpyxl.load_workbook(datos / NUEVO / LIBRO)
    assert libro.sheetnames == [HOJA_INSTRUCCIONES] + list(ESQUEMAS_SEMESTRE)
    instrucciones = libro[HOJA_INSTRUCCIONES]
    texto = "\n".join(str(c.value) for fila in instrucciones.iter_rows(max_col=7) for c in fila if c.value)
    for frase in ("Cada hoja es una tabla del informe", "comentarios/", "40.82", "python -m inpe validar 2024-S2",
                  "se rechaza"):
        assert frase in texto
    for nombre, esquema in ESQUEMAS_SEMESTRE.items():  # cada hoja y cada columna, explicadas
        assert nombre in texto and all(c.nombre in texto for c in esquema.columnas)
    listas = {}
    for j in range(1, instrucciones.max_column + 1):
        titulo = instrucciones.cell(1, j).value
        if isinstance(titulo, str) and titulo.startswith("lista: "):
            listas[titulo] = [instrucciones.cell(i, j).value for i in range(2, instrucciones.max_row + 1)
                              if instrucciones.cell(i, j).value is not None]

    hoja = libro["presupuesto"]
    assert hoja.freeze_panes == "A2"
    assert [hoja.cell(r, 1).value for r in (2, 3)] == ["PLIEGO", "AEI.01.01"]
    assert hoja.cell(3, 1).comment.text.startswith("Tratamiento integral")  # la denominación del plan
    assert "Obligatoria" in hoja.cell(1, 2).comment.text and "S/" in hoja.cell(1, 2).comment.text
    assert hoja.column_dimensions["B"].number_format == "#,##0.00"
    validaciones = {str(dv.sqref): dv for dv in hoja.data_validations.dataValidation}
    ambito = validaciones["A2:A1048576"]
    assert ambito.type == "list" and ambito.formula1.startswith("'instrucciones'!$")
    assert listas["lista: presupuesto.ambito"] == ["PLIEGO"] + [f"AEI.{x}" for x in (
        "01.01", "01.02", "01.03", "01.04", "01.05", "01.06", "02.01", "02.02", "02.03", "02.04", "03.01")]
    pim = validaciones["B2:B1048576"]
    assert (pim.type, pim.formula1, pim.formula2) == ("decimal", "0", "100000000000")

    obras = libro["obras"]
    letra = openpyxl.utils.get_column_letter(ESQUEMAS_SEMESTRE["obras"].nombres.index("estado") + 1)
    estado = {str(dv.sqref): dv for dv in obras.data_validations.dataValidation}[f"{letra}2:{letra}1048576"]
    assert estado.type == "list" and listas["lista: obras.estado"] == list(ESQUEMAS_SEMESTRE["obras"].columna("estado").valores)
    columnas = {c: obras.column_dimensions[openpyxl.utils.get_column_letter(i)].number_format
                for i, c in enumerate(ESQUEMAS_SEMESTRE["obras"].nombres, start=1)}
    assert columnas["mes_culminacion"] == "@" and columnas["cui"] == "@"  # Excel no los vuelve fecha ni número
    assert columnas["avance_fisico"] == "General" and columnas["unidades_albergue"] == "0"
    letra = openpyxl.utils.get_column_letter(ESQUEMAS_SEMESTRE["compromisos"].nombres.index("plazo") + 1)
    assert libro["compromisos"].column_dimensions[letra].number_format == "yyyy-mm-dd"
    assert libro["ao_desagregado"].data_validations.dataValidation[0].formula1 == \
        libro["actividades_operativas"].data_validations.dataValidation[0].formula1  # una sola lista de AO
    # ningún formato de porcentaje: el lector lo rechaza
    for h in libro.worksheets:
        assert not [d for d in h.column_dimensions.values() if "%" in (d.number_format or "")], h.title
        assert not [c for fila in h.iter_rows() for c in fila if "%" in (c.number_format or "")], h.title


def test_un_texto_del_plan_que_empieza_con_igual_queda_como_texto_en_el_libro(datos):
    ruta = datos / "plan" / "aei.csv"
    texto = ruta.read_text(encoding="utf-8")
    ruta.write_text(texto.replace("Tratamiento integral para la población de los establecimientos penitenciarios,",
                                  "\"=HYPERLINK(\"\"http://example.org\"\",\"\"x\"\")\",", 1), encoding="utf-8")
    assert validar_plan(datos).ok
    nuevo.preparar(datos, NUEVO, excel=True)
    libro = openpyxl.load_workbook(datos / NUEVO / LIBRO)
    formulas = [f"{h.title}!{c.coordinate}" for h in libro.worksheets for fila in h.iter_rows() for c in fila
                if c.data_type == "f"]
    assert formulas == []
    denominaciones = [c.value for fila in libro[HOJA_INSTRUCCIONES].iter_rows() for c in fila
                      if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert denominaciones == ['=HYPERLINK("http://example.org","x")']


# ------------------------------------------------------------------ el libro se lee con las reglas de los CSV

@pytest.fixture
def libro(datos) -> Path:
    nuevo.preparar(datos, NUEVO, excel=True)
    llenar_libro(datos / NUEVO / LIBRO, datos / ANTES)
    llenar_comentarios(datos / NUEVO, datos / ANTES)
    return datos / NUEVO / LIBRO


def _editar(ruta: Path, hoja: str, celda: str, valor, formato: str | None = None) -> None:
    libro = openpyxl.load_workbook(ruta)
    libro[hoja][celda].value = valor
    if formato:
        libro[hoja][celda].number_format = formato
    libro.save(ruta)


def _errores(datos: Path) -> list[str]:
    return [str(f) for f in validar(datos, NUEVO).errores]


def test_en_el_libro_un_valor_mal_escrito_tiene_el_mensaje_del_csv_con_la_hoja(datos, libro):
    _editar(libro, "indicadores", "B3", "setenta")
    _editar(libro, "presupuesto", "C2", 999999999999.0)
    assert _errores(datos) == [
        "data/2024-S2/datos.xlsx, hoja «indicadores», fila 3, columna «logro_esperado»: debe ser un número entre 0 y "
        "100,000,000 (valor encontrado: «setenta»)",
        "data/2024-S2/datos.xlsx, hoja «presupuesto», fila 2, columna «devengado»: debe ser un número entre 0 y "
        "100,000,000,000 (valor encontrado: «999999999999»)",
    ]


def test_en_el_libro_un_porcentaje_de_excel_y_una_formula_sin_calcular_se_rechazan(datos, libro):
    _editar(libro, "indicadores", "C2", 0.4082, formato="0.00%")
    _editar(libro, "entidad", "B2", "=5+5")
    assert _errores(datos) == [
        "data/2024-S2/datos.xlsx, hoja «indicadores», fila 2: la celda C2 tiene formato de porcentaje (Excel guarda "
        "0.4082); quite el formato y escriba el número sin el signo % (valor encontrado: «0.4082»)",
        "data/2024-S2/datos.xlsx, hoja «entidad», fila 2: la celda B2 tiene una fórmula sin valor calculado; abra el "
        "libro en Excel y guárdelo, o escriba el valor (valor encontrado: «=5+5»)",
    ]


def test_en_el_libro_una_hoja_que_falta_o_sobra_y_las_dos_formas_a_la_vez(datos, libro):
    wb = openpyxl.load_workbook(libro)
    del wb["compromisos"]
    wb.create_sheet("notas")
    wb.save(libro)
    v = validar(datos, NUEVO)
    assert [str(f) for f in v.errores] == ["data/2024-S2/datos.xlsx: falta la hoja «compromisos»"]
    assert v.avisos == ["data/2024-S2/datos.xlsx: la hoja «notas» no es una tabla del informe; se ignora."]
    shutil.copy(datos / ANTES / "compromisos.csv", datos / NUEVO / "compromisos.csv")
    assert _errores(datos)[0] == ("data/2024-S2/datos.xlsx: la carpeta trae a la vez el libro de Excel y archivos CSV "
                                  "(compromisos.csv); deje una sola forma: el libro o los CSV")


def test_la_fuente_lee_de_la_hoja_lo_mismo_que_del_csv(datos, libro):
    esquema = ESQUEMAS_SEMESTRE["compromisos"]  # textos de varias líneas, fechas, enteros
    del_libro = Fuente(datos / NUEVO, f"data/{NUEVO}", ESQUEMAS_SEMESTRE).leer(esquema)
    del_csv = Fuente(datos / ANTES, f"data/{ANTES}", ESQUEMAS_SEMESTRE).leer(esquema)
    assert del_libro.archivo == "data/2024-S2/datos.xlsx, hoja «compromisos»"
    assert (del_libro.cabecera, del_libro.filas) == (del_csv.cabecera, del_csv.filas)


# ------------------------------------------------------------------ la línea de órdenes y el README

def test_la_orden_nuevo_prepara_y_dice_el_paso_siguiente(datos, capsys):
    assert cli.main(["nuevo", NUEVO, "--excel", "--raiz", str(datos.parent)]) == 0
    salida = capsys.readouterr().err
    assert "Preparada la carpeta data/2024-S2/" in salida and "python -m inpe validar 2024-S2" in salida
    assert (datos / NUEVO / LIBRO).is_file()
    assert cli.main(["nuevo", NUEVO, "--raiz", str(datos.parent)]) == 1
    assert "ya existe data/2024-S2: no se sobrescribe" in capsys.readouterr().err
    assert cli.main(["nuevo", "2024-S9", "--raiz", str(datos.parent)]) == 2
    assert "Semestre no válido: '2024-S9'" in capsys.readouterr().err
    assert cli.main(["nuevo", "--raiz", str(datos.parent)]) == 2
    assert "falta el semestre" in capsys.readouterr().err


def _ordenes_del_readme() -> list[str]:
    seccion = README.read_text(encoding="utf-8").split("## Cómo agregar un semestre\n")[1].split("\n## ")[0]
    bloques = re.findall(r"```bash\n(.*?)\n\s*```", seccion, flags=re.S)
    return [linea.strip() for b in bloques for linea in b.splitlines() if linea.strip()]


def test_el_readme_y_esta_prueba_siguen_los_mismos_pasos(datos):
    """«Cómo agregar un semestre», orden por orden: nuevo, llenar, comentarios, validar (el informe, no:
    una construcción completa es cosa de las pruebas de punta a punta)."""
    ordenes = _ordenes_del_readme()
    assert [shlex.split(o)[:2] for o in ordenes] == [["make", "nuevo"], ["make", "validar"], ["make", "informe"]]
    assert {shlex.split(o)[2] for o in ordenes} == {f"SEMESTRE={NUEVO}"}
    seccion = README.read_text(encoding="utf-8").split("## Cómo agregar un semestre\n")[1].split("\n## ")[0]
    assert f"python -m inpe nuevo {NUEVO} --excel" in seccion
    proyecto = datos.parent
    for nombre in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy(RAIZ / nombre, proyecto / nombre)
    venv = Path(sys.prefix)

    def correr(orden: str) -> subprocess.CompletedProcess:
        return subprocess.run([*shlex.split(orden), "-s", f"VENV={venv}", "-o", f"{venv}/.instalado"], cwd=proyecto,
                              capture_output=True, text=True, timeout=300)

    r = correr(ordenes[0])                                     # 1. preparar
    assert r.returncode == 0, r.stdout + r.stderr
    r = correr(ordenes[1])                                     # validar sin llenar: dice lo que falta
    assert r.returncode != 0 and "faltan 12 valores de «logro_esperado» (filas 2–13)" in r.stderr
    llenar_csv(datos / NUEVO, datos / ANTES)                   # 2. llenar las tablas
    llenar_comentarios(datos / NUEVO, datos / ANTES)           # 3. escribir los comentarios
    r = correr(ordenes[1])                                     # 4. validar
    assert r.returncode == 0, r.stdout + r.stderr
    assert "datos válidos" in r.stderr and "Falta completar" not in r.stderr


def test_validar_sin_errores_dice_igual_lo_que_quedo_vacio(datos, capsys):
    """Sin errores no se imprime el reporte, pero una columna opcional sin ningún dato se nombra igual."""
    nuevo.preparar(datos, NUEVO)
    llenar_csv(datos / NUEVO, datos / ANTES)
    llenar_comentarios(datos / NUEVO, datos / ANTES)
    ruta = datos / NUEVO / "indicadores.csv"
    cabecera, filas = _leer_csv(ruta)
    with ruta.open("w", encoding="utf-8", newline="") as f:
        escritor = csv.DictWriter(f, fieldnames=cabecera, lineterminator="\n")
        escritor.writeheader()
        escritor.writerows({**fila, "valor_obtenido": ""} for fila in filas)
    assert cli.main(["validar", NUEVO, "--raiz", str(datos.parent)]) == 0
    salida = capsys.readouterr().err
    assert "datos válidos" in salida
    assert ("Por revisar (se admite vacío, pero quizá falte llenarlo):\n  - data/2024-S2/indicadores.csv: "
            "«valor_obtenido» está vacía en sus 12 filas (vacía = «sin dato» en el informe)") in salida


@pytest.mark.parametrize("semestre", ["2024-S2;touch pwned", "$(shell touch pwned)", "`touch pwned`", ""])
def test_make_nuevo_no_pasa_el_semestre_al_shell(datos, semestre):
    proyecto = datos.parent
    for nombre in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy(RAIZ / nombre, proyecto / nombre)
    venv = Path(sys.prefix)
    r = subprocess.run(["make", "-s", "nuevo", f"SEMESTRE={semestre}", f"VENV={venv}", "-o", f"{venv}/.instalado"],
                       cwd=proyecto, capture_output=True, text=True, timeout=120)
    assert r.returncode != 0
    assert "Semestre no válido" in r.stderr or "falta el semestre" in r.stderr
    assert not (proyecto / "pwned").exists() and _visibles(datos) == ["2024-S1", "plan"]
