"""Las etapas de la construcción del informe y su orquestación segura.

datos -> validación -> cuadernos (papermill) -> render (Quarto, o Pandoc + Typst) -> manifiesto.
Cada etapa escribe aparte y solo reemplaza lo publicado cuando terminó bien: una construcción
fallida o interrumpida deja intacto el informe anterior del semestre.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import tempfile
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

import nbformat
import yaml

from inpe import render
from inpe.formato import fecha_corte, semestre_corte, semestre_parse, semestre_texto

log = logging.getLogger("inpe")


class ErrorDeEtapa(RuntimeError):
    """Una etapa falló: el mensaje dice cuál y por qué, en palabras de un analista."""

    def __init__(self, etapa: str, motivo: str):
        super().__init__(f"La etapa «{etapa}» falló: {motivo}")
        self.etapa = etapa


@dataclass
class Proyecto:
    """Rutas del proyecto para un semestre ya validado en su forma (AAAA-S1|AAAA-S2)."""

    raiz: Path
    semestre: str
    tiempos: dict[str, float] = field(default_factory=dict)

    def __post_init__(self):
        semestre_parse(self.semestre)  # antes de que el semestre toque una ruta o un cuaderno
        self.raiz = self.raiz.resolve()

    @property
    def salida(self) -> Path:
        return self.raiz / "output" / self.semestre

    @property
    def cuadernos_fuente(self) -> list[Path]:
        return sorted((self.raiz / "notebooks").glob("[0-9]*.ipynb"))

    @property
    def cuadernos_ejecutados(self) -> Path:
        return self.salida / "cuadernos"

    def configuracion_quarto(self) -> dict:
        return yaml.safe_load((self.raiz / "_quarto.yml").read_text(encoding="utf-8"))

    def metadatos(self) -> dict:
        """Metadatos del documento: los de _quarto.yml más los que dependen del semestre."""
        conf = self.configuracion_quarto()
        meta = {k: conf[k] for k in ("title", "lang", "toc-title", "institucion", "institucion-sigla", "plan", "area")}
        meta["subtitle"] = semestre_texto(self.semestre).capitalize()
        meta["lugar-fecha"] = f"Información al {semestre_corte(self.semestre)}"
        return meta

    def marca_tiempo(self) -> int:
        """Fecha fija del PDF (fin del semestre): dos construcciones iguales, bytes iguales."""
        fecha = fecha_corte(self.semestre)
        return int(datetime(fecha.year, fecha.month, fecha.day, tzinfo=timezone.utc).timestamp())


@contextmanager
def etapa(proyecto: Proyecto, nombre: str):
    inicio = time.perf_counter()
    log.info("Inicio de la etapa «%s» (%s)", nombre, proyecto.semestre)
    try:
        yield
    except ErrorDeEtapa:
        raise
    except Exception as e:  # el mensaje de la causa ya está en español y nombra archivo o celda
        log.error("La etapa «%s» falló: %s", nombre, e)
        raise ErrorDeEtapa(nombre, str(e)) from e
    finally:
        proyecto.tiempos[nombre] = round(time.perf_counter() - inicio, 3)
    log.info("Fin de la etapa «%s» en %.1f s", nombre, proyecto.tiempos[nombre])


@contextmanager
def directorio_aparte(proyecto: Proyecto):
    """Carpeta temporal junto a la salida (mismo disco: os.replace es atómico)."""
    proyecto.salida.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".construccion-", dir=proyecto.salida))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def publicar(origen: Path, destino: Path) -> None:
    """Reemplaza destino por origen sin dejar nunca un destino a medias."""
    if origen.is_dir():
        viejo = destino.with_name(f".viejo-{destino.name}-{os.getpid()}")
        if destino.exists():
            os.replace(destino, viejo)
        os.replace(origen, destino)
        shutil.rmtree(viejo, ignore_errors=True)
    else:
        os.replace(origen, destino)


def validar(proyecto: Proyecto) -> list[str]:
    """Valida todos los CSV del semestre antes de ejecutar nada; devuelve los avisos."""
    from inpe.validacion import formatear_reporte, validar as validar_datos

    with etapa(proyecto, "validación"):
        resultado = validar_datos(proyecto.raiz / "data", proyecto.semestre)
        for aviso in resultado.avisos:
            log.warning("Aviso de datos: %s", aviso)
        if resultado.errores:
            raise ErrorDeEtapa("validación", "los datos tienen errores:\n" + formatear_reporte(resultado))
        return list(resultado.avisos)


def ejecutar(proyecto: Proyecto, al_empezar=None, al_terminar=None) -> None:
    """Ejecuta cada cuaderno con papermill y publica los ejecutados y el informe.ipynb unido."""
    from inpe.ejecucion import ejecutar_cuaderno

    with etapa(proyecto, "ejecución"), directorio_aparte(proyecto) as tmp:
        destino = tmp / "cuadernos"
        destino.mkdir()
        ejecutados = []
        for fuente in proyecto.cuadernos_fuente:
            if al_empezar:
                al_empezar(fuente.name)
            inicio = time.perf_counter()
            nb = ejecutar_cuaderno(fuente, destino / fuente.name, {"semestre": proyecto.semestre}, proyecto.raiz)
            segundos = time.perf_counter() - inicio
            proyecto.tiempos[f"cuaderno {fuente.name}"] = round(segundos, 3)
            log.info("Cuaderno %s ejecutado en %.1f s", fuente.name, segundos)
            if al_terminar:
                al_terminar(fuente.name, segundos)
            ejecutados.append(nb)
        informe = render.unir_cuadernos(ejecutados, proyecto.metadatos())
        nbformat.write(informe, tmp / "informe.ipynb")
        publicar(destino, proyecto.cuadernos_ejecutados)
        publicar(tmp / "informe.ipynb", proyecto.salida / "informe.ipynb")


def quarto_disponible() -> str | None:
    """Versión de Quarto si está en el PATH y es 1.9 o posterior."""
    exe = shutil.which("quarto")
    if not exe:
        return None
    version = subprocess.run([exe, "--version"], capture_output=True, text=True).stdout.strip()
    partes = tuple(int(p) for p in version.split(".")[:2] if p.isdigit())
    return version if partes >= (1, 9) else None


def renderizar(proyecto: Proyecto, motor: str = "auto") -> str:
    """HTML y PDF desde el informe ejecutado; con Quarto si está, si no con Pandoc + Typst."""
    informe = proyecto.salida / "informe.ipynb"
    with etapa(proyecto, "render"), directorio_aparte(proyecto) as tmp:
        if not informe.exists():
            raise ErrorDeEtapa("render", f"no existe {informe.relative_to(proyecto.raiz)}: ejecute antes la etapa «ejecutar»")
        usar_quarto = motor == "quarto" or (motor == "auto" and quarto_disponible())
        if usar_quarto:
            _renderizar_con_quarto(proyecto, informe, tmp)
            usado = f"Quarto {quarto_disponible()}"
        else:
            _renderizar_con_pandoc(proyecto, informe, tmp)
            usado = "Pandoc + Typst (renderizador propio)"
        publicar(tmp / "informe.pdf", proyecto.salida / "informe.pdf")
        publicar(tmp / "informe.html", proyecto.salida / "informe.html")
        log.info("Renderizado con %s", usado)
        return usado


def _renderizar_con_pandoc(proyecto: Proyecto, informe: Path, tmp: Path) -> None:
    nb = nbformat.read(informe, as_version=4)
    md = render.cuaderno_a_markdown(nb, tmp / "medios")
    (tmp / "informe.md").write_text(md, encoding="utf-8")
    meta = tmp / "metadatos.yml"
    meta.write_text(yaml.safe_dump(proyecto.metadatos(), allow_unicode=True, sort_keys=True), encoding="utf-8")
    render.html(md, meta, tmp / "informe.html", tmp)
    avisos = render.pdf(md, meta, tmp / "informe.pdf", tmp, proyecto.marca_tiempo())
    if avisos:
        raise ErrorDeEtapa("render", "Typst emitió avisos:\n" + "\n".join(avisos))


def _renderizar_con_quarto(proyecto: Proyecto, informe: Path, tmp: Path) -> None:
    copia = tmp / "informe.ipynb"
    shutil.copy(informe, copia)
    shutil.copy(proyecto.raiz / "_quarto.yml", tmp / "_quarto.yml")
    conf = yaml.safe_load((tmp / "_quarto.yml").read_text(encoding="utf-8"))
    conf["project"] = {"type": "default"}  # sin pre/post-render: aquí ya está ejecutado
    (tmp / "_quarto.yml").write_text(yaml.safe_dump(conf, allow_unicode=True), encoding="utf-8")
    for formato, salida in (("html", "informe.html"), ("typst", "informe.pdf")):
        r = subprocess.run(["quarto", "render", "informe.ipynb", "--to", formato, "--no-execute"],
                           cwd=tmp, capture_output=True, text=True)
        if r.returncode != 0 or not (tmp / salida).exists():
            raise ErrorDeEtapa("render", f"Quarto ({formato}) falló:\n{r.stderr[-2000:]}")
