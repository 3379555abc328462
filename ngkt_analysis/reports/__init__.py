"""Parameterised notebooks → deterministic HTML reports, fast batches, an index page.

- :mod:`params`: each notebook's parameters, read from its ``parameters`` cell, validated early.
- :mod:`engines`: ways to execute notebooks behind a registry (``local``: warm kernels).
- :mod:`execute`: the runner (validate, resume, execute, write atomically).
- :mod:`export`: executed notebook → HTML; :mod:`index`: ``index.html``.
- :mod:`plans`: YAML batch plans and the default report set.
- :mod:`facts`: what each report kind says (the numbers), computed from the metrics.
- :mod:`charts`, :mod:`narrative`: what the notebooks call to draw and to write.
- :mod:`kernel`: the kernel side of a warm kernel (warm-up, reset between reports).
- :mod:`startup`: keeps a slow optional import out of the runner's processes.

Nothing heavy is imported here; the submodules load on use.
"""

from __future__ import annotations

from ngkt_analysis.reports.execute import Job, ReportResult, render, render_batch

__all__ = ["Job", "ReportResult", "render", "render_batch"]
