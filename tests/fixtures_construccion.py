"""Lo que comparten las pruebas de construcción, seguridad, determinismo y manifiesto.

Una construcción tarda decenas de segundos. Se hacen dos por sesión, cada una en una copia
limpia del proyecto y con la orden de la línea de comandos:

- la de referencia («base»), con los datos tal cual: la usan las pruebas de falla segura (sobre
  copias de ella, con su output/ ya publicado), del manifiesto y del determinismo;
- la hostil, con texto hostil inyectado en los CSV (test_seguridad).

Si la sesión va a necesitar las dos, se lanzan a la vez (dos procesos) la primera vez que
una prueba pide cualquiera de ellas.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parent.parent
SEM = "2024-S1"
#: Lo que el lector y el revisor reciben: debe sobrevivir intacto a cualquier falla.
INFORME = ("informe.html", "informe.pdf", "manifest.json")
#: Módulos de prueba que usan cada construcción.
USUARIOS = {"base": {"test_construccion", "test_manifiesto", "test_determinismo", "test_seguridad"},
            "hostil": {"test_seguridad"}}

_LANZADAS: dict[str, tuple[Path, subprocess.Popen]] = {}
_LISTAS: dict[str, tuple[Path, dict[str, bytes]]] = {}


def orden(raiz: Path, semestre: str = SEM, etapa: str = "construir", *extra: str) -> list[str]:
    return [sys.executable, "-m", "inpe", etapa, semestre, "--raiz", str(raiz), *extra]


def construir(raiz: Path, *extra: str, semestre: str = SEM, etapa: str = "construir",
              timeout: float = 900, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """La orden de la línea de comandos, como la correría un analista."""
    return subprocess.run(orden(raiz, semestre, etapa, *extra), capture_output=True, text=True,
                          cwd=cwd or raiz, timeout=timeout)


def foto(salida: Path) -> dict[str, bytes]:
    """Los bytes de lo publicado (y la lista de cuadernos ejecutados)."""
    datos = {n: (salida / n).read_bytes() for n in INFORME}
    datos["cuadernos/"] = "\n".join(sorted(p.name for p in (salida / "cuadernos").iterdir())).encode()
    return datos


def copia_de(raiz: Path, destino: Path) -> Path:
    """Copia de un proyecto ya construido (con output/), para estropearla sin tocar el original."""
    shutil.copytree(raiz, destino, symlinks=True)
    return destino


def restos(salida: Path) -> list[str]:
    """Carpetas temporales que dejaría una construcción."""
    return sorted(p.name for p in salida.glob("construccion-*"))


# ------------------------------------------------------------------ texto hostil

GUION = "<script>alert(1)</script> & #etiqueta $dolar$ *asterisco* _guion_ @arroba [corchete](enlace) \\barra"
#: Más hostil, para los campos que admiten textos largos: HTML con eventos, archivos locales, enlaces
#: javascript:, atajos de Quarto, código Typst, tipografía que Pandoc convertiría y marcado de Rich.
GUION_LARGO = (GUION + ' <img src="secreto.txt" onerror="window.inyectado=1"> [x](javascript:window.inyectado=2) '
               "{{< include secreto.txt >}} {{< env HOME >}} `#panic()` #panic() --- \"rectas\" 'simples' "
               "... :warning: [bold]rich[/bold] 1. no es lista")
#: Un archivo que ningún texto de los datos debe poder meter en el informe (ni como imagen ni incluido).
SECRETO = "CONTENIDO-SECRETO-QUE-NO-DEBE-PUBLICARSE"
#: Campo -> texto hostil (una marca distinta por campo para saber cuál se ve).
HOSTILES = {
    "titulo": f"XTITULO {GUION_LARGO}",
    "texto": f"XTEXTO {GUION_LARGO}",
    "aei": f"XAEI {GUION_LARGO}",
    "ao": f"XAO {GUION_LARGO}",
    "establecimiento": f"XEP {GUION}",
}
#: Palabras sin espacios que no caben en una celda: un nombre de archivo y una palabra de 580 letras.
ARCHIVO_LARGO = "Informe_de_seguimiento_de_la_matriz_de_compromisos_del_primer_semestre_2024_version_final_v2.pdf"
PALABRA_LARGA = "Supercalifragilistico" * 27 + "x" * 13


def _editar(ruta: Path, cambio) -> None:
    with ruta.open(encoding="utf-8", newline="") as f:
        lector = csv.DictReader(f)
        columnas, filas = list(lector.fieldnames), list(lector)
    for fila in filas:
        cambio(fila)
    with ruta.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=columnas, lineterminator="\n")
        w.writeheader()
        w.writerows(filas)


def inyectar_hostiles(raiz: Path) -> None:
    """Texto hostil en campos que el informe muestra: un hecho destacado (título y texto), el
    nombre de una AEI, el de una AO y el de un establecimiento; palabras larguísimas en un cuadro."""
    d = raiz / "data"
    for carpeta in (raiz, d, d / SEM, raiz / "notebooks"):
        (carpeta / "secreto.txt").write_text(SECRETO, encoding="utf-8")

    def hecho(f):
        if f["orden"] == "1":
            f["titulo"] = HOSTILES["titulo"]
            f["texto"] = HOSTILES["texto"] + "\n\n" + f["texto"]

    def aei(f):
        if f["codigo_aei"] == "AEI.01.01":
            f["denominacion"] = HOSTILES["aei"]

    def ao(f):
        if f["codigo_ao"] == "AO.01.02.04":  # FOCOS: su nombre sale en el aviso del anexo de calidad
            f["denominacion"] = HOSTILES["ao"]

    def obra(f):
        if f["cui"] == "2159429":  # Puno: su establecimiento sale en el detalle de AUD-11
            f["establecimiento"] = HOSTILES["establecimiento"]

    def compromiso(f):
        if f["numero"] == "1":
            f["medio_verificacion"] = ARCHIVO_LARGO
            f["comentario"] = PALABRA_LARGA

    _editar(d / SEM / "compromisos.csv", compromiso)
    _editar(d / SEM / "hechos_destacados.csv", hecho)
    _editar(d / "plan" / "aei.csv", aei)
    _editar(d / "plan" / "actividades_operativas.csv", ao)
    _editar(d / SEM / "obras.csv", obra)


# ------------------------------------------------------------------ las dos construcciones

_PREPARAR = {"base": lambda raiz: None, "hostil": inyectar_hostiles}


def _lanzar(nombre: str, tmp_path_factory) -> None:
    if nombre in _LANZADAS or nombre in _LISTAS:
        return
    from conftest import copia_limpia

    copia = copia_limpia(tmp_path_factory.mktemp(nombre))
    _PREPARAR[nombre](copia)
    proceso = subprocess.Popen(orden(copia), cwd=copia, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    _LANZADAS[nombre] = (copia, proceso)


def _se_usara(nombre: str, request) -> bool:
    modulos = {item.module.__name__.rpartition(".")[2] for item in request.session.items if hasattr(item, "module")}
    return bool(modulos & USUARIOS[nombre])


def _terminar_pendientes() -> None:
    """Al final de la sesión: una construcción lanzada que nadie esperó no queda huérfana."""
    for _copia, proceso in _LANZADAS.values():
        if proceso.poll() is None:
            proceso.kill()
        proceso.communicate()
    _LANZADAS.clear()


def construccion(nombre: str, request, tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    """(raíz de la copia construida, foto de su informe); lanza también la otra si se usará."""
    if nombre not in _LISTAS:
        if not _LANZADAS:
            request.session.config.add_cleanup(_terminar_pendientes)
        _lanzar(nombre, tmp_path_factory)
        otra = "hostil" if nombre == "base" else "base"
        if _se_usara(otra, request):
            _lanzar(otra, tmp_path_factory)
        copia, proceso = _LANZADAS.pop(nombre)
        salida, errores = proceso.communicate(timeout=1800)
        assert proceso.returncode == 0, salida + errores
        _LISTAS[nombre] = (copia, foto(copia / "output" / SEM))
    return _LISTAS[nombre]


def proyecto_base(request, tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    return construccion("base", request, tmp_path_factory)


def proyecto_hostil(request, tmp_path_factory) -> tuple[Path, dict[str, bytes]]:
    return construccion("hostil", request, tmp_path_factory)
