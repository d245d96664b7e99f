"""Records as people read them: Markdown and plain text (JSON is the record's own)."""

from __future__ import annotations

from copydesk.record import Article, Figure, Quote, Stance


def to_markdown(article: Article) -> str:
    """The record as Markdown, with every text from the page HTML-escaped: a Markdown
    viewer renders raw HTML, and a page's ``<script>`` or ``onerror=`` must stay text."""
    lines: list[str] = []
    if article.kicker:
        lines.append(f"*{_escaped(article.kicker)}*")
    lines.append(f"# {_escaped(article.headline or '(no headline)')}")
    meta = _meta_line(article)
    if meta:
        lines += ["", _escaped(meta)]
    for caption in article.captions:
        credit = f" ({caption.credit})" if caption.credit else ""
        lines += ["", f"> {_escaped(caption.text + credit)}"]
    body = [_escaped(paragraph) for paragraph in article.body]
    if body and article.dateline:
        body[0] = f"**{_escaped(article.dateline.text)}** {body[0]}"
    for paragraph in body:
        lines += ["", paragraph]
    lines += _section("Quotes", [_quote(q) for q in article.quotes])
    lines += _section("Stances", [_stance(s) for s in article.stances])
    lines += _section("Figures", [_figure(f) for f in article.figures])
    return "\n".join(lines) + "\n"


def _escaped(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _section(title: str, items: list[str]) -> list[str]:
    """A titled list, or nothing when there is nothing to list."""
    return ["", f"## {title}", "", *(f"- {_escaped(item)}" for item in items)] if items else []


def _quote(quote: Quote) -> str:
    who = f"{quote.speaker.name} ({quote.speaker.type})" if quote.speaker else "unknown"
    return f"**{who}**, {quote.kind}, *{quote.cue}*: {quote.text}"


def _stance(stance: Stance) -> str:
    holder = f"{stance.holder.name} ({stance.holder.type})"
    return f"**{holder}**, *{stance.cue}* ({stance.confidence:.2f}): {stance.text}"


def _figure(figure: Figure) -> str:
    if figure.value is not None:
        value = ("~" if figure.approx else "") + _number(figure.value)
    elif figure.low is not None and figure.high is not None:
        value = f"{_number(figure.low)}–{_number(figure.high)}"
    else:
        value = figure.text
    parts = [f"{value} {figure.unit or ''}".strip(), figure.counted or ""]
    if figure.claimant:
        parts.append(f"per {figure.claimant}")
    if figure.as_of:
        parts.append(f"as of {figure.as_of}")
    return " — ".join(part for part in parts if part)


def to_text(article: Article) -> str:
    parts = [article.headline or ""]
    body = list(article.body)
    if body and article.dateline:
        body[0] = f"{article.dateline.text} {body[0]}"
    parts.extend(body)
    return "\n\n".join(part for part in parts if part) + "\n"


def _meta_line(article: Article) -> str:
    bits = []
    if article.authors:
        bits.append("By " + ", ".join(article.authors))
    if article.published.value:
        bits.append(article.published.value)
    if article.url:
        bits.append(article.url)
    return " · ".join(bits)


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,g}"
