"""comention: news text to clean documents, entity mentions and co-mention statistics.

>>> import comention
>>> result = comention.analyze(["Wang Yi met Jake Sullivan in Malta."])
>>> result.edges[["source", "target", "n_ab"]].values.tolist()[0]
['Jake Sullivan', 'Malta', 1]
"""

from ._api import Analysis, Options, analyze, clean, cooccurrences, mentions, tag_tokens
from ._core import Counts, InvalidInputError, StateError, __version__
from .sample import load_sample

__all__ = [
    "Analysis",
    "Counts",
    "InvalidInputError",
    "Options",
    "StateError",
    "__version__",
    "analyze",
    "clean",
    "cooccurrences",
    "load_sample",
    "mentions",
    "tag_tokens",
]
