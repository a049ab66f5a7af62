"""Qué caracteres puede traer un texto que se publica (celda de un CSV, comentario, texto del plan).

Dos clases se rechazan, con el carácter y su código en el mensaje:

- los invisibles o de control (categorías Unicode C*: ``NUL``, ``ESC`` y las demás secuencias de
  la terminal, marcas de dirección del texto, espacios de ancho cero, uso privado); solo se
  admiten el tabulador y el salto de línea;
- los que el PDF no puede dibujar: fuera de los bloques que cubren sus tipos de letra (Libertinus
  Serif y, de respaldo, DejaVu) saldrían como una caja vacía; los emojis, por ejemplo.
"""

from __future__ import annotations

import unicodedata

#: Bloques Unicode que dibujan los tipos de letra del PDF (inicio, fin), inclusive.
BLOQUES_IMPRIMIBLES = (
    (0x0020, 0x007E),   # latín básico
    (0x00A0, 0x036F),   # latín-1, latín extendido A y B, AFI, modificadores, diacríticos
    (0x0370, 0x04FF),   # griego y cirílico
    (0x1E00, 0x1EFF),   # latín extendido adicional
    (0x2000, 0x206F),   # puntuación general (los invisibles de este bloque son categoría C)
    (0x2070, 0x218F),   # supraíndices, monedas, símbolos de letras, formas numéricas
    (0x2190, 0x23FF),   # flechas, operadores matemáticos, técnicos
    (0x2500, 0x25FF),   # cajas, bloques y formas geométricas
    (0x27C0, 0x27EF),   # símbolos matemáticos (⟨ ⟩)
    (0xFB00, 0xFB06),   # ligaduras latinas
)


def _imprimible(c: str) -> bool:
    n = ord(c)
    return any(a <= n <= b for a, b in BLOQUES_IMPRIMIBLES)


def problema(c: str) -> str | None:
    """Por qué no se admite el carácter ``c`` (None si se admite)."""
    if c in "\n\t":
        return None
    if unicodedata.category(c).startswith("C"):
        return (f"tiene un carácter invisible o de control (U+{ord(c):04X}) que no se puede publicar; "
                "quítelo (suele venir de copiar y pegar)")
    if not _imprimible(c):
        return (f"tiene el carácter «{c}» (U+{ord(c):04X}), que el PDF no puede mostrar (no está en su tipo "
                "de letra); quítelo o escríbalo con letras")
    return None


def primer_problema(texto: str) -> tuple[int, str] | None:
    """(posición, motivo) del primer carácter no admitido del texto, o None.

    Cada carácter distinto se juzga una vez (un texto largo repite pocos); solo si alguno no se admite
    se busca dónde aparece primero.
    """
    malos = {c for c in set(texto) if problema(c)}
    if not malos:
        return None
    for i, c in enumerate(texto):
        if c in malos and not (c == "\r" and texto[i + 1:i + 2] == "\n"):
            return i, problema(c)
    return None
