"""Duplicate family, across files: D301 cross-file-duplicate (MinHash LSH)."""

from __future__ import annotations

import pickle
import random

from zhcheck.document import Document
from zhcheck.engine import check_paths
from zhcheck.finding import Severity
from zhcheck.rules.duplicate.corpus import (
    CANDIDATE_THRESHOLD,
    LSH_BANDS,
    LSH_ROWS,
    MAX_CANDIDATES,
    MIN_CHARS,
    NUM_PERM,
    THRESHOLD,
    _sketch,
    band_keys,
    bucket_edges,
    clusters,
    groups_from_edges,
    signatures,
)

SHARED = (
    "全国文明城市是反映城市整体文明水平的综合性荣誉称号，也是含金量最高、影响力最大的城市品牌。"
    "今年是本轮创建周期的关键一年。"
)
D301 = {"select": ["D301"], "min-severity": "info"}


def write(tmp_path, name: str, *paras: str) -> str:
    p = tmp_path / name
    p.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    return str(p)


def test_d301_syndicated_paragraph_reported_in_later_files(tmp_path) -> None:
    a = write(tmp_path, "a.txt", "示范区掀起文明城市创建新热潮", SHARED, "示范区召开全区创建全国文明城市誓师大会。")
    b = write(tmp_path, "b.txt", "滨湖街道严把农村集中供水安全关", "该街道纪工委成立安全饮水检查组，走村入户。", SHARED)
    near = SHARED.replace("今年", "明年")
    c = write(tmp_path, "c.txt", "鹤壁新闻网讯", near)
    findings = check_paths([tmp_path], D301)
    assert [(f.path, f.line) for f in findings] == [(b, 5), (c, 3)]
    for f in findings:
        assert f.severity is Severity.INFO and f.related[0].path == a and f.related[0].line == 3
        assert f.message.startswith("本段也出现在另外 2 个文件中")
    assert findings[0].text == SHARED and findings[1].text == near


def test_d301_ignores_short_paragraphs_and_repeats_within_one_file(tmp_path) -> None:
    write(tmp_path, "a.txt", "本报讯（记者张亚丹）", SHARED, SHARED)
    other = "示范区在推进创建工作中，坚持专项推进、项目推动，持续提升创文工作精准度，找准薄弱环节。"
    write(tmp_path, "b.txt", "本报讯（记者张亚丹）", other)
    assert check_paths([tmp_path], D301) == []


def test_d301_statutes_restate_each_other_s_provisions(tmp_path) -> None:
    provision = (
        "当事人对已经发生法律效力的判决、裁定，认为有错误的，可以向上一级人民法院申请再审，但不停止判决、裁定的执行。"
    )
    for name, law in (("a.txt", "中华人民共和国甲法"), ("b.txt", "中华人民共和国乙法")):
        articles = [f"第{n}条　本法适用于{law}规定的事项。" for n in ("一", "二", "三")]
        write(tmp_path, name, law, *articles, f"第四条　{provision}")
    assert check_paths([tmp_path], D301) == []
    # the same paragraph in two news stories is a syndicated copy
    write(tmp_path, "c.txt", "再审制度答问", provision)
    write(tmp_path, "d.txt", "法院工作报告解读", provision)
    assert [f.path for f in check_paths([tmp_path], D301)] == [str(tmp_path / "d.txt")]


def test_signatures_are_small_and_carry_no_text() -> None:
    doc = Document("标题\n\n" + SHARED + "\n\n短段落。\n")
    sigs = signatures(doc)
    assert len(sigs) == 1 and (sigs[0].start, sigs[0].end) == (4, 4 + len(SHARED))
    blob = pickle.dumps(sigs)
    assert len(blob) < 600 and SHARED[:6].encode("utf-8") not in blob
    assert len(sigs[0].minhash) == 64 * 4


def test_clusters_on_generated_files() -> None:
    rng = random.Random(7)
    alphabet = [chr(0x4E00 + k) for k in range(0, 6000, 2)]
    docs = []
    shared = ["".join(rng.choice(alphabet) for _ in range(80)) for _ in range(20)]
    for i in range(300):
        paras = ["".join(rng.choice(alphabet) for _ in range(rng.randint(MIN_CHARS, 150))) for _ in range(8)]
        if i % 10 == 0:
            paras.append(shared[i // 15])
        docs.append(Document("\n\n".join(paras)))
    items, owner = [], []
    for n, d in enumerate(docs):
        for s in signatures(d):
            items.append(s)
            owner.append(n)
    groups = clusters(items)
    got = sorted(sorted(owner[i] for i in g) for g in groups)
    want = sorted(sorted(n for n in range(0, 300, 10) if n // 15 == k) for k in range(20) if k * 15 < 300)
    assert got == [w for w in want if len(w) > 1]


def test_d301_a_story_filed_twice_is_one_finding(tmp_path) -> None:
    story = [
        "春耕生产一线见闻",
        "连日来，各地抢抓农时开展春耕生产，田间地头处处是农民忙碌的身影，农机手们驾驶拖拉机来回穿梭。",
        "今年全县计划播种粮食作物80万亩，目前已完成春播面积的六成以上，各项农资供应充足，价格总体平稳。",
        "县农业农村局组织技术人员深入田间，指导农户科学施肥、合理灌溉，推广良种良法，为丰收打下基础。",
    ]
    a = write(tmp_path, "a.txt", *story)
    b = write(tmp_path, "b.txt", "本报讯", *story[1:])
    (f,) = check_paths([tmp_path], D301)
    assert (f.path, f.line, f.end_line) == (b, 3, 7)
    assert f.text == "\n\n".join(story[1:])
    assert f.related[0].path == a and (f.related[0].line, f.related[0].end_line) == (3, 7)
    assert f.message == f"这 3 段也出现在 {a} 中（第 3–7 行），疑为重复收录"


def _datasketch_pairs(items, reps) -> set[frozenset[int]]:
    """The near-copy pairs as datasketch's MinHashLSH finds them (the reference for the bucket join)."""
    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH

    lsh = MinHashLSH(threshold=CANDIDATE_THRESHOLD, num_perm=NUM_PERM)
    sketches = {}
    for i in reps:
        values = np.frombuffer(items[i].minhash, dtype=np.uint32)
        sketches[i] = LeanMinHash(seed=1, hashvalues=values, scheme="affine32")
        lsh.insert(i, sketches[i], check_duplication=False)
    return {
        frozenset((i, j))
        for i in reps
        for j in lsh.query(sketches[i])
        if j != i and sketches[i].jaccard(sketches[j]) >= THRESHOLD
    }


def _near_copies(n: int, seed: int) -> list[Document]:
    rng = random.Random(seed)
    base = "示范区在推进创建工作中，坚持专项推进、项目推动，持续提升创文工作精准度，找准薄弱环节，补齐短板弱项。"
    docs = []
    for k in range(n):  # near copies of one boilerplate paragraph, some exact
        chars = list(base)
        for _ in range(k % 4):
            chars[rng.randrange(len(chars))] = chr(0x4E00 + rng.randrange(20000))
        docs.append(Document("".join(chars) + "\n\n" + base[k % 12 :] + "，并且" * (k % 5)))
    return docs


def _bucket_join(items) -> tuple[set[frozenset[int]], list[int]]:
    """(the edges between representatives, the representatives: first item of each digest)."""
    buckets: dict[bytes, list] = {}
    for i, sig in enumerate(items):
        for key in band_keys(sig):
            buckets.setdefault(key, []).append((i, sig))
    first = {}
    for i, sig in enumerate(items):
        first.setdefault(sig.digest, i)
    reps = sorted(first.values())
    edges = {frozenset(e) for key, members in buckets.items() for e in bucket_edges(key, members)}
    return {e for e in edges if e <= set(reps)}, reps


def test_lsh_join_matches_datasketch() -> None:
    from datasketch.lsh import _optimal_param

    assert _optimal_param(CANDIDATE_THRESHOLD, NUM_PERM, 0.5, 0.5) == (LSH_BANDS, LSH_ROWS)
    items = [s for d in _near_copies(60, 11) for s in signatures(d)]  # no bucket over MAX_CANDIDATES
    edges, reps = _bucket_join(items)
    assert len(edges) > 300 and edges == _datasketch_pairs(items, reps)


def test_lsh_join_bounds_the_comparisons_in_a_large_bucket() -> None:
    items = [s for d in _near_copies(400, 11) for s in signatures(d)]
    edges, reps = _bucket_join(items)
    reference = _datasketch_pairs(items, reps)
    assert edges < reference and len(edges) <= LSH_BANDS * MAX_CANDIDATES * len(reps)
    # the bounded comparisons still join the near copies into the groups all comparisons give
    assert groups_from_edges(tuple(e) for e in edges) == groups_from_edges(tuple(e) for e in reference)
    assert [len(g) for g in groups_from_edges(tuple(e) for e in edges)] == [283]


def _reference_sketch(text: str) -> bytes:
    """The sketch as documented, computed the plain way (one bin at a time)."""
    import array
    import zlib

    if len(text) > 240:
        text = text[:160] + text[-80:]
    data = memoryview(text.encode("utf-32-le"))
    empty = 1 << 26
    bins = [empty] * 64
    for i in range(0, max(4, len(data) - 16 + 4), 4):
        h = zlib.crc32(data[i : i + 16])
        bins[h & 63] = min(bins[h & 63], h >> 6)
    for j in range(64):
        if bins[j] == empty:
            t = next(t for t in range(1, 65) if bins[(j + t) % 64] != empty)
            bins[j] = bins[(j + t) % 64] + t * empty
    return array.array("I", bins).tobytes()


def test_sketch_matches_the_plain_computation() -> None:
    rng = random.Random(5)
    alphabet = [chr(0x4E00 + k) for k in range(300)]
    for n in (1, 3, 4, 5, 12, 40, 70, 150, 300):  # few windows: many empty bins, some wrapping round
        for _ in range(20):
            text = "".join(rng.choice(alphabet) for _ in range(n))
            assert _sketch(text) == _reference_sketch(text)
