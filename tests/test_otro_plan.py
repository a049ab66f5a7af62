"""Un segundo plan lo prueba: el informe completo de un plan sintético, sin cambiar el código.

``tests/fixtures/otro_plan/data/`` trae un PEI inventado (otros códigos, otro número de OEI y de AEI
por OEI; ver su README) y un semestre, 2026-S1, más la tabla de indicadores de 2025-S2 para que
algunas series tengan dos periodos. La prueba copia el proyecto (cuadernos, _quarto.yml, …; lib/ se
importa del entorno) con ese data/ en lugar del real, cambia el nombre del plan en _quarto.yml
(paso 2 de «Cómo cambiar de plan» del README), construye el informe con la orden del README
(Pandoc + Typst y, si está, Quarto: las dos construcciones corren a la vez) y lo lee: cada AEI con
su sección y su figura por indicador, los casos especiales del plan dichos en palabras, ningún
código ni nombre del plan real, ningún resto de código, y la auditoría con todas sus
comprobaciones, cada una con su resultado.
"""

from __future__ import annotations

import csv
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import copia_limpia
from inpe.calidad import auditoria
from inpe.publicacion import renderizadores
from inpe.redaccion import formato
from lectura_html import secciones
from lectura_pdf import fuera_de_la_hoja, solapes, texto_corrido
from test_cuadernos import cifras_tipeadas

#: Las que construyen el informe; las que solo leen la fixture corren también sin las lentas.
e2e = pytest.mark.e2e

RAIZ = Path(__file__).resolve().parents[1]
FIXTURE = RAIZ / "tests" / "fixtures" / "otro_plan"
DATOS = FIXTURE / "data"
SEM = "2026-S1"
NOMBRE_PLAN = "Plan Estratégico Institucional (PEI) 2026-2030 de prueba"
MARCA = "DATOS SINTÉTICOS DE PRUEBA"
QUARTO = renderizadores.quarto_disponible()
#: El gancho de Quarto corre con el `python3` que encuentra: el del entorno, primero.
CON_ENTORNO = os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
MOTORES = ["pandoc", pytest.param("quarto", marks=pytest.mark.skipif(
    QUARTO is None, reason="Quarto 1.9 o posterior no está en el PATH: se omite su construcción"))]
RESULTADOS_AUDITORIA = ("Conforme", "Aviso", "Error", "No aplica")


def _filas(ruta: Path) -> list[dict[str, str]]:
    with ruta.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


AEI = sorted(_filas(DATOS / "plan" / "aei.csv"), key=lambda a: int(a["orden"]))
INDICADORES = [i for a in AEI for i in _filas(DATOS / "plan" / "indicadores.csv") if i["codigo_aei"] == a["codigo_aei"]]
AO_PLAN = _filas(DATOS / "plan" / "actividades_operativas.csv")
AO_SEM = {f["codigo_ao"]: f for f in _filas(DATOS / SEM / "actividades_operativas.csv")}
MEDIDOS = {f["codigo_indicador"]: f for f in _filas(DATOS / SEM / "indicadores.csv")}


def _con_avance(ao: dict) -> bool:
    s = AO_SEM[ao["codigo_ao"]]
    con_meta = bool(s["programado"]) and float(s["programado"]) > 0 and bool(s["ejecutado"])
    return bool(s["avance_reportado"]) or con_meta


#: AEI con figura de avance de sus AO: las que se analizan en §3.2 con alguna AO con avance.
AEI_CON_FIGURA_AO = sorted({ao["codigo_aei"] for ao in AO_PLAN if _con_avance(ao)})
SIN_AO = [a["codigo_aei"] for a in AEI if a["priorizada"] == "si"
          and not any(ao["codigo_aei"] == a["codigo_aei"] for ao in AO_PLAN)]
SIN_VALOR = [i for i in INDICADORES if not MEDIDOS[i["codigo_indicador"]]["valor_obtenido"]]

#: Lo que del plan real no puede aparecer en un informe de otro plan.
REAL = RAIZ / "data" / "plan"
CODIGOS_REALES = sorted({f["codigo_oei"] for f in _filas(REAL / "oei.csv")}
                        | {f["codigo_aei"] for f in _filas(REAL / "aei.csv")}
                        | {f["codigo_indicador"] for f in _filas(REAL / "indicadores.csv")}
                        | {f["codigo_ao"] for f in _filas(REAL / "actividades_operativas.csv")})
DEL_PLAN_REAL = ["AEI.01.01 Tratamiento integral", "Tratamiento integral para la población", "IND.01.AEI.01.05",
                 "Chiclayo", "Lurigancho", "FOCOS", "2019-2027", "104-2024-INPE", "97,664"]


def _plano(texto: str) -> str:
    """Texto de corrido: sin guiones de partición ni cortes de renglón, espacios simples."""
    texto = texto.replace("\xad\n", "").replace("\xad", "").replace("\xa0", " ")
    texto = re.sub(r"(?<=[a-záéíóúñ])-\n(?=[a-záéíóúñ])", "", texto)  # «imple-\nmenta»: partición de pypdf
    return re.sub(r"\s+", " ", texto)


def _minuscula_inicial(s: str) -> str:
    return s[:1].lower() + s[1:]


# ------------------------------------------------------------------ la fixture misma

def test_la_fixture_tiene_la_forma_que_se_pide():
    """Otros códigos y otra forma que el plan real, y cada caso especial presente (ver su README)."""
    oei = _filas(DATOS / "plan" / "oei.csv")
    assert not {o["codigo_oei"] for o in oei} & set(CODIGOS_REALES)
    assert not {a["codigo_aei"] for a in AEI} & set(CODIGOS_REALES)
    por_oei = sorted(sum(a["codigo_oei"] == o["codigo_oei"] for a in AEI) for o in oei)
    assert len(oei) != len(_filas(REAL / "oei.csv")) and por_oei == [2, 3]
    assert any(sum(i["codigo_aei"] == a["codigo_aei"] for i in INDICADORES) == 2 for a in AEI)
    assert SIN_AO and SIN_VALOR
    componentes = {f["codigo_indicador"] for f in _filas(DATOS / SEM / "componentes.csv")}
    assert any(i["codigo_indicador"] not in componentes for i in INDICADORES)
    assert any(i["codigo_indicador"] in componentes and not i["explicacion"] for i in INDICADORES)
    descendentes = {i["acumulacion"] for i in INDICADORES if i["sentido"] == "Descendente"}
    assert descendentes == {"acumulativo", "nivel"}
    relaciones = set()
    for i in INDICADORES:
        m = MEDIDOS[i["codigo_indicador"]]
        if m["valor_obtenido"]:
            esperado, obtenido = float(m["logro_esperado"]), float(m["valor_obtenido"])
            relaciones.add("igual" if obtenido == esperado else "encima" if obtenido > esperado else "debajo")
    assert relaciones == {"igual", "encima", "debajo"}
    assert any(AO_SEM[a]["programado"] and AO_SEM[a]["ejecutado"] for a in AO_SEM)
    assert any(f["avance_reportado"] and not f["programado"] and not f["ejecutado"] for f in AO_SEM.values())
    assert any(a["tipo_establecimiento"] for a in AEI)
    assert (DATOS / "2025-S2" / "indicadores.csv").is_file()
    assert MARCA in (FIXTURE / "README.md").read_text(encoding="utf-8")
    assert any(MARCA in h["titulo"] for h in _filas(DATOS / SEM / "hechos_destacados.csv"))


def test_los_textos_de_la_fixture_no_traen_cifras_tipeadas():
    textos = sorted(DATOS.glob("*/comentarios/*.md")) + sorted((DATOS / "plan" / "textos").glob("*.md"))
    hallazgos = {str(p.relative_to(DATOS)): c for p in textos
                 if (c := cifras_tipeadas(p.read_text(encoding="utf-8"), comentario=True))}
    assert hallazgos == {}


# ------------------------------------------------------------------ la construcción

def _preparar(destino: Path) -> Path:
    copia = copia_limpia(destino)
    shutil.rmtree(copia / "data")
    shutil.copytree(DATOS, copia / "data")
    conf = copia / "_quarto.yml"
    texto, n = re.subn(r"(?m)^plan: .*$", f'plan: "{NOMBRE_PLAN}"', conf.read_text(encoding="utf-8"))
    assert n == 1, "_quarto.yml no tiene la línea «plan:»"
    conf.write_text(texto, encoding="utf-8")
    return copia


@pytest.fixture(scope="module")
def construidos(tmp_path_factory) -> dict[str, Path]:
    """Motor -> output/2026-S1 de su copia. Una construcción por motor, las dos a la vez."""
    motores = ["pandoc"] + (["quarto"] if QUARTO else [])
    procesos = {}
    for motor in motores:
        copia = _preparar(tmp_path_factory.mktemp(f"otro_plan_{motor}"))
        orden = [sys.executable, "-m", "inpe", "construir", SEM, "--raiz", str(copia), "--motor", motor]
        procesos[motor] = (copia, subprocess.Popen(orden, cwd=copia, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                                   text=True, env={**os.environ, "PATH": CON_ENTORNO}))
    salidas = {}
    for motor, (copia, p) in procesos.items():
        out, err = p.communicate(timeout=900)
        assert p.returncode == 0, f"{motor}:\n{out}\n{err}"
        salidas[motor] = copia / "output" / SEM
        renderizador = json.loads((salidas[motor] / "manifest.json").read_text(encoding="utf-8"))["renderizador"]
        assert renderizador.startswith("Quarto" if motor == "quarto" else "Pandoc"), renderizador
    return salidas


@pytest.fixture(params=MOTORES)
def salida(request, construidos) -> Path:
    return construidos[request.param]


@pytest.fixture
def pdf(salida) -> str:
    return _plano(texto_corrido(salida / "informe.pdf"))


@pytest.fixture
def html(salida) -> str:
    return (salida / "informe.html").read_text(encoding="utf-8")


@e2e
def test_deja_html_pdf_y_manifiesto(salida):
    for nombre in ("informe.html", "informe.pdf", "manifest.json"):
        assert (salida / nombre).stat().st_size > 0, nombre
    m = json.loads((salida / "manifest.json").read_text(encoding="utf-8"))
    assert m["semestre"] == SEM
    assert any(r.startswith("data/2025-S2/") for r in m["entradas"]), "no leyó el semestre anterior"
    assert solapes(salida / "informe.pdf") == {}
    assert fuera_de_la_hoja(salida / "informe.pdf") == {}


@e2e
def test_el_pdf_nombra_cada_aei_del_plan_y_ninguna_del_real(pdf):
    assert MARCA in pdf and NOMBRE_PLAN in pdf
    cuerpo = pdf.split("Lista de figuras", 1)[1]
    implementacion = cuerpo.split("Proceso de implementación de las AEI", 1)[1]
    for a in AEI:
        # el título de su sección de §3.1 y el de §3.2
        assert f"Acción Estratégica Institucional {a['codigo_aei']} {a['denominacion']}" in cuerpo, a["codigo_aei"]
        assert f"{a['codigo_aei']} {a['denominacion']}" in implementacion, a["codigo_aei"]
    for i in INDICADORES:
        assert i["codigo_indicador"] in pdf and i["denominacion"] in pdf
    presentes = [c for c in CODIGOS_REALES if re.search(rf"(?<![\w.]){re.escape(c)}(?!\w|\.\d)", pdf)]
    assert presentes == [], "códigos del plan real en el informe"
    assert [x for x in DEL_PLAN_REAL if x in pdf] == []


@e2e
def test_cada_indicador_tiene_su_figura_y_se_cuentan_todas(pdf):
    cuerpo = pdf.split("Lista de figuras", 1)[1]
    for k, i in enumerate(INDICADORES, start=1):
        nombre = re.escape(_minuscula_inicial(i["denominacion"]))
        patron = rf"Figura {k}\. (?:Evolución de(?:l| la) {nombre}|{re.escape(i['denominacion'])}: valor obtenido)"
        assert re.search(patron, cuerpo), f"{i['codigo_indicador']} sin «Figura {k}»"
    numeros = sorted({int(n) for n in re.findall(r"Figura (\d+)\. ", cuerpo)})
    esperadas = len(INDICADORES) + len(AEI_CON_FIGURA_AO) + 1  # + la del presupuesto por AEI
    assert numeros == list(range(1, esperadas + 1))
    assert f"Figura {len(INDICADORES) + 1}. Presupuesto Institucional Modificado (PIM)" in cuerpo
    for k, aei in enumerate(AEI_CON_FIGURA_AO, start=len(INDICADORES) + 2):
        assert f"Figura {k}. Avance de las Actividades Operativas Claves de la {aei}" in cuerpo


@e2e
def test_los_casos_especiales_se_dicen_en_palabras(pdf):
    assert pdf.count("La AEI no tiene Actividades Operativas Claves en el plan.") == len(SIN_AO)
    assert pdf.count("No se reportó el valor obtenido") == len(SIN_VALOR)
    assert "La fuente reporta un avance de 80.0%, sin una meta física programada" in pdf    # solo avance_reportado
    assert "Frente a una meta física de 1,200 personas, la ejecución llegó a 1,100" in pdf  # programado y ejecutado
    assert "Se implementa en 3 establecimientos penitenciarios: Valle Alto, Río Claro y Puerto Sereno" in pdf
    assert "El valor resulta de dividir “personas privadas de libertad que participan en talleres productivos” (36,000)" in pdf
    assert "iguala el máximo esperado para 2026 (12.50)" in pdf  # descendente, nivel, en su meta
    assert "El indicador debe disminuir y suma a lo largo del año" in pdf  # descendente acumulativo
    assert "supera el logro esperado para 2026 (40.00%)" in pdf
    assert "queda por debajo del logro esperado para 2026 (80)" in pdf
    assert "frente al segundo semestre de 2025, subió de 41.20% a 45.00%" in pdf  # serie de dos periodos
    assert "AEI.05.02 no reporta presupuesto" in pdf
    assert "dos (02) objetivos estratégicos institucionales y cinco (05) acciones estratégicas" in pdf


@e2e
def test_el_texto_no_trae_restos_de_codigo(pdf, html):
    en_html = " ".join(t for s in secciones(html) for t in [s.titulo, *s.leyendas, *s.texto])
    for texto in (pdf, _plano(en_html)):
        assert re.findall(r"\b(?:nan|NaN|None|null|undefined)\b", texto) == []
        for resto in ("{python", "??", "[^", "{{<", "Traceback", "<NA>"):
            assert resto not in texto, resto


@e2e
def test_el_html_tiene_una_seccion_por_aei_y_el_indice_las_lista(html):
    toc = html[html.index('id="TOC"'):]
    toc = toc[:toc.index("</nav>")]
    for a in AEI:
        ancla = "sec-" + a["codigo_aei"].lower().replace(".", "-")
        for id_ in (ancla, "sec-impl-" + a["codigo_aei"].lower().replace(".", "-")):
            assert len(re.findall(rf'\sid="{id_}"', html)) == 1, id_
            assert f'href="#{id_}"' in toc, f"el índice no lista {id_}"
    titulos = {s.titulo: s for s in secciones(html)}
    for k, a in enumerate(AEI, start=1):
        s = titulos[f"Acción Estratégica Institucional {a['codigo_aei']} {a['denominacion']}"]
        assert s.numero == f"3.1.{k}" and s.nivel == 3
    for codigo in SIN_AO:
        s = next(s for s in secciones(html) if s.titulo.startswith(codigo) and s.nivel == 4)
        assert "La AEI no tiene Actividades Operativas Claves en el plan." in " ".join(s.texto)


@e2e
def test_la_auditoria_lista_todas_sus_comprobaciones_con_resultado(salida, html):
    codigos = [c.codigo for c in auditoria.CHEQUEOS]
    m = json.loads((salida / "manifest.json").read_text(encoding="utf-8"))
    assert [r["codigo"] for r in m["auditoria"]] == codigos
    assert [r["codigo"] for r in m["auditoria"] if r["resultado"] == "error"] == []
    for r in m["auditoria"]:
        # Cada una funcionó o dice por qué no aplica: a este plan, o a una serie sin un año completo.
        if r["resultado"] == "no_aplica":
            assert "plan/" in r["mensaje"] or r["codigo"] == "AUD-15" and "dos semestres" in r["mensaje"], r
    anexo = next(s for s in secciones(html) if s.titulo == "Control de calidad de los datos")
    texto = anexo.texto
    for codigo in codigos:
        i = texto.index(codigo)
        assert texto[i + 2] in RESULTADOS_AUDITORIA, (texto[i:i + 4])
    assert f"De las {formato.en_letras(len(codigos), 'f')} comprobaciones" in _plano(" ".join(texto))


@e2e
def test_el_anexo_no_llama_conformes_a_las_que_no_aplican(html):
    anexo = next(s for s in secciones(html) if s.titulo == "Control de calidad de los datos")
    texto = _plano(" ".join(anexo.texto))
    assert "no aplican" in texto
    assert "Todas las comprobaciones resultaron conformes" not in texto
