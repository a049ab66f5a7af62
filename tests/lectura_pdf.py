"""El PDF como lo ve un lector: palabras encimadas, texto fuera de la hoja, texto por página.

Lee las cajas de cada palabra con ``pdftotext -bbox`` (poppler-utils, que .ci/run instala).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

#: Encabezado y número de cada página: se quitan para leer el texto de corrido.
_ENCABEZADO = re.compile(r"^(?:Informe de Evaluación Institucional — .* INPE|\d+)$")


def texto_corrido(pdf: Path) -> str:
    """Texto completo del PDF (pypdf), sin el encabezado ni el número de cada página desde la segunda."""
    paginas = [p.extract_text() for p in PdfReader(pdf).pages]
    return "\n".join([paginas[0]] + ["\n".join(l for l in p.splitlines() if not _ENCABEZADO.match(l.strip()))
                                     for p in paginas[1:]])

_PALABRA = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
_PAGINA = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')


def _cajas(pdf: Path) -> list[tuple[float, float, list[tuple[float, float, float, float, str]]]]:
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext no está instalado (apt-get install poppler-utils)")
    salida = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    paginas = []
    for trozo in re.split(r"(?=<page )", salida)[1:]:
        ancho, alto = map(float, _PAGINA.search(trozo).groups())
        palabras = [tuple(map(float, m.groups()[:4])) + (html.unescape(m.group(5)),) for m in _PALABRA.finditer(trozo)]
        paginas.append((ancho, alto, palabras))
    return paginas


def solapes(pdf: Path) -> dict[int, list[tuple[str, str]]]:
    """Página -> pares de palabras dibujadas una sobre otra (un cuadro que no se partió, rótulos encimados)."""
    resultado = {}
    for n, (_, _, palabras) in enumerate(_cajas(pdf), start=1):
        palabras = sorted(palabras, key=lambda w: w[1])
        pares = []
        for i, a in enumerate(palabras):
            for b in palabras[i + 1:]:
                if b[1] >= a[3]:
                    break
                dx = min(a[2], b[2]) - max(a[0], b[0])
                dy = min(a[3], b[3]) - max(a[1], b[1])
                if dx > 1.0 and dy > 0.4 * min(a[3] - a[1], b[3] - b[1]):
                    pares.append((a[4], b[4]))
        if pares:
            resultado[n] = pares
    return resultado


def fuera_de_la_hoja(pdf: Path, margen: float = 2.0) -> dict[int, list[str]]:
    """Página -> palabras que se salen de la hoja (cortadas en el borde)."""
    resultado = {}
    for n, (ancho, alto, palabras) in enumerate(_cajas(pdf), start=1):
        fuera = [w[4] for w in palabras if w[0] < -margen or w[2] > ancho + margen or w[3] > alto + margen]
        if fuera:
            resultado[n] = fuera
    return resultado


def texto_por_pagina(pdf: Path) -> list[str]:
    """Texto de cada página en el orden de lectura (``pdftotext -layout``)."""
    if not shutil.which("pdftotext"):
        pytest.skip("pdftotext no está instalado (apt-get install poppler-utils)")
    salida = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return salida.split("\f")[:-1]
