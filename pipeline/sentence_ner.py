"""The model's named-entity recogniser, decoded a sentence at a time, every sentence of a batch in step.

spaCy's NER is a greedy transition-based tagger (BILUO moves): for each token it scores the moves from
three feature tokens (the current token, and the first and the last token of the open entity) and
takes the best valid one. Its loop runs one document after another, a token at a time; `perf` on this
machine puts about 40% of the NER's time in taking and releasing the Python interpreter lock inside
that loop.

No entity crosses a sentence boundary (a Begin or In move is invalid before a sentence start), so at
each sentence start no entity is open and the decoder's state starts afresh. Here every sentence of
a batch is one state, and all states take their step together, as numpy arrays: as many steps as the
longest sentence, not as the tokens of the batch. The token vectors, the precomputed features, the
weights and the validity rules are the model's own, so the entities are the same (a test compares
every token of the seeds and the dev set with the stock component).

Where the model is not of this kind (another architecture, beam search, unseen classes) or a
document already has entities, the stock component does the work.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

import numpy
from spacy.attrs import IS_SPACE, SENT_START
from spacy.language import Language
from spacy.pipeline import EntityRecognizer
from spacy.tokens import Doc, Span
from spacy.util import minibatch
from thinc.api import NumpyOps

_BEGIN, _IN, _LAST, _UNIT, _OUT = range(5)
_MOVE_CODES = {"B": _BEGIN, "I": _IN, "L": _LAST, "U": _UNIT}


@dataclass(frozen=True)
class _Moves:
    """The model's moves as arrays: kind (B, I, L, U, O) and label id (0 for none) per class."""

    kind: numpy.ndarray
    label: numpy.ndarray
    label_names: list[str]

    @classmethod
    def of(cls, ner: EntityRecognizer) -> "_Moves | None":
        names: list[str] = []
        kinds, labels = [], []
        for i in range(ner.moves.n_moves):
            name = ner.moves.get_class_name(i)
            if name == "O":
                kinds.append(_OUT)
                labels.append(0)
                continue
            move, _, label = name.partition("-")
            if move not in _MOVE_CODES:
                return None
            if label and label not in names:
                names.append(label)
            kinds.append(_MOVE_CODES[move])
            labels.append(names.index(label) + 1 if label else 0)
        return cls(numpy.array(kinds), numpy.array(labels), names)


class SentenceNER:
    """A drop-in for the model's ``ner`` component (see the module's docstring)."""

    MAX_TOKENS = 50_000  # tokens decoded together; their precomputed features take 1.5 KB each

    def __init__(self, vocab) -> None:
        self.vocab = vocab
        self.inner: EntityRecognizer | None = None
        self.moves: _Moves | None = None
        self.ops = NumpyOps()

    def adopt(self, ner: EntityRecognizer) -> "SentenceNER":
        self.inner = ner
        self.moves = _Moves.of(ner) if _decodable(ner) else None
        return self

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        assert self.inner is not None, "SentenceNER used before adopt()"
        if self.moves is None:
            yield from self.inner.pipe(docs, batch_size=batch_size)
            return
        for batch in minibatch(docs, size=batch_size):
            batch = list(batch)
            by_length = sorted((d for d in batch if len(d)), key=len)
            if any(d.has_annotation("ENT_IOB") for d in by_length):  # preset entities: the stock decoder
                yield from self.inner.pipe(batch, batch_size=batch_size)
                continue
            # the token vectors are computed as the model batches them: by length, a quarter of the batch at
            # a time; the decoding takes as many of those together as MAX_TOKENS allows (memory stays bounded)
            for group in _groups(list(minibatch(by_length, size=max(batch_size // 4, 2))), self.MAX_TOKENS):
                plan = _Sentences.of([d for sub in group for d in sub])
                if 2 * plan.longest > plan.tokens:  # one sentence is most of it: the stock loop is the faster
                    for sub in group:
                        self.inner.set_annotations(sub, self.inner.predict(sub))
                else:
                    self._decode(group, plan)
            yield from batch

    def _decode(self, group: list[list[Doc]], plan: "_Sentences") -> None:
        tok2vec, lower, upper = self.inner.model.layers
        # (tokens + 1, features, hidden, pieces): row 0 is the padding for a missing feature token; each
        # sub-batch's features are copied in and let go, so that only one of them is held beside the whole
        cached = None
        row = 1
        for sub in group:
            piece = lower.predict(tok2vec.predict(sub))
            if cached is None:
                cached = numpy.empty((plan.tokens + 1, *piece.shape[1:]), dtype=piece.dtype)
                cached[0] = piece[0]
            cached[row:row + len(piece) - 1] = piece[1:]
            row += len(piece) - 1
        found = self._steps(cached, lower.get_param("b"), upper.get_param("W"), upper.get_param("b"), plan)
        found.sort()
        at = numpy.searchsorted([s for s, _, _ in found], plan.offsets)
        names = self.moves.label_names
        for n, doc in enumerate(d for sub in group for d in sub):
            base = plan.offsets[n]
            doc.set_ents([Span(doc, s - base, e - base, label=names[lab - 1]) for s, e, lab in found[at[n]:at[n + 1]]],
                         default="outside")

    def _steps(self, cached, bias, weights, weights_bias, plan: "_Sentences") -> list[tuple[int, int, int]]:
        """Every state a step at a time; the entities found as (start, end, label id) in batch token indices."""
        kind, label = self.moves.kind, self.moves.label
        # B and U need a label (the model's bare "U-" is never valid without preset entities)
        is_b, is_i, is_l, is_u, is_o = (kind == k for k in (_BEGIN, _IN, _LAST, _UNIT, _OUT))
        is_b, is_u = is_b & (label > 0), is_u & (label > 0)
        pos, end, space = plan.starts.copy(), plan.ends, plan.space  # every sentence has a token
        ent_start = numpy.full(len(pos), -1)
        ent_label = numpy.zeros(len(pos), dtype=label.dtype)
        found: list[tuple[int, int, int]] = []
        while len(pos):
            opened = ent_start >= 0
            f0 = pos + 1
            f1 = numpy.where(opened, ent_start + 1, 0)
            f2 = numpy.where(opened, pos, 0)
            unmaxed = cached[f0, 0] + cached[f1, 1]
            unmaxed += cached[f2, 2]
            unmaxed += bias
            hidden = unmaxed.max(axis=2)
            scores = self.ops.gemm(hidden, weights, trans2=True)
            scores += weights_bias
            last = (pos + 1 >= end)[:, None]
            on_space = space[pos][:, None]
            op = opened[:, None]
            same = label[None, :] == ent_label[:, None]
            valid = (is_b & ~op & ~last & ~on_space) | (is_i & op & ~last & same) | (is_l & op & same) \
                | (is_u & ~op & ~on_space) | (is_o & ~op)
            scores[~valid] = -numpy.inf
            best = scores.argmax(axis=1)
            move, lab = kind[best], label[best]
            begin = move == _BEGIN
            ent_start = numpy.where(begin, pos, ent_start)
            ent_label = numpy.where(begin, lab, ent_label)
            lasts, units = move == _LAST, move == _UNIT
            found += zip(ent_start[lasts].tolist(), (pos[lasts] + 1).tolist(), ent_label[lasts].tolist())
            found += zip(pos[units].tolist(), (pos[units] + 1).tolist(), lab[units].tolist())
            ent_start = numpy.where(lasts | units, -1, ent_start)
            pos = pos + 1
            keep = pos < end
            if not keep.all():
                pos, end, ent_start, ent_label = pos[keep], end[keep], ent_start[keep], ent_label[keep]
        return found


def _groups(subbatches: list[list[Doc]], limit: int) -> Iterator[list[list[Doc]]]:
    """Consecutive sub-batches taken together while their tokens stay within ``limit`` (at least one each)."""
    group: list[list[Doc]] = []
    tokens = 0
    for sub in subbatches:
        size = sum(len(d) for d in sub)
        if group and tokens + size > limit:
            yield group
            group, tokens = [], 0
        group.append(sub)
        tokens += size
    if group:
        yield group


@dataclass(frozen=True)
class _Sentences:
    """The sentences of a batch of documents, in the batch's token indices (documents one after another)."""

    offsets: numpy.ndarray  # where each document starts; the last is the number of tokens
    starts: numpy.ndarray
    ends: numpy.ndarray
    space: numpy.ndarray  # is the token whitespace

    @classmethod
    def of(cls, docs: list[Doc]) -> "_Sentences":
        offsets = numpy.concatenate([[0], numpy.cumsum([len(d) for d in docs], dtype=numpy.int64)])
        table = numpy.concatenate([d.to_array([SENT_START, IS_SPACE]) for d in docs]).astype(numpy.int64)
        starts = numpy.union1d(numpy.flatnonzero(table[:, 0] == 1), offsets[:-1])
        return cls(offsets, starts, numpy.append(starts[1:], offsets[-1]), table[:, 1].astype(bool))

    @property
    def tokens(self) -> int:
        return int(self.offsets[-1])

    @property
    def longest(self) -> int:
        return int((self.ends - self.starts).max(initial=0))


def _decodable(ner: EntityRecognizer) -> bool:
    """Is this the greedy BILUO tagger with three feature tokens, an upper layer and no unseen class?"""
    model = ner.model
    try:
        tok2vec, lower, upper = model.layers
        return (ner.cfg.get("beam_width", 1) == 1 and model.attrs.get("has_upper") is True
                and not model.attrs.get("unseen_classes") and lower.name == "precomputable_affine"
                and lower.get_dim("nF") == 3 and upper.get_dim("nO") == ner.moves.n_moves)
    except (ValueError, AttributeError, KeyError):
        return False


@Language.factory("sentence_ner")
def _sentence_ner(nlp: Language, name: str) -> SentenceNER:
    return SentenceNER(nlp.vocab)
