"""comention: news text to clean documents, entity mentions and co-mention statistics.

>>> import comention
>>> result = comention.analyze(["Wang Yi met Jake Sullivan in Malta."])
>>> result.edges[["source", "target", "n_ab"]].values.tolist()[0]
['Jake Sullivan', 'Malta', 1]
"""

from ._api import (
    Analysis,
    CountOptions,
    Options,
    analyze,
    clean,
    cooccurrences,
    count_mentions,
    evaluate,
    learn_boilerplate,
    mentions,
    read_conll,
    tag_tokens,
)
from ._core import InvalidInputError, RecurringLines, StateError, __version__, load
from ._counts import Counts
from ._inputs import MissingEntityWarning, UnreadableDateWarning
from .corpus import Corpus
from .sample import load_sample
from .stream import CleanResult, StreamResult, analyze_stream, clean_stream
from . import accessor as _accessor  # noqa: E402,F401  (registers the .comention accessors)

__all__ = [
    "Analysis",
    "CleanResult",
    "Corpus",
    "CountOptions",
    "Counts",
    "InvalidInputError",
    "MissingEntityWarning",
    "Options",
    "RecurringLines",
    "StateError",
    "StreamResult",
    "UnreadableDateWarning",
    "__version__",
    "analyze",
    "analyze_stream",
    "clean",
    "clean_stream",
    "cooccurrences",
    "count_mentions",
    "evaluate",
    "learn_boilerplate",
    "load",
    "load_sample",
    "mentions",
    "read_conll",
    "tag_tokens",
]
