"""The kernel side of a warm kernel: imported once, then reset between reports.

The runner executes :data:`WARM_UP` when a kernel starts and :data:`RESET` before every report,
so a report sees the same state as in a fresh kernel (an empty namespace, default matplotlib and
plotly settings, figure ids from 1) while the imports and loaded datasets stay warm.
"""

from __future__ import annotations

import random
import sys
from typing import Any

WARM_UP = (
    "from ngkt_analysis.reports import kernel as _ngkt_kernel\n"
    "_ngkt_kernel.warm()\n"
    "del _ngkt_kernel"
)
RESET = "from ngkt_analysis.reports import kernel as _ngkt_kernel\n_ngkt_kernel.restore()"

_saved: dict[str, Any] = {}


def warm(datasets: tuple[str, ...] = ()) -> None:
    """Import what the notebooks use and remember the settings :func:`restore` goes back to."""
    from ngkt_analysis.reports.startup import skip_slow_optional_imports

    skip_slow_optional_imports()
    import matplotlib.pyplot  # noqa: F401  (a warm kernel pays for it before the first report)

    import ngkt_analysis as ngkt
    import ngkt_analysis.metrics
    import ngkt_analysis.reports.charts
    import ngkt_analysis.reports.narrative
    from ngkt_analysis.datasets import names

    for name in datasets or tuple(names()):
        try:
            ngkt.load(name)
        except ValueError:  # a broken dataset fails in the report that uses it
            pass
    _rehearse()
    remember()


def remember() -> None:
    """Remember the settings :func:`restore` puts back.

    Those of plotly and pandas' display, and matplotlib's once pyplot is imported: a report that
    draws nothing with matplotlib does not pay for importing it.
    """
    import pandas as pd
    import plotly.io as pio

    _saved["renderer"] = pio.renderers.default
    _saved["template"] = pio.templates.default
    _saved["pandas"] = {k: pd.get_option(k) for k in ("display.max_rows", "display.max_columns")}
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib

        _saved["rc"] = matplotlib.rcParams.copy()


def restore() -> None:
    """Put back the settings a report may have changed; restart figure numbering."""
    import numpy as np
    import pandas as pd
    import plotly.io as pio

    from ngkt_analysis.reports import charts

    if not _saved:
        remember()
    _clear_namespace()
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib
        import matplotlib.pyplot as plt

        plt.close("all")
        # saved values are valid: skip re-validation
        dict.update(matplotlib.rcParams, _saved.get("rc") or _pristine_rc())
    pio.renderers.default = _saved["renderer"]
    pio.templates.default = _saved["template"]
    for key, value in _saved["pandas"].items():
        pd.set_option(key, value)
    charts.reset_figure_ids()
    random.seed(0)
    np.random.seed(0)  # noqa: NPY002  (reports draw nothing at random; this pins any that do)


def _pristine_rc() -> dict[str, Any]:
    """Return matplotlib's settings as a fresh ``import matplotlib.pyplot`` leaves them.

    That is the rc file as read at import (``rcParamsOrig``; the inline backend adds nothing:
    its ``InlineBackend.rc`` is empty) with the backend pyplot resolved.
    """
    import matplotlib

    rc = dict(matplotlib.rcParamsOrig)
    rc["backend"] = matplotlib.rcParams["backend"]
    _saved["rc"] = rc
    return rc


def _clear_namespace() -> None:
    """Empty the user namespace and the output cache, as ``%reset -f`` does, minus its slow parts.

    ``%reset`` also resets the history database and runs a full garbage collection (about 0.3 s
    with pandas and plotly loaded); neither is visible to a notebook.
    """
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:  # not in a kernel (tests call restore() directly)
        return
    hidden = shell.user_ns_hidden
    for name in [n for n in shell.user_ns if n not in hidden and not n.startswith("__")]:
        del shell.user_ns[name]
    shell.user_ns["Out"].clear()
    shell.user_ns.update({"_": "", "__": "", "___": ""})


def _rehearse() -> None:
    """Draw one throw-away chart of each kind before the first report.

    Plotly loads its validators lazily; paying that here, while the runner is still busy
    starting up, keeps it out of the first report.
    """
    import pandas as pd

    from ngkt_analysis.reports import charts

    frame = pd.DataFrame(
        {
            "x": [1, 2],
            "y": [1.0, float("nan")],
            "g": ["a", "b"],
            "d": pd.to_datetime(["2020", "2021"]),
        }
    )
    kw = {"title": "t", "x_title": "x", "y_title": "y", "source": "s"}
    figures = [
        charts.lines(frame, "x", "y", "g", **kw),
        charts.bars(frame, "x", "y", "g", stacked=True, **kw),
        charts.timeline(frame, "d", "g", "g", text="g", **kw),
    ]
    for fig in figures:
        fig._repr_mimebundle_()
    charts.reset_figure_ids()
