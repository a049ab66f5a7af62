"""La validación de ``data/`` para un semestre, antes de ejecutar cualquier cuaderno: todo a la vez.

:func:`validar` revisa, en este orden, y junta **todas** las fallas:

1. el identificador del semestre (:mod:`inpe.entrada.semestres`; nunca forma una ruta si no tiene
   la forma ``AAAA-S1``/``AAAA-S2``), que existan la carpeta de datos, la del plan y la del semestre,
   y que no falte ningún semestre entre el primero que hay y el pedido;
2. las tablas del plan (:mod:`inpe.entrada.validacion`) y sus referencias; los usos que el plan
   declara (explicaciones de indicadores, presentaciones de actividades) fijan qué tablas del
   semestre son obligatorias;
3. los textos del plan (:mod:`inpe.entrada.textos`): presencia, codificación, caracteres y Markdown;
4. las tablas del semestre, sus referencias al plan y sus comentarios (un comentario con un
   nombre que no corresponde a ningún código del plan es un error: si no, se perdería en silencio);
5. la tabla de indicadores de cada semestre anterior (para las figuras de evolución).

:func:`validar_plan` hace solo el paso 2 (lo que necesita ``python -m inpe nuevo``).

:func:`formatear_reporte` separa lo que falta de lo que está mal: las celdas obligatorias vacías
(un semestre recién preparado tiene cientos) van agrupadas, una línea por archivo y columna con sus
filas; lo que se admite vacío pero quizá falte llenar (:func:`por_revisar`: una tabla exigida sin
filas, una columna opcional sin ningún dato) va aparte, sin ser error; los demás errores siguen uno
por uno, con archivo, fila, columna, regla y valor.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import referencias, semestres, textos
from .esquemas import ESQUEMAS_PLAN, ESQUEMAS_SEMESTRE, Esquema
from .fallas import Falla
from .fuentes import Fuente
from .validacion import REGLA_VACIA, TablaValidada, validar_tabla


@dataclass
class Validacion:
    """Todo lo que la validación encontró y leyó (las tablas con tipo, los textos revisados)."""

    semestre: str
    errores: list[Falla] = field(default_factory=list)
    avisos: list[str] = field(default_factory=list)
    plan: dict[str, TablaValidada] = field(default_factory=dict)
    medidos: dict[str, TablaValidada] = field(default_factory=dict)
    textos_plan: dict[str, textos.Texto] = field(default_factory=dict)
    comentarios: dict[str, textos.Texto] = field(default_factory=dict)
    #: Semestre anterior -> su tabla de indicadores (la serie de las figuras).
    anteriores: dict[str, TablaValidada] = field(default_factory=dict)
    usos: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errores


def _nombre_raiz(raiz: Path) -> str:
    return Path(raiz).resolve().name or str(raiz)


def usos_del_plan(plan: dict[str, TablaValidada]) -> list[str]:
    """Explicaciones y presentaciones que el plan declara (fijan qué tablas del semestre se piden)."""
    usos: list[str] = []
    for nombre, columna in (("indicadores", "explicacion"), ("actividades_operativas", "presentacion")):
        t = plan.get(nombre)
        if t is not None and t.df is not None and columna in t.df:
            usos += [str(v) for v in t.df[columna].dropna() if v]
    return sorted(set(usos))


def codigos_del_plan(plan: dict[str, TablaValidada]) -> dict[str, list[str]]:
    def de(nombre, columna):
        t = plan.get(nombre)
        return [] if t is None or t.df is None or columna not in t.df else [c for c in t.df[columna].dropna()]
    return {"aei": de("aei", "codigo_aei"), "indicador": de("indicadores", "codigo_indicador"),
            "ao": de("actividades_operativas", "codigo_ao")}


def _tablas(fuente: Fuente, esquemas: dict[str, Esquema], usos: list[str], v: Validacion) -> dict[str, TablaValidada]:
    v.errores += fuente.errores
    v.avisos += fuente.avisos
    leidas: dict[str, TablaValidada] = {}
    for nombre, esquema in esquemas.items():
        tabla = fuente.leer(esquema)
        if tabla is None:
            if esquema.exigido(usos):
                v.errores.append(fuente.falta(esquema))
            continue
        t = validar_tabla(tabla, esquema)
        v.errores += t.errores
        v.avisos += t.avisos
        leidas[nombre] = t
    v.avisos += fuente.sobrantes()
    return leidas


def _textos(carpeta: Path, visible: str, clases, codigos: dict[str, list[str]], notas: set[str], v: Validacion,
            admite_opciones: bool) -> dict[str, textos.Texto]:
    admitidos = textos.nombres_admitidos(clases, codigos)
    presentes = {p.stem: p for p in sorted(carpeta.glob("*.md"))} if carpeta.is_dir() else {}
    for nombre, clase in admitidos.items():
        if clase.obligatorio and nombre not in presentes:
            v.errores.append(Falla(f"{visible}/{nombre}.md", regla=f"falta el texto ({clase.descripcion})"))
    for nombre in presentes:
        if nombre not in admitidos:
            parecido = difflib.get_close_matches(nombre, list(admitidos), n=1, cutoff=0.75)
            pista = (f" (¿quiso decir «{parecido[0]}.md»?)" if parecido else
                     "; los nombres admitidos están en data/README.md, «Textos»")
            v.errores.append(Falla(f"{visible}/{nombre}.md", regla=(
                "no corresponde a ningún texto del informe ni a ningún código del plan: no se publicaría" + pista)))
    revision = textos.revisar({n: (p, f"{visible}/{p.name}") for n, p in presentes.items() if n in admitidos},
                              notas, admite_opciones)
    v.errores += revision.errores
    v.avisos += revision.avisos
    return revision.textos


def _plan(raiz: Path, visible: str, v: Validacion) -> None:
    """Las tablas del plan, sus referencias y los usos que declaran (sin sus textos)."""
    carpeta_plan = raiz / "plan"
    if carpeta_plan.is_dir():
        v.plan = _tablas(Fuente(carpeta_plan, f"{visible}/plan", ESQUEMAS_PLAN), ESQUEMAS_PLAN, [], v)
        v.errores += referencias.del_plan(v.plan)
    else:
        v.errores.append(Falla(f"{visible}/plan", regla="falta la carpeta del plan"))
    v.usos = usos_del_plan(v.plan)


def validar_plan(raiz: Path) -> Validacion:
    """Solo las tablas del plan: lo que necesita :mod:`inpe.entrada.nuevo` para preparar un semestre
    (sus filas salen de los códigos del plan, que deben ser válidos antes de copiarse)."""
    raiz = Path(raiz)
    v = Validacion(semestre="")
    if not raiz.is_dir():
        v.errores.append(Falla(_nombre_raiz(raiz), regla=f"no existe la carpeta de datos ({raiz})"))
        return v
    _plan(raiz, _nombre_raiz(raiz), v)
    return v


def validar(raiz: Path, semestre: str) -> Validacion:
    """Valida el plan y el semestre ``semestre`` bajo ``raiz`` (la carpeta ``data``)."""
    raiz = Path(raiz)
    visible = _nombre_raiz(raiz)
    v = Validacion(semestre=semestre)
    if not raiz.is_dir():
        v.errores.append(Falla(visible, regla=f"no existe la carpeta de datos ({raiz})"))
        return v
    valido = semestres.es_valido(semestre)
    if not valido:
        v.errores.append(Falla(visible, regla="el semestre debe tener la forma AAAA-S1 o AAAA-S2, p. ej. 2024-S1",
                               valor=str(semestre)))
    for p in sorted(raiz.iterdir()):
        if p.is_dir() and p.name != "plan" and not p.name.startswith(".") and not semestres.es_valido(p.name) \
                and re.fullmatch(r"(?i)[0-9]{4}[-_ ]?s[12]|[0-9]{4}-[Ss][0-9]", p.name):
            v.avisos.append(f"{visible}/{p.name}: el nombre de la carpeta no tiene la forma AAAA-S1 o AAAA-S2; se ignora.")

    carpeta_plan = raiz / "plan"
    _plan(raiz, visible, v)
    codigos = codigos_del_plan(v.plan)
    ref = v.plan.get("referencias_normativas")
    notas = set() if ref is None or ref.df is None else set(ref.df["clave"].dropna())
    if carpeta_plan.is_dir():
        v.textos_plan = _textos(carpeta_plan / "textos", f"{visible}/plan/textos", textos.TEXTOS_PLAN, codigos,
                                notas, v, admite_opciones=False)
    if not valido:
        return v

    disponibles = semestres.en(raiz)
    carpeta = raiz / semestre
    if carpeta.is_dir():
        v.medidos = _tablas(Fuente(carpeta, f"{visible}/{semestre}", ESQUEMAS_SEMESTRE), ESQUEMAS_SEMESTRE, v.usos, v)
        v.errores += referencias.del_semestre(v.plan, v.medidos)
        v.comentarios = _textos(carpeta / "comentarios", f"{visible}/{semestre}/comentarios", textos.TEXTOS_SEMESTRE,
                                codigos, notas, v, admite_opciones=True)
    else:
        hay = ", ".join(disponibles) if disponibles else "ninguno"
        v.errores.append(Falla(f"{visible}/{semestre}", regla=f"falta la carpeta del semestre (semestres disponibles: {hay})"))
    _anteriores(raiz, visible, semestre, disponibles, v)
    return v


def _anteriores(raiz: Path, visible: str, semestre: str, disponibles: list[str], v: Validacion) -> None:
    """La serie de cada indicador: sin huecos; de cada semestre anterior solo se lee su tabla de indicadores."""
    anteriores = [s for s in disponibles if s < semestre]
    if not anteriores:
        return
    s = anteriores[0]
    while s < semestre:
        if s not in disponibles:
            antes = max(x for x in disponibles if x < s)
            despues = min([x for x in disponibles if x > s] + [semestre])
            v.errores.append(Falla(f"{visible}/{s}", regla=(
                f"falta la carpeta del semestre: hay datos de {antes} y de {despues}, y la serie de los indicadores "
                "no puede tener huecos")))
        s = semestres.siguiente(s)
    esquema = ESQUEMAS_SEMESTRE["indicadores"]
    for s in anteriores:
        fuente = Fuente(raiz / s, f"{visible}/{s}", {"indicadores": esquema})
        tabla = fuente.leer(esquema)
        v.errores += fuente.errores
        if tabla is None:
            v.errores.append(fuente.falta(esquema))
            continue
        t = validar_tabla(tabla, esquema)
        v.errores += t.errores
        v.avisos += t.avisos
        v.anteriores[s] = t


def filas_legibles(filas: list[int], tope: int = 6) -> str:
    """[2, 3, 4, 7, 9, 10] -> «filas 2–4, 7 y 9–10»: los tramos seguidos juntos, a lo más ``tope`` tramos."""
    filas = sorted(set(filas))
    tramos: list[list[int]] = []
    for f in filas:
        if tramos and f == tramos[-1][1] + 1:
            tramos[-1][1] = f
        else:
            tramos.append([f, f])
    partes = [str(a) if a == b else f"{a}–{b}" for a, b in tramos]
    if len(partes) > tope:
        partes = partes[:tope] + [f"{sum(b - a + 1 for a, b in tramos[tope:])} más"]
    return f"{'fila' if len(filas) == 1 else 'filas'} {_y(partes)}"


def _plural(k: int, s: str, p: str) -> str:
    return f"{k} {s if k == 1 else p}"


def _y(nombres: list[str]) -> str:
    return nombres[0] if len(nombres) == 1 else ", ".join(nombres[:-1]) + " y " + nombres[-1]


def faltantes(errores: list[Falla]) -> tuple[dict[tuple[str, str], list[int]], list[Falla]]:
    """Separa las celdas obligatorias vacías (lo que falta escribir) del resto de los errores.

    Las vacías se agrupan por (archivo, columna) -> filas: un semestre recién preparado
    (``python -m inpe nuevo``) tiene cientos, y una línea por celda taparía los errores de verdad.
    """
    grupos: dict[tuple[str, str], list[int]] = {}
    otros: list[Falla] = []
    for f in errores:
        if f.regla == REGLA_VACIA and f.fila is not None and f.columna:
            grupos.setdefault((f.archivo, f.columna), []).append(f.fila)
        else:
            otros.append(f)
    return grupos, otros


def lineas_de_faltantes(grupos: dict[tuple[str, str], list[int]]) -> list[str]:
    """Una línea por archivo y columna: «…/indicadores.csv: faltan 12 valores de «logro_esperado» (filas 2–13)»."""
    return [f"{archivo}: {'falta' if len(filas) == 1 else 'faltan'} {_plural(len(filas), 'valor', 'valores')} "
            f"de «{columna}» ({filas_legibles(filas)})" for (archivo, columna), filas in grupos.items()]


def _por_revisar(tablas, usos: list[str]) -> list[str]:
    lineas = []
    for esquema, archivo, df in tablas:
        if df is None:
            continue
        if len(df) == 0:
            if esquema.exigido(usos):
                cada = (esquema.clave[0] if len(esquema.clave) == 1 else
                        "combinación de " + _y(list(esquema.clave)) if esquema.clave else "dato")
                lineas.append(f"{archivo}: no tiene filas; agregue las de la fuente (una por cada {cada}), o déjela "
                              "así si este semestre no hay ninguna")
            continue
        vacias = [f"«{c.nombre}»" for c in esquema.columnas
                  if not c.obligatoria and c.nombre in df and df[c.nombre].isna().all()]
        if vacias:
            donde = "en su única fila" if len(df) == 1 else f"en sus {len(df)} filas"
            lineas.append(f"{archivo}: {_y(vacias)} {'está vacía' if len(vacias) == 1 else 'están vacías'} {donde} "
                          "(vacía = «sin dato» en el informe)")
    return lineas


def por_revisar(v: Validacion) -> list[str]:
    """Lo que se admite pero puede faltar: tablas exigidas sin filas y columnas opcionales sin ningún dato.

    No son errores (una celda opcional vacía es «sin dato»; una tabla puede no tener filas), pero en un
    semestre recién preparado son justo lo que queda por llenar.
    """
    return _por_revisar(((t.esquema, t.archivo, t.df) for t in v.medidos.values()), v.usos)


def por_revisar_datos(medidos: dict[str, pd.DataFrame], usos: list[str]) -> list[str]:
    """Lo mismo que :func:`por_revisar`, desde los datos ya cargados (``DatosSemestre.medidos``)."""
    return _por_revisar(((ESQUEMAS_SEMESTRE[n], df.attrs.get("archivo", n), df) for n, df in medidos.items()
                         if n in ESQUEMAS_SEMESTRE), usos)


def formatear_reporte(v: Validacion) -> str:
    """Texto para la consola y el registro: resumen, lo que falta completar, errores numerados y avisos."""
    grupos, errores = faltantes(v.errores)
    n, m = len(errores), len(v.avisos)
    k = sum(len(filas) for filas in grupos.values())
    partes = []
    if k:
        archivos = len({archivo for archivo, _ in grupos})
        partes.append(f"faltan {_plural(k, 'dato obligatorio', 'datos obligatorios')} en "
                      f"{_plural(archivos, 'archivo', 'archivos')}")
    partes.append(_plural(n, "error", "errores") if n else ("sin otros errores" if k else "sin errores"))
    partes.append(_plural(m, "aviso", "avisos"))
    lineas = [f"Validación de datos: {', '.join(partes)}."]
    if grupos:
        lineas.append("Falta completar (celdas obligatorias vacías: escriba el dato de la fuente):")
        lineas += [f"  - {x}" for x in lineas_de_faltantes(grupos)]
    if revisar := por_revisar(v):
        lineas.append("Por revisar (se admite vacío, pero quizá falte llenarlo):")
        lineas += [f"  - {x}" for x in revisar]
    if n:
        lineas.append("Errores (corríjalos y vuelva a ejecutar):")
        ancho = len(str(n))
        lineas += [f"  {i:>{ancho}}. {f}" for i, f in enumerate(errores, 1)]
    if m:
        lineas.append("Avisos (se aceptó, pero conviene revisar):")
        lineas += [f"  - {a}" for a in v.avisos]
    return "\n".join(lineas)


def tabla_de(t: TablaValidada) -> pd.DataFrame:
    """Las filas con tipo de una tabla validada, con el archivo en ``attrs`` (para los mensajes posteriores)."""
    df = t.df.copy()
    for col in t.esquema.columnas:
        if col.tipo == "si_no" and col.nombre in df:
            df[col.nombre] = df[col.nombre].astype("bool")
    df.attrs["archivo"] = t.archivo
    return df
