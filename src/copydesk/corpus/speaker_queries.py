"""Questions about speakers across the store: who they are, what they are called, how
outlets lean on anonymous sources, and where each quote first ran.

The rows are made by ``corpus.speakers`` as quotes are written; these functions only
read them.
"""

from __future__ import annotations

import msgspec

from copydesk.corpus.speakers import name_key
from copydesk.corpus.store import Store

_APPEARANCES = 100  # appearances of one quote listed (all are counted)
_VARIANTS = 20  # wordings of one quote listed


class Role(msgspec.Struct):
    role: str
    first_seen: str | None
    last_seen: str | None


class SpeakerRow(msgspec.Struct):
    """One person, organisation or group quoted in the store, by its fullest name, with
    every name it went by, its roles and when they were seen, and how often and where it
    was quoted."""

    id: int
    name: str
    type: str
    aliases: list[str]
    roles: list[Role]
    quotes: int
    outlets: int
    first_quoted: str | None
    last_quoted: str | None


class OutletSources(msgspec.Struct):
    """How much of one outlet's quoting is of anonymous sources ("officials said")."""

    site: str | None
    quotes: int
    anonymous: int
    share: float


class Appearance(msgspec.Struct):
    document_id: int
    url: str | None
    site: str | None
    published: str | None


class Provenance(msgspec.Struct):
    """Where one quote ran: first, then every later appearance (copies and rewrites, at
    most 100 listed, ``count`` all), and each wording it ran in (``variants``; more than
    one when the wording changed)."""

    first_seen: Appearance
    appearances: list[Appearance]
    count: int
    variants: list[str]


def ids_for(store: Store, name: str) -> list[int]:
    """The speakers a reader means by ``name``: any name they went by (with or without a
    title), or a surname alone, which may be several people."""
    key = name_key(name)
    if not key:
        return []
    rows = store.query(
        "SELECT DISTINCT speaker_id FROM speaker_names WHERE key = ? ORDER BY speaker_id", (key,)
    )
    if not rows and " " not in key:
        rows = store.query("SELECT id FROM speakers WHERE surname = ? ORDER BY id", (key,))
    return [int(row[0]) for row in rows]


def speakers(
    store: Store, *, name: str | None = None, limit: int = 50, offset: int = 0
) -> list[SpeakerRow]:
    """Speakers by how often they are quoted (``name``: only those it may mean), ``limit``
    of them (0: all) after the first ``offset``."""
    where = ""
    params: tuple[int, ...] = ()
    if name is not None:
        ids = ids_for(store, name)
        if not ids:
            return []
        where = f"WHERE s.id IN ({','.join('?' * len(ids))})"
        params = tuple(ids)
    rows = store.query(
        f"""SELECT s.id, s.name, s.type, COUNT(q.rowid) AS quotes,
                   COUNT(DISTINCT d.site) AS outlets, MIN(d.published) AS first_quoted,
                   MAX(d.published) AS last_quoted
            FROM speakers s
            LEFT JOIN quotes q ON q.speaker_id = s.id
            LEFT JOIN documents d ON d.id = q.document_id
            {where}
            GROUP BY s.id ORDER BY quotes DESC, s.id LIMIT ? OFFSET ?""",
        (*params, limit or -1, offset),
    )
    return [
        SpeakerRow(
            int(r["id"]),
            r["name"],
            r["type"],
            _aliases(store, int(r["id"]), r["name"]),
            _roles(store, int(r["id"])),
            int(r["quotes"]),
            int(r["outlets"]),
            r["first_quoted"],
            r["last_quoted"],
        )
        for r in rows
    ]


def _aliases(store: Store, speaker_id: int, name: str) -> list[str]:
    rows = store.query(
        "SELECT DISTINCT name FROM speaker_names WHERE speaker_id = ? ORDER BY name",
        (speaker_id,),
    )
    return [row[0] for row in rows if row[0] != name]


def _roles(store: Store, speaker_id: int) -> list[Role]:
    rows = store.query(
        "SELECT role, first_seen, last_seen FROM speaker_roles WHERE speaker_id = ?"
        " ORDER BY COALESCE(first_seen, ''), role",
        (speaker_id,),
    )
    return [Role(r[0], r[1], r[2]) for r in rows]


def anonymous_sources(store: Store) -> list[OutletSources]:
    """Per outlet, its quotes and how many of them are of anonymous sources, the most
    reliant first."""
    rows = store.query(
        """SELECT d.site, COUNT(*) AS quotes,
                  SUM(q.speaker_type = 'anonymous') AS anonymous
           FROM quotes q JOIN documents d ON d.id = q.document_id
           GROUP BY d.site"""
    )
    outlets = [
        OutletSources(r["site"], int(r["quotes"]), int(r["anonymous"] or 0), 0.0) for r in rows
    ]
    for outlet in outlets:
        outlet.share = round(outlet.anonymous / outlet.quotes, 4) if outlet.quotes else 0.0
    return sorted(outlets, key=lambda o: (-o.share, -o.quotes, o.site or ""))


def provenance(store: Store, family_id: int | None, document_id: int) -> Provenance:
    """Where the quote of this family first ran and where it ran since."""
    if family_id is None:  # stored before families were kept: only its own place known
        rows = store.query(
            "SELECT id AS document_id, url, site, published FROM documents WHERE id = ?",
            (document_id,),
        )
        texts: list[str] = []
    else:
        rows = store.query(
            """SELECT q.document_id, d.url, d.site, d.published
               FROM quotes q INDEXED BY quotes_family_cover
               JOIN documents d INDEXED BY documents_places ON d.id = q.document_id
               WHERE q.family_id = ?
               ORDER BY d.published IS NULL, d.published, q.document_id LIMIT ?""",
            (family_id, _APPEARANCES + 1),
        )
        # each wording's first quote, found in the index; only those few rows are read
        texts = [
            r[0]
            for r in store.query(
                """SELECT text FROM quotes WHERE rowid IN (
                       SELECT MIN(rowid) FROM quotes INDEXED BY quotes_family_cover
                       WHERE family_id = ? GROUP BY text_key ORDER BY MIN(rowid) LIMIT ?)
                   ORDER BY rowid""",
                (family_id, _VARIANTS),
            )
        ]
    appearances = [Appearance(r[0], r[1], r[2], r[3]) for r in rows]
    count = len(appearances)
    if count > _APPEARANCES:
        (total,) = store.query("SELECT COUNT(*) FROM quotes WHERE family_id = ?", (family_id,))
        count = int(total[0])
    return Provenance(appearances[0], appearances[:_APPEARANCES], count, texts)
