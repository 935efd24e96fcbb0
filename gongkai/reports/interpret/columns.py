"""The column solver (pure): a text row of table 三 has lost its blank cells, so its numbers are placed in the six
applicant columns only where the layout, the table's own sums and the prose leave one possibility.

Rows alone first (`_solve`: bounds from rows already certain, columns the prose states), then jointly across rows
(`_joint`: 一 + 二 = 三（七）+ 四 and the outcome rows adding up to （七）总计, per column). A cell stays unknown —
never guessed — when more than one placement survives.
"""

import itertools
from itertools import combinations

from ..reportdata import COLUMNS
from .tables import T3Row

PARTS = COLUMNS[:-1]          # the six applicant columns; COLUMNS[-1] == "total"
BALANCE = ("new", "carried_in", "outcome_total", "carried_out")
SEARCH_BUDGET = 200_000
SOLVE_ORDER = {"new": 0, "carried_in": 1, "outcome_total": 2, "carried_out": 4}    # outcome rows: 3


def _first_reading(t3: T3Row) -> dict:
    """The cells a row gives by itself: exact rows and full text rows all of them, others their total."""
    if t3.row.exact or len(t3.values) == 7:
        return dict(zip(COLUMNS, t3.values))
    if len(t3.values) == 0:
        return {c: None for c in COLUMNS}
    if len(t3.values) == 1 and t3.values[0] == 0:
        return {c: 0 for c in COLUMNS}
    return {"total": t3.values[-1]}


def _unplaced(t3: T3Row, apps: dict) -> bool:
    return any(c not in apps[t3.key] for c in PARTS)


def assign_columns(rows: list[T3Row], prose_columns: dict[str, dict[str, int]]) -> tuple[dict, list[str]]:
    """The table 三 cells, with the columns of text rows assigned only where certain. Returns (applications,
    keys of rows whose organisation columns stay ambiguous)."""
    apps: dict[str, dict] = {t3.key: _first_reading(t3) for t3 in rows}
    pending = [t3 for t3 in rows if not t3.row.exact and 1 < len(t3.values) != 7]
    pending.sort(key=lambda t: SOLVE_ORDER.get(t.key, 3))
    for _ in range(2):                       # a second round uses what the first made certain
        for t3 in pending:
            apps[t3.key].update(_solve(t3, apps, prose_columns.get(t3.key, {})))
        pending = [t3 for t3 in pending if _unplaced(t3, apps)]
    if pending:
        _joint(rows, apps, prose_columns)
        pending = [t3 for t3 in pending if _unplaced(t3, apps)]
    return apps, [t3.key for t3 in pending]


def _placements(apps: dict, t3: T3Row, stated: dict) -> list[tuple] | None:
    """Every way the row's cells may lie in the six columns (blank = None); None when the row's parts are unknown."""
    cells = apps.get(t3.key, {})
    if all(c in cells for c in PARTS):
        return [tuple(cells[c] for c in PARTS)]
    if t3.row.exact or len(t3.values) < 2:
        return None
    parts, total = t3.values[:-1], t3.values[-1]
    if sum(parts) != total or len(parts) > 6:
        return None
    out = []
    for positions in combinations(range(6), len(parts)):
        row = [None] * 6
        for p, v in zip(positions, parts):
            row[p] = v
        if all((cells.get(c) is None and c not in cells) or cells.get(c) == row[i] for i, c in enumerate(PARTS)) \
                and all((row[PARTS.index(c)] or 0) == v for c, v in stated.items() if c in PARTS):
            out.append(tuple(row))
    return out or None


def _blank_is_zero(value):
    return value or 0                        # a blank cell holds nothing


def _narrow_by_balance(options: dict) -> None:
    """Keep the placements of 一, 二, 三（七）, 四 that satisfy 一 + 二 = 三（七）+ 四 in every column together."""
    if not all(options.get(k) for k in BALANCE):
        return
    combos = 1
    for k in BALANCE:
        combos *= len(options[k])
    if combos > SEARCH_BUDGET:
        return
    z = _blank_is_zero
    keep = {k: set() for k in BALANCE}
    for n, ci, ot, co in itertools.product(*(options[k] for k in BALANCE)):
        if all(z(n[i]) + z(ci[i]) == z(ot[i]) + z(co[i]) for i in range(6)):
            for k, choice in zip(BALANCE, (n, ci, ot, co)):
                keep[k].add(choice)
    if all(keep.values()):
        options.update({k: sorted(v, key=repr) for k, v in keep.items()})


class _OutcomeSearch:
    """Depth-first search for placements of the outcome rows that add up to a placement of （七）总计, column by
    column; remembers every placement that is part of some complete solution. Raises TimeoutError past the budget."""

    def __init__(self, options: dict, outcome_keys: list[str]):
        self.order = sorted(outcome_keys, key=lambda k: len(options[k]))
        self.numeric = [[(choice, tuple(v or 0 for v in choice)) for choice in options[k]] for k in self.order]
        # the most the rows from i on can still add to each column: prunes branches that can no longer reach a total
        self.room = [[0] * 6 for _ in range(len(self.order) + 1)]
        for i in range(len(self.order) - 1, -1, -1):
            self.room[i] = [self.room[i + 1][c] + max(values[c] for _, values in self.numeric[i]) for c in range(6)]
        self.budget = SEARCH_BUDGET
        self.used: dict[str, set] = {k: set() for k in outcome_keys}
        self.totals_used: set = set()

    def run(self, totals: list) -> None:
        for choice in totals:
            self._search(0, [0] * 6, [], [v or 0 for v in choice], choice)

    def _search(self, i: int, sums: list, chosen: list, total: list, total_choice) -> None:
        self.budget -= 1
        if self.budget < 0:
            raise TimeoutError
        if i == len(self.order):
            if sums == total:
                for k, choice in zip(self.order, chosen):
                    self.used[k].add(choice)
                self.totals_used.add(total_choice)
            return
        ahead = self.room[i + 1]
        for choice, values in self.numeric[i]:
            new_sums = [sums[c] + values[c] for c in range(6)]
            if all(total[c] - ahead[c] <= new_sums[c] <= total[c] for c in range(6)):
                chosen.append(choice)
                self._search(i + 1, new_sums, chosen, total, total_choice)
                chosen.pop()


def _narrow_by_outcome_sum(rows: list[T3Row], options: dict) -> None:
    """Keep the placements of the outcome rows and of （七）总计 that are part of a solution where the outcome rows
    add up to the total in every column."""
    outcome_keys = [t3.key for t3 in rows if t3.key not in BALANCE]
    if not (options.get("outcome_total") and outcome_keys and all(options.get(k) for k in outcome_keys)):
        return
    search = _OutcomeSearch(options, outcome_keys)
    try:
        search.run(options["outcome_total"])
    except TimeoutError:
        return                                # too many possibilities: keep what each row alone made certain
    if search.totals_used and all(search.used.values()):
        options.update({k: sorted(v, key=repr) for k, v in search.used.items()})
        options["outcome_total"] = sorted(search.totals_used, key=repr)


def _joint(rows: list[T3Row], apps: dict, prose_columns: dict) -> None:
    """Use the table's own sums across rows to place what no single row can: keep only the placements that appear
    in some complete solution, and fix every column on which the survivors agree."""
    options = {t3.key: _placements(apps, t3, prose_columns.get(t3.key, {})) for t3 in rows}
    _narrow_by_balance(options)
    _narrow_by_outcome_sum(rows, options)
    for t3 in rows:
        choices = options.get(t3.key)
        if not choices:
            continue
        for i, column in enumerate(PARTS):
            values = {choice[i] for choice in choices}
            if len(values) == 1 and column not in apps[t3.key]:
                apps[t3.key][column] = values.pop()


def _bound(apps: dict, key: str, column: str) -> float:
    """The largest value a text row may hold in a column, from rows already certain."""
    def cell(row):
        cells = apps.get(row, {})
        if column not in cells:
            return None
        return cells[column] or 0           # a blank cell in a certain row holds nothing
    if key == "outcome_total" or key == "carried_out":
        new, carried_in = cell("new"), cell("carried_in")
        if new is not None and carried_in is not None:
            room = new + carried_in
            if key == "carried_out" and cell("outcome_total") is not None:
                room -= cell("outcome_total")
            return room
        return float("inf")
    if key not in ("new", "carried_in"):
        total = cell("outcome_total")
        return float("inf") if total is None else total
    return float("inf")


def _solve(t3: T3Row, apps: dict, stated: dict[str, int]) -> dict:
    """Order-preserving placements of a text row's numbers into the six applicant columns that respect the
    bounds and the prose; the cells on which every surviving placement agrees."""
    parts = t3.values[:-1]
    total = t3.values[-1]
    if sum(parts) != total or len(parts) > 6:
        return {}
    bounds = [_bound(apps, t3.key, c) for c in PARTS]
    placements = []
    for positions in combinations(range(6), len(parts)):
        cells = [None] * 6
        for p, v in zip(positions, parts):
            cells[p] = v
        if any(v is not None and v > b for v, b in zip(cells, bounds)):
            continue
        if any((cells[PARTS.index(c)] or 0) != v for c, v in stated.items() if c in PARTS):
            continue
        placements.append(cells)
    if not placements:
        return {}
    certain = {}
    for i, column in enumerate(PARTS):
        options = {p[i] for p in placements}
        if len(options) == 1:
            certain[column] = options.pop()
    return certain
