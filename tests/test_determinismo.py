"""Dos construcciones de las mismas entradas dan el mismo HTML y el mismo PDF, byte a byte.

Las dos construcciones se hacen en copias limpias distintas (carpetas distintas, procesos
distintos, momentos distintos): ni la ruta, ni la hora, ni el orden de los archivos pueden
colarse en el informe. Fechas fijas (el PDF lleva el fin del semestre), identificadores
estables, orden estable; el colofón no tiene tiempos ni reloj.
"""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from fixtures_construccion import SEM, proyecto_base


@pytest.fixture(scope="session")
def base(request, tmp_path_factory):
    return proyecto_base(request, tmp_path_factory)


@pytest.mark.parametrize("nombre", ["informe.html", "informe.pdf"])
def test_dos_construcciones_dan_bytes_identicos(base, construido, nombre):
    otra = (construido / nombre).read_bytes()
    assert base[1][nombre] == otra, f"{nombre} cambió entre dos construcciones de las mismas entradas"


def test_el_pdf_lleva_la_fecha_del_semestre_no_la_del_reloj(base):
    meta = PdfReader(io.BytesIO(base[1]["informe.pdf"])).metadata
    assert meta["/CreationDate"] == meta["/ModDate"] == "D:20240630000000Z"


def test_el_informe_no_lleva_rutas_ni_horas_de_la_construccion(base, construido):
    raiz = base[0]
    for nombre in ("informe.html", "informe.pdf"):
        contenido = base[1][nombre]
        assert str(raiz).encode() not in contenido and str(construido).encode() not in contenido
        assert b"/tmp/" not in contenido
    html = base[1]["informe.html"].decode("utf-8")
    assert not re.search(r"\b\d{2}:\d{2}:\d{2}\b", html), "una hora en el HTML"


def test_el_manifiesto_si_cambia_solo_en_fecha_y_tiempos(base, construido):
    import json

    a = json.loads(base[1]["manifest.json"])
    b = json.loads((construido / "manifest.json").read_bytes())
    for m in (a, b):
        m.pop("fecha_construccion")
        m.pop("tiempos_s")
    assert a == b
    assert a["salidas"]["informe.html"]["sha256"] == b["salidas"]["informe.html"]["sha256"]
    assert a["semestre"] == SEM
