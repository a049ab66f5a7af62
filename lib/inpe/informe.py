"""Lo que un cuaderno necesita del semestre, en una sola carga validada.

Los cuadernos solo presentan: piden aquí tablas de resultados y cifras ya formateadas, y
las muestran en expresiones en línea, cuadros y figuras.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import pandas as pd
from IPython.display import Markdown

from inpe import formato, resultados
from inpe.datos import DatosSemestre, cargar_historial, cargar_semestre


def md(texto: str) -> Markdown:
    """Salida Markdown de una celda (lo que Quarto y el renderizador insertan tal cual)."""
    return Markdown(texto)


@dataclass
class Informe:
    datos: DatosSemestre
    historial: pd.DataFrame
    raiz: Path

    @classmethod
    def cargar(cls, semestre: str, raiz: Path = Path("data")) -> "Informe":
        return cls(cargar_semestre(semestre, raiz), cargar_historial(semestre, raiz), raiz)

    # --- el periodo, en palabras -------------------------------------------------------
    @property
    def semestre(self) -> str:
        return self.datos.semestre

    @property
    def periodo(self) -> str:
        """"primer semestre 2024"."""
        return formato.semestre_texto(self.semestre)

    @property
    def corte(self) -> str:
        """"30 de junio de 2024"."""
        return formato.semestre_corte(self.semestre)

    @property
    def anio(self) -> int:
        return formato.semestre_parse(self.semestre)[0]

    # --- tablas de resultados ----------------------------------------------------------
    @cached_property
    def indicadores(self) -> pd.DataFrame:
        return resultados.indicadores(self.datos.plan["indicadores"], self.datos.medidos["indicadores"])

    @cached_property
    def aei(self) -> pd.DataFrame:
        return resultados.aei(self.datos.plan["aei"], self.indicadores)

    @cached_property
    def semaforo(self) -> dict[str, int]:
        return resultados.resumen_semaforo(self.aei)

    @cached_property
    def presupuesto(self) -> pd.DataFrame:
        return resultados.presupuesto(self.datos.medidos["presupuesto"])

    @cached_property
    def actividades(self) -> pd.DataFrame:
        return resultados.actividades(self.datos.plan["actividades_operativas"],
                                      self.datos.medidos["actividades_operativas"],
                                      self.datos.medidos["ao_establecimientos"])

    def indicador(self, codigo: str) -> pd.Series:
        fila = self.indicadores[self.indicadores["codigo_indicador"] == codigo]
        if fila.empty:
            raise KeyError(f"El indicador {codigo} no está en data/plan/indicadores.csv")
        return fila.iloc[0]

    def accion(self, codigo: str) -> pd.Series:
        fila = self.aei[self.aei["codigo_aei"] == codigo]
        if fila.empty:
            raise KeyError(f"La AEI {codigo} no está en data/plan/aei.csv")
        return fila.iloc[0]

    def indicadores_de(self, codigo_aei: str) -> pd.DataFrame:
        return self.indicadores[self.indicadores["codigo_aei"] == codigo_aei]

    def presupuesto_de(self, ambito: str) -> pd.Series | None:
        fila = self.presupuesto[self.presupuesto["ambito"] == ambito]
        return None if fila.empty else fila.iloc[0]

    def poblacion(self, ambito: str) -> dict:
        return resultados.poblacion(self.datos.medidos["poblacion"], ambito)

    def evolucion(self, codigo_indicador: str) -> pd.DataFrame:
        return resultados.evolucion(self.historial, codigo_indicador)

    def cifra(self, tabla: str, clave: str, valor: str = "valor", columna_clave: str = "concepto") -> float:
        """Una cifra de una tabla clave-valor del semestre (p. ej. entidad.csv)."""
        t = self.datos.medidos[tabla]
        fila = t[t[columna_clave] == clave]
        if fila.empty:
            raise KeyError(f"data/{self.semestre}/{tabla}.csv no tiene {columna_clave} = {clave!r}")
        return float(fila.iloc[0][valor])

    def texto_plan(self, nombre: str) -> str:
        return (self.raiz / "plan" / "textos" / f"{nombre}.md").read_text(encoding="utf-8").strip()

    def comentario(self, nombre: str) -> str:
        """Comentario del semestre que editan los metodólogos (vacío si no lo escribieron)."""
        ruta = self.raiz / self.semestre / "comentarios" / f"{nombre}.md"
        return ruta.read_text(encoding="utf-8").strip() if ruta.exists() else ""
