"""HTML review report: one self-contained page (inline CSS and JS, no network).

The findings and the article texts are embedded as one JSON document in a
`<script type="application/json">` element (with `<`, `>` and `&` escaped, so
no article can close the element); the page's script renders the overview and,
on demand, one document at a time with every finding highlighted in place.
Article text only ever reaches the page as text nodes.
"""

from __future__ import annotations

import functools
import json
from collections import Counter
from importlib import resources
from typing import Any

from checker import __version__
from checker.engine import FileResult, RunResult
from checker.finding import Finding, Span
from checker.registry import load_rules
from checker.report import ReportOptions

_SPAN_TEXT = 200  # characters of a related span's text kept (it may be in another file)

#: Chinese wording of the built-in rules' fix descriptions for the (Chinese) page. The
#: JSON and SARIF reports keep `Fix.description` as it is; a description missing here
#: (a plugin's) is shown unchanged.
FIX_LABELS = {
    # duplicate
    "delete the repeated paragraph": "删除重复的段落",
    "delete the near-duplicate paragraph": "删除内容几乎相同的段落",
    "delete the repeated block": "删除重复的几段文字",
    "keep one copy of the repeated phrase": "重复的短语只保留一遍",
    "drop the doubled character": "删除重复的字",
    # garbled
    "re-decode the mojibake": "按正确的编码还原乱码",
    "delete the file-name line": "删除文件名这一行",
    "delete the line": "删除这一行",
    "remove the markup": "清除残留的网页标记",
    "repair the label": "修复损坏的标签格式",
    "translate the word": "英文单词改为中文",
    # ocr
    "replace the name": "改为正确的名称",
    "use the standard simplified form": "改为规范简体字",
    "restore the character order": "恢复正确的字序",
    "replace the look-alike character": "改正形近字",
    "replace the letters by digits": "误识的字母改为数字",
    "use the spelling of the other files": "改为同批其他文件中的写法",
    # layout
    "join the broken paragraph": "与下段接排",
    "join the broken paragraph and move the caption after it": "与下段接排，图片说明移到接排后的段落之后",
    "move the continuation": "把错位的续文移回断开处",
    # typography
    "convert half-width punctuation to full-width": "半角标点改为全角",
    "delete the space": "删除多余的空格",
    "drop the repeated mark": "删除重复的标点",
    "keep the stronger mark": "只保留其中较强的标点",
    "write the ellipsis as ……": "省略号改为……",
    "use curly quotes": "直引号改为弯引号",
    "insert spaces between Chinese and Latin text": "在中文与英文、数字之间加空格",
}


@functools.cache
def _asset(name: str) -> str:
    return resources.files("checker.report").joinpath("templates", name).read_text(encoding="utf-8")


def script_json(data: Any) -> str:
    """JSON that is safe inside a <script> element (cannot end it or open a comment)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for raw, esc in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(raw, esc)
    return text


def _span(s: Span) -> dict[str, Any]:
    d: dict[str, Any] = {"s": s.start, "e": s.end, "line": s.line, "col": s.column}
    if s.path is not None:
        d["path"] = s.path
    if s.text:
        d["text"] = s.text[:_SPAN_TEXT]
    return d


def _finding(f: Finding) -> dict[str, Any]:
    d: dict[str, Any] = {
        "rule": f.rule,
        "severity": f.severity.value,
        "s": f.start,
        "e": f.end,
        "line": f.line,
        "col": f.column,
        "msg": f.message,
        "sug": f.suggestion,
    }
    if f.related:
        d["rel"] = [_span(s) for s in f.related]
    if f.fix is not None:
        d["fix"] = {
            "applicability": f.fix.applicability.value,
            "desc": FIX_LABELS.get(f.fix.description, f.fix.description),
            "edits": [[e.start, e.end, e.replacement] for e in f.fix.edits],
        }
    return d


def _file(fr: FileResult) -> dict[str, Any]:
    d: dict[str, Any] = {
        "path": fr.path,
        "encoding": fr.encoding,
        "chars": fr.chars,
        "text": fr.document.text if fr.document is not None else "",
        "findings": [_finding(f) for f in fr.findings],
    }
    if fr.error:
        d["error"] = fr.error
    return d


def to_data(result: RunResult) -> dict[str, Any]:
    """What the page's script needs: rules, files with their text, findings."""
    used = Counter(f.rule for f in result.findings)
    rules = {
        code: {"name": r.name, "category": r.category.value, "severity": r.severity.value, "title": r.display_title}
        for code, r in load_rules().items()
        if code in used or r.default_enabled
    }
    for f in result.findings:  # rules registered outside `rules/` (tests, plugins)
        rules.setdefault(f.rule, {"name": f.name, "category": f.category.value, "severity": "", "title": ""})
    return {
        "tool": {"name": "zhcheck", "version": __version__},
        "rules": rules,
        "files": [_file(fr) for fr in result.files],
    }


def render(result: RunResult, options: ReportOptions) -> str:
    from jinja2 import Environment, select_autoescape

    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    template = env.from_string(_asset("report.html"))
    from markupsafe import Markup

    return template.render(
        version=__version__,
        n_files=len(result.files),
        n_findings=len(result.findings),
        css=Markup(_asset("report.css")),
        js=Markup(_asset("report.js")),
        data=Markup(script_json(to_data(result))),
    )
