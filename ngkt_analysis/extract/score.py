"""Precision, recall and F1 of extracted records against a gold file (guidelines §7).

Per passage, predictions are matched one-to-one to gold records by the key of each record type;
counts are then summed over passages (micro-average), per type and overall.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any

RECORD_TYPES = ("events", "figures", "partner_upgrades", "persons", "documents")
CORE_UNITS = frozenset({"USD", "VND", "percent", "count"})


def _name(s: Any) -> str:
    return " ".join(unicodedata.normalize("NFC", str(s or "")).casefold().split())


def _year(rec: Mapping[str, Any], mode: str) -> int | None:
    if mode == "resolved":
        d = rec.get("date_resolved")
        return int(str(d)[:4]) if d else None
    y = rec.get("year")
    return int(y) if y is not None else None


def _event_match(mode: str) -> Callable[[Mapping[str, Any], Mapping[str, Any]], bool]:
    def match(p: Mapping[str, Any], g: Mapping[str, Any]) -> bool:
        if (p.get("month"), p.get("day")) != (g.get("month"), g.get("day")):
            return False
        py, gy = _year(p, mode), _year(g, mode)
        if g.get("precision") == "year" or p.get("precision") == "year":
            return py is not None and py == gy
        return py is None or gy is None or py == gy

    return match


def _figure_match(p: Mapping[str, Any], g: Mapping[str, Any]) -> bool:
    try:
        pv, gv = float(p["value"]), float(g["value"])
    except (TypeError, ValueError, KeyError):
        return False
    return p.get("unit") == g.get("unit") and math.isclose(pv, gv, rel_tol=1e-6, abs_tol=1e-9)


def _upgrade_match(p: Mapping[str, Any], g: Mapping[str, Any]) -> bool:
    return (p.get("partner"), p.get("level")) == (g.get("partner"), g.get("level"))


def _person_match(p: Mapping[str, Any], g: Mapping[str, Any]) -> bool:
    names = {_name(g.get("name")), *(_name(a) for a in g.get("aliases") or [])}
    return _name(p.get("name")) in names


def _lead_int(number: Any) -> int | None:
    m = re.match(r"\s*(\d+)", str(number or ""))
    return int(m.group(1)) if m else None


def _document_match(p: Mapping[str, Any], g: Mapping[str, Any]) -> bool:
    return p.get("kind") == g.get("kind") and _lead_int(p.get("number")) == _lead_int(
        g.get("number")
    )


def matchers(
    mode: str = "strict",
) -> dict[str, Callable[[Mapping[str, Any], Mapping[str, Any]], bool]]:
    """Return the match rule of each record type (``mode``: ``strict`` or ``resolved``)."""
    return {
        "events": _event_match(mode),
        "figures": _figure_match,
        "partner_upgrades": _upgrade_match,
        "persons": _person_match,
        "documents": _document_match,
    }


def match_records(
    pred: list[Mapping[str, Any]],
    gold: list[Mapping[str, Any]],
    rule: Callable[[Mapping[str, Any], Mapping[str, Any]], bool],
    prefer: Callable[[Mapping[str, Any], Mapping[str, Any]], bool] | None = None,
) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs ``(pred index, gold index)`` under ``rule``.

    With ``prefer``, pairs that also satisfy it are made first, so two records with the same
    key (France at two dates) pair with their own dates; the pair count, and so P/R/F1, is the
    same either way.

    Examples
    --------
    >>> match_records([{"v": 1}, {"v": 1}], [{"v": 1}], lambda p, g: p["v"] == g["v"])
    [(0, 0)]
    >>> pred, gold = [{"k": 1, "d": "a"}, {"k": 1, "d": "b"}], [{"k": 1, "d": "b"}]
    >>> match_records(pred, gold, lambda p, g: p["k"] == g["k"], lambda p, g: p["d"] == g["d"])
    [(1, 0)]
    """
    used_p: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    passes = [lambda p, g: rule(p, g) and prefer(p, g)] if prefer is not None else []
    for test in [*passes, rule]:
        for gi, g in enumerate(gold):
            if gi in used_g:
                continue
            for pi, p in enumerate(pred):
                if pi not in used_p and test(p, g):
                    used_p.add(pi)
                    used_g.add(gi)
                    pairs.append((pi, gi))
                    break
    return sorted(pairs)


def _role_ok(p: Mapping[str, Any], g: Mapping[str, Any]) -> bool:
    role = _name(p.get("role"))
    options = [_name(r) for r in [g.get("role"), *(g.get("roles") or [])] if r]
    return bool(role) and any(role == o or role in o or o in role for o in options)


_ATTRIBUTES: dict[str, tuple[str, ...]] = {
    "events": ("event_type", "location", "date_end"),
    "figures": ("indicator", "measure", "year", "partner", "qualifier"),
    "partner_upgrades": ("date",),
    "persons": ("role",),
    "documents": ("date",),
}


def score(
    gold: Iterable[Mapping[str, Any]],
    pred: Iterable[Mapping[str, Any]],
    mode: str = "strict",
    core_units: bool = False,
) -> dict[str, dict[str, float]]:
    """Per-type and overall P/R/F1 plus attribute accuracy on matched pairs.

    Parameters
    ----------
    gold, pred : iterables of dicts
        Passages in the gold shape (``{"id", "events", ...}``), matched by ``id``; a passage
        missing from ``pred`` counts as predicting nothing.
    mode : {"strict", "resolved"}
        Which year of events is compared: ``year`` or the year of ``date_resolved``.
    core_units : bool
        Drop figures outside USD/VND/percent/count from both sides.

    Returns
    -------
    dict
        ``{type: {"tp", "pred", "gold", "precision", "recall", "f1", "<attr>_acc"...}}`` and
        an ``"overall"`` entry (micro-averaged over all records).

    Examples
    --------
    >>> g = [{"id": "a", "figures": [{"value": 60, "unit": "count"}], "persons": []}]
    >>> figs = [{"value": 60.0, "unit": "count"}, {"value": 2, "unit": "count"}]
    >>> p = [{"id": "a", "figures": figs}]
    >>> s = score(g, p)
    >>> s["figures"]["precision"], s["figures"]["recall"], round(s["overall"]["f1"], 3)
    (0.5, 1.0, 0.667)
    """
    if mode not in ("strict", "resolved"):
        raise ValueError(f"mode: expected 'strict' or 'resolved', got {mode!r}")
    rules = matchers(mode)
    preds = {str(p.get("id")): p for p in pred}
    counts = {k: {"tp": 0, "pred": 0, "gold": 0} for k in RECORD_TYPES}
    attrs: dict[str, dict[str, list[bool]]] = {
        k: {a: [] for a in _ATTRIBUTES[k]} for k in RECORD_TYPES
    }
    for g in gold:
        p = preds.get(str(g.get("id")), {})
        for kind in RECORD_TYPES:
            gl, pl = list(g.get(kind) or []), list(p.get(kind) or [])
            if kind == "figures" and core_units:
                gl = [r for r in gl if r.get("unit") in CORE_UNITS]
                pl = [r for r in pl if r.get("unit") in CORE_UNITS]
            same = _ATTRIBUTES[kind]
            pairs = match_records(
                pl, gl, rules[kind], lambda p, g, a=same: all(p.get(k) == g.get(k) for k in a)
            )
            counts[kind]["tp"] += len(pairs)
            counts[kind]["pred"] += len(pl)
            counts[kind]["gold"] += len(gl)
            for pi, gi in pairs:
                for a in _ATTRIBUTES[kind]:
                    ok = _role_ok(pl[pi], gl[gi]) if a == "role" else pl[pi].get(a) == gl[gi].get(a)
                    attrs[kind][a].append(ok)
    out: dict[str, dict[str, float]] = {}
    total = {"tp": 0, "pred": 0, "gold": 0}
    for kind in RECORD_TYPES:
        c = counts[kind]
        out[kind] = {**c, **_prf(c["tp"], c["pred"], c["gold"])}
        for a, oks in attrs[kind].items():
            out[kind][f"{a}_acc"] = sum(oks) / len(oks) if oks else float("nan")
        for f in total:
            total[f] += c[f]
    out["overall"] = {**total, **_prf(total["tp"], total["pred"], total["gold"])}
    return out


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else (1.0 if n_gold == 0 else 0.0)
    r = tp / n_gold if n_gold else (1.0 if n_pred == 0 else 0.0)
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f}


def format_table(scores: dict[str, dict[str, float]], title: str = "") -> str:
    """Format a plain-text table of P/R/F1 per type (for the bench script and notes).

    Examples
    --------
    >>> print(format_table({"overall": {"tp": 1, "pred": 1, "gold": 1, "precision": 1.0,
    ...                                 "recall": 1.0, "f1": 1.0}}))
    type                  tp  pred  gold      P      R     F1
    overall                1     1     1  1.000  1.000  1.000
    """
    lines = [title] if title else []
    lines.append(f"{'type':<18} {'tp':>5} {'pred':>5} {'gold':>5} {'P':>6} {'R':>6} {'F1':>6}")
    for kind, s in scores.items():
        lines.append(
            f"{kind:<18} {s['tp']:>5} {s['pred']:>5} {s['gold']:>5} "
            f"{s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}"
        )
    return "\n".join(lines)
