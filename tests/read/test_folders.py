"""Folder walks: sorted, hidden entries skipped only below the folder named, and what
cannot be read reported by its path while the walk goes on."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from copydesk.errors import ReadError
from copydesk.read import RawDocument, read_documents
from copydesk.read.files import document_files


def _tree(root: Path) -> None:
    for name in [
        "b.txt",
        "a/z.txt",
        "a.txt",
        "a/b/c.html",
        "c/.hidden.txt",
        "c/d.txt~",
        ".git/config.txt",
        "c/e.txt",
        "photo.png",
    ]:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"text of {name}")


def _contents(items: list[RawDocument | ReadError]) -> list[str]:
    return [i.content for i in items if isinstance(i, RawDocument)]


def test_files_come_in_sorted_order_without_hidden_entries(tmp_path: Path) -> None:
    _tree(tmp_path)
    expected = ["a/b/c.html", "a/z.txt", "a.txt", "b.txt", "c/e.txt"]
    assert document_files(tmp_path) == [tmp_path / name for name in expected]
    assert sorted(document_files(tmp_path)) == document_files(tmp_path)
    assert _contents(list(read_documents([str(tmp_path)]))) == [
        f"text of {name}" for name in expected
    ]


def test_a_folder_under_a_hidden_folder_or_given_through_dotdot_is_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    news = tmp_path / ".cache" / "news"
    news.mkdir(parents=True)
    (news / "story.txt").write_text("A story.")
    assert _contents(list(read_documents([str(news)]))) == ["A story."]
    monkeypatch.chdir(tmp_path / ".cache")
    (tmp_path / ".cache" / "other").mkdir()
    monkeypatch.chdir(tmp_path / ".cache" / "other")
    assert _contents(list(read_documents(["../news"]))) == ["A story."]
    assert document_files(Path("../news")) == [Path("../news/story.txt")]


def test_a_hidden_file_named_by_the_user_is_read(tmp_path: Path) -> None:
    (tmp_path / ".draft.txt").write_text("Draft.")
    assert _contents(list(read_documents([str(tmp_path / ".draft.txt")]))) == ["Draft."]


def _deny(monkeypatch: pytest.MonkeyPatch, denied: Path) -> None:
    """Listing ``denied`` fails as it does without read permission (tests may run as root)."""
    real = os.scandir

    def scandir(path: str | os.PathLike[str]) -> object:
        if Path(path) == denied:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)


def test_an_unreadable_folder_named_by_the_user_is_an_error_naming_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _deny(monkeypatch, tmp_path)
    [item] = read_documents([str(tmp_path)])
    assert isinstance(item, ReadError) and item.source == str(tmp_path)
    assert "permission denied" in str(item)


def test_an_unreadable_sub_folder_is_reported_in_its_place_and_the_walk_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path)
    _deny(monkeypatch, tmp_path / "a")
    items = list(read_documents([str(tmp_path)]))
    assert isinstance(items[0], ReadError) and items[0].source == str(tmp_path / "a")
    assert "cannot list the folder: permission denied" in str(items[0])
    assert _contents(items) == ["text of a.txt", "text of b.txt", "text of c/e.txt"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their mode")
def test_unreadable_files_and_folders_on_disk_are_errors_not_tracebacks(tmp_path: Path) -> None:
    _tree(tmp_path)
    (tmp_path / "a.txt").chmod(0)
    (tmp_path / "c").chmod(0)
    try:
        items = list(read_documents([str(tmp_path)]))
    finally:
        (tmp_path / "c").chmod(0o755)
    errors = {i.source: str(i) for i in items if isinstance(i, ReadError)}
    assert "permission denied" in errors[str(tmp_path / "a.txt")]
    assert "permission denied" in errors[str(tmp_path / "c")]
    assert "text of b.txt" in _contents(items)


def test_a_path_whose_parent_cannot_be_searched_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = os.stat

    def stat(path: str | os.PathLike[str], *args: object, **kwargs: object) -> os.stat_result:
        if Path(path) == tmp_path / "locked" / "x.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "stat", stat)
    [item] = read_documents([str(tmp_path / "locked" / "x.txt")])
    assert isinstance(item, ReadError) and "permission denied" in str(item)
