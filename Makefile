# Dos órdenes bastan: `make informe` y `make test` (crean el entorno la primera vez).
SEMESTRE ?= 2024-S1
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALADO := $(VENV)/.instalado

.PHONY: informe test validar benchmark limpiar

$(INSTALADO): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[test]'
	@touch $(INSTALADO)

informe: $(INSTALADO)
	$(BIN)/python -m inpe construir $(SEMESTRE)

validar: $(INSTALADO)
	$(BIN)/python -m inpe validar $(SEMESTRE)

test: $(INSTALADO)
	$(BIN)/python -m pytest

benchmark: $(INSTALADO)
	$(BIN)/python scripts/benchmark.py $(SEMESTRE)

limpiar:
	rm -rf output informe.ipynb
