"""Las tablas de un libro de Excel (``datos.xlsx``): una hoja por tabla, con el nombre del CSV.

Forma del libro: en ``data/plan/`` o en ``data/<semestre>/``, un archivo ``datos.xlsx`` con una hoja
por tabla (la hoja ``presupuesto`` es ``presupuesto.csv``), la cabecera en la fila 1 y, si se
quiere, una hoja ``instrucciones`` que se ignora. Cada celda se pasa a texto y sigue las mismas
reglas y mensajes que una celda de un CSV (:mod:`inpe.entrada.lectura`), que nombran el libro, la
hoja, la fila y la columna. Lo que solo Excel puede hacer mal se rechaza con su causa:

- una celda con formato de porcentaje: Excel guarda ``0.4082`` para «40.82%»;
- una fórmula sin valor calculado (el libro no se abrió ni guardó en Excel);
- un error de fórmula (``#N/A``, ``#¡VALOR!``): como en un CSV.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .fallas import Falla
from .lectura import MAX_BYTES, TablaCruda, cargar_registros

LIBRO = "datos.xlsx"
HOJA_INSTRUCCIONES = "instrucciones"


def nombre_visible(libro: str, hoja: str) -> str:
    return f"{libro}, hoja «{hoja}»"


def _texto(valor) -> str:
    """Una celda como la escribiría un CSV canónico."""
    if valor is None:
        return ""
    if isinstance(valor, bool):
        return "si" if valor else "no"
    if isinstance(valor, dt.datetime):
        return valor.date().isoformat() if valor.time() == dt.time(0) else valor.isoformat(sep=" ")
    if isinstance(valor, dt.date):
        return valor.isoformat()
    if isinstance(valor, float):
        return str(int(valor)) if valor.is_integer() and abs(valor) < 1e15 else repr(valor)
    return str(valor)


class Libro:
    """Un libro abierto una vez; cada hoja se lee a pedido como :class:`TablaCruda`."""

    def __init__(self, ruta: Path, visible: str):
        import openpyxl  # solo cuando hay un libro: abre rápido un proyecto que usa CSV

        self.ruta, self.visible = Path(ruta), visible
        self.errores: list[Falla] = []
        self._valores = self._formulas = None
        if self.ruta.stat().st_size > MAX_BYTES:
            self.errores.append(Falla(visible, regla=f"pesa más de {MAX_BYTES // (1024 * 1024)} MB"))
            return
        try:
            self._valores = openpyxl.load_workbook(self.ruta, data_only=True, read_only=False)
            self._formulas = openpyxl.load_workbook(self.ruta, data_only=False, read_only=False)
        except Exception as e:  # un archivo que no es un libro de Excel válido
            self.errores.append(Falla(visible, regla=f"no se puede leer como libro de Excel (.xlsx): {type(e).__name__}"))

    @property
    def hojas(self) -> list[str]:
        return [] if self._valores is None else list(self._valores.sheetnames)

    def tabla(self, hoja: str) -> TablaCruda:
        visible = nombre_visible(self.visible, hoja)
        tabla = TablaCruda(archivo=visible, codificacion="xlsx")
        valores, formulas = self._valores[hoja], self._formulas[hoja]
        registros: list[list[str]] = []
        for fila_v, fila_f in zip(valores.iter_rows(), formulas.iter_rows()):
            registro = []
            for celda, cruda in zip(fila_v, fila_f):
                if isinstance(cruda.value, str) and cruda.value.startswith("=") and celda.value is None:
                    tabla.errores.append(Falla(visible, celda.row, None, (
                        f"la celda {celda.coordinate} tiene una fórmula sin valor calculado; abra el libro en Excel "
                        "y guárdelo, o escriba el valor"), cruda.value))
                elif isinstance(celda.value, (int, float)) and not isinstance(celda.value, bool) \
                        and "%" in (celda.number_format or ""):
                    tabla.errores.append(Falla(visible, celda.row, None, (
                        f"la celda {celda.coordinate} tiene formato de porcentaje (Excel guarda {celda.value!r}); "
                        "quite el formato y escriba el número sin el signo %"), _texto(celda.value)))
                registro.append(_texto(celda.value))
            registros.append(registro)
        if not tabla.errores:
            cargar_registros(tabla, registros)
        return tabla
