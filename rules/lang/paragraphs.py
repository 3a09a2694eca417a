"""What a paragraph of a Chinese article is, from its own text: a byline, a photo
caption, a headline, or (None) something else. Registered with the engine as a
paragraph classifier; the layout rules refine the guess with the neighbours."""

from __future__ import annotations

from zhcheck.document import Kind
from zhcheck.lazyre import lazy
from zhcheck.registry import paragraph_classifier
from zhcheck.textutil import CJK_RE, SENTENCE_END

_BYLINE = lazy(
    r"^(?:[□■►▶●◆◇○▲△※]\s*)?"
    r"(?:[（(]\s*)?"
    r"(?:本报(?:驻[^\s，。：:]{1,10})?(?:记者|评论员|特约评论员|通讯员)|记者|通讯员|特约记者|实习生|评论员|文\s*[/／:：]|图\s*[/／:：]|"
    r"(?:责任|视觉|美术|文字)?编辑|校对|审核|统筹|撰稿|作者|来源)"
)
_BYLINE_PAREN = lazy(r"^[\s\u3000]*[（(][^（）()]{2,40}[）)]$")
_NAME_LIST = lazy(r"^[►▶●□■]\s*\S{2,4}(?:\s+\S{2,4})*$")
_CAPTION = lazy(
    r"(?:[/／]\s*(?:摄|画|绘)\s*$|[/／]\s*摄|\s摄\s*$|摄\s*[/／]|摄影[：:\s]|^图为|^[△▲]|^[（(]?图片|图片来源|"
    r"(?:照片|图片)提供[：:]|^(?:本版)?图片[：:来]|"
    r"^(?:上|下|左|右|左上|右上|左下|右下)图[：:\s]|(?:记者|通讯员)\s*\S{2,4}\s*摄"
    # a credit closing the caption: a file photo, a news agency's, a photographer's in brackets
    r"|(?:资料图片|新华社发)\s*[）)]?\s*$|[（(][^（）()]{1,12}\s摄[）)]\s*$"
    # an outlet's picture credit after the caption's last sentence, or alone: 。某某图片
    r"|(?:^|[。！？])[\u4e00-\u9fff]{2,4}图片\s*$)"
)
#: every _CAPTION alternative contains one of these (a cheap test before the regex)
_CAPTION_HINT = lazy("[/／摄图△▲发]")
_SENTENCE_PUNCT = frozenset(SENTENCE_END)
_HEADLINE_INNER = set("？！")
_CLAUSE_MARK = lazy(r"[，。；,;]")
_CLAUSE_PUNCT = lazy(r"[，。！？；,;!?]")


@paragraph_classifier
def classify(text: str) -> Kind | None:
    """A caption, byline or headline, from the paragraph's own text (None: body text)."""
    if len(text) <= 200 and _CAPTION_HINT.search(text) and _CAPTION.search(text):
        return Kind.CAPTION
    if (
        len(text) <= 60
        and (_BYLINE.match(text) or _BYLINE_PAREN.match(text) or _NAME_LIST.match(text))
        and not _CLAUSE_PUNCT.search(text)  # "记者在村里采访时发现，……" is a sentence
    ):
        return Kind.BYLINE
    if _looks_like_heading(text):
        return Kind.HEADING
    return None


def _looks_like_heading(text: str) -> bool:
    stripped = text.strip("*_ ")
    if not stripped or len(stripped) > 40 or not CJK_RE.search(stripped):
        return False
    inner = [c for c in stripped[:-1] if c in _SENTENCE_PUNCT]
    # a headline may ask and answer: 秋冬如何防病？专家给出建议
    if inner and not (len(stripped) <= 30 and set(inner) <= _HEADLINE_INNER and not _CLAUSE_MARK.search(stripped)):
        return False
    return stripped[-1] not in "。！？!?；;，,、：:"
