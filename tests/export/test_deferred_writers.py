"""Writers whose modules load on first use describe themselves as their classes do."""

from __future__ import annotations

import importlib

import pytest

from sspclerk.export import WRITERS, _Deferred


@pytest.mark.parametrize("name", [n for n, w in WRITERS.items() if isinstance(w, _Deferred)])
def test_a_deferred_writer_matches_its_class(name: str) -> None:
    deferred = WRITERS[name]
    cls = getattr(importlib.import_module(deferred._module, "sspclerk.export"), deferred._cls)
    assert (deferred.name, deferred.label, deferred.extension, deferred.media_type) == (
        cls.name,
        cls.label,
        cls.extension,
        cls.media_type,
    )


def test_html_and_text_are_deferred_too() -> None:
    assert {"docx", "pdf", "html", "txt"} <= {
        n for n, w in WRITERS.items() if isinstance(w, _Deferred)
    }
