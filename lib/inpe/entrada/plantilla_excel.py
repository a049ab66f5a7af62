"""El libro ``datos.xlsx`` de un semestre nuevo: la plantilla que llenan las oficinas en Excel.

Lo escribe ``python -m inpe nuevo AAAA-SN --excel`` (:mod:`inpe.entrada.nuevo`) y lo lee
:mod:`inpe.entrada.xlsx` con las mismas reglas y mensajes que un CSV. La plantilla ayuda a no
equivocarse donde Excel suele hacerlo:

- una hoja por tabla, con el nombre del CSV y la cabecera en la fila 1, fija al desplazarse; las
  columnas obligatorias y las opcionales se distinguen por el color **y** por la nota de la cabecera;
- listas desplegables para las listas cerradas, «si»/«no» y los códigos del plan (los valores quedan
  a la derecha de la hoja ``instrucciones``, cada código con su denominación);
- números validados en su rango, con formato de número y nunca de porcentaje (el lector rechaza una
  celda «40.82%», que Excel guarda como 0.4082); fechas con formato AAAA-MM-DD; los textos y códigos
  con formato de texto, para que Excel no convierta «2024-09» en una fecha ni quite ceros;
- la hoja ``instrucciones`` (el lector la ignora) explica cada hoja y cada columna.

Todo texto se escribe como texto: un valor que empezara con «=» nunca se vuelve fórmula.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from .diccionario import NOMBRES_DE_TIPO
from .esquemas import Columna
from .filas_del_plan import Tabla, valores_enumerables
from .xlsx import HOJA_INSTRUCCIONES, LIBRO

#: Última fila de una hoja de Excel: las validaciones y formatos cubren la columna entera.
ULTIMA_FILA = 1_048_576
#: Primera columna de la hoja de instrucciones con las listas de valores (a la derecha del texto).
COLUMNA_LISTAS = 9
_ANCHOS_INSTRUCCIONES = {"A": 26, "B": 70, "C": 18, "D": 16, "E": 34, "F": 8, "G": 70}


def _texto(celda, valor: str) -> None:
    """Escribe ``valor`` como texto literal (openpyxl tomaría «=…» por una fórmula)."""
    celda.value = valor
    celda.data_type = "s"


def formato_numero(col: Columna) -> str:
    """El formato de Excel de la columna: lo que el lector acepta, nunca un porcentaje."""
    if col.tipo == "entero":
        return "0"
    if col.tipo == "decimal":
        return "#,##0.00" if col.unidad == "S/" else "General"
    if col.tipo == "fecha":
        return "yyyy-mm-dd"
    return "@"  # textos, códigos y si/no: Excel no los convierte


def _nota_cabecera(col: Columna) -> str:
    partes = ["Obligatoria: no puede quedar vacía." if col.obligatoria else "Opcional: vacía = sin dato.",
              f"Tipo: {NOMBRES_DE_TIPO[col.tipo]}."]
    if col.rango():
        partes.append(f"Admite: {col.rango().replace('`', '')}.")
    if col.unidad:
        partes.append(f"Unidad: {col.unidad} (escriba solo el número).")
    if col.descripcion:
        partes.append(col.descripcion.replace("`", ""))
    return "\n".join(partes)


def _ancho(col: Columna, valores: list[str]) -> float:
    base = {"codigo": 16, "fecha": 12, "entero": 14, "decimal": 16, "si_no": 8}.get(col.tipo)
    if base is None:
        base = 60 if col.max_largo > 600 else 36 if not col.valores else 24
    return min(max([len(col.nombre) + 4, base] + [len(v) + 2 for v in valores]), 70)


class _Listas:
    """Las listas de valores de las validaciones, a la derecha de la hoja de instrucciones."""

    def __init__(self, hoja, denominaciones: dict[str, str]):
        self.hoja, self.denominaciones = hoja, denominaciones
        self.columna = COLUMNA_LISTAS
        self.rangos: dict[tuple[str, ...], str] = {}

    def rango(self, nombre: str, valores: list[str]) -> str:
        """La referencia absoluta a la lista (la escribe la primera vez que se pide)."""
        from openpyxl.styles import Font
        from openpyxl.utils import get_column_letter

        clave = tuple(valores)
        if clave not in self.rangos:
            letra = get_column_letter(self.columna)
            _texto(self.hoja.cell(1, self.columna), f"lista: {nombre}")
            self.hoja.cell(1, self.columna).font = Font(bold=True)
            con_nombre = any(v in self.denominaciones for v in valores)
            for i, v in enumerate(valores, start=2):
                _texto(self.hoja.cell(i, self.columna), v)
                if v in self.denominaciones:
                    _texto(self.hoja.cell(i, self.columna + 1), self.denominaciones[v])
            self.hoja.column_dimensions[letra].width = max(len(nombre) + 8, *(len(v) + 2 for v in valores))
            if con_nombre:
                _texto(self.hoja.cell(1, self.columna + 1), "denominación")
                self.hoja.cell(1, self.columna + 1).font = Font(bold=True)
                self.hoja.column_dimensions[get_column_letter(self.columna + 1)].width = 70
            self.rangos[clave] = (f"{quote_sheetname(HOJA_INSTRUCCIONES)}!${letra}$2:${letra}${len(valores) + 1}")
            self.columna += 3 if con_nombre else 2
        return self.rangos[clave]


def _validacion(col: Columna, lista: str | None):
    """La validación de datos de Excel de la columna (el lector vuelve a revisar todo igual)."""

    if lista is not None:
        dv = DataValidation(type="list", formula1=lista, allow_blank=True)
    elif col.numerica:
        tipo = "whole" if col.tipo == "entero" else "decimal"
        minimo, maximo = (int(x) if float(x).is_integer() else x for x in (col.minimo, col.maximo))
        dv = DataValidation(type=tipo, operator="between", formula1=str(minimo), formula2=str(maximo), allow_blank=True)
    elif col.tipo in ("texto", "codigo"):
        dv = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(col.max_largo),
                            allow_blank=True)
    else:
        return None
    dv.showErrorMessage = True
    dv.errorTitle = "Valor no admitido"
    dv.error = f"«{col.nombre}» {col.regla()}"[:255]
    if col.descripcion:
        dv.showInputMessage = True
        dv.promptTitle = col.nombre[:32]
        dv.prompt = col.descripcion.replace("`", "")[:255]
    return dv


def _hoja_de_tabla(libro, tabla: Tabla, codigos: dict[str, list[str]], denominaciones: dict[str, str],
                   listas: _Listas) -> None:


    obligatoria = (PatternFill("solid", fgColor="1F4E79"), Font(bold=True, color="FFFFFF"))
    opcional = (PatternFill("solid", fgColor="D9E1F2"), Font(bold=True, color="000000"))
    del_plan = PatternFill("solid", fgColor="EDEDED")
    e = tabla.esquema
    hoja = libro.create_sheet(e.nombre)
    hoja.freeze_panes = "A2"
    for j, col in enumerate(e.columnas, start=1):
        letra = get_column_letter(j)
        celda = hoja.cell(1, j)
        _texto(celda, col.nombre)
        celda.fill, celda.font = obligatoria if col.obligatoria else opcional
        celda.alignment = Alignment(vertical="top")
        nota = Comment(_nota_cabecera(col), "INPE")
        nota.width, nota.height = 320, 160
        celda.comment = nota
        formato = formato_numero(col)
        hoja.column_dimensions[letra].number_format = formato  # las filas que agregue el analista
        valores = valores_enumerables(col, codigos)
        dv = _validacion(col, listas.rango(f"{e.nombre}.{col.nombre}", valores) if valores else None)
        if dv is not None:
            hoja.add_data_validation(dv)
            dv.add(f"{letra}2:{letra}{ULTIMA_FILA}")
        escritos = []
        for i, fila in enumerate(tabla.filas, start=2):
            celda = hoja.cell(i, j)
            celda.number_format = formato
            if fila[col.nombre]:
                _texto(celda, fila[col.nombre])
                escritos.append(fila[col.nombre])
            if col.nombre in tabla.del_plan:
                celda.fill = del_plan
                if fila[col.nombre] in denominaciones:
                    nota = Comment(denominaciones[fila[col.nombre]], "INPE")
                    nota.width, nota.height = 320, 100
                    celda.comment = nota
        hoja.column_dimensions[letra].width = _ancho(col, escritos)


def _instrucciones(hoja, semestre: str, tablas: dict[str, Tabla]) -> None:

    fila = 1

    def escribir(*textos: str, negrita: bool = False) -> None:
        nonlocal fila
        for j, t in enumerate(textos, start=1):
            if t:
                c = hoja.cell(fila, j)
                _texto(c, t)
                c.alignment = Alignment(wrap_text=True, vertical="top")
                if negrita:
                    c.font = Font(bold=True)
        fila += 1

    escribir(f"Informe de Evaluación Institucional: datos del semestre {semestre}", negrita=True)
    hoja.cell(1, 1).font = Font(bold=True, size=14)
    fila += 1
    escribir("Cómo llenar este libro", negrita=True)
    for tema, texto in (
        ("Hojas", "Cada hoja es una tabla del informe (la hoja «presupuesto» es presupuesto.csv). No cambie el "
                  "nombre de las hojas ni la fila 1: son los nombres de las columnas. Esta hoja no se lee."),
        ("Filas del plan", "Las filas que ya traen un código en gris salen del plan (data/plan/): complete sus "
                           "demás columnas sin cambiar el código; la nota de la celda dice su denominación. Si la "
                           "nota de la hoja (abajo) dice que una fila puede faltar, bórrela cuando la fuente no la "
                           "trae. En las hojas con solo la cabecera, agregue una fila por dato de la fuente."),
        ("Columnas", "Cabecera azul oscuro: obligatoria, no puede quedar vacía. Cabecera celeste: opcional. La "
                     "nota de cada cabecera dice qué admite; la lista completa está en «Columnas», abajo."),
        ("Celdas vacías", "Una celda vacía es «dato no disponible». Nunca escriba 0 si la fuente no da la cifra, "
                          "ni marcas como «-», «s/d» o «N.A.»."),
        ("Números", "Como número, sin símbolo de moneda ni signo %. Un porcentaje se escribe 40.82 (no 40.82 % ni "
                    "0.4082): una celda con formato de porcentaje se rechaza. Montos en soles con hasta dos "
                    "decimales."),
        ("Fechas", "Como fecha de Excel o como texto AAAA-MM-DD. Los meses (AAAA-MM) y los periodos de los hitos "
                   "(AAAA-MM-DD, AAAA-MM o AAAA) son texto: esas columnas ya tienen formato de texto."),
        ("Listas", "Los códigos del plan, «si»/«no» y los valores admitidos se eligen de una lista desplegable; "
                   "las listas están a la derecha de esta hoja."),
        ("Fórmulas", "Se lee el valor calculado: si usa fórmulas, guarde el libro en Excel antes de validar."),
        ("Comentarios", "Los comentarios del semestre no van en este libro: son archivos .md en la carpeta "
                        "comentarios/, junto a este libro; cada uno dice en su encabezado qué escribir."),
        ("Una sola forma", f"La carpeta trae este libro ({LIBRO}) o los CSV, no los dos."),
        ("Al terminar", f"En la carpeta del proyecto: python -m inpe validar {semestre} (o make validar "
                        f"SEMESTRE={semestre}). Dice, hoja por hoja, qué falta y qué está mal."),
    ):
        escribir(tema, texto)
    fila += 1
    escribir("Hojas", negrita=True)
    escribir("hoja", "qué es", "la pide el plan", "filas", "nota", negrita=True)
    for t in tablas.values():
        e = t.esquema
        clave = list(e.clave)
        cada = clave[0] if len(clave) == 1 else "combinación de " + ", ".join(clave[:-1]) + " y " + clave[-1]
        filas = (f"{len(t.filas)} del plan: complételas" if t.filas else
                 f"agregue una por cada {cada}" if clave else "agregue las de la fuente")
        escribir(e.nombre, e.descripcion, "sí" if t.exigida else "no (opcional)", filas, e.notas.replace("`", ""))
    fila += 1
    escribir("Columnas", negrita=True)
    escribir("hoja", "columna", "obligatoria", "tipo", "admite", "unidad", "descripción", negrita=True)
    for t in tablas.values():
        for col in t.esquema.columnas:
            escribir(t.esquema.nombre, col.nombre, "sí" if col.obligatoria else "no (vacía = sin dato)",
                     NOMBRES_DE_TIPO[col.tipo], col.rango().replace("`", ""), col.unidad,
                     col.descripcion.replace("`", ""))
    for letra, ancho in _ANCHOS_INSTRUCCIONES.items():
        hoja.column_dimensions[letra].width = ancho


def escribir(ruta: Path, semestre: str, tablas: dict[str, Tabla], codigos: dict[str, list[str]],
             denominaciones: dict[str, str]) -> None:
    """Escribe la plantilla: la hoja de instrucciones y una hoja por tabla, con las filas del plan."""

    libro = Workbook()
    instrucciones = libro.active
    instrucciones.title = HOJA_INSTRUCCIONES
    listas = _Listas(instrucciones, denominaciones)
    for tabla in tablas.values():
        _hoja_de_tabla(libro, tabla, codigos, denominaciones, listas)
    _instrucciones(instrucciones, semestre, tablas)
    libro.properties.creator = "python -m inpe nuevo"
    libro.properties.title = f"Datos del semestre {semestre}"
    libro.save(ruta)
