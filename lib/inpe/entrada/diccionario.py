"""El diccionario de datos (``data/README.md``) sale de los esquemas: los dos no pueden discrepar.

La parte generada va entre dos marcas del README; lo demás (convenciones, inconsistencias del
informe de referencia) se escribe a mano. ``python -m inpe diccionario`` la reescribe y una prueba
comprueba que el README está al día.
"""

from __future__ import annotations

from pathlib import Path

from . import celdas, filas_del_plan, lectura, textos
from .esquemas import ESQUEMAS_PLAN, ESQUEMAS_SEMESTRE, EXPLICACIONES, PRESENTACIONES, QUE_DICE, Esquema
from .xlsx import HOJA_INSTRUCCIONES, LIBRO

INICIO = "<!-- diccionario: inicio (generado desde lib/inpe/entrada/esquemas.py; no editar a mano) -->"
FIN = "<!-- diccionario: fin -->"

NOMBRES_DE_TIPO = {"texto": "texto", "codigo": "código", "entero": "entero", "decimal": "decimal", "fecha": "fecha",
          "si_no": "si/no"}


def _celda(texto: str) -> str:
    return str(texto).replace("|", "\\|").replace("\n", " ")


def _obligatorio(e: Esquema) -> str:
    if e.obligatorio:
        return "siempre"
    if e.necesario_para:
        return "si el plan declara " + ", ".join(f"`{u}`" for u in e.necesario_para) + "; si no, opcional"
    return "opcional"


def _tabla(e: Esquema, carpeta: str) -> list[str]:
    lineas = [f"### {carpeta}/{e.archivo} — {e.descripcion}", ""]
    lineas.append((f"Fuente: {e.fuente}. " if e.fuente else "") + f"Obligatorio: {_obligatorio(e)}."
                  + (f" Clave única: {', '.join(e.clave)}." if e.clave else ""))
    lineas += ["", "| columna | tipo | obligatoria | admite | unidad | descripción |", "|---|---|---|---|---|---|"]
    for c in e.columnas:
        lineas.append(f"| {c.nombre} | {NOMBRES_DE_TIPO[c.tipo]} | {'sí' if c.obligatoria else 'no (vacía = sin dato)'} | "
                      f"{_celda(c.rango())} | {_celda(c.unidad)} | {_celda(c.descripcion)} |")
    if e.notas:
        lineas += ["", e.notas]
    return lineas + [""]


def _textos(clases, carpeta: str) -> list[str]:
    lineas = ["| archivo | obligatorio | contenido |", "|---|---|---|"]
    for c in clases:
        nombre = c.patron.replace("{aei}", "AEI.NN.NN").replace("{indicador}", "IND.NN.AEI.NN.NN").replace("{ao}", "AO.NN.NN.NN")
        lineas.append(f"| {carpeta}/{nombre}.md | {'sí' if c.obligatorio else 'no'} | {_celda(c.descripcion)} |")
    return lineas + [""]


def _origen(partes: list[tuple[str, str]]) -> str:
    return " y ".join(f"`{x}`" if tipo == "valor" else f"una por código de plan/{ESQUEMAS_PLAN[x].archivo}"
                      for tipo, x in partes)


def _semestre_nuevo() -> list[str]:
    """Qué filas trae cada tabla de un semestre recién preparado (sale de :func:`inpe.entrada.filas_del_plan.origen_de_filas`)."""
    l = ["### Un semestre nuevo", "",
         "`python -m inpe nuevo AAAA-SN` (o `make nuevo SEMESTRE=AAAA-SN`) crea `data/AAAA-SN/` con cada tabla y su "
         "cabecera, sin ningún valor, y un comentario por escribir por cada texto del semestre y cada código del "
         f"plan. Con `--excel`, las tablas van en un libro `{LIBRO}` (una hoja por tabla, con listas desplegables y "
         f"una hoja `{HOJA_INSTRUCCIONES}` que no se lee) en lugar de los CSV. Estas tablas traen además sus filas, "
         "que salen del plan, con las demás columnas vacías; las otras, solo la cabecera:", "",
         "| tabla | filas preparadas |", "|---|---|"]
    for e in ESQUEMAS_SEMESTRE.values():
        if (origen := filas_del_plan.origen_de_filas(e)) is not None:
            por_columna = [f"«{c}»: " + (_origen(p) if any(t == "plan" for t, _ in p) else
                                         "una por valor, " + ", ".join(f"`{x}`" for _, x in p))
                           for c, p in origen.items()]
            l.append(f"| {e.archivo} | {_celda('; '.join(por_columna))} |")
    return l + ["", "`python -m inpe validar AAAA-SN` dice después qué falta, archivo por archivo y columna por "
                "columna.", ""]


def generar() -> str:
    """La parte generada del diccionario, en Markdown."""
    l = [INICIO, "", "## Tablas del plan (`data/plan/`)", ""]
    for e in ESQUEMAS_PLAN.values():
        l += _tabla(e, "plan")
    l += ["## Tablas del semestre (`data/AAAA-SN/`)", ""]
    for e in ESQUEMAS_SEMESTRE.values():
        l += _tabla(e, "AAAA-SN")
    l += _semestre_nuevo()
    l += ["## Explicaciones de los indicadores y presentaciones de las actividades", "",
          "Lo que el plan declara de cada indicador (columna `explicacion`) y de cada actividad operativa (columna "
          "`presentacion`) elige las oraciones que los explican y fija qué tablas del semestre son obligatorias:", "",
          "| valor | qué dice el informe | tablas del semestre que usa |", "|---|---|---|"]
    for nombre, tablas in {**EXPLICACIONES, **PRESENTACIONES}.items():
        l.append(f"| `{nombre}` | {QUE_DICE[nombre]} | {', '.join(t + '.csv' for t in tablas) or '—'} |")
    l += ["", "Un indicador sin `explicacion` se explica con sus componentes (componentes.csv: «el valor resulta de "
          "dividir …») o, sin componentes, solo con su valor. Una explicación nueva necesita código: una función en "
          "`lib/inpe/redaccion/explicaciones.py` y su entrada en `lib/inpe/presentacion/informe.py`."]
    l += ["", "## Textos", "",
          "Markdown en UTF-8. Los códigos de los nombres son los del plan; un archivo que no corresponde a ningún "
          "texto del informe ni a ningún código del plan es un error (no se perdería en silencio).", ""]
    l += _textos(textos.TEXTOS_PLAN, "plan/textos") + _textos(textos.TEXTOS_SEMESTRE, "AAAA-SN/comentarios")
    l += ["Un comentario puede empezar con un bloque de opciones para no publicarse este semestre sin borrarlo:", "",
          "```", "---", "publicar: no", "motivo: por qué no se publica", "---", "```", "",
          "El bloque admite líneas de comentario (`# …`), que no se publican: así es el encabezado que escribe "
          "`python -m inpe nuevo` en cada comentario por escribir (qué va en él y cómo). El texto va debajo de la "
          "línea `---` que cierra el bloque; un archivo que solo trae el encabezado es un comentario vacío y no se "
          "publica.", "",
          "## Qué se rechaza y por qué", "",
          "Cada falla se informa con el archivo (y la hoja, si es un libro de Excel), la fila o la línea, la columna, "
          "la regla y el valor encontrado, todas a la vez y antes de ejecutar ningún cuaderno. El informe publicado "
          "no cambia.", "",
          f"- **Archivos**: un CSV de más de {lectura.MAX_BYTES // (1024 * 1024)} MB o un texto de más de "
          f"{textos.MAX_BYTES // 1024} KB; una carpeta con el nombre de un archivo; una carpeta con su libro "
          f"`{LIBRO}` y también sus CSV (¿cuál vale?).",
          "- **Codificación**: se acepta UTF-8 (con o sin BOM), UTF-16 con BOM y Latin-1/Windows-1252 (con aviso); "
          "se rechaza un archivo con bytes nulos (no es texto, o es UTF-16 sin BOM) o ilegible.",
          "- **Caracteres**: los de control o invisibles (secuencias de la terminal, marcas de dirección, espacios "
          "de ancho cero) y los que el PDF no puede dibujar (emojis y otros símbolos fuera de sus tipos de letra).",
          f"- **Números**: fuera del rango de su columna (ver las tablas), con más de {celdas.MAX_CIFRAS} cifras, "
          "con símbolo de moneda o signo %, en notación científica, con dos lecturas posibles, errores de fórmula y "
          "marcas de «no disponible» (una celda sin dato se deja vacía). En un libro de Excel, además, una celda con "
          "formato de porcentaje (Excel guarda 0.4082 para «40.82%») y una fórmula sin valor calculado.",
          "- **Textos de las tablas**: más largos que su máximo; con «doble codificación» (Ã©). Su contenido se "
          "publica siempre literal: los signos de Markdown, HTML, Typst o de los atajos de Quarto se ven como "
          "texto, nunca se interpretan.",
          "- **Textos Markdown** (comentarios y textos del plan): admiten párrafos, *énfasis*, **negrita**, listas, "
          "saltos de línea y notas al pie (`[^clave]` de `plan/referencias_normativas.csv`, o `^[texto]`). Se "
          "rechaza, con su línea:"]
    l += [f"  - {motivo}" for motivo in dict.fromkeys(textos.RECHAZOS.values())]
    l += ["  - un atajo de Quarto (`{{< … >}}`), que leería archivos o variables al renderizar;",
          "  - una nota al pie que no está en `plan/referencias_normativas.csv`.",
          "- **Semestre**: un identificador que no es `AAAA-S1` o `AAAA-S2` (sin excepción: nunca se usa para formar "
          "una ruta ni un comando), también cuando llega por `make` (`SEMESTRE=…`) o por la variable "
          "`INPE_SEMESTRE` de `quarto render`; `PYTHON` y `VENV` de `make` solo admiten caracteres de una ruta.",
          "", FIN]
    return "\n".join(l)


def actualizar(readme: Path) -> bool:
    """Reescribe la parte generada de ``readme``; devuelve si cambió."""
    texto = readme.read_text(encoding="utf-8")
    inicio, fin = texto.index(INICIO), texto.index(FIN) + len(FIN)
    nuevo = texto[:inicio] + generar() + texto[fin:]
    if nuevo != texto:
        readme.write_text(nuevo, encoding="utf-8")
    return nuevo != texto


def parte_generada(readme: Path) -> str:
    texto = readme.read_text(encoding="utf-8")
    return texto[texto.index(INICIO):texto.index(FIN) + len(FIN)]
