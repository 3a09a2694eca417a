"""zhcheck: a quality checker for Chinese articles.

Python API::

    import checker
    findings = checker.check_text("他说:今天天气很好。")
    findings = checker.check_paths(["corpus/seeds"], config={"select": ["D"]})
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Config", "Document", "Finding", "__version__", "check_paths", "check_text", "load_config"]

if TYPE_CHECKING:
    from checker.config import Config, load_config
    from checker.document import Document
    from checker.engine import check_paths, check_text
    from checker.finding import Finding

_LAZY = {
    "check_text": "checker.engine",
    "check_paths": "checker.engine",
    "Config": "checker.config",
    "load_config": "checker.config",
    "Finding": "checker.finding",
    "Document": "checker.document",
}


def __getattr__(name: str) -> Any:  # lazy imports keep `zhcheck --help` fast
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(name)
