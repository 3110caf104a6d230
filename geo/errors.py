"""Problems found in input files, collected and reported together, in Norwegian."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem in one cell (or row, or file) of an input file.

    ``row`` is the row number as a spreadsheet shows it (the header is row 1);
    ``None`` for a problem with the whole file. ``column`` is ``None`` for a whole row.
    """

    file: str
    message: str
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"rad {self.row}")
        if self.column is not None:
            where.append(f"kolonne {self.column}")
        return f"{', '.join(where)}: {self.message}"


#: Most problems one error lists; the rest are counted ("og 412 feil til").
MAX_PROBLEMS = 200


class DataError(ValueError):
    """Input that cannot be used, with every problem found in it.

    ``problems`` lists them (the first :data:`MAX_PROBLEMS`, then one line counting the rest);
    ``str()`` gives one line per problem.
    """

    def __init__(self, problems: list[Problem]):
        problems = list(problems)
        if len(problems) > MAX_PROBLEMS:
            rest = len(problems) - MAX_PROBLEMS
            problems = problems[:MAX_PROBLEMS] + [
                Problem(problems[0].file, f"og {rest} feil til (de første {MAX_PROBLEMS} er vist).")
            ]
        self.problems = problems
        count = len(self.problems)
        head = "Fant 1 feil:" if count == 1 else f"Fant {count} feil:"
        super().__init__("\n".join([head, *(f"- {p}" for p in self.problems)]))
