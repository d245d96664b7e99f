"""No input crashes the readers: any text, any bytes, gives a record or a CopydeskError."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import copydesk

LINES = st.lists(
    st.one_of(
        st.text(max_size=200),
        st.sampled_from(
            [
                "WASHINGTON (Reuters) - ",
                "By JANE DOE",
                "(Reporting by A B; Editing by C D)",
                "REUTERS/Jane Doe",
                "Related",
                "Exclusive-",
                "Subscribe now",
                "“",
                "\u200b",
                "\x00",
                "Sept. 25, 2023",
                "((((",
                "—",
                "said:",
                "...",
            ]
        ),
    ),
    max_size=40,
)


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(LINES)
def test_any_text_gives_a_valid_record(lines: list[str]) -> None:
    article = copydesk.extract(text="\n".join(lines))
    assert copydesk.from_json(copydesk.to_json(article)) == article
    assert all(item.reason for item in article.boilerplate)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=2000))
def test_any_bytes_give_a_record_or_a_clear_error(data: bytes) -> None:
    try:
        article = copydesk.extract(data=data, source="fuzz.bin")
    except copydesk.CopydeskError as exc:
        assert str(exc).startswith("fuzz.bin: ")
    else:
        assert article.source == "fuzz.bin"
