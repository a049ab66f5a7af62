"""Revisión estática de los cuadernos y de los textos: subconjunto de Quarto y cifras tipeadas.

Ninguna cifra del informe se escribe a mano: si una prueba de aquí falla, la cifra debe salir
de los datos (expresión en línea `{python} ...` o una oración de lib/inpe/narrativa.py).
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
COMENTARIOS = sorted((RAIZ / "data").glob("*/comentarios/*.md")) + sorted((RAIZ / "data/plan/textos").glob("*.md"))
MODULOS_DE_TEXTO = [RAIZ / "lib/inpe" / m for m in (
    "redaccion/narrativa.py", "presentacion/tablas.py", "redaccion/implementacion.py", "calidad/auditoria.py",
    "presentacion/graficos.py", "presentacion/informe.py")]

# Lo único con dígitos que un texto puede traer escrito: no son cifras del semestre.
PERMITIDOS = [
    r"(?<![A-Za-z0-9])(?:OEI|AEI|IND|AO)(?:\.(?:AEI|\d+))+\b",  # códigos del plan: AEI.01.01, factores_AEI.01.01
    r"\bCUI\s+\d{5,8}\b",                                    # código único de inversiones
    r"N°\s?\d+(?:-\d+)*(?:-[A-Z]+(?:/[A-Z]+)*)*",           # normas: N° 104-2024-INPE/P, N°1328
    r"\bartículos?\s+\d+°?", r"\bnumeral\s+\d+",             # artículos de la ley
    r"\b(?:19|20)\d{2}-(?:19|20)\d{2}\b",                     # horizonte de un plan: PEI 2019-2027
    r"\b[Cc]ero \(0\)",                                       # lemas: "Cero (0) Analfabetismo"
    r"\bal\s+2030\b", r"\bISO\s+9001:2015\b",                # Política Nacional Penitenciaria al 2030; la norma ISO
    r"\bpor cada (?:1,000|100,000)\b", r"\bcada (?:1,000|100,000) personas\b",  # unidad de una tasa
    r"\[\^\w+\]",                                            # llamadas a notas al pie
    r"\\\d",                                               # grupo de una expresión regular: \1
    r"\bfig-[\w-]+|\btbl-[\w-]+|\bsec-[\w-]+",               # etiquetas de referencias cruzadas
]
_PERMITIDO = re.compile("|".join(f"(?:{p})" for p in PERMITIDOS))
_CIFRA = re.compile(r"\d+(?:[.,]\d+)*")


def cifras_tipeadas(texto: str) -> list[str]:
    """Las cifras de un texto que no caben en ningún patrón permitido."""
    limpio = _PERMITIDO.sub(" ", EXPRESION_EN_LINEA.sub(" ", texto))
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


def textos_a_revisar():
    for ruta in CUADERNOS:
        nb = nbformat.read(ruta, as_version=4)
        for i, celda in enumerate(nb.cells, start=1):
            if celda.cell_type == "markdown":
                yield f"{ruta.relative_to(RAIZ)}, celda {i} (Markdown)", celda.source
            elif celda.cell_type == "code" and not _es_parametros(celda):
                for s in _cadenas(opciones_de_celda(celda.source).codigo):
                    yield f"{ruta.relative_to(RAIZ)}, celda {i} (código)", s
                for clave in ("fig-cap", "tbl-cap", "fig-alt"):
                    if clave in (op := opciones_de_celda(celda.source).opciones):
                        yield f"{ruta.relative_to(RAIZ)}, celda {i} ({clave})", str(op[clave])
    for ruta in COMENTARIOS:
        yield str(ruta.relative_to(RAIZ)), ruta.read_text(encoding="utf-8")
    for ruta in MODULOS_DE_TEXTO:
        for s in _cadenas(ruta.read_text(encoding="utf-8")):
            if " " in s.strip():  # texto; sin espacios son claves, colores, códigos o expresiones regulares
                yield str(ruta.relative_to(RAIZ)), s


def test_ningun_texto_trae_cifras_tipeadas():
    hallazgos = [f"{donde}: cifra tipeada «{c}» en «{texto.strip()[:90]}»"
                 for donde, texto in textos_a_revisar() for c in cifras_tipeadas(texto)]
    assert not hallazgos, (
        "Hay cifras escritas a mano en textos del informe. Cada cifra debe salir de los datos: use una "
        "expresión en línea `{python} ...` o una oración generada en lib/inpe/narrativa.py.\n" + "\n".join(hallazgos))


@pytest.mark.parametrize("texto, esperado", [
    ("se construyeron 432 unidades de albergue", ["432"]),
    ("un avance del 40.82%, superior al 16%", ["40.82", "16"]),
    ("PIM de S/ 897,215,339.55", ["897,215,339.55"]),
    ("la AEI.01.03 y el IND.02.AEI.01.03", []),
    ('inf.comentario("factores_AEI.01.01")', []),
    ("Resolución Presidencial N° 104-2024-INPE/P y el Decreto Legislativo N°1328", []),
    ("el PEI 2019-2027 Ampliado y el PESEM 2024-2030", []),
    ("los logros esperados para el año 2024", ["2024"]),
    ("obra CUI 2190039", []),
    ("valor de `{python} n(x)` personas", []),
    ("tres (03) acciones", ["03"]),
    ("tasa por cada 1,000 personas y 2,142 casos", ["2,142"]),
])
def test_el_detector_de_cifras_tipeadas(texto, esperado):
    assert cifras_tipeadas(texto) == esperado


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
            assert not "tbl-cap" in opciones or etiqueta.startswith("tbl-"), f"celda {i}"
            if etiqueta.startswith("fig-"):
                assert opciones.get("fig-cap") and opciones.get("fig-alt"), f"celda {i}: figura sin leyenda o sin texto alternativo"
        elif celda.cell_type == "markdown":
            assert "{r}" not in celda.source and "{julia}" not in celda.source, f"celda {i}: solo expresiones {{python}}"
        else:
            pytest.fail(f"celda {i}: celdas 'raw' no admitidas en los cuadernos fuente")


def test_etiquetas_unicas_y_referencias_resueltas():
    etiquetas, referencias = [], []
    for ruta in CUADERNOS:
        for celda in nbformat.read(ruta, as_version=4).cells:
            if celda.cell_type == "code":
                if etiqueta := opciones_de_celda(celda.source).opciones.get("label"):
                    etiquetas.append(etiqueta)
                referencias += re.findall(r"@((?:fig|tbl|sec)-[\w-]+)", celda.source)
            else:
                etiquetas += re.findall(r"\{#((?:sec|fig|tbl)-[\w-]+)", celda.source)
                referencias += re.findall(r"@((?:fig|tbl|sec)-[\w-]+)", celda.source)
    duplicadas = sorted({e for e in etiquetas if etiquetas.count(e) > 1})
    assert duplicadas == []
    assert sorted(set(referencias) - set(etiquetas)) == []
