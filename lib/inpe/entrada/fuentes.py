"""De dónde salen las tablas de una carpeta de datos: sus CSV o su libro de Excel.

Una carpeta (``data/plan/`` o ``data/<semestre>/``) trae sus tablas como CSV (lo que se versiona en
git: cada cambio se lee en una diferencia de texto) o como un libro ``datos.xlsx`` con una hoja por
tabla (lo que mandan las oficinas). Las dos formas a la vez serían ambiguas: es un error.
"""

from __future__ import annotations

from pathlib import Path

from .esquemas import Esquema
from .fallas import Falla
from .lectura import TablaCruda, leer_tabla
from .xlsx import HOJA_INSTRUCCIONES, LIBRO, Libro


def _pista_archivo(carpeta: Path, nombre: str) -> str:
    """Sugerencia cuando falta ``nombre`` pero hay algo parecido en la carpeta."""
    base = nombre[:-4].lower()
    for otro in sorted(p.name for p in carpeta.iterdir()):
        raiz_otro, _, ext = otro.rpartition(".")
        if otro.lower() == nombre.lower() or (raiz_otro.strip().lower() == base and ext.lower() == "csv"):
            return f" (hay «{otro}»: cambie el nombre a «{nombre}»)"
        if raiz_otro.lower() == base and ext.lower() in ("xlsx", "xls", "ods", "txt", "tsv"):
            return f" (hay «{otro}»: expórtelo como CSV con el nombre «{nombre}», o ponga sus datos en la hoja " \
                   f"«{base}» de {LIBRO})"
    return ""


class Fuente:
    """Las tablas de una carpeta; ``visible`` es su nombre en los mensajes (``data/2024-S1``)."""

    def __init__(self, carpeta: Path, visible: str, esquemas: dict[str, Esquema]):
        self.carpeta, self.visible, self.esquemas = Path(carpeta), visible, esquemas
        self.errores: list[Falla] = []
        self.avisos: list[str] = []
        self.libro: Libro | None = None
        ruta_libro = self.carpeta / LIBRO
        csv_propios = [e.archivo for e in esquemas.values() if (self.carpeta / e.archivo).exists()]
        if ruta_libro.is_file():
            if csv_propios:
                self.errores.append(Falla(f"{visible}/{LIBRO}", regla=(
                    "la carpeta trae a la vez el libro de Excel y archivos CSV (" + ", ".join(csv_propios)
                    + "); deje una sola forma: el libro o los CSV")))
            else:
                self.libro = Libro(ruta_libro, f"{visible}/{LIBRO}")
                self.errores += self.libro.errores

    def archivo(self, esquema: Esquema) -> str:
        if self.libro is not None:
            return f"{self.libro.visible}, hoja «{esquema.nombre}»"
        return f"{self.visible}/{esquema.archivo}"

    def leer(self, esquema: Esquema) -> TablaCruda | None:
        """La tabla del esquema; None si no está (el que llama decide si faltaba)."""
        if self.libro is not None:
            return self.libro.tabla(esquema.nombre) if esquema.nombre in self.libro.hojas else None
        ruta = self.carpeta / esquema.archivo
        return leer_tabla(ruta, self.archivo(esquema)) if ruta.exists() else None

    def falta(self, esquema: Esquema) -> Falla:
        if self.libro is not None:
            return Falla(self.libro.visible, regla=f"falta la hoja «{esquema.nombre}»")
        return Falla(self.archivo(esquema), regla="falta el archivo" + _pista_archivo(self.carpeta, esquema.archivo))

    def sobrantes(self) -> list[str]:
        """Avisos por tablas que no son del informe (se ignoran); no por las que una pista ya nombró."""
        conocidos = {e.nombre for e in self.esquemas.values()}
        if self.libro is not None:
            return [f"{self.libro.visible}: la hoja «{h}» no es una tabla del informe; se ignora."
                    for h in self.libro.hojas if h not in conocidos and h != HOJA_INSTRUCCIONES]
        nombradas = {_pista_archivo(self.carpeta, e.archivo).partition("«")[2].partition("»")[0]
                     for e in self.esquemas.values() if not (self.carpeta / e.archivo).exists()}
        return [f"{self.visible}/{p.name}: no es un archivo de los datos del informe; se ignora."
                for p in sorted(self.carpeta.iterdir())
                if p.is_file() and p.suffix.lower() == ".csv" and p.stem not in conocidos and p.name not in nombradas]
