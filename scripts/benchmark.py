"""Mide la construcción del informe: tiempo por etapa y por cuaderno, y memoria máxima.

    python scripts/benchmark.py [SEMESTRE] [--repeticiones N]

Imprime cifras; no afirma nada (las metas de velocidad no son pruebas cronometradas).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

RAIZ = Path(__file__).resolve().parents[1]


def una_construccion(semestre: str) -> tuple[float, dict]:
    inicio = time.perf_counter()
    subprocess.run([sys.executable, "-m", "inpe", "construir", semestre], cwd=RAIZ, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    total = time.perf_counter() - inicio
    manifiesto = json.loads((RAIZ / "output" / semestre / "manifest.json").read_text(encoding="utf-8"))
    return total, manifiesto["tiempos_s"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("semestre", nargs="?", default="2024-S1")
    parser.add_argument("--repeticiones", type=int, default=3)
    args = parser.parse_args()

    totales, etapas = [], {}
    for _ in range(args.repeticiones):
        total, tiempos = una_construccion(args.semestre)
        totales.append(total)
        for nombre, segundos in tiempos.items():
            etapas.setdefault(nombre, []).append(segundos)
    memoria_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024

    print(f"Construcción de {args.semestre}, {args.repeticiones} repeticiones (mediana, mínimo, máximo en s)")
    print(f"{'etapa':45} {'mediana':>8} {'mín':>8} {'máx':>8}")
    for nombre, valores in etapas.items():
        print(f"{nombre:45} {statistics.median(valores):8.2f} {min(valores):8.2f} {max(valores):8.2f}")
    print(f"{'total (proceso completo)':45} {statistics.median(totales):8.2f} {min(totales):8.2f} {max(totales):8.2f}")
    print(f"memoria máxima de un proceso hijo: {memoria_mib:.0f} MiB")


if __name__ == "__main__":
    main()
