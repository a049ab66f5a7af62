"""Los textos Markdown de los datos: textos fijos del plan y comentarios del semestre.

Los escriben personas (metodólogos, la Unidad de Planeamiento), no el programa; llegan al HTML y al
PDF. Por eso se revisan con los CSV, antes de ejecutar ningún cuaderno, y solo pueden traer lo que
un texto del informe necesita:

- párrafos, *énfasis*, **negrita**, listas con viñetas o numeradas, saltos de línea;
- notas al pie: llamadas ``[^clave]`` a una norma de ``data/plan/referencias_normativas.csv`` (el
  informe escribe la nota) o notas propias ``^[texto]`` con el mismo contenido admitido;
- al inicio, un bloque de opciones entre líneas ``---`` (solo en los comentarios):
  ``publicar: no`` y ``motivo: …`` para no publicar un comentario en este semestre sin borrarlo.
  El bloque admite líneas de comentario YAML (``# …``), que se descartan: así es el encabezado que
  escribe ``python -m inpe nuevo`` (qué va en el comentario y cómo), y un archivo con solo ese
  encabezado es un comentario vacío, que no se publica.

Cualquier otra cosa se rechaza con el archivo y la línea: HTML o guiones, enlaces e imágenes
(embeberían o cargarían archivos), títulos (cambiarían la numeración), referencias ``@fig-…`` (el
informe numera sus cuadros y figuras), bloques de Typst, LaTeX o código, fórmulas, atajos de Quarto
``{{< … >}}``, citas, cuadros y divisiones. Además: la misma codificación que los CSV
(:mod:`inpe.entrada.decodificacion`), los mismos caracteres (:mod:`inpe.entrada.caracteres`) y a lo
más :data:`MAX_BYTES` por archivo.

La lectura con Pandoc se hace para todos los textos en un solo proceso (``textos.lua``).
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .caracteres import primer_problema
from .decodificacion import decodificar
from .fallas import Falla

MAX_BYTES = 64 * 1024
GUARDE = "guárdelo como texto UTF-8"
AQUI = Path(__file__).parent

#: Lo que se dice de cada elemento de Markdown que un texto no puede traer.
RECHAZOS = {
    "RawBlock": "trae HTML, un guion o un bloque de otro formato (Typst, LaTeX)",
    "RawInline": "trae HTML, un guion o código de otro formato (Typst, LaTeX)",
    "Link": "trae un enlace; escriba la dirección como texto en una tabla de enlaces, no en un comentario",
    "Image": "trae una imagen; las figuras las pone el informe",
    "Header": "trae un título (# …): cambiaría la numeración de las secciones del informe",
    "Cite": "trae una referencia con @ (como @fig-… o @sec-…): el informe numera sus cuadros, figuras y secciones",
    "Code": "trae código entre comillas invertidas (`)",
    "CodeBlock": "trae un bloque de código",
    "Math": "trae una fórmula entre signos $",
    "Span": "trae un fragmento con atributos entre llaves ([…]{…})",
    "Div": "trae una división con atributos (::: …)",
    "HorizontalRule": "trae una línea horizontal (---)",
    "BlockQuote": "trae una cita con >",
    "Table": "trae un cuadro; los cuadros los pone el informe",
    "DefinitionList": "trae una lista de definiciones (líneas que empiezan con :)",
    "LineBlock": "trae un bloque de líneas que empieza con |",
    "Figure": "trae una figura",
    "Strikeout": "trae texto tachado (~~)",
    "Superscript": "trae un superíndice (^…^)",
    "Subscript": "trae un subíndice (~…~)",
    "SmallCaps": "trae versalitas",
    "Underline": "trae texto subrayado",
    "Quoted": "trae comillas con marcado",
}
_ATAJO_QUARTO = re.compile(r"\{\{[<%]")
_LLAMADA = re.compile(r"\[\^([^\]\s]+)\](?!:)")
_OPCIONES = {"publicar", "motivo"}


@dataclass
class Texto:
    """Un texto ya revisado: lo que se publica y si se publica."""

    nombre: str
    contenido: str
    publicar: bool = True
    motivo: str = ""
    archivo: str = ""

    @property
    def llamadas(self) -> list[str]:
        return list(dict.fromkeys(_LLAMADA.findall(self.contenido)))


@dataclass
class Revision:
    textos: dict[str, Texto] = field(default_factory=dict)
    errores: list[Falla] = field(default_factory=list)
    avisos: list[str] = field(default_factory=list)


def _linea_de(texto: str, muestra: str) -> int | None:
    """Línea (desde 1) donde aparece ``muestra`` en el texto; None si no se encuentra."""
    for trozo in (muestra.strip(), muestra.strip()[:40]):
        if trozo and (i := texto.find(trozo)) >= 0:
            return texto.count("\n", 0, i) + 1
    return None


def _opciones(texto: str, archivo: str, admite_opciones: bool, errores: list[Falla]) -> tuple[str, dict, int]:
    """Separa el bloque de opciones inicial (---); devuelve (cuerpo, opciones, líneas que ocupaba)."""
    m = re.match(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", texto, flags=re.S)
    if not m:
        return texto, {}, 0
    lineas = texto[:m.end()].count("\n")
    if not admite_opciones:
        errores.append(Falla(archivo, 1, regla="trae un bloque de opciones (---) que este texto no admite", lugar="línea"))
        return texto[m.end():], {}, lineas
    try:
        opciones = yaml.safe_load(m.group(1)) or {}
    except yaml.YAMLError:
        opciones = None
    if not isinstance(opciones, dict):
        errores.append(Falla(archivo, 1, regla="el bloque de opciones (---) no se puede leer; escriba «publicar: no» "
                             "y «motivo: …», una por línea (el comentario va debajo de la línea --- que cierra el "
                             "bloque)", lugar="línea"))
        return texto[m.end():], {}, lineas
    for clave in sorted(set(map(str, opciones)) - _OPCIONES):
        errores.append(Falla(archivo, 1, regla=f"la opción «{clave}» no existe; se admiten: publicar, motivo",
                             lugar="línea"))
    return texto[m.end():], opciones, lineas


def _publicar(opciones: dict, archivo: str, errores: list[Falla]) -> bool:
    valor = opciones.get("publicar", True)
    if isinstance(valor, bool):
        return valor
    if str(valor).strip().lower() in ("si", "sí", "no"):
        return str(valor).strip().lower() != "no"
    errores.append(Falla(archivo, 1, regla="la opción «publicar» debe ser «si» o «no»", valor=str(valor), lugar="línea"))
    return True


def _leer(ruta: Path, archivo: str, admite_opciones: bool, r: Revision) -> tuple[str, Texto] | None:
    try:
        if ruta.is_dir():
            r.errores.append(Falla(archivo, regla="es una carpeta, no un texto"))
            return None
        if ruta.stat().st_size > MAX_BYTES:
            r.errores.append(Falla(archivo, regla=f"pesa más de {MAX_BYTES // 1024} KB: no es un texto del informe"))
            return None
        datos = ruta.read_bytes()
    except OSError as e:
        r.errores.append(Falla(archivo, regla=f"no se puede abrir el archivo ({e.strerror})"))
        return None
    leido = decodificar(datos, archivo, GUARDE)
    r.avisos += leido.avisos
    if leido.texto is None:
        r.errores += leido.errores
        return None
    texto = leido.texto.replace("\r\n", "\n")
    if (p := primer_problema(texto)) is not None:
        i, motivo = p
        r.errores.append(Falla(archivo, texto.count("\n", 0, i) + 1, regla=motivo, lugar="línea"))
        return None
    errores: list[Falla] = []
    cuerpo, opciones, _ = _opciones(texto, archivo, admite_opciones, errores)
    publicar = _publicar(opciones, archivo, errores)
    r.errores += errores
    if errores:
        return None
    return texto, Texto(ruta.stem, cuerpo.strip(), publicar, str(opciones.get("motivo", "") or ""), archivo)


def revisar(archivos: dict[str, tuple[Path, str]], claves_de_notas: set[str], admite_opciones: bool) -> Revision:
    """Revisa los textos ``{nombre: (ruta, nombre visible)}``; reúne todas las fallas a la vez."""
    r = Revision()
    leidos: dict[str, tuple[str, Texto]] = {}
    for nombre, (ruta, archivo) in archivos.items():
        if (x := _leer(ruta, archivo, admite_opciones, r)) is not None:
            leidos[nombre] = x
    if not leidos:
        return r
    for res in _leer_con_pandoc({n: t.contenido for n, (_, t) in leidos.items()}):
        original, texto = leidos[res["nombre"]]
        fallas = []
        for h in res["hallazgos"]:
            fallas.append(Falla(texto.archivo, _linea_de(original, h["muestra"]),
                                regla=RECHAZOS.get(h["tipo"], f"trae un elemento de Markdown no admitido ({h['tipo']})")
                                + "; un texto del informe solo admite párrafos, énfasis, listas y notas al pie",
                                valor=h["muestra"] or None, lugar="línea"))
        for m in _ATAJO_QUARTO.finditer(original):
            fallas.append(Falla(texto.archivo, original.count("\n", 0, m.start()) + 1, regla=(
                "trae un atajo de Quarto ({{< … >}}), que leería archivos o variables al renderizar"),
                valor=original[m.start():m.start() + 60].split("\n")[0], lugar="línea"))
        for clave in texto.llamadas:
            if clave not in claves_de_notas:
                fallas.append(Falla(texto.archivo, _linea_de(original, f"[^{clave}]"), regla=(
                    "llama a una nota al pie que no está en data/plan/referencias_normativas.csv (columna clave)"),
                    valor=f"[^{clave}]", lugar="línea"))
        r.errores += fallas
        if not fallas:
            r.textos[res["nombre"]] = texto
    return r


def _leer_con_pandoc(textos: dict[str, str]) -> list[dict]:
    import pypandoc  # el binario de Pandoc: solo se busca cuando hay textos que leer

    entrada = json.dumps([{"nombre": n, "texto": t} for n, t in textos.items()], ensure_ascii=False)
    r = subprocess.run([pypandoc.get_pandoc_path(), "lua", str(AQUI / "textos.lua")], input=entrada,
                       capture_output=True, text=True, encoding="utf-8", timeout=120)
    if r.returncode != 0:
        raise RuntimeError(f"Pandoc no pudo leer los textos: {r.stderr.strip()}")
    return json.loads(r.stdout)


# ------------------------------------------------------------------ qué textos hay

@dataclass(frozen=True)
class Clase:
    """Una clase de texto: su nombre de archivo (con ``{aei}``, ``{indicador}`` o ``{ao}`` si lleva
    un código del plan), si es obligatorio y qué es."""

    patron: str
    descripcion: str
    obligatorio: bool = False

    def nombres(self, codigos: dict[str, list[str]]) -> list[str]:
        for tipo in ("aei", "indicador", "ao"):
            if "{" + tipo + "}" in self.patron:
                return [self.patron.replace("{" + tipo + "}", c) for c in codigos.get(tipo, [])]
        return [self.patron]


TEXTOS_PLAN = (
    Clase("entidad", "qué es la entidad (primer párrafo del resumen ejecutivo)", True),
    Clase("instrumento_pei", "el PEI y su articulación con el plan sectorial; termina antes de la frase con el "
                             "número de OEI y AEI, que genera el informe", True),
    Clase("metodologia", "«se realizó bajo los lineamientos de la Guía…»; el informe antepone «En consecuencia, el "
                         "Informe de Evaluación Institucional, correspondiente al *semestre*, »", True),
    Clase("mision", "marco legal y misión (§2.1)", True),
    Clase("prioridades", "primer párrafo de las prioridades de la política institucional (§2.2)", True),
    Clase("lineas_accion", "introducción y líneas de acción (§2.2)", True),
    Clase("declaracion_politica", "Declaración de Política Institucional (§2.2)", True),
    Clase("alcance", "párrafo de priorización del alcance de la evaluación (§2.3)", True),
    Clase("estado_integral", "primer párrafo del estado integral de las AEI (§3.1)", True),
    Clase("nombre_plan", "el nombre del plan, como se cita en el texto", True),
    Clase("elaboracion", "quién elabora los cuadros y figuras (línea «Elaboración:»)", True),
    Clase("definicion_{aei}", "qué es la AEI, al inicio de su análisis de implementación (§3.2)"),
)
TEXTOS_SEMESTRE = (
    Clase("resumen_gestion", "juicio sobre las AEI no priorizadas, en el resumen ejecutivo"),
    Clase("{aei}", "comentario del resultado de la AEI, tras su figura (§3.1)"),
    Clase("{indicador}", "comentario del resultado de un indicador, tras su figura (§3.1)"),
    Clase("contexto_{aei}", "contexto de la AEI, antes de su figura (§3.1)"),
    Clase("contexto_{indicador}", "contexto de un indicador, antes de su figura (§3.1)"),
    Clase("implementacion_{aei}", "comentario del análisis de implementación de la AEI (§3.2)"),
    Clase("factores_{aei}", "factores que afectaron a las AO de la AEI (§3.2)"),
    Clase("{ao}", "matices del resultado de una actividad operativa (§3.2)"),
    Clase("recomendaciones_previas", "aplicación de las recomendaciones de la evaluación anterior (§3.2)"),
    Clase("conclusion_pei", "conclusión sobre el plan, tras las conclusiones generadas (§4)"),
    Clase("recomendaciones", "recomendaciones, un párrafo por recomendación; el informe las numera (§5)"),
)


def nombres_admitidos(clases, codigos: dict[str, list[str]]) -> dict[str, Clase]:
    return {n: c for c in clases for n in c.nombres(codigos)}
