"""Un error de datos con todo lo que el analista necesita para corregirlo."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Falla:
    """``archivo`` es la ruta relativa al proyecto (``data/2024-S1/presupuesto.csv``; en un libro de
    Excel, ``data/2024-S1/semestre.xlsx, hoja «presupuesto»``), ``fila`` el número de fila de la hoja
    de cálculo (cabecera = 1; en un texto, la línea), ``columna`` el nombre de la columna, ``regla``
    la regla incumplida (en español) y ``valor`` el contenido que se encontró.
    """

    archivo: str
    fila: int | None = None
    columna: str | None = None
    regla: str = ""
    valor: str | None = None
    lugar: str = "fila"  # "fila" en un cuadro, "línea" en un texto

    def __str__(self) -> str:
        partes = [self.archivo]
        if self.fila is not None:
            partes.append(f"{self.lugar} {self.fila}")
        if self.columna is not None:
            nombres = [c.strip() for c in self.columna.split(",")]
            if len(nombres) > 1:
                partes.append("columnas " + ", ".join(f"«{c}»" for c in nombres))
            else:
                partes.append(f"columna «{self.columna}»")
        texto = ", ".join(partes) + ": " + self.regla
        if self.valor is not None:
            valor = self.valor if len(self.valor) <= 120 else self.valor[:117] + "…"
            texto += f" (valor encontrado: «{valor}»)"
        return texto
