"""Every shipped claim quotes its seed document verbatim.

The seed texts sit beside the datasets (``$WORLDSYSTEM_DATA/../seeds``), as in CI
(``../shared/data`` and ``../shared/seeds``). A quote must be a short sentence
of the seed (whitespace aside), so that the ledger's "seed text" column shows
what the paraphrase renders, not our words.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from worldsystem import claims


def _seeds() -> Path:
    data = os.environ.get("WORLDSYSTEM_DATA")
    folder = Path(data).parent / "seeds" if data else None
    if folder is None or not folder.is_dir():
        pytest.skip("the seed texts are not beside WORLDSYSTEM_DATA (../seeds)")
    return folder


def _norm(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("claim", claims.shipped_claims(which="seeds"), ids=lambda c: c.id)
def test_quote_is_verbatim_and_short(claim):
    seed = _seeds() / claim.source
    assert seed.is_file(), f"claim {claim.id}: no seed file {claim.source}"
    assert claim.quote, f"claim {claim.id} has no seed quote"
    assert _norm(claim.quote) in _norm(seed.read_text(encoding="utf-8")), claim.id
    assert len(claim.quote.split()) <= 40, f"claim {claim.id}: quote longer than 40 words"
