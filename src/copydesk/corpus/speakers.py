"""One speaker across articles: the person behind "Obama", "Barack Obama" and "President
Obama", and the families of one quote as it is copied and reworded.

Within an article the understanding stage already names an actor by its fullest form
and keeps its other forms as aliases. Across articles nothing links them, and a reader
asking for a person's quotes types whichever form they know. So every quote's speaker is
linked to a row of ``speakers`` by a name key (case, accents, punctuation and leading
titles set aside); a person named by a surname alone joins the one person of that
surname the store knows, and a surname-only speaker is taken over by the first full
name that ends in it. Two people who share a surname stay apart once both are named in
full; a bare surname that could be either starts its own speaker rather than guess.

A quote's family is every appearance of the same words by the same speaker: wire copies
(the same text), and rewrites (most words shared). The family's first appearance is the
quote's provenance.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata

from copydesk.record import Actor, Article, Quote

# Titles and honorifics that may stand before a name ("President Obama", "Mme Lagarde"),
# in the languages copydesk reads; they are roles, not part of whose name it is.
_TITLES = frozenset(
    """
    mr mrs ms miss mx dr prof professor sir dame lord lady rev reverend father sister
    president vice prime minister chancellor premier senator sen rep representative
    congressman congresswoman gov governor mayor secretary general gen lt col colonel
    maj major capt captain adm admiral sgt judge justice king queen prince princess pope
    sheikh ambassador commissioner chairman chairwoman chair director ceo dep deputy
    m mme mlle monsieur madame président présidente ministre maire
    herr frau präsident präsidentin kanzler kanzlerin bundeskanzler bundeskanzlerin
    sr sra srta señor señora don doña presidente presidenta ministro ministra alcalde
    signor signora sig dott
    """.split()
)
_NOT_WORD = re.compile(r"[^\w\s'-]+")
_SPACE = re.compile(r"\s+")
_QUOTE_WORD = re.compile(r"\w+")
_FAMILY_OVERLAP = 0.6  # share of the shorter wording's words the longer one holds
_SHORT_QUOTE = 5  # words below which a quote is not recognised by its words alone
_FAMILY_CANDIDATES = 2000  # a speaker's newest quotes a new one is compared with


def name_key(name: str) -> str:
    """The form two spellings of one name share: case and accents folded, punctuation
    gone, leading titles dropped (never the last word)."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    folded = "".join(char for char in folded if not unicodedata.combining(char))
    folded = folded.replace("’", "'")
    words = _SPACE.sub(" ", _NOT_WORD.sub(" ", folded)).split()
    words = [word.removesuffix("'s") for word in words]
    while len(words) > 1 and words[0].strip(".'-") in _TITLES:
        words.pop(0)
    return " ".join(words)


def _surname(key: str) -> str:
    return key.rsplit(" ", 1)[-1]


def link_speaker(conn: sqlite3.Connection, actor: Actor, published: str | None) -> int:
    """The ``speakers`` row of this article's actor, made or grown (its names and roles).
    Anonymous sources are one speaker per wording ("U.S. officials"), counted apart."""
    names = [actor.name, *actor.aliases]
    keys = [key for key in dict.fromkeys(name_key(name) for name in names) if key]
    speaker_id = _known(conn, actor.type, keys)
    full = max(names, key=lambda name: len(name_key(name).split()))
    if speaker_id is None:
        speaker_id = int(
            conn.execute(
                "INSERT INTO speakers (name, type, surname) VALUES (?, ?, ?)",
                (full, actor.type, _surname(name_key(full))),
            ).lastrowid
            or 0
        )
    else:
        _grow_name(conn, speaker_id, full, actor.type)
    conn.executemany(
        "INSERT OR IGNORE INTO speaker_names (key, speaker_id, name) VALUES (?, ?, ?)",
        [(name_key(name), speaker_id, name) for name in names if name_key(name)],
    )
    for role in actor.roles:
        _add_role(conn, speaker_id, role, published)
    return speaker_id


def _known(conn: sqlite3.Connection, kind: str, keys: list[str]) -> int | None:
    """The speaker these names already belong to, if the store can tell."""
    for key in sorted(keys, key=lambda k: -len(k.split())):  # the fullest name first
        row = conn.execute(
            "SELECT n.speaker_id FROM speaker_names n JOIN speakers s ON s.id = n.speaker_id"
            " WHERE n.key = ? AND s.type = ? ORDER BY n.speaker_id LIMIT 1",
            (key, kind),
        ).fetchone()
        if row:
            return int(row[0])
    if not keys:
        return None
    fullest = max(keys, key=lambda k: len(k.split()))
    if " " not in fullest and kind != "anonymous":
        # a surname alone: the one person of that name, if only one (a one-word speaker
        # the tagger took for an organisation is that person too, once no organisation
        # of the name is known)
        rows = conn.execute(
            "SELECT id FROM speakers WHERE type = 'person' AND surname = ? LIMIT 2", (fullest,)
        ).fetchall()
        return int(rows[0][0]) if len(rows) == 1 else None
    if kind != "person":
        return None
    # a full name: it takes over a speaker known so far by its surname alone (taken by
    # the tagger for a person, or, as one-word names often are, for an organisation)
    row = conn.execute(
        "SELECT s.id FROM speakers s WHERE s.type != 'anonymous' AND s.surname = ?"
        " AND NOT EXISTS (SELECT 1 FROM speaker_names n"
        "                 WHERE n.speaker_id = s.id AND instr(n.key, ' ') > 0)"
        " ORDER BY s.id LIMIT 1",
        (_surname(fullest),),
    ).fetchone()
    return int(row[0]) if row else None


def _grow_name(conn: sqlite3.Connection, speaker_id: int, name: str, kind: str) -> None:
    """A speaker is called by the fullest name the store has seen for them, and is of
    the type that fullest name was given."""
    (current,) = conn.execute("SELECT name FROM speakers WHERE id = ?", (speaker_id,)).fetchone()
    if len(name_key(name).split()) > len(name_key(current).split()):
        conn.execute(
            "UPDATE speakers SET name = ?, type = ? WHERE id = ?", (name, kind, speaker_id)
        )


def _add_role(conn: sqlite3.Connection, speaker_id: int, role: str, day: str | None) -> None:
    conn.execute(
        "INSERT INTO speaker_roles (speaker_id, role, first_seen, last_seen)"
        " VALUES (?, ?, ?, ?) ON CONFLICT (speaker_id, role) DO UPDATE SET"
        " first_seen = CASE WHEN excluded.first_seen < COALESCE(first_seen, excluded.first_seen)"
        "   THEN excluded.first_seen ELSE COALESCE(first_seen, excluded.first_seen) END,"
        " last_seen = CASE WHEN excluded.last_seen > COALESCE(last_seen, excluded.last_seen)"
        "   THEN excluded.last_seen ELSE COALESCE(last_seen, excluded.last_seen) END",
        (speaker_id, role, day, day),
    )


def speaker_ids(article: Article, conn: sqlite3.Connection) -> list[int | None]:
    """Each quote's speaker row, in quote order (None for a quote with no speaker)."""
    actors = {actor.id: actor for actor in article.actors}
    linked: dict[str, int] = {}
    out: list[int | None] = []
    for quote in article.quotes:
        actor = _actor_of(quote, actors)
        if actor is None:
            out.append(None)
            continue
        if actor.id not in linked:
            linked[actor.id] = link_speaker(conn, actor, article.published.value)
        out.append(linked[actor.id])
    return out


def _actor_of(quote: Quote, actors: dict[str, Actor]) -> Actor | None:
    """The actor a quote's speaker is across the store; None for no speaker, and for
    words that name nobody in particular ("it", "They", "officials"): across articles
    they would make one speaker of every company and crowd."""
    speaker = quote.speaker
    if speaker is None or not name_key(speaker.name) or names_nobody(speaker.name):
        return None
    if speaker.actor and speaker.actor in actors:
        return actors[speaker.actor]
    return Actor(id=f"speaker:{speaker.name}", name=speaker.name, type=speaker.type)


def names_nobody(name: str) -> bool:
    """A pronoun, or a bare plural of sources ("officials", "analysts"), alone."""
    return name.strip().lower() in _NOBODY


# Personal pronouns of the languages read (the clitics of "a-t-il" too), and plurals that
# stand for unnamed people when they come alone.
_NOBODY = frozenset(
    """i we you he she it they me us him her them one
    je tu il elle on nous vous ils elles lui -il -elle -ils -elles -on
    officials sources experts analysts people residents witnesses observers critics
    officers aides insiders""".split()
)


def text_key(text: str) -> str:
    """A quote's words, case and punctuation aside: wire copies of a quote share it."""
    return " ".join(_QUOTE_WORD.findall(text.casefold()))


def family_of(conn: sqlite3.Connection, rowid: int, key: str, speaker_id: int | None) -> int:
    """The family (the rowid of its first quote) a newly written quote belongs to."""
    # the same words: a copy, by this speaker or unattributed; words as short as "No
    # comment" are one quote only when the same speaker says them
    row = conn.execute(
        "SELECT family_id FROM quotes WHERE text_key = ? AND rowid != ?"
        " AND family_id IS NOT NULL AND (speaker_id IS ? OR ?)"
        " ORDER BY rowid LIMIT 1",
        (key, rowid, speaker_id, len(key.split()) >= _SHORT_QUOTE),
    ).fetchone()
    if row:
        return int(row[0])
    if speaker_id is not None and key:
        words = set(key.split())
        for other_key, family in conn.execute(
            "SELECT text_key, family_id FROM quotes WHERE speaker_id = ? AND rowid != ?"
            " AND family_id IS NOT NULL ORDER BY rowid DESC LIMIT ?",
            (speaker_id, rowid, _FAMILY_CANDIDATES),
        ):
            if _reworded(words, set((other_key or "").split())):
                return int(family)
    return rowid


def _reworded(a: set[str], b: set[str]) -> bool:
    """Most of the shorter wording's words are in the longer one (a trim or a rewrite)."""
    shorter = min(len(a), len(b))
    return shorter >= 3 and len(a & b) / shorter >= _FAMILY_OVERLAP


def link_unlinked(conn: sqlite3.Connection) -> int:
    """Speakers and families for quotes stored before the store kept them (the speaker's
    name and type alone, as those rows have no actor); how many quotes were linked."""
    rows = conn.execute(
        "SELECT q.rowid, q.speaker, q.speaker_type, q.text, d.published FROM quotes q"
        " JOIN documents d ON d.id = q.document_id WHERE q.text_key IS NULL ORDER BY q.rowid"
    ).fetchall()
    for rowid, speaker, speaker_type, text, published in rows:
        speaker_id = None
        if speaker and name_key(speaker) and not names_nobody(speaker):
            actor = Actor(id="", name=speaker, type=speaker_type or "unknown")
            speaker_id = link_speaker(conn, actor, published)
        set_links(conn, rowid, text, speaker_id)
    return len(rows)


def set_links(conn: sqlite3.Connection, rowid: int, text: str, speaker_id: int | None) -> None:
    """Write a quote's speaker, words key and family."""
    key = text_key(text)
    conn.execute(
        "UPDATE quotes SET speaker_id = ?, text_key = ? WHERE rowid = ?", (speaker_id, key, rowid)
    )
    family = family_of(conn, rowid, key, speaker_id)
    conn.execute("UPDATE quotes SET family_id = ? WHERE rowid = ?", (family, rowid))
