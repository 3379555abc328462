"""Pure metric functions over the tidy frames ``ngkt.load`` returns.

Grouped by subject: :mod:`~ngkt_analysis.metrics.partnerships` (levels, counts, ladder, trade
coverage by level), :mod:`~ngkt_analysis.metrics.trade` (growth, shares, concentration, upgrade
effects, FTA coverage) and :mod:`~ngkt_analysis.metrics.events` (counts, cadence, timelines,
lags). No I/O, no plotting, no state: a frame in, a frame or a number out.
"""

from __future__ import annotations

from ngkt_analysis.metrics.events import (
    activity_count,
    directive_lag,
    events_per_period,
    partner_timeline,
)
from ngkt_analysis.metrics.partnerships import (
    ladder,
    level_counts,
    level_counts_by_year,
    partner_levels,
    trade_coverage_by_level,
    upgrades_per_year,
)
from ngkt_analysis.metrics.trade import (
    bilateral,
    cagr,
    concentration,
    fta_coverage,
    partner_shares,
    top_partners,
    turnover_balance,
    upgrade_trade_effect,
    yoy_growth,
)

__all__ = [
    "activity_count",
    "bilateral",
    "cagr",
    "concentration",
    "directive_lag",
    "events_per_period",
    "fta_coverage",
    "ladder",
    "level_counts",
    "level_counts_by_year",
    "partner_levels",
    "partner_shares",
    "partner_timeline",
    "top_partners",
    "trade_coverage_by_level",
    "turnover_balance",
    "upgrade_trade_effect",
    "upgrades_per_year",
    "yoy_growth",
]
