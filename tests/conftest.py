"""Fixtures compartidas: el informe 2024-S1 construido una vez por sesión, desde una copia limpia."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from lectura_pdf import texto_corrido

RAIZ = Path(__file__).resolve().parents[1]
VENV = Path(sys.prefix)
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def copia_limpia(destino: Path) -> Path:
    """Lo que git no ignora (lo versionado y lo nuevo), sin output/ ni entornos."""
    archivos = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                              cwd=RAIZ, capture_output=True, text=True, check=True).stdout.split("\0")
    for rel in filter(None, archivos):
        origen = RAIZ / rel
        if origen.is_file():
            (destino / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(origen, destino / rel)
    return destino


@pytest.fixture(scope="session")
def construido(tmp_path_factory) -> Path:
    copia = copia_limpia(tmp_path_factory.mktemp("repo"))
    assert not (copia / "output").exists()
    # La orden del README; el entorno ya instalado se reutiliza (-o: no reinstalar).
    r = subprocess.run(["make", "informe", f"VENV={VENV}", "-o", f"{VENV}/.instalado"],
                       cwd=copia, capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr
    return copia / "output" / "2024-S1"


@pytest.fixture(scope="session")
def texto_pdf(construido) -> str:
    """Texto completo del PDF, tal como lo lee pypdf, sin el encabezado ni el número de cada página."""
    return texto_corrido(construido / "informe.pdf")


@pytest.fixture(scope="session")
def html(construido) -> str:
    return (construido / "informe.html").read_text(encoding="utf-8")


def en_chromium(ruta_html: Path, funcion):
    """Abre el HTML en Chromium sin red y devuelve ``funcion(pagina, registro)``.

    Corre en un hilo propio: la API síncrona de Playwright no puede usarse donde otra prueba
    dejó un bucle asyncio (papermill/nbclient). ``registro`` junta las peticiones y los errores
    de consola de la página.
    """
    if not CHROMIUM:
        if os.environ.get("INPE_EXIGIR_NAVEGADOR"):
            pytest.fail("INPE_EXIGIR_NAVEGADOR=1 pero no se encontró chromium en el PATH")
        pytest.skip("chromium no está instalado (apt-get install chromium)")

    def trabajo():
        from playwright.sync_api import sync_playwright

        with sync_playwright() as p:
            navegador = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync"])
            try:
                pagina = navegador.new_page()
                registro = {"peticiones": [], "errores": []}
                pagina.on("request", lambda r: registro["peticiones"].append(r.url))
                pagina.on("console", lambda m: m.type == "error" and registro["errores"].append(m.text))
                pagina.on("pageerror", lambda e: registro["errores"].append(str(e)))
                pagina.goto(ruta_html.as_uri(), wait_until="load")
                return funcion(pagina, registro)
            finally:
                navegador.close()

    with ThreadPoolExecutor(max_workers=1) as hilo:
        return hilo.submit(trabajo).result()


def a_400_px(pagina, registro) -> dict:
    """A 400 px de ancho: lo que se ve y sale del ancho de la ventana sin estar en una caja que se desplaza
    (lo de un ``<details>`` cerrado no se ve)."""
    pagina.set_viewport_size({"width": 400, "height": 800})
    return pagina.evaluate("""() => {
      const fuera = [];
      const enCaja = e => { for (let a = e.parentElement; a; a = a.parentElement) {
          if (getComputedStyle(a).overflowX !== 'visible') return true; } return false; };
      for (const e of document.querySelectorAll('main *, #quarto-content *, body > *')) {
        const r = e.getBoundingClientRect();
        if (r.width > 0 && r.right > innerWidth + 1 && e.checkVisibility() && !enCaja(e))
          fuera.push(e.tagName + ' ' + e.innerText.slice(0, 40));
      }
      return {ancho: [document.documentElement.scrollWidth, innerWidth], fuera: fuera.slice(0, 5)};
    }""")

