"""La instantánea del texto del informe 2024-S1 (tests/instantaneas/2024-S1/), sección por sección.

Un cambio de redacción, venga del código, de los datos o de un comentario, hace fallar esta prueba
con el diff de la sección: quien lo revisa lee el cambio. Si el cambio es el querido, se acepta con
``make instantaneas`` (reconstruye 2024-S1 y reescribe la carpeta) y se confirma junto al cambio.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import nbformat
import pytest

from inpe.publicacion import instantanea

RAIZ = Path(__file__).resolve().parents[1]
CARPETA = RAIZ / "tests" / "instantaneas" / "2024-S1"

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def actual(construido) -> dict[str, str]:
    return instantanea.secciones(nbformat.read(construido / "informe.ipynb", as_version=4))


def test_cada_seccion_del_informe_esta_en_la_instantanea(actual):
    guardadas = sorted(p.stem for p in CARPETA.glob("*.txt"))
    assert sorted(actual) == guardadas, (
        "Secciones nuevas o que ya no están; si es lo querido, acéptelo con `make instantaneas`.")


@pytest.mark.parametrize("nombre", sorted(p.stem for p in CARPETA.glob("*.txt")))
def test_el_texto_de_la_seccion_es_el_de_la_instantanea(actual, nombre):
    esperado = (CARPETA / f"{nombre}.txt").read_text(encoding="utf-8")
    obtenido = actual.get(nombre, "")
    diff = "\n".join(difflib.unified_diff(esperado.splitlines(), obtenido.splitlines(), f"instantánea/{nombre}",
                                          f"informe/{nombre}", lineterm="", n=1))
    assert obtenido == esperado, f"El texto de {nombre} cambió (acéptelo con `make instantaneas` si es lo querido):\n{diff}"


def test_las_secciones_salen_del_informe_ejecutado_en_orden_y_sin_imagenes(actual):
    nombres = list(actual)
    assert nombres[0] == "sec-hechos-destacados" and nombres.index("sec-resumen") < nombres.index("sec-conclusiones")
    todo = "\n".join(actual.values())
    assert "Figura: " in todo and "informe_figuras/" not in todo and "data:image" not in todo
    assert "sha256" not in todo.lower() and "commit" not in todo  # la procedencia técnica no entra
