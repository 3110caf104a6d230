"""A synthetic nationwide register: every kommune, 5,000 arrangements of realistic sizes.

Arrangements grow from a random seed kommune over its neighbours (cooperation is mostly between
neighbours), with sizes drawn so that most have 2–6 members, some a county's worth and a few
most of the country, about 30,000 memberships in all. Deterministic for a given seed.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import shapely

from geo import settings
from geo.io import Dataset
from geo.register import ORDNINGER_COLUMNS


def _neighbours(data: Dataset) -> dict[str, list[str]]:
    k = data.kommuner.to_crs(settings.CRS_METRIC)
    geoms = k.geometry.values
    tree = shapely.STRtree(geoms)
    left, right = tree.query(geoms, predicate="intersects")
    knr = k["kommunenummer"].to_numpy()
    out: dict[str, list[str]] = {n: [] for n in knr}
    for a, b in zip(left, right):
        if a != b:
            out[knr[a]].append(knr[b])
    return out


def make_register(data: Dataset, *, arrangements: int = 5000, seed: int = 2021) -> bytes:
    """The register as ``ordninger.csv`` bytes."""
    rng = np.random.default_rng(seed)
    neighbours = _neighbours(data)
    kommuner = sorted(neighbours)
    codes = [c for c in data.register.tjenester["kode"]]
    sizes = np.clip(np.round(rng.lognormal(mean=1.35, sigma=0.75, size=arrangements)).astype(int), 2, 300)
    big = rng.choice(arrangements, size=arrangements // 200, replace=False)
    sizes[big] = rng.integers(40, 200, size=len(big))
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(ORDNINGER_COLUMNS)
    for i, size in enumerate(sizes):
        start = kommuner[rng.integers(len(kommuner))]
        members, frontier = [start], list(neighbours[start])
        while len(members) < size and frontier:
            nxt = frontier.pop(rng.integers(len(frontier)))
            if nxt not in members:
                members.append(nxt)
                frontier.extend(n for n in neighbours[nxt] if n not in members)
        names = [data.names.display[k] for k in members]
        service = codes[rng.integers(len(codes))]
        host = names[0] if rng.random() < 0.5 else ""
        writer.writerow(
            [
                f"syn-{i:05d}",
                f"Syntetisk ordning {i}",
                service,
                "; ".join(names),
                "ja",
                host,
                "",
                str(rng.integers(1950, 2022)) if rng.random() < 0.6 else "",
                "syntetisk",
            ]
        )
    return out.getvalue().encode("utf-8")
