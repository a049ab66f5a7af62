"""El diccionario de datos no puede discrepar de los esquemas: su parte de tablas sale de ellos."""

from pathlib import Path

from inpe.entrada import diccionario
from inpe.entrada.esquemas import ESQUEMAS_PLAN, ESQUEMAS_SEMESTRE

README = Path(__file__).resolve().parents[1] / "data" / "README.md"


def test_el_diccionario_esta_al_dia_con_los_esquemas():
    assert diccionario.parte_generada(README) == diccionario.generar(), (
        "data/README.md no está al día con lib/inpe/entrada/esquemas.py: corra `python -m inpe diccionario`")


def test_cada_columna_de_cada_tabla_tiene_su_fila_y_su_rango():
    texto = diccionario.generar()
    for carpeta, esquemas in (("plan", ESQUEMAS_PLAN), ("AAAA-SN", ESQUEMAS_SEMESTRE)):
        for e in esquemas.values():
            seccion = texto.split(f"### {carpeta}/{e.archivo} — ")[1].split("\n### ")[0]
            for c in e.columnas:
                assert f"\n| {c.nombre} | " in seccion, (e.archivo, c.nombre)
                if c.numerica and not c.valores:
                    assert f"{c.minimo:,.0f} a " in seccion or f"{int(c.minimo):,} a " in seccion, (e.archivo, c.nombre)
