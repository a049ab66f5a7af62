"""Revisión estática de los cuadernos y de los textos: subconjunto de Quarto y cifras tipeadas.

Ninguna cifra del informe se escribe a mano: si una prueba de aquí falla, la cifra debe salir
de los datos (expresión en línea `{python} ...` o una oración de lib/inpe/redaccion/).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from inpe.publicacion.ejecucion import EXPRESION_EN_LINEA
from inpe.publicacion.render import OPCIONES_ADMITIDAS, opciones_de_celda

RAIZ = Path(__file__).resolve().parents[1]
CUADERNOS = sorted((RAIZ / "notebooks").glob("*.ipynb"))
#: Textos que escriben las personas: los comentarios de cada semestre y los textos fijos del plan.
COMENTARIOS = sorted((RAIZ / "data").glob("*/comentarios/*.md")) + sorted((RAIZ / "data/plan/textos").glob("*.md"))
#: Todo módulo que redacta, presenta o audita: uno nuevo no puede escapar de la revisión.
MODULOS_DE_TEXTO = sorted(ruta for carpeta in ("redaccion", "presentacion", "calidad")
                          for ruta in (RAIZ / "lib/inpe" / carpeta).rglob("*.py"))

# Lo único con dígitos que un texto (cuaderno, código o comentario) puede traer escrito: no son cifras del semestre.
PERMITIDOS = [
    r"(?<![A-Za-z0-9])(?:OEI|AEI|IND|AO)(?:\.(?:AEI|\d+))+\b",  # códigos del plan: AEI.01.01, factores_AEI.01.01
    r"\bCUI\s+\d{5,8}\b",                                    # código único de inversiones
    r"\b[Cc]ero \(0\)",                                       # lemas: "Cero (0) Analfabetismo"
    r"\bISO\s+9001:2015\b",                                  # el nombre de la norma ISO
    r"\bpor cada (?:1,000|100,000)\b", r"\bcada (?:1,000|100,000) personas\b",  # unidad de una tasa
    r"\btasa_(?:1000|100000)\b",                               # identificador de esa unidad (unidad del plan)
    r"\[\^\w+\]",                                            # llamadas a notas al pie
    r"\\\d",                                               # grupo de una expresión regular: \1
    r"\bfig-[\w-]+|\btbl-[\w-]+|\bsec-[\w-]+",               # etiquetas de referencias cruzadas
    r'\bwidth="\d+%"',                                         # tamaño de una figura en su atributo Markdown
]

_MESES = r"(?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|se(?:p)?tiembre|octubre|noviembre|diciembre)"
_ANIO = r"(?:19|20)\d{2}"
# Lo que además puede traer un texto escrito por una persona (comentario o texto del plan) como contexto: años,
# fechas y referencias legales. Un cuaderno o el código no: un año ahí debe salir de los datos.
PERMITIDOS_EN_COMENTARIOS = [
    rf"\b\d{{1,2}} de {_MESES}(?: (?:de|del) {_ANIO})?\b",        # 30 de junio de 2024, 06 de setiembre
    rf"\b{_MESES} (?:de |del )?{_ANIO}\b",                         # junio de 2024
    rf"\b\d{{1,2}}[./-]\d{{1,2}}[./-]{_ANIO}\b",                   # 30.08.2024, 30/08/2024
    rf"\b(?:año|años|periodo|período|ejercicio|desde|hasta|durante|en|el|al|del|de|y)\s+{_ANIO}\b",  # desde el año 2021
    rf"\b{_ANIO}\s?[-–]\s?{_ANIO}\b",                             # horizonte de un plan: PEI 2019-2027
    r"N[°º]\s?\d+(?:-\d+)*(?:-[A-Z]+(?:/[A-Z]+)*)*",              # normas: N° 104-2024-INPE/P, N°1328, Ley N° 29158
    r"\bartículos?\s+\d+°?", r"\bnumeral(?:es)?\s+\d+(?:\.\d+)*",     # artículos y numerales de la ley
]
_PERMITIDO = re.compile("|".join(f"(?:{p})" for p in PERMITIDOS))
_PERMITIDO_EN_COMENTARIOS = re.compile("|".join(f"(?:{p})" for p in PERMITIDOS_EN_COMENTARIOS), re.IGNORECASE)
_CIFRA = re.compile(r"\d+(?:[.,]\d+)*")


def cifras_tipeadas(texto: str, comentario: bool = False) -> list[str]:
    """Las cifras de un texto que no caben en ningún patrón permitido.

    Con ``comentario`` (un texto de data/*/comentarios/ o de data/plan/textos/) también se admiten años, fechas
    y referencias legales, que allí son contexto; en un cuaderno o en el código, no.
    """
    limpio = _PERMITIDO.sub(" ", EXPRESION_EN_LINEA.sub(" ", texto))
    if comentario:
        limpio = _PERMITIDO_EN_COMENTARIOS.sub(" ", limpio)
    return _CIFRA.findall(limpio)


def _cadenas(codigo: str) -> list[str]:
    """Cadenas literales del código (las partes fijas de los f-strings incluidas), sin docstrings."""
    arbol = ast.parse(codigo)
    docstrings = {id(n.body[0].value) for n in ast.walk(arbol)
                  if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                  and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
    return [n.value for n in ast.walk(arbol)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in docstrings]


def _es_parametros(celda) -> bool:
    return "parameters" in celda.metadata.get("tags", [])


def _textos_de(ruta: Path):
    """(dónde, texto, es_comentario) de un cuaderno, un comentario o un módulo."""
    if ruta.suffix == ".ipynb":
        nb = nbformat.read(ruta, as_version=4)
        for i, celda in enumerate(nb.cells, start=1):
            if celda.cell_type == "markdown":
                yield f"{ruta.relative_to(RAIZ)}, celda {i} (Markdown)", celda.source, False
            elif celda.cell_type == "code" and not _es_parametros(celda):
                for s in _cadenas(opciones_de_celda(celda.source).codigo):
                    yield f"{ruta.relative_to(RAIZ)}, celda {i} (código)", s, False
                for clave in ("fig-cap", "tbl-cap", "fig-alt"):
                    if clave in (op := opciones_de_celda(celda.source).opciones):
                        yield f"{ruta.relative_to(RAIZ)}, celda {i} ({clave})", str(op[clave]), False
    elif ruta.suffix == ".md":
        yield str(ruta.relative_to(RAIZ)), ruta.read_text(encoding="utf-8"), True
    else:
        for s in _cadenas(ruta.read_text(encoding="utf-8")):
            if " " in s.strip():  # texto; sin espacios son claves, colores, códigos o expresiones regulares
                yield str(ruta.relative_to(RAIZ)), s, False


FUENTES = CUADERNOS + COMENTARIOS + MODULOS_DE_TEXTO


def test_se_revisan_todos_los_modulos_que_escriben_texto():
    nombres = {str(r.relative_to(RAIZ / "lib/inpe")) for r in MODULOS_DE_TEXTO}
    assert {"redaccion/gramatica.py", "redaccion/metas.py", "redaccion/indicadores.py", "presentacion/secciones.py",
            "presentacion/tablas.py", "calidad/auditoria.py"} <= nombres
    assert CUADERNOS and COMENTARIOS


@pytest.mark.parametrize("ruta", FUENTES, ids=lambda p: str(p.relative_to(RAIZ)))
def test_ningun_texto_trae_cifras_tipeadas(ruta):
    hallazgos = [f"{donde}: cifra tipeada «{c}» en «{texto.strip()[:90]}»"
                 for donde, texto, comentario in _textos_de(ruta) for c in cifras_tipeadas(texto, comentario)]
    assert not hallazgos, (
        "Hay cifras escritas a mano en textos del informe. Cada cifra debe salir de los datos: use una "
        "expresión en línea `{python} ...` o una oración generada en lib/inpe/redaccion/.\n" + "\n".join(hallazgos))


# Casos que valen igual en un cuaderno, en el código y en un comentario.
@pytest.mark.parametrize("comentario", [False, True], ids=["cuaderno", "comentario"])
@pytest.mark.parametrize("texto, esperado", [
    ("se construyeron 432 unidades de albergue", ["432"]),
    ("un avance del 40.82%, superior al 16%", ["40.82", "16"]),
    ("PIM de S/ 897,215,339.55", ["897,215,339.55"]),
    ("la AEI.01.03 y el IND.02.AEI.01.03", []),
    ('inf.comentario("factores_AEI.01.01")', []),
    ("obra CUI 2190039", []),
    ("valor de `{python} n(x)` personas", []),
    ("tres (03) acciones", ["03"]),
    ("tasa por cada 1,000 personas y 2,142 casos", ["2,142"]),
    ("procesos certificados con ISO 9001:2015", []),
    ("la unidad 'tasa_1000' o 'tasa_100000'", []),
    ('{#fig-x width="100%"}', []),
    ("la nota[^pei] y la @fig-ind-01-aei-01-01", []),
    ("se construyeron 2024 unidades", ["2024"]),  # un número con forma de año, sin contexto, es una cifra
])
def test_el_detector_de_cifras_tipeadas(texto, esperado, comentario):
    assert cifras_tipeadas(texto, comentario) == esperado


# Años, fechas y referencias legales: contexto en un comentario, cifra tipeada en un cuaderno o en el código.
@pytest.mark.parametrize("texto, en_cuaderno", [
    ("desde el año 2021", ["2021"]),
    ("los logros esperados para el año 2024", ["2024"]),
    ("al 30 de junio de 2024", ["30", "2024"]),
    ("con fecha de 06 de setiembre del presente", ["06"]),
    ("en junio de 2024", ["2024"]),
    ("el plazo vence el 30.08.2024", ["30.08.2024"]),
    ("el 30/08/2024", ["30", "08", "2024"]),
    ("la Ley N° 29158", ["29158"]),
    ("el numeral 22 del artículo 139° de la Constitución", ["22", "139"]),
    ("el Decreto Legislativo N° 1328 en su artículo 6°", ["1328", "6"]),
    ("Resolución Presidencial N° 104-2024-INPE/P y el Decreto Legislativo N°1328", ["104", "2024", "1328"]),
    ("el PEI 2019-2027 Ampliado y el PESEM 2024-2030", ["2019", "2027", "2024", "2030"]),
    ("la Política Nacional Penitenciaria al 2030", ["2030"]),
])
def test_anios_fechas_y_normas_solo_en_los_comentarios(texto, en_cuaderno):
    assert cifras_tipeadas(texto, comentario=True) == []
    assert cifras_tipeadas(texto) == en_cuaderno


@pytest.mark.parametrize("texto, esperado", [
    ("en el año 2024 se registraron 101 actos", ["101"]),        # el año es contexto; la cifra, no
    ("la Ley N° 29158 y 35 unidades", ["35"]),
    ("30 de junio de 2024: 97,664 personas", ["97,664"]),
    ("el 20.3% de avance al 30.08.2024", ["20.3"]),
    ("hay 2024 internos", ["2024"]),                              # un año sin contexto es una cifra
])
def test_en_un_comentario_el_contexto_no_esconde_las_cifras(texto, esperado):
    assert cifras_tipeadas(texto, comentario=True) == esperado


@pytest.mark.parametrize("ruta", CUADERNOS, ids=lambda p: p.name)
def test_cuaderno_dentro_del_subconjunto_de_quarto(ruta):
    nb = nbformat.read(ruta, as_version=4)
    assert nb.metadata.get("kernelspec", {}).get("name") == "python3", "el kernel debe llamarse python3"
    parametros = [c for c in nb.cells if _es_parametros(c)]
    assert len(parametros) == 1 and re.fullmatch(r'semestre = "\d{4}-S[12]"\nfoto = ""(  #.*)?',
                                                 parametros[0].source.strip()), \
        "una sola celda 'parameters' con semestre = \"AAAA-SN\" y foto = \"\" (la pasa la construcción)"
    for i, celda in enumerate(nb.cells, start=1):
        if celda.cell_type == "code":
            opciones = opciones_de_celda(celda.source).opciones
            assert set(opciones) <= OPCIONES_ADMITIDAS, f"celda {i}: {sorted(set(opciones) - OPCIONES_ADMITIDAS)}"
            etiqueta = opciones.get("label", "")
            assert not ("fig-cap" in opciones or "fig-alt" in opciones) or etiqueta.startswith("fig-"), f"celda {i}"
            assert "tbl-cap" not in opciones or etiqueta.startswith("tbl-"), f"celda {i}"
            if etiqueta.startswith("fig-"):
                assert opciones.get("fig-cap") and opciones.get("fig-alt"), \
                    f"celda {i}: figura sin leyenda o sin texto alternativo"
        elif celda.cell_type == "markdown":
            assert "{r}" not in celda.source and "{julia}" not in celda.source, \
                f"celda {i}: solo expresiones {{python}}"
        else:
            pytest.fail(f"celda {i}: celdas 'raw' no admitidas en los cuadernos fuente")


_ETIQUETA = re.compile(r"(?:fig|tbl|sec)-[\w-]*\w")


def test_etiquetas_unicas_y_referencias_resueltas():
    etiquetas, referencias = [], []
    for ruta in CUADERNOS:
        for celda in nbformat.read(ruta, as_version=4).cells:
            if celda.cell_type == "code":
                if etiqueta := opciones_de_celda(celda.source).opciones.get("label"):
                    etiquetas.append(etiqueta)
                # una figura que el código compone como Markdown (figuras.figura(..., "fig-x", ...)) trae su etiqueta
                etiquetas += [c for c in _cadenas(opciones_de_celda(celda.source).codigo) if _ETIQUETA.fullmatch(c)]
                referencias += re.findall(r"@((?:fig|tbl|sec)-[\w-]+)", celda.source)
            else:
                etiquetas += re.findall(r"\{#((?:sec|fig|tbl)-[\w-]+)", celda.source)
                referencias += re.findall(r"@((?:fig|tbl|sec)-[\w-]+)", celda.source)
    duplicadas = sorted({e for e in etiquetas if etiquetas.count(e) > 1})
    assert duplicadas == []
    assert sorted(set(referencias) - set(etiquetas)) == []
