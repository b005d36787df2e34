"""Each vocabulary is named once (vocabulary.py) with its words, and the model's choices are made from it."""
from __future__ import annotations

import dataclasses
import typing

import pytest

from transparency import cms, labels, model, vocabulary
from transparency.vocabulary import Vocabulary

VOCABULARIES = {name: v for name, v in vars(vocabulary).items() if isinstance(v, Vocabulary)}


def literals(tp) -> list:
    """Every Literal inside a type hint: `Literal[...]`, `Literal[...] | Area`, `list[Literal[...]]`."""
    if typing.get_origin(tp) is typing.Literal:
        return [tp]
    return [lit for part in typing.get_args(tp) for lit in literals(part)]


def model_literals() -> dict[str, object]:
    """Each Literal the model uses, by where: the fields' hints and the named types (TenderStatus)."""
    found = {}
    for name, obj in vars(model).items():
        if dataclasses.is_dataclass(obj):
            for field, tp in typing.get_type_hints(obj).items():
                for lit in literals(tp):
                    found[f"{name}.{field}"] = lit
        elif typing.get_origin(obj) is typing.Literal:
            found[name] = obj
    return found


def test_every_choice_in_the_model_is_a_vocabulary_with_words_for_each_value_and_nothing_else():
    found = model_literals()
    assert {"Award.kind", "Award.coverage", "Award.not_a_mistake", "Fund.route", "TenderStatus", "RoundStatus"} <= set(found)
    for where, lit in found.items():
        values = typing.get_args(lit)
        (vocab,) = [v for v in VOCABULARIES.values() if tuple(v) == values] or [None]
        assert vocab is not None, f"{where}: {values} is not a vocabulary in vocabulary.py: name it there"
        assert [v for v in vocab if vocab[v].strip()] == list(values), f"{where}: a value without words"


def test_every_vocabulary_is_a_choice_in_the_model():
    used = {typing.get_args(lit) for lit in model_literals().values()}
    assert [name for name, v in VOCABULARIES.items() if tuple(v) not in used] == []


def test_the_editor_and_the_tenders_page_cover_every_value():
    assert set(vocabulary.TENDER_GROUPS) == set(vocabulary.TENDER_STATUS)
    assert vocabulary.TENDER_STATUS not in vocabulary.CHOICES  # worked out at the build, never chosen
    assert set(vocabulary.ROUND_GROUPS) == set(vocabulary.ROUND_STATUS)
    assert [name for name, v in VOCABULARIES.items() if v not in vocabulary.CHOICES] == ["TENDER_STATUS", "ROUND_STATUS"]
    # CHOICE_LABELS is keyed by the value alone, so a value in two vocabularies must say the same there
    seen: dict[str, str] = {}
    for choice in vocabulary.CHOICES:
        for value, said in choice.items():
            assert seen.setdefault(value, said) == said, f"`{value}` is called {seen[value]!r} and {said!r}"
    assert cms.CHOICE_LABELS == seen


def test_a_vocabulary_refuses_words_for_values_it_does_not_have():
    with pytest.raises(ValueError):
        Vocabulary({"grant": "Grant", "contract": "Contract"}, plural={"grant": "Grants"})
    with pytest.raises(ValueError):
        Vocabulary({"grant": "Grant"}, in_sentence={"contract": "a contract"})
    with pytest.raises(ValueError):
        Vocabulary({"grant": "Grant"}, notes={"loan": "repaid"})


def test_values_listed_for_a_reader():
    assert Vocabulary({"a": "A"}).listed() == "a"
    assert Vocabulary({"a": "A", "b": "B"}).listed() == "a or b"
    assert Vocabulary({"a": "A", "b": "B", "c": "C"}, notes={"b": "being checked"}).listed() == "a, b (being checked) or c"


def test_labels_read_the_vocabulary():
    assert labels.KIND is vocabulary.KIND and labels.TENDER_STATUS is vocabulary.TENDER_STATUS
