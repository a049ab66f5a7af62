# Dos órdenes bastan: `make informe` y `make test` (crean el entorno la primera vez).
#
# Seguridad: lo que el usuario escribe en la línea de órdenes nunca se vuelve texto de un
# comando. SEMESTRE llega a las recetas como variable de entorno ("$$SEMESTRE": el shell no la
# interpreta) y lo valida el propio programa, con el mismo mensaje que `python -m inpe`; PYTHON y
# VENV, que sí forman comandos, solo admiten caracteres de una ruta. `override … := $(value …)`
# toma el valor tal cual lo escribió el usuario, sin que make lo expanda.
SEMESTRE ?= 2024-S1
PYTHON ?= python3
VENV ?= .venv
override SEMESTRE := $(value SEMESTRE)
override PYTHON := $(value PYTHON)
override VENV := $(value VENV)
export SEMESTRE

_SEGUROS := a b c d e f g h i j k l m n o p q r s t u v w x y z A B C D E F G H I J K L M N O P Q R S T U V W X Y Z \
            0 1 2 3 4 5 6 7 8 9 . _ / - +
_quitar = $(if $2,$(call _quitar,$(subst $(firstword $2),,$1),$(wordlist 2,$(words $2),$2)),$1)
_ruta = $(if $(or $(strip $(call _quitar,$($1),$(_SEGUROS))),$(filter-out 1,$(words $($1)))),$(error \
          $1 no es una ruta válida: solo se admiten letras sin tilde, cifras y los signos . _ / - +),)
$(call _ruta,PYTHON)
$(call _ruta,VENV)

BIN := $(VENV)/bin
INSTALADO := $(VENV)/.instalado

.PHONY: informe test test-rapido validar nuevo benchmark instantaneas limpiar

# Compila el paquete como pip compila los demás: en una instalación editable no lo hace, y con
# PYTHONDONTWRITEBYTECODE cada proceso (la orden, cada kernel) volvería a compilar lib/inpe.
$(INSTALADO): pyproject.toml constraints.txt
	"$(PYTHON)" -m venv "$(VENV)"
	"$(BIN)/python" -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	"$(BIN)/python" -m compileall -q lib/inpe
	@touch "$(INSTALADO)"

informe: $(INSTALADO)
	"$(BIN)/python" -m inpe construir "$$SEMESTRE"

validar: $(INSTALADO)
	"$(BIN)/python" -m inpe validar "$$SEMESTRE"

# Prepara data/$SEMESTRE/ para llenar (tablas con su cabecera y las filas del plan, comentarios por escribir).
nuevo: $(INSTALADO)
	"$(BIN)/python" -m inpe nuevo "$$SEMESTRE"

test: $(INSTALADO)
	"$(BIN)/python" -m pytest

# La capa rápida: pruebas unitarias y de integración, sin las de punta a punta (marcadas e2e).
# Sin construcciones completas, en paralelo (un proceso por núcleo, pytest-xdist).
test-rapido: $(INSTALADO)
	"$(BIN)/python" -m pytest -m "not e2e" -n auto

benchmark: $(INSTALADO)
	"$(BIN)/python" scripts/benchmark.py "$$SEMESTRE"

# Reconstruye 2024-S1 y reescribe la instantánea del texto (tests/instantaneas/2024-S1/): revise el diff y confírmelo.
instantaneas: $(INSTALADO)
	"$(BIN)/python" -m inpe construir 2024-S1
	"$(BIN)/python" -m inpe.publicacion.instantanea output/2024-S1/informe.ipynb tests/instantaneas/2024-S1

limpiar:
	rm -rf output informe.ipynb informe_files .quarto
