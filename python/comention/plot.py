"""Plots of co-mention results (matplotlib, the ``plot`` extra): network, timeline, heat map."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import pandas as pd

from .display import LABEL_COLOURS

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from ._counts import Counts

#: Node colour of each entity type in network plots.
NODE_COLOURS = {"PER": "#d97706", "ORG": "#2563eb", "LOC": "#16a34a", "MISC": "#9333ea"}


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=size)
    return ax


def network(counts: Counts, *, top: int = 60, backbone: float | None = 0.3, min_count: int = 2, ax: Axes | None = None, **edge_options: Any) -> Axes:
    """The entity network: the `top` most mentioned entities, edges of the disparity backbone,
    nodes coloured by type and sized by mentions, edge width by co-mention count; the largest
    connected component is drawn (Kamada–Kawai layout)."""
    import networkx as nx
    from matplotlib.lines import Line2D

    ax = _axes(ax, (9, 7))
    ents = counts.entities().head(top)
    keep = set(ents["entity"].astype(str))
    edges = counts.edges(min_count=min_count, backbone=backbone, **edge_options)
    edges = edges[edges["source"].astype(str).isin(keep) & edges["target"].astype(str).isin(keep)]
    g = nx.Graph()
    for r in ents.itertuples(index=False):
        g.add_node(str(r.entity), label=str(r.label), size=int(r.n_mentions))
    for r in edges.itertuples(index=False):
        g.add_edge(str(r.source), str(r.target), n_ab=int(r.n_ab))
    g.remove_nodes_from([n for n in list(g.nodes) if g.degree(n) == 0])
    if g.number_of_nodes() == 0:
        ax.set_title("no edges to draw (lower min_count or raise backbone)")
        ax.set_axis_off()
        return ax
    # The largest connected component only: small islands squeeze the layout of the rest.
    main = max(nx.connected_components(g), key=len)
    left_out = g.number_of_nodes() - len(main)
    g = g.subgraph(main).copy()
    pos = nx.kamada_kawai_layout(g)
    biggest = max(g.nodes[n]["size"] for n in g.nodes)
    sizes = [40 + 900 * (g.nodes[n]["size"] / biggest) ** 0.5 for n in g.nodes]
    colours = [NODE_COLOURS.get(g.nodes[n]["label"], "#6b7280") for n in g.nodes]
    heaviest = max(g.edges[e]["n_ab"] for e in g.edges)
    widths = [0.4 + 4 * (g.edges[e]["n_ab"] / heaviest) ** 0.5 for e in g.edges]
    nx.draw_networkx_edges(g, pos, ax=ax, width=widths, alpha=0.35)
    nx.draw_networkx_nodes(g, pos, ax=ax, node_size=sizes, node_color=colours, alpha=0.9)
    nx.draw_networkx_labels(g, pos, ax=ax, font_size=8)
    ax.legend(
        handles=[Line2D([], [], marker="o", ls="", color=c, label=l) for l, c in NODE_COLOURS.items()],
        loc="lower left", frameon=False, fontsize=8,
    )
    ax.set_title(
        f"co-mentions by {counts.context}"
        + (f", disparity backbone α < {backbone}" if backbone else "")
        + (f" ({left_out} entities outside the main component not shown)" if left_out else ""),
        fontsize=10,
    )
    ax.set_axis_off()
    return ax


def timeline(counts: Counts, pairs: Sequence[tuple[str, str]], *, share: bool = False, ax: Axes | None = None) -> Axes:
    """Co-mentions per period of the given pairs (counts made with ``period=``); with
    ``share=True`` as a fraction of that period's contexts."""
    ax = _axes(ax, (9, 4))
    t = counts.timeline(pairs=True)
    periods = sorted(pd.unique(t["period"]))
    totals = t.drop_duplicates("period").set_index("period")["n"]
    for a, b in pairs:
        a, b = sorted((a, b))
        rows = t[(t["source"].astype(str) == a) & (t["target"].astype(str) == b)].set_index("period")["n_ab"]
        series = rows.reindex(periods, fill_value=0)
        if share:
            series = series / totals.reindex(periods)
        ax.plot(periods, series.values, marker="o", label=f"{a} – {b}")
    ax.set_ylabel(f"share of {counts.context}s" if share else f"{counts.context}s together")
    ax.set_title(f"co-mentions per {counts.period}")
    ax.legend(frameon=False, fontsize=8)
    ax.figure.autofmt_xdate()
    return ax


def heatmap(counts: Counts, *, top: int = 20, measure: str = "npmi", ax: Axes | None = None) -> Axes:
    """A heat map of `measure` between the `top` most mentioned entities."""
    import numpy as np

    ax = _axes(ax, (8, 7))
    names = counts.entities()["entity"].astype(str).head(top).tolist()
    e = counts.edges()
    e = e[e["source"].astype(str).isin(names) & e["target"].astype(str).isin(names)]
    m = pd.DataFrame(np.nan, index=names, columns=names)
    for r in e.itertuples(index=False):
        v = getattr(r, measure)
        m.loc[str(r.source), str(r.target)] = v
        m.loc[str(r.target), str(r.source)] = v
    im = ax.imshow(m.to_numpy(dtype=float), cmap="viridis")
    ax.set_xticks(range(len(names)), names, rotation=90, fontsize=7)
    ax.set_yticks(range(len(names)), names, fontsize=7)
    ax.figure.colorbar(im, ax=ax, shrink=0.7, label=measure)
    ax.set_title(f"{measure} of the top {len(names)} entities (blank: never together)")
    return ax


__all__ = ["LABEL_COLOURS", "NODE_COLOURS", "heatmap", "network", "timeline"]
