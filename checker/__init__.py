"""zhcheck: a quality checker for Chinese articles.

Python API::

    import zhcheck
    findings = zhcheck.check_text("他说:今天天气很好。")
    findings = zhcheck.check_paths(["corpus/seeds"], config={"select": ["D"]})
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Config", "Document", "Finding", "__version__", "check_paths", "check_text", "load_config"]

if TYPE_CHECKING:
    from zhcheck.config import Config, load_config
    from zhcheck.document import Document
    from zhcheck.engine import check_paths, check_text
    from zhcheck.finding import Finding

_LAZY = {
    "check_text": "zhcheck.engine",
    "check_paths": "zhcheck.engine",
    "Config": "zhcheck.config",
    "load_config": "zhcheck.config",
    "Finding": "zhcheck.finding",
    "Document": "zhcheck.document",
}


def __getattr__(name: str) -> Any:  # lazy imports keep `zhcheck --help` fast
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
