"""Stage components and the check that they can run in the order given.

Each component says which record fields it reads and which it writes (spaCy's
``requires``/``assigns``). A pipeline refuses to be built when a component reads a field
that nothing before it writes, so a missing step fails at start-up, not on page 10,000.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Generic, Protocol, TypeVar

from copydesk.errors import PipelineError
from copydesk.record import Article

S = TypeVar("S")
S_contra = TypeVar("S_contra", contravariant=True)


class Component(Protocol[S_contra]):
    """One job over a record; the state carries what a stage's components share."""

    name: str
    reads: tuple[str, ...]
    writes: tuple[str, ...]

    def __call__(self, article: Article, state: S_contra) -> None: ...


class Pipeline(Generic[S]):
    """Components in order, checked against the fields the record already holds."""

    def __init__(
        self, components: Iterable[Component[S]], *, given: Iterable[str], state: Callable[[], S]
    ) -> None:
        self.components = list(components)
        self.new_state = state
        written = set(given)
        for component in self.components:
            missing = [field for field in component.reads if field not in written]
            if missing:
                raise PipelineError(
                    f"component '{component.name}' reads {', '.join(missing)}, which no "
                    "earlier step writes: add the component that writes it before this one"
                )
            written.update(component.writes)

    def __call__(self, article: Article) -> Article:
        state = self.new_state()
        for component in self.components:
            component(article, state)
        return article
