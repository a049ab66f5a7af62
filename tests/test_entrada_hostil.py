"""Entradas hostiles o rotas, segunda vuelta: cada clase de agujero cerrado, con su mensaje.

- los textos Markdown de los datos (comentarios, textos del plan): solo párrafos, énfasis, listas
  y notas; lo demás se rechaza con archivo y línea, antes de ejecutar nada;
- los caracteres: ni de control (la terminal los interpretaría) ni sin dibujo en el PDF (emojis);
- los números: un rango plausible por columna, sin desbordes;
- la consola y el registro citan el texto tal cual, sin marcado ni secuencias de control;
- la línea de órdenes y el Makefile: lo que escribe el usuario nunca se vuelve un comando.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from inpe import consola
from inpe.entrada import caracteres, decodificacion, textos
from inpe.entrada.carpetas import validar
from inpe.entrada.celdas import leer_numero
from inpe.entrada.esquemas import ESQUEMAS_SEMESTRE
from inpe.entrada.validacion import convertir

RAIZ = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "validacion" / "data"
SEM = "2024-S1"


@pytest.fixture
def datos(tmp_path: Path) -> Path:
    destino = tmp_path / "data"
    shutil.copytree(FIXTURE, destino)
    (destino / SEM / "comentarios").mkdir()
    return destino


def _comentario(datos: Path, nombre: str, texto: str | bytes) -> Path:
    ruta = datos / SEM / "comentarios" / f"{nombre}.md"
    ruta.write_bytes(texto if isinstance(texto, bytes) else texto.encode("utf-8"))
    return ruta


def _errores(datos: Path) -> list[str]:
    return [str(f) for f in validar(datos, SEM).errores]


# ------------------------------------------------------------------ Markdown de los textos

RECHAZADOS = [
    ("guion", "Un párrafo.\n\n<script>alert(1)</script>", 3, "trae HTML, un guion"),
    ("evento", 'Texto <img src="x" onerror="alert(1)"> fin', 1, "trae HTML, un guion"),
    ("archivo_local", "Mire <img src=/etc/hostname>", 1, "trae HTML, un guion"),
    ("enlace_javascript", "Vea [esto](javascript:alert(1)).", 1, "trae un enlace"),
    ("imagen", "![x](/etc/hostname)", 1, "trae una imagen"),
    ("typst_crudo", "Hola\n\n```{=typst}\n#panic()\n```", 4, "bloque de otro formato"),  # la línea de su contenido
    ("html_crudo", "`<b>x</b>`{=html}", 1, "trae HTML, un guion o código de otro formato"),
    ("titulo", "Uno\n\n# Una sección nueva", 3, "cambiaría la numeración"),
    ("referencia_inexistente", "Vea @fig-nada.", 1, "trae una referencia con @"),
    ("atajo_de_quarto", "Dato {{< include /etc/hostname >}} fin", 1, "atajo de Quarto"),
    ("variable_de_entorno", "{{< env HOME >}}", 1, "atajo de Quarto"),
    ("latex", "\\begin{verbatim}x\\end{verbatim}", 1, "otro formato"),
    ("formula", "Cuesta $x^2$ soles", 1, "fórmula"),
    ("division", "::: {.aviso}\nhola\n:::", 2, "división con atributos"),
    ("cita", "> una cita", 1, "cita con >"),
    ("nota_inexistente", "Según la norma[^inventada].", 1, "referencias_normativas.csv"),
]


@pytest.mark.parametrize("nombre, texto, linea, motivo", RECHAZADOS, ids=[r[0] for r in RECHAZADOS])
def test_un_comentario_fuera_del_subconjunto_se_rechaza_con_archivo_y_linea(datos, nombre, texto, linea, motivo):
    _comentario(datos, "AEI.01.01", texto)
    errores = _errores(datos)
    assert len(errores) >= 1, errores
    assert errores[0].startswith(f"data/2024-S1/comentarios/AEI.01.01.md, línea {linea}: "), errores
    assert motivo in errores[0]


def test_lo_admitido_pasa_y_conserva_el_texto(datos):
    texto = ("Un párrafo con *énfasis*, **negrita** y una nota[^pei].\n\n- una viñeta\n- otra\n\n"
             "1. primero\n2. segundo\n\nLínea con salto  \ny sigue; también a < b y 3 > 2 ^[nota *propia*].")
    _comentario(datos, "AEI.01.01", texto)
    v = validar(datos, SEM)
    assert v.errores == []
    assert v.comentarios["AEI.01.01"].contenido == texto and v.comentarios["AEI.01.01"].publicar


def test_la_opcion_publicar_no_guarda_el_comentario_sin_publicarlo(datos):
    _comentario(datos, "AEI.01.01", "---\npublicar: no\nmotivo: contradice el cuadro\n---\nTexto que no va.")
    v = validar(datos, SEM)
    assert v.errores == []
    t = v.comentarios["AEI.01.01"]
    assert (t.publicar, t.motivo, t.contenido) == (False, "contradice el cuadro", "Texto que no va.")


def test_opciones_desconocidas_o_en_un_texto_del_plan_se_rechazan(datos):
    _comentario(datos, "AEI.01.01", "---\npublicar: quizas\ncolor: rojo\n---\nTexto.")
    (datos / "plan" / "textos" / "mision.md").write_text("---\npublicar: no\n---\nMisión.", encoding="utf-8")
    errores = _errores(datos)
    assert "data/plan/textos/mision.md, línea 1: trae un bloque de opciones (---) que este texto no admite" in errores
    assert any("la opción «color» no existe" in e for e in errores)
    assert any("la opción «publicar» debe ser «si» o «no» (valor encontrado: «quizas»)" in e for e in errores)


def test_un_comentario_con_nombre_que_no_es_de_ningun_codigo_se_rechaza(datos):
    _comentario(datos, "AEI.01.09", "Texto.")
    _comentario(datos, "factores_AEI.01.0l", "Texto.")
    errores = _errores(datos)
    assert any(e.startswith("data/2024-S1/comentarios/AEI.01.09.md: no corresponde a ningún texto") for e in errores)
    assert any("factores_AEI.01.0l.md: no corresponde" in e and "¿quiso decir «factores_AEI.01.0" in e for e in errores)


def test_un_texto_del_plan_que_falta_se_dice_en_espanol(datos):
    (datos / "plan" / "textos" / "mision.md").unlink()
    assert _errores(datos) == ["data/plan/textos/mision.md: falta el texto (marco legal y misión (§2.1))"]


def test_un_comentario_en_latin1_se_lee_con_aviso_como_un_csv(datos):
    _comentario(datos, "AEI.01.01", "Atención y acción.".encode("cp1252"))
    v = validar(datos, SEM)
    assert v.errores == [] and v.comentarios["AEI.01.01"].contenido == "Atención y acción."
    assert any("no está en UTF-8; se leyó como Latin-1" in a for a in v.avisos)


def test_un_texto_demasiado_grande_o_con_nulos_se_rechaza(datos):
    _comentario(datos, "AEI.01.01", "x" * (textos.MAX_BYTES + 1))
    _comentario(datos, "AEI.01.02", b"hola\x00mundo")
    errores = _errores(datos)
    assert any("AEI.01.01.md: pesa más de 64 KB" in e for e in errores)
    assert any("AEI.01.02.md: tiene bytes nulos" in e for e in errores)


# ------------------------------------------------------------------ caracteres

@pytest.mark.parametrize("c, motivo", [
    ("\x1b", "invisible o de control (U+001B)"), ("\x00", "invisible o de control (U+0000)"),
    ("\u202e", "invisible o de control (U+202E)"), ("\u200b", "invisible o de control (U+200B)"),
    ("😀", "«😀» (U+1F600), que el PDF no puede mostrar"), ("☃", "U+2603"),
])
def test_caracteres_que_no_se_publican(c, motivo):
    assert motivo in caracteres.problema(c)


@pytest.mark.parametrize("c", list("áéíóúñÑüÜ¿¡«»“”‘’–—…°ºª€%/\\·•→≥≤⟨⟩ ") + ["\t", "\n"])
def test_caracteres_que_si_se_publican(c):
    assert caracteres.problema(c) is None


def test_una_celda_con_control_o_emoji_se_rechaza_con_fila_y_columna(datos):
    ruta = datos / SEM / "hechos_destacados.csv"
    ruta.write_text(ruta.read_text(encoding="utf-8").replace("Hecho sintético,", "Hecho \x1b[2K😀,"),
                    encoding="utf-8")
    errores = _errores(datos)
    assert len(errores) == 1 and errores[0].startswith("data/2024-S1/hechos_destacados.csv, fila 2, columna «titulo»: "
                                                       "tiene un carácter invisible o de control (U+001B)")


def test_nul_y_utf16_sin_bom_tienen_su_propio_mensaje():
    assert "bytes nulos" in decodificacion.decodificar(b"a,b\n1\x00,2\n", "x.csv").errores[0].regla
    utf16 = "codigo,valor\nAEI.01.01,1\n".encode("utf-16-le")
    assert "UTF-16 sin marca BOM" in decodificacion.decodificar(utf16, "x.csv").errores[0].regla


def test_una_carpeta_con_nombre_de_csv_no_es_un_archivo_faltante(datos):
    (datos / SEM / "presupuesto.csv").unlink()
    (datos / SEM / "presupuesto.csv").mkdir()
    assert _errores(datos) == ["data/2024-S1/presupuesto.csv: es una carpeta, no un archivo CSV; ponga allí el archivo"]


# ------------------------------------------------------------------ números y largos

def test_un_numero_de_mas_de_15_cifras_se_rechaza_sin_desbordar():
    for texto in ("1" + "0" * 30, "1" + "0" * 400):
        assert "más de 15 cifras" in leer_numero(texto, None).error


@pytest.mark.parametrize("archivo, columna, valor, regla", [
    ("poblacion", "personas", "1000000000000", "debe ser un número entero entre 0 y 10,000,000"),
    ("actividades_operativas", "programado", "1000000000000", "debe ser un número entre 0 y 100,000,000"),
    ("presupuesto", "pim", "999999999999999", "debe ser un número entre 0 y 100,000,000,000"),
])
def test_cada_columna_numerica_tiene_un_rango_plausible(archivo, columna, valor, regla):
    col = ESQUEMAS_SEMESTRE[archivo].columna(columna)
    assert col.minimo is not None and col.maximo is not None
    celda = convertir(col, valor, None, ",")
    assert celda.error is None and celda.valor > col.maximo  # se lee bien, y pandera lo saca por el rango
    assert col.regla() == regla


def test_un_numero_fuera_de_rango_llega_al_analista_con_archivo_fila_y_valor(datos):
    ruta = datos / SEM / "poblacion.csv"
    ruta.write_text(ruta.read_text(encoding="utf-8").replace("2000", "1" + "0" * 30, 1), encoding="utf-8")
    errores = _errores(datos)
    assert errores and "poblacion.csv, fila 2, columna «personas»: tiene más de 15 cifras" in errores[0]


def test_un_texto_mas_largo_que_su_maximo_se_rechaza():
    col = ESQUEMAS_SEMESTRE["obras"].columna("nombre")
    assert convertir(col, "x" * 20000, None, ",").error == f"tiene 20,000 caracteres; el máximo es {col.max_largo:,}"


# ------------------------------------------------------------------ consola y registro

def test_la_consola_cita_el_texto_sin_marcado_ni_control(capsys):
    hostil = "[bold red]falso[/] :warning: \x1b[2K\r✓ Informe listo"
    consola.aviso(hostil)
    salida = capsys.readouterr().err
    assert "[bold red]falso[/] :warning:" in salida and "⚠" not in salida
    assert "\x1b" not in salida and "\\u001b[2K\\u000d" in salida


def test_el_registro_neutraliza_lo_mismo(tmp_path):
    manejador = logging.FileHandler(tmp_path / "r.log", encoding="utf-8")
    manejador.setFormatter(consola.FormatoVisible("%(message)s"))
    registro = logging.getLogger("prueba-visible")
    registro.addHandler(manejador)
    registro.warning("celda: %s", "\x1b]0;titulo\x07 fin")
    manejador.close()
    assert (tmp_path / "r.log").read_text(encoding="utf-8") == "celda: \\u001b]0;titulo\\u0007 fin\n"


# ------------------------------------------------------------------ la línea de órdenes y make

@pytest.fixture
def proyecto(tmp_path) -> Path:
    for nombre in ("Makefile", "pyproject.toml", "constraints.txt"):
        shutil.copy(RAIZ / nombre, tmp_path / nombre)
    shutil.copytree(RAIZ / "data", tmp_path / "data")
    return tmp_path


def _make(proyecto: Path, *args: str) -> subprocess.CompletedProcess:
    venv = Path(sys.prefix)
    return subprocess.run(["make", "-s", *args, f"VENV={venv}", "-o", f"{venv}/.instalado"], cwd=proyecto,
                          capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("semestre", ["2024-S1;touch pwned", "$(shell touch pwned)", "`touch pwned`",
                                      "$$(touch pwned)", "2024-S1' ; touch pwned ; '", ""])
def test_make_no_pasa_el_semestre_al_shell_y_da_el_mensaje_del_programa(proyecto, semestre):
    r = _make(proyecto, "validar", f"SEMESTRE={semestre}")
    assert r.returncode != 0
    assert "Semestre no válido" in r.stderr and "el formato es AAAA-S1 o AAAA-S2" in r.stderr
    assert not (proyecto / "pwned").exists() and not Path("pwned").exists()


@pytest.mark.parametrize("variable", ["VENV=x;touch pwned", "PYTHON=python3 $(shell touch pwned)", "VENV=a b"])
def test_make_rechaza_rutas_que_formarian_comandos(proyecto, variable):
    r = subprocess.run(["make", "-s", "validar", variable], cwd=proyecto, capture_output=True, text=True, timeout=60)
    assert r.returncode != 0 and "no es una ruta válida" in r.stderr
    assert not (proyecto / "pwned").exists()


def test_un_semestre_sin_carpeta_no_crea_nada_ni_dice_que_quedo_intacto(proyecto):
    r = subprocess.run([sys.executable, "-m", "inpe", "construir", "2099-S2", "--raiz", str(proyecto)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 1 and "falta la carpeta data/2099-S2" in r.stderr and "quedó intacto" not in r.stderr
    assert not (proyecto / "output").exists()


def test_la_variable_del_renderizador_ya_no_cambia_el_colofon(proyecto):
    """El colofón y el manifiesto nombran el renderizador que decide la construcción, no el entorno."""
    from inpe.presentacion.informe import Informe

    os.environ["INPE_RENDERIZADOR"] = "Un renderizador inventado"
    try:
        inf = Informe.cargar(SEM, datos=proyecto / "data")
    finally:
        del os.environ["INPE_RENDERIZADOR"]
    assert inf.procedencia["renderizador"] != "Un renderizador inventado"


def test_el_primer_caracter_no_admitido_es_el_primero_del_texto():
    primer_problema = caracteres.primer_problema
    assert primer_problema("línea 1\r\nlínea 2\tcon tabulador") is None  # CRLF y tabulador se admiten
    posicion, motivo = primer_problema("a😀b\x1bc😀")
    assert posicion == 1 and "U+1F600" in motivo and "no puede mostrar" in motivo
    posicion, motivo = primer_problema("ab\r\ncd\re")  # un retorno de carro suelto sí es de control
    assert posicion == 6 and "U+000D" in motivo
    assert primer_problema("x" * 10_000 + "\u200b") == (10_000, primer_problema("\u200b")[1])
