from __future__ import annotations

from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).parent.parent / "samples"


def fixture(name: str) -> Path:
    return FIXTURES / name


def sample(name: str) -> Path:
    return SAMPLES / name
