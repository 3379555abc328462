"""Every error the library raises on bad user input, in one place.

Each is a ``ValueError`` subclass that keeps its facts as attributes and builds the message in
``__str__``, so callers (the CLI, notebooks, tests) can both show and inspect it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One failed check in a dataset file: where, what was found, what is allowed."""

    file: str
    line: int | None
    column: str | None
    value: str | None
    expected: str

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f", line {self.line}"
        if self.column is not None:
            where += f", column '{self.column}'"
        found = "" if self.value is None else f"found {self.value!r}; "
        return f"{where}: {found}expected {self.expected}"


class DatasetError(ValueError):
    """A dataset file breaks its catalog schema (bad value, duplicate key, unknown code, ...).

    The first problem is the headline; ``problems`` holds every one found (the message shows up
    to five).
    """

    def __init__(self, problems: Sequence[Problem]):
        if not problems:
            raise ValueError("DatasetError needs at least one problem")
        self.problems = list(problems)
        first = self.problems[0]
        self.file, self.line, self.column = first.file, first.line, first.column
        self.value, self.expected = first.value, first.expected
        super().__init__(str(self))

    def __str__(self) -> str:
        shown = [str(p) for p in self.problems[:5]]
        more = len(self.problems) - len(shown)
        text = "\n  ".join(shown)
        if more:
            text += f"\n  (and {more} more problem{'s' if more > 1 else ''})"
        return text


class UnknownDatasetError(DatasetError, KeyError):
    """``load`` was asked for a dataset name the catalog does not declare."""

    def __init__(self, name: str, available: Sequence[str]):
        super().__init__(
            [Problem("catalog", None, None, name, f"one of: {', '.join(sorted(available))}")]
        )

    def __str__(self) -> str:
        return f"unknown dataset {self.value!r}; {self.expected}"


class PartnerError(ValueError):
    """A partner name or code that the partners dataset does not know."""

    def __init__(self, given: str, suggestions: Sequence[str] = ()):
        self.given = given
        self.suggestions = list(suggestions)
        super().__init__(str(self))

    def __str__(self) -> str:
        hint = f" Did you mean: {', '.join(self.suggestions)}?" if self.suggestions else ""
        return (
            f"unknown partner {self.given!r}: expected an ISO3 code, an English or Vietnamese "
            f"name, or an alias listed in partners.csv.{hint}"
        )


class ParameterError(ValueError):
    """A report or CLI parameter with a wrong name, type or value."""

    def __init__(self, name: str, given: object, allowed: str, context: str = ""):
        self.name, self.given, self.allowed, self.context = name, given, allowed, context
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.context}: " if self.context else ""
        return f"{where}parameter '{self.name}': got {self.given!r}; allowed: {self.allowed}"


class UnitError(ValueError):
    """Frames in different units were combined."""


class ExtractInputError(ValueError):
    """Unreadable input to the news extractor: file, line, what was wrong, what is allowed."""

    def __init__(self, file: str, problem: str, allowed: str, line: int | None = None):
        self.file, self.problem, self.allowed, self.line = file, problem, allowed, line
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}, line {self.line}"
        return f"{where}: {self.problem}; expected {self.allowed}"
