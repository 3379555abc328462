"""Keep one slow optional import out of the runner's processes (the CLI and its kernels).

``nbformat`` (imported by nbclient, papermill and by plotly's renderers) imports ``jsonschema``,
which imports ``rfc3987_syntax`` when it is installed (it is, through jupyter-events) only to
offer the optional ``iri`` string formats, and that package builds its Lark grammar at import:
about a second per process on a 2-core machine. Nothing here validates ``iri`` formats, so the
runner marks the module unavailable before anything imports it. Interactive sessions are left
alone.
"""

from __future__ import annotations

import sys

_SKIPPED = ("rfc3987_syntax",)


def skip_slow_optional_imports() -> None:
    """Make ``import rfc3987_syntax`` raise ImportError in this process, unless already loaded."""
    for name in _SKIPPED:
        sys.modules.setdefault(name, None)  # type: ignore[arg-type]  (None: "not importable")
