"""Un informe por semestre: el parámetro cambia el texto, las cifras y las series.

Usa los datos SINTÉTICOS de tests/fixtures/sintetico.py (historia 2019-2023 y un 2024-S2),
nunca data/ para cifras inventadas.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from pypdf import PdfReader

from fixtures import sintetico
from inpe.presentacion import figuras
from inpe.presentacion.informe import Informe
from inpe.publicacion.ejecucion import en_kernels
from inpe.publicacion.kernels import Kernels

RAIZ = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def datos_sinteticos(tmp_path_factory) -> Path:
    return sintetico.crear_datos(tmp_path_factory.mktemp("sintetico"))


def _texto_markdown(nb) -> str:
    return "\n".join(c.source for c in nb.cells if c.cell_type == "markdown")


def test_papermill_ejecuta_el_mismo_cuaderno_para_dos_semestres(datos_sinteticos, tmp_path):
    cuaderno = RAIZ / "notebooks" / "01_resumen_ejecutivo.ipynb"
    raiz = datos_sinteticos.parent
    kernels = Kernels(1)  # uno tras otro en el mismo kernel, como en una construcción
    try:
        primero, _ = en_kernels(kernels, cuaderno, tmp_path / "s1.ipynb", {"semestre": "2024-S1"}, raiz).result()
        segundo, _ = en_kernels(kernels, cuaderno, tmp_path / "s2.ipynb", {"semestre": "2024-S2"}, raiz).result()
    finally:
        kernels.cerrar()
    texto1, texto2 = _texto_markdown(primero), _texto_markdown(segundo)
    assert "primer semestre de 2024" in texto1 and "segundo semestre de 2024" not in texto1
    assert "segundo semestre de 2024" in texto2
    # No solo cambia el nombre del periodo: cambian las cifras (p. ej. las AEI por nivel de avance).
    assert Informe.cargar("2024-S1", datos=datos_sinteticos).semaforo != Informe.cargar("2024-S2", datos=datos_sinteticos).semaforo
    assert texto2.replace("segundo semestre", "primer semestre").replace("31 de diciembre", "30 de junio") != texto1
    assert "{python}" not in texto1 + texto2


def test_la_evolucion_lee_todos_los_semestres_hasta_el_evaluado(datos_sinteticos):
    inf = Informe.cargar("2024-S1", datos=datos_sinteticos)
    serie = inf.evolucion("IND.01.AEI.01.04")
    assert list(serie["semestre"]) == sintetico.HISTORIA + ["2024-S1"]
    assert serie["valor_obtenido"].iloc[-1] == 101  # el último es el dato real del semestre
    assert len(Informe.cargar("2024-S2", datos=datos_sinteticos).evolucion("IND.01.AEI.01.04")) == 12


@pytest.fixture(scope="module")
def informe_segundo_semestre(datos_sinteticos, tmp_path_factory) -> Path:
    from conftest import copia_limpia

    copia = copia_limpia(tmp_path_factory.mktemp("repo-s2"))
    subprocess.run(["rm", "-rf", str(copia / "data")], check=True)
    subprocess.run(["cp", "-r", str(datos_sinteticos), str(copia / "data")], check=True)
    r = subprocess.run([sys.executable, "-m", "inpe", "construir", "2024-S2", "--raiz", str(copia)],
                       capture_output=True, text=True, cwd=copia)
    assert r.returncode == 0, r.stdout + r.stderr
    return copia / "output" / "2024-S2"


def test_construir_otro_semestre_da_su_propio_titulo_y_cifras(informe_segundo_semestre):
    lector = PdfReader(informe_segundo_semestre / "informe.pdf")
    assert "Segundo semestre de 2024" in lector.pages[0].extract_text()
    assert "31 de diciembre de 2024" in lector.pages[0].extract_text()
    texto = "\n".join(p.extract_text() for p in lector.pages)
    assert sintetico.MARCA in texto
    assert "segundo semestre de 2024" in texto
    # El primer semestre solo aparece como punto de comparación de una serie, nunca como el periodo evaluado.
    assert not re.search(r"(?:En el|Al cierre del|registra un avance .{0,40} en el) primer semestre de 2024", texto)
    assert "frente al primer semestre de 2024" in texto


def test_las_figuras_de_evolucion_del_otro_semestre_son_otras(informe_segundo_semestre, construido):
    def imagenes(carpeta: Path) -> dict[str, str]:
        nb = nbformat.read(carpeta / "informe.ipynb", as_version=4)
        return {k: v for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
                for k, v in o.get("metadata", {}).get(figuras.CLAVE, {}).items() if "/fig-ind-" in k}

    propias, publicadas = imagenes(informe_segundo_semestre), imagenes(construido)
    assert sorted(propias) == sorted(publicadas) and len(propias) == 12
    assert all(propias[k] != publicadas[k] for k in propias)
