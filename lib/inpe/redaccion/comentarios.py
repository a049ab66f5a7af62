"""Cómo se tejen los comentarios de los metodólogos con el texto generado.

Los comentarios llegan ya revisados como Markdown (:mod:`inpe.entrada.textos`); aquí solo se parten
en párrafos o en notas por CUI para ponerlos junto a lo que explican.
"""

from __future__ import annotations

import re

from inpe.redaccion.gramatica import cerrar, mayuscula_inicial


def parrafos(texto: str) -> list[str]:
    """Párrafos de un comentario (separados por línea en blanco), sin vacíos."""
    return [p.strip() for p in re.split(r"\n\s*\n", texto or "") if p.strip()]


def partir(texto: str) -> tuple[str, str]:
    """(primer párrafo, resto): el primero explica el resultado y va pegado a la oración del avance."""
    partes = parrafos(texto)
    return (partes[0], "\n\n".join(partes[1:])) if partes else ("", "")


def notas_por_cui(texto: str) -> tuple[dict[str, str], list[str]]:
    """Comentario en viñetas «- CUI 2159429 (EP Puno): texto» → ({cui: texto}, líneas sin CUI).

    Así el matiz que escribe el metodólogo se une a la inversión de la que habla, y lo que no nombra
    un CUI no se pierde: se devuelve aparte.
    """
    notas: dict[str, str] = {}
    otras: list[str] = []
    for linea in (texto or "").splitlines():
        linea = linea.strip()
        if not linea:
            continue
        cuerpo = linea[2:].strip() if linea.startswith(("- ", "* ")) else linea
        cabeza, dos_puntos, resto = cuerpo.partition(":")
        cuis = re.findall(r"\bCUI\s+(\d+)", cabeza) if dos_puntos else []
        if cuis and resto.strip():
            for cui in cuis:
                notas[cui] = cerrar(mayuscula_inicial(resto.strip()))
        else:
            otras.append(cuerpo)
    return notas, otras


def codigos_mencionados(texto: str, codigos) -> list[str]:
    """Los códigos (de AEI, p. ej.) que nombra un texto, en el orden en que aparecen."""
    posiciones = {c: m.start() for c in codigos if (m := re.search(rf"(?<![\w.]){re.escape(c)}(?![\w])", texto))}
    return sorted(posiciones, key=posiciones.get)
