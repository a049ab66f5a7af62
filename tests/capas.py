"""Las capas de la suite: una prueba que usa una construcción completa del informe es de punta a punta.

``make test-rapido`` (``pytest -m "not e2e"``) corre las unitarias y las de integración; ``make test``,
todas. Una prueba que pide una de las fixtures que construyen el informe completo (o leen lo que
produjo) se marca ``e2e`` aquí, en cualquier módulo: nadie tiene que acordarse. Las demás pruebas
lentas, que construyen por su cuenta, llevan ``@pytest.mark.e2e`` en su módulo. Se carga con
``-p capas`` (pyproject.toml).
"""

from __future__ import annotations

import pytest

#: Fixtures que construyen el informe completo, o que leen lo que una construcción completa produjo.
CONSTRUCCIONES = frozenset({"construido", "construido_propio", "base", "hostil", "quarto_en_la_raiz",
                            "informe_segundo_semestre"})


def pytest_collection_modifyitems(config, items):
    for item in items:
        if CONSTRUCCIONES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)
