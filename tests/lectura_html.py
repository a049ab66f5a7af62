"""El HTML del informe leído por secciones: título con su número, leyendas y cifras de cada una.

Sirve para comparar lo que dicen dos renderizadores (el propio y Quarto) sin mirar su
envoltura (índice, bloque de título, guiones): solo el contenido de ``<main>``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

_CIFRA = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?%?")
_OMITIR = {"header", "nav", "script", "style", "button"}


@dataclass
class Seccion:
    nivel: int
    numero: str
    titulo: str
    leyendas: list[str] = field(default_factory=list)
    texto: list[str] = field(default_factory=list)

    @property
    def cifras(self) -> list[str]:
        return _CIFRA.findall(" ".join(self.texto))


class _Lector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.en_main = 0
        self.omitir = 0
        self.secciones: list[Seccion] = []
        self.titulo: list[str] | None = None
        self.numero: list[str] | None = None
        self.leyenda: list[str] | None = None
        self.nivel = 0
        self.en_notas = False

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "main":
            self.en_main += 1
        if not self.en_main:
            return
        clases = (a.get("class") or "").split()
        if self.omitir or tag in _OMITIR or "quarto-title-block" in clases or "quarto-title" in clases:
            self.omitir += 1
            return
        if tag == "section" and "footnotes" in clases:
            # Las notas al pie: Quarto les pone el título «Notas», Pandoc no; aquí son una sección.
            self.secciones.append(Seccion(1, "", "Notas"))
            self.en_notas = True
        elif re.fullmatch(r"h[1-6]", tag):
            self.titulo, self.nivel = [], int(tag[1])
        elif tag == "span" and "header-section-number" in clases and self.titulo is not None:
            self.numero = []
        elif tag in ("figcaption", "caption"):
            self.leyenda = []

    def handle_endtag(self, tag):
        if tag == "main":
            self.en_main -= 1
        if not self.en_main:
            return
        if self.omitir:
            self.omitir -= 1
            return
        if re.fullmatch(r"h[1-6]", tag) and self.titulo is not None:
            numero = "".join(self.numero or []).strip()
            titulo = " ".join("".join(self.titulo).split())
            if numero and titulo.startswith(numero):
                titulo = titulo[len(numero):].strip()
            if not (self.en_notas and titulo == "Notas"):
                self.secciones.append(Seccion(self.nivel, numero, titulo))
            self.titulo = self.numero = None
        elif tag == "span" and self.numero is not None and self.titulo is not None:
            pass
        elif tag in ("figcaption", "caption") and self.leyenda is not None:
            if self.secciones:
                self.secciones[-1].leyendas.append(" ".join("".join(self.leyenda).split()))
            self.leyenda = None

    def handle_data(self, data):
        if not self.en_main or self.omitir:
            return
        if self.titulo is not None:
            self.titulo.append(data)
            if self.numero is not None and not "".join(self.numero).strip():
                self.numero.append(data)
            return
        if self.leyenda is not None:
            self.leyenda.append(data)
        if self.secciones and data.strip() and data.strip() != "↩︎":
            self.secciones[-1].texto.append(data.strip())


def secciones(html: str) -> list[Seccion]:
    lector = _Lector()
    lector.feed(html)
    return lector.secciones
