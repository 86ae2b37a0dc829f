"""Portuguese as each country writes it: Portugal, Mozambique and Angola (pt.toml, with the
older spelling of Mozambique and Angola in their overlays) and Brazil (pt-BR.toml).

The demo is built in each with the real build, a day revealed daily, and its pages are read
as a visitor reads them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

import pytest

from tests.helpers import demo_in


@pytest.fixture(scope="module")
def words(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], str]:
    """The text of every page of the demo built in a language on the Tuesday of the week,
    with the days after it kept secret (`reveal = "daily"`), lower-case."""
    from cswgen.commands.build import build

    done: dict[str, str] = {}

    def get(tag: str) -> str:
        if tag not in done:
            folder = tmp_path_factory.mktemp(f"pt-{tag}")
            site = demo_in(folder, tag, reveal="daily")
            build(site, as_of=dt.date(2026, 10, 6), output=folder / "output",
                  cache_dir=folder / "cache")
            pages = sorted((folder / "output").rglob("*.html"))
            done[tag] = " ".join(re.sub(r"<[^>]+>", " ", p.read_text("utf-8"))
                                 for p in pages).lower()
        return done[tag]

    return get


@pytest.mark.parametrize("tag", ["pt", "pt-PT", "pt-MZ", "pt-AO"])
def test_customers_words_are_testemunhos_outside_brazil(words: Callable[[str], str],
                                                        tag: str) -> None:
    """In Portugal a "depoimento" is a statement to the police or a court; a company's
    customers give "testemunhos"."""
    text = words(tag)
    assert "depoimento" not in text
    assert "todos os testemunhos" in text and "feed de testemunhos (atom)" in text


def test_brazil_says_depoimentos(words: Callable[[str], str]) -> None:
    text = words("pt-BR")
    assert "testemunho" not in text
    assert "todos os depoimentos" in text and "feed de depoimentos (atom)" in text


@pytest.mark.parametrize(("tag", "screen"), [
    ("pt-PT", "ecrã da receção"), ("pt-MZ", "ecrã da recepção"),
    ("pt-AO", "ecrã da recepção"), ("pt-BR", "tela da recepção")])
def test_each_country_spells_reception_its_own_way(words: Callable[[str], str], tag: str,
                                                   screen: str) -> None:
    """Mozambique and Angola keep the spelling from before the 1990 agreement."""
    text = words(tag)
    assert screen in text
    assert ("receção" in text) == (tag == "pt-PT")


@pytest.mark.parametrize("tag", ["pt-MZ", "pt-BR"])
def test_a_day_kept_secret_says_when_in_a_sentence_a_native_speaker_writes(
        words: Callable[[str], str], tag: str) -> None:
    """A weekday takes "na" or "no" in Portuguese ("será revelado quarta-feira" is not
    Portuguese), and which one depends on the day (na quarta-feira, no sábado)."""
    text = words(tag)
    assert "revelado no próprio dia (quarta-feira)" in text
    assert "todos os detalhes serão publicados no próprio dia (quarta-feira)." in text
    assert not re.search(r"(revelado|publicados) (segunda|terça|quarta|quinta|sexta)", text)


@pytest.mark.parametrize("tag", ["pt-MZ", "pt-BR"])
def test_the_404_page_reads_as_portuguese_punctuates(words: Callable[[str], str],
                                                     tag: str) -> None:
    """Portuguese puts no comma before the "ou" that joins two clauses."""
    assert "pode ter mudado de endereço ou o endereço pode ter um erro." in words(tag)
