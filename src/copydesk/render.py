"""Records as people read them: Markdown and plain text (JSON is the record's own)."""

from __future__ import annotations

from copydesk.record import Article


def to_markdown(article: Article) -> str:
    lines: list[str] = []
    if article.kicker:
        lines.append(f"*{article.kicker}*")
    lines.append(f"# {article.headline or '(no headline)'}")
    meta = _meta_line(article)
    if meta:
        lines += ["", meta]
    for caption in article.captions:
        credit = f" ({caption.credit})" if caption.credit else ""
        lines += ["", f"> {caption.text}{credit}"]
    body = list(article.body)
    if body and article.dateline:
        body[0] = f"**{article.dateline.text}** {body[0]}"
    for paragraph in body:
        lines += ["", paragraph]
    return "\n".join(lines) + "\n"


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
