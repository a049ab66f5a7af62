"""Lo que un cuaderno necesita del semestre, en una sola carga validada.

Los cuadernos solo presentan: piden aquí tablas de resultados y cifras ya formateadas, y
las muestran en expresiones en línea, cuadros y figuras.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd

from inpe.calculo import ceplan, resultados, series
from inpe.calidad import auditoria
from inpe.entrada import datos as foto_de_datos
from inpe.entrada.datos import DatosSemestre
from inpe.presentacion.figuras import Bloque
from inpe.publicacion import manifiesto
from inpe.redaccion import explicaciones, formato, metas
from inpe.redaccion.escape import TextoMarkdown, escapar_markdown
from inpe.redaccion.plan import nota_al_pie

#: Llamada a nota al pie en un texto Markdown: ``[^clave]``.
LLAMADA_A_NOTA = re.compile(r"\[\^([\w-]+)\](?!:)")


def md(texto: "str | Bloque") -> "TextoMarkdown | Bloque":
    """Salida Markdown de una celda (lo que Quarto y el renderizador insertan tal cual); un bloque con
    figuras se muestra como es, con sus imágenes."""
    return texto if isinstance(texto, Bloque) else TextoMarkdown(texto)


def llamadas_a_notas(texto: str) -> list[str]:
    """Claves de las notas al pie llamadas en el texto, en orden y sin repetir."""
    return list(dict.fromkeys(LLAMADA_A_NOTA.findall(texto)))


def definiciones_de_notas(texto: str, referencias: pd.DataFrame, ya_definidas=(),
                          textos: dict[str, str] | None = None) -> list[str]:
    """Definiciones Pandoc ``[^clave]: …`` de las notas que el texto llama y aún no están definidas.

    El texto de cada nota sale de ``data/plan/referencias_normativas.csv`` (norma y objeto);
    ``textos`` permite dar otro texto a una clave (p. ej. la fuente de una cifra con su mes).
    Una llamada sin fila en el CSV es un error: la nota no puede quedar como «[^clave]» en el PDF.
    """
    textos = textos or {}
    filas = referencias.set_index("clave")
    definiciones = []
    for clave in llamadas_a_notas(texto):
        if clave in ya_definidas:
            continue
        if clave in textos:
            cuerpo = textos[clave]
        elif clave in filas.index:
            cuerpo = nota_al_pie(filas.loc[clave, "norma"], filas.loc[clave, "objeto"])
        else:
            raise KeyError(f"La nota al pie [^{clave}] no está en data/plan/referencias_normativas.csv (columna clave)")
        definiciones.append(f"[^{clave}]: {cuerpo}")
    return definiciones


def raiz_del_proyecto(desde: Path | None = None) -> Path:
    """La carpeta del proyecto (la que tiene data/plan/), buscando desde ``desde`` hacia arriba.

    Así un cuaderno abierto en Jupyter desde notebooks/ encuentra los datos sin que nadie cambie de carpeta.
    """
    desde = Path(desde or Path.cwd()).resolve()
    for carpeta in (desde, *desde.parents):
        if (carpeta / "data" / "plan").is_dir():
            return carpeta
    raise FileNotFoundError(f"no se encontró la carpeta del proyecto (con data/plan/) desde {desde}")


@dataclass
class Informe:
    datos: DatosSemestre
    auditoria: list = field(default_factory=list)
    procedencia: dict = field(default_factory=dict)
    notas_definidas: set[str] = field(default_factory=set)
    #: La evolución y la serie de cada indicador, calculadas una vez: cada sección las pide otra vez.
    _series: dict[str, tuple[pd.DataFrame, series.Serie]] = field(default_factory=dict, repr=False)

    @classmethod
    def cargar(cls, semestre: str, foto: str = "", datos: Path | None = None) -> "Informe":
        """Lo que un cuaderno necesita del semestre.

        En una construcción, ``foto`` es la foto de los datos que la construcción ya validó y auditó
        (``datos.pickle`` en su área de trabajo): el cuaderno no valida otra vez. Sin ella (un cuaderno
        abierto a mano en Jupyter) valida y audita aquí los datos del proyecto (o los de la carpeta
        ``datos``, que debe llamarse data/ dentro de un proyecto).
        """
        if foto:
            f = foto_de_datos.leer(Path(foto))
            return cls(f["datos"], f["auditoria"], f["procedencia"])
        # Aquí, no arriba: la validación (pandera) y los renderizadores (nbformat) solo hacen falta sin foto;
        # así los kernels de una construcción no los importan (unos 0.3 s menos cada uno).
        from inpe.entrada import carga
        from inpe.publicacion import renderizadores

        raiz = Path(datos).resolve().parent if datos else raiz_del_proyecto()
        leidos = carga.cargar_semestre(semestre, raiz / "data")
        renderizador = renderizadores.descripcion(renderizadores.motor_a_usar("auto"))
        return cls(leidos, auditoria.auditar(leidos), manifiesto.procedencia(raiz, semestre, renderizador))

    @property
    def historial(self) -> pd.DataFrame:
        """Indicadores de todos los semestres hasta el evaluado; solo lo leen las figuras de evolución."""
        return self.datos.historial

    # --- el periodo, en palabras -------------------------------------------------------
    @property
    def semestre(self) -> str:
        return self.datos.semestre

    @property
    def periodo(self) -> str:
        """«primer semestre de 2024»: el único nombre del periodo en el texto."""
        return formato.semestre_texto(self.semestre)

    @property
    def periodo_acumulado(self) -> str:
        """«primer semestre de 2024» o «año 2024»: el periodo de lo que se acumula desde enero."""
        return formato.periodo_acumulado(self.semestre)

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
        return resultados.poblacion(self.datos.medidos["poblacion"], ambito, formato.fecha_corte(self.semestre))

    def evolucion(self, codigo_indicador: str) -> pd.DataFrame:
        return self._serie_de(codigo_indicador)[0]

    def cifra(self, tabla: str, clave: str, valor: str = "valor", columna_clave: str = "concepto") -> float:
        """Una cifra de una tabla clave-valor del semestre (p. ej. entidad.csv)."""
        t = self.datos.medidos[tabla]
        fila = t[t[columna_clave] == clave]
        if fila.empty:
            raise KeyError(f"data/{self.semestre}/{tabla}.csv no tiene {columna_clave} = {clave!r}")
        return float(fila.iloc[0][valor])

    def texto_plan(self, nombre: str, codigo: str | None = None) -> str:
        """Texto fijo del plan (plan/textos/<nombre>.md, o <nombre>_<codigo>.md: ("definicion", "AEI.01.01"))."""
        return self.datos.texto_plan(f"{nombre}_{codigo}" if codigo else nombre)

    def comentario(self, nombre: str, codigo: str | None = None) -> str:
        """Comentario del semestre que editan los metodólogos (vacío si no lo escribieron o no se publica).

        Con ``codigo`` lee <nombre>_<codigo>.md: ``comentario("factores", "AEI.01.01")``; así el código
        va aparte en el cuaderno y la revisión de cifras tipeadas lo reconoce como código.
        """
        return self.datos.comentario(f"{nombre}_{codigo}" if codigo else nombre)

    def con_notas(self, texto: str, textos: dict[str, str] | None = None) -> str:
        """El texto con las definiciones de sus notas al pie añadidas al final.

        Cada nota se define una sola vez por cuaderno (este objeto recuerda las ya definidas);
        cada texto del plan con notas se publica en un solo cuaderno, así que en el documento
        unido cada nota queda definida una vez (lo comprueba tests/test_informe_secciones.py).
        """
        nuevas = definiciones_de_notas(texto, self.datos.plan["referencias_normativas"], self.notas_definidas, textos)
        self.notas_definidas.update(llamadas_a_notas(texto))
        return texto if not nuevas else texto + "\n\n" + "\n\n".join(nuevas)

    def norma(self, clave: str) -> str:
        """Dispositivo legal de referencias_normativas.csv (p. ej. la resolución que aprueba el PEI)."""
        t = self.datos.plan["referencias_normativas"]
        fila = t[t["clave"] == clave]
        if fila.empty:
            raise KeyError(f"data/plan/referencias_normativas.csv no tiene clave = {clave!r}")
        return str(fila.iloc[0]["norma"])

    # --- plan ------------------------------------------------------------------------------
    @property
    def oei(self) -> pd.DataFrame:
        return self.datos.plan["oei"].reset_index(drop=True)

    @property
    def priorizadas(self) -> pd.DataFrame:
        """AEI priorizadas en el alcance de la evaluación, en el orden del plan."""
        return self.aei[self.aei["priorizada"]].reset_index(drop=True)

    @property
    def no_priorizadas(self) -> pd.DataFrame:
        return self.aei[~self.aei["priorizada"]].reset_index(drop=True)

    # --- lo que explica el valor de cada indicador (§3.1) ------------------------------------------
    def evaluacion(self, ambito: str) -> dict:
        """Evaluados, favorables y no evaluados de la población de un ámbito."""
        return resultados.evaluacion(self.datos.medidos["evaluacion_tratamiento"], ambito,
                                     self.poblacion(ambito).get("actual"))

    def cifra_si_hay(self, tabla: str, clave: str) -> float | None:
        """Como :meth:`cifra`, pero None si la tabla no tiene la clave (un dato de contexto que puede faltar)."""
        try:
            return self.cifra(tabla, clave)
        except KeyError:
            return None

    def profesionales(self, ind: pd.Series) -> dict:
        """Profesionales de tratamiento por medio y su tasa, en la unidad del indicador, sobre la población total."""
        return resultados.profesionales(self.datos.medidos["profesionales"], self.poblacion("total").get("actual"),
                                        ind["unidad"])

    def brecha_profesionales(self, ind: pd.Series) -> dict:
        """Profesionales de tratamiento que requeriría la tasa esperada con la población total actual."""
        return resultados.brecha_profesionales(ind["logro_esperado"], self.poblacion("total").get("actual"),
                                               self.profesionales(ind)["total"], ind["unidad"])

    def explicacion(self, ind: pd.Series) -> explicaciones.Explicacion:
        """Las oraciones que explican el valor del indicador con las tablas del semestre.

        Cuál corresponde lo declara el plan (columna ``explicacion`` de indicadores.csv); sin explicación
        declarada el valor se explica con sus componentes (:meth:`componentes`).
        """
        nombre = ind["explicacion"]
        if ceplan.es_faltante(nombre) or not nombre or ceplan.es_faltante(ind["valor_obtenido"]):
            return explicaciones.Explicacion()
        return _EXPLICACIONES[nombre](self, ind, metas.valor(ind, "valor_obtenido"))

    @property
    def locales_medio_libre(self) -> dict:
        return resultados.locales_medio_libre(self.datos.medidos["locales_medio_libre"])

    @property
    def obras_culminadas(self) -> pd.DataFrame:
        return resultados.obras_culminadas(self.datos.medidos["obras"])

    @property
    def obras_en_curso(self) -> pd.DataFrame:
        return resultados.obras_en_curso(self.datos.medidos["obras"])

    @property
    def hechos_destacados(self) -> pd.DataFrame:
        return self.datos.medidos["hechos_destacados"].sort_values("orden").reset_index(drop=True)

    def componentes(self, ind: pd.Series) -> dict:
        return resultados.componentes(self.datos.medidos["componentes"], ind["codigo_indicador"])

    # --- el resultado de cada indicador y su serie -------------------------------------------------
    def lectura(self, ind: pd.Series) -> metas.Lectura:
        """El resultado del indicador frente a su meta, leído una sola vez para todas sus oraciones."""
        return metas.leer(ind, self.semestre)

    def serie(self, ind: pd.Series) -> series.Serie:
        return self._serie_de(ind["codigo_indicador"])[1]

    def _serie_de(self, codigo: str) -> tuple[pd.DataFrame, series.Serie]:
        if codigo not in self._series:
            evolucion = resultados.evolucion(self.historial, codigo)
            self._series[codigo] = evolucion, series.serie(evolucion, self.indicador(codigo), self.semestre)
        return self._series[codigo]

    @staticmethod
    def descripcion(fila: pd.Series) -> str:
        """Qué mide el indicador (plan), como Markdown escapado; vacío si el plan no lo describe."""
        return "" if ceplan.es_faltante(fila["descripcion"]) else escapar_markdown(str(fila["descripcion"]))

    @property
    def fuente_seguimiento(self) -> str:
        """«Reporte de seguimiento del PEI, primer semestre de 2024 / CEPLAN» (fuente del semáforo)."""
        return f"Reporte de seguimiento del PEI, {self.periodo} / CEPLAN"

    @property
    def fuente_poi(self) -> str:
        """Fuente de las cifras de las actividades operativas."""
        return f"Reporte de seguimiento del POI, {self.periodo} / CEPLAN"

    def fuente(self, fila: pd.Series) -> str:
        """Fuente del indicador para el pie de su figura; sin fuente en el plan, el reporte de seguimiento."""
        return self.fuente_seguimiento if ceplan.es_faltante(fila["fuente"]) else str(fila["fuente"])

    def contexto(self, codigo: str) -> str:
        """Comentario de contexto de una AEI o indicador (comentarios/contexto_<código>.md), vacío si no existe."""
        return self.comentario("contexto", codigo)


def _por_cada(unidad: str) -> str:
    return {"tasa_1000": "por cada 1,000 personas", "tasa_100000": "por cada 100,000 personas"}.get(unidad, "")


def _obras_de(inf: Informe, tipo: str) -> pd.DataFrame:
    o = inf.datos.medidos["obras"]
    return o[o["tipo_establecimiento"] == tipo].reset_index(drop=True)


#: Cada explicación declarable en el plan (esquemas.EXPLICACIONES) y los datos que le da el informe.
_EXPLICACIONES = {
    "evaluacion_intramuros": lambda inf, ind, v: explicaciones.evaluacion_intramuros(
        inf.evaluacion("intramuros"), inf.poblacion("intramuros"),
        inf.cifra_si_hay("entidad", "establecimientos_penitenciarios"), v, inf.periodo),
    "evaluacion_extramuros": lambda inf, ind, v: explicaciones.evaluacion_extramuros(
        inf.evaluacion("extramuros"), inf.poblacion("extramuros"), v, inf.periodo),
    "obras_albergue": lambda inf, ind, v: explicaciones.obras_albergue(
        inf.obras_culminadas, inf.obras_en_curso, v, inf.periodo_acumulado),
    "locales_medio_libre": lambda inf, ind, v: explicaciones.locales_medio_libre(
        inf.locales_medio_libre, _obras_de(inf, "medio_libre"), inf.periodo),
    "actos_por_oficina": lambda inf, ind, v: explicaciones.concentracion(resultados.participacion(
        inf.datos.medidos["actos_violentos"], "oficina_regional", "actos", ind["valor_obtenido"]), v,
        ind["texto_valor"]),
    "profesionales": lambda inf, ind, v: explicaciones.profesionales(
        inf.profesionales(ind), inf.poblacion("total").get("actual"), inf.brecha_profesionales(ind),
        inf.poblacion("total"), v, _por_cada(ind["unidad"]), inf.periodo),
    "interconexion": lambda inf, ind, v: explicaciones.interconexion(resultados.interconexion(
        inf.datos.medidos["interconexion"], inf.datos.medidos["entidad"], ind["logro_esperado"]), inf.periodo),
}
