"""La ficha técnica del informe y, solo en el HTML, su procedencia completa plegada.

El PDF es un documento oficial: su ficha dice al lector qué se evaluó, con qué datos y cómo se
comprobaron, sin rutas, huellas ni versiones. Lo técnico queda en el manifiesto y, en el HTML, en
un bloque ``<details>`` que el revisor abre si lo necesita (un bloque HTML crudo: el PDF no lo lleva; la tabla
pide a Quarto que no la convierta, porque Quarto pasa las tablas HTML crudas a todos los formatos).
"""

from __future__ import annotations

from html import escape

from inpe.calidad import auditoria
from inpe.presentacion.informe import Informe
from inpe.publicacion import manifiesto
from inpe.redaccion import formato
from inpe.redaccion.gramatica import enumerar, segun


def _archivos(inf: Informe) -> tuple[int, int, int]:
    """Archivos de datos del plan, del semestre y de semestres anteriores que leyó la construcción."""
    entradas = inf.procedencia.get("entradas", {})
    plan = sum(r.startswith("data/plan/") for r in entradas)
    semestre = sum(r.startswith(f"data/{inf.semestre}/") for r in entradas)
    return plan, semestre, len(entradas) - plan - semestre


def ficha(inf: Informe) -> list[list[str]]:
    """Filas del cuadro de la ficha técnica."""
    plan, semestre, anteriores = _archivos(inf)
    c = auditoria.conteo(inf.auditoria)
    return [
        ["Periodo evaluado", f"{formato.semestre_texto(inf.semestre).capitalize()} (información al "
                             f"{formato.semestre_corte(inf.semestre)})"],
        ["Plan evaluado", inf.texto_plan("nombre_plan")],
        ["Alcance", f"{formato.en_letras(len(inf.oei))} OEI, {formato.en_letras(len(inf.aei), 'f')} AEI y "
                    f"{formato.en_letras(len(inf.indicadores))} indicadores; "
                    f"{formato.en_letras(len(inf.priorizadas), 'f')} AEI "
                    f"{segun(len(inf.priorizadas), 'priorizada', 'priorizadas')}"],
        ["Datos", enumerar([f"{formato.numero(plan)} archivos del plan", f"{formato.numero(semestre)} del semestre"]
                           + ([f"{formato.numero(anteriores)} de semestres anteriores (la serie de los indicadores)"]
                              if anteriores else []))
                  + ", validados archivo por archivo (columnas, tipos, rangos y referencias entre archivos)"],
        ["Control de calidad", f"{formato.numero(len(inf.auditoria))} comprobaciones de consistencia: "
                               + enumerar([f"{formato.numero(c['conforme'])} conformes",
                                           f"{formato.numero(c['aviso'])} con aviso",
                                           f"{formato.numero(c['error'])} con error"]
                                          # las que no aplican a este plan también se cuentan: la suma da el total
                                          + ([f"{formato.numero(c['no_aplica'])} {segun(c['no_aplica'], 'no aplica', 'no aplican')}"]
                                             if c["no_aplica"]
                                             else []))],
        ["Método de cálculo", "Avance de cada indicador y de cada AEI y semáforo según la guía de seguimiento y "
                              "evaluación de CEPLAN; cada cifra del texto se calcula de los datos"],
        ["Procedencia", "Manifiesto manifest.json: huella de cada archivo, versiones del software y tiempos"],
    ]


def nota_de_reparos(resultados: list) -> str:
    """La oración bajo el cuadro de la auditoría: qué significan los avisos, o que no hubo ninguno."""
    c = auditoria.conteo(resultados)
    if c["aviso"] or c["error"]:
        return ("Las comprobaciones con resultado “Aviso” o “Error” se destacan en negrita. Cada aviso señala una "
                "diferencia presente en los datos de origen; las cifras del informe se publican tal como se "
                "reportaron, y la diferencia queda a consideración del revisor.")
    if c["no_aplica"]:
        return (f"Ninguna comprobación dio aviso ni error; {formato.en_letras(c['no_aplica'], 'f')} no se "
                f"{segun(c['no_aplica'], 'aplica', 'aplican')} a este plan o semestre, y el cuadro dice por qué.")
    return "Todas las comprobaciones resultaron conformes: las cifras de los archivos de datos son consistentes entre sí."


def detalle_html(inf: Informe) -> str:
    """La procedencia completa en un bloque HTML plegado (Markdown con un bloque crudo ``{=html}``)."""
    p = inf.procedencia
    if not p:
        return ""
    filas = "".join(f"<tr><td>{escape(a)}</td><td>{escape(f)}</td><td><code>{escape(h)}</code></td></tr>"
                    for a, f, h in manifiesto.colofon_entradas(p))
    items = [f"Código: {manifiesto.colofon_git(p)}.", f"Entorno: {manifiesto.colofon_motores(p)}; paquetes "
             f"principales: {manifiesto.colofon_paquetes(p)}.", f"Renderizador: {p.get('renderizador', '')}."]
    lista = "".join(f"<li>{escape(i)}</li>" for i in items)
    return ("```{=html}\n<details class=\"procedencia\"><summary>Procedencia completa de los datos y del "
            f"software</summary>\n<table data-quarto-disable-processing=\"true\"><thead><tr><th>Archivo</th><th>Filas</th><th>Huella "
            f"{escape(manifiesto.ALGORITMO)} (inicio)</th></tr></thead><tbody>{filas}</tbody></table>\n"
            f"<ul>{lista}</ul></details>\n```")
