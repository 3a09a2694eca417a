"""The language kit: what every rule family may know about Chinese.

Services (lexicon, gazetteer, glyph similarity, language model, n-gram sets,
character statistics, paragraph kinds, mojibake recognition) and one module of
shared vocabulary (`vocab`). The families import from here, never from each other.
"""
