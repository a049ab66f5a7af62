"""Gancho de `quarto render` (pre-render y post-render de _quarto.yml), sin dependencias.

Quarto corre este archivo con el Python que encuentra (``python3``, o ``QUARTO_PYTHON``), que
puede no ser el del proyecto. Por eso solo busca el entorno del proyecto (``.venv``, el que crea
``make informe``) y le pasa la etapa a ``inpe.publicacion.quarto``; si el entorno no existe, lo
dice en español en lugar de fallar con un error de importación.
"""

import os
import subprocess
import sys
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]


def python_del_proyecto() -> str | None:
    for candidato in (RAIZ / ".venv" / "bin" / "python", RAIZ / ".venv" / "Scripts" / "python.exe"):
        if candidato.is_file():
            return str(candidato)
    try:  # el Python que corre este archivo ya tiene el paquete (entorno activado, CI)
        import inpe  # noqa: F401
    except ImportError:
        return None
    return sys.executable


def main() -> int:
    python = python_del_proyecto()
    if python is None:
        print("Error: no se encontró el entorno del proyecto (.venv). Créelo con `make informe` "
              "(o, en Windows, con los pasos del README) y vuelva a ejecutar `quarto render`.", file=sys.stderr)
        return 1
    # La etapa va como argumento, nunca a través de un shell. El proceso padre es el de
    # `quarto render`: con él el post-render reconoce la construcción que preparó el pre-render.
    return subprocess.call([python, "-m", "inpe.publicacion.quarto", *sys.argv[1:2], "--quarto-pid", str(os.getppid())],
                           cwd=RAIZ)


if __name__ == "__main__":
    sys.exit(main())
