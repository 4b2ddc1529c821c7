"""Vietnamese text: NFC, comparison keys, collation and legacy-encoding detection.

Pure functions, standard library only. See docs/ARCHITECTURE.md ("text.py") for the contract
and shared/design/vietnamese.md for the conventions these functions implement.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache

__all__ = [
    "SortKey",
    "detect_legacy_encoding",
    "is_nfc",
    "loose_key",
    "name_key",
    "nfc",
    "roman",
    "sort_key",
]

SortKey = tuple[tuple[int, ...], tuple[int, ...], str]

_GRAVE = "\u0300"  # huyền
_ACUTE = "\u0301"  # sắc
_TILDE = "\u0303"  # ngã
_HOOK = "\u0309"  # hỏi
_DOT = "\u0323"  # nặng
_BREVE = "\u0306"
_CIRCUMFLEX = "\u0302"
_HORN = "\u031b"

# Collation weight of each tone, in the order Vietnamese dictionaries use.
_TONE_WEIGHT = {_GRAVE: 1, _HOOK: 2, _TILDE: 3, _ACUTE: 4, _DOT: 5}

# Hyphen-minus and the dash look-alikes that people (and word processors) put in agency names,
# e.g. "Lao động – Thương binh và Xã hội" next to "Lao động - Thương binh và Xã hội".
_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_DASH_RE = re.compile(rf"\s*[{re.escape(_DASHES)}]\s*")

_CACHE_SIZE = 4096


def nfc(s: str) -> str:
    return unicodedata.normalize("NFC", s)


def is_nfc(s: str) -> bool:
    return unicodedata.is_normalized("NFC", s)


def _is_mark(ch: str) -> bool:
    return unicodedata.category(ch).startswith("M")


def _fold(s: str) -> str:
    # upper() before casefold(): casefold alone keeps "ı" apart from "I", so a key would
    # change when a caller upper-cases the text. NFD again afterwards because case mapping
    # can produce characters that decompose.
    folded = unicodedata.normalize("NFD", s).upper().casefold()
    return unicodedata.normalize("NFD", folded)


def _move_marks(decomposed: str) -> str:
    """Move every reorderable combining mark to the end of its syllable.

    This is what makes "Uỷ"/"Ủy" and "hoà"/"hòa" equal: the tone is kept but its placement
    within the syllable stops mattering. All reorderable marks move, not only the five tones,
    because NFD and upper() disagree on where U+0345 (Greek ypogegrammeni) ends up relative
    to other marks; moving them all keeps the key invariant under both for arbitrary text.
    """
    out: list[str] = []
    letters: list[str] = []
    marks: list[str] = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            marks.append(ch)
        elif ch.isalpha() or _is_mark(ch):
            letters.append(ch)
        else:
            if letters or marks:
                out.extend(letters)
                out.extend(sorted(marks))
                letters.clear()
                marks.clear()
            out.append(ch)
    out.extend(letters)
    out.extend(sorted(marks))
    return "".join(out)


def _join_tokens(text: str, and_word: str) -> str:
    text = _DASH_RE.sub("-", text)
    text = text.replace("&", " & ")
    return " ".join("&" if token == and_word else token for token in text.split())


@lru_cache(maxsize=_CACHE_SIZE)
def name_key(s: str) -> str:
    """Key deciding whether two spellings of an agency name are the same name.

    Insensitive to Unicode form, case, whitespace runs, dash variants, "&" versus "và" and
    old/new tone-mark placement; sensitive to every other diacritic ("Sở" != "So"). The key
    is for comparing only: its marks sit at the end of each syllable, so never display it.
    """
    if s.isascii():
        # Nothing to decompose or move; lower() equals upper().casefold() on ASCII.
        return _join_tokens(s.lower(), "và")
    return _name_key_general(s)


def _name_key_general(s: str) -> str:
    return _join_tokens(unicodedata.normalize("NFC", _move_marks(_fold(s))), "và")


@lru_cache(maxsize=_CACHE_SIZE)
def loose_key(s: str) -> str:
    """Diacritic-insensitive key: "Sở Nội vụ", "so noi vu" and "SỞ NỘI VỤ" all match.

    Built on name_key so that two names with equal name keys always have equal loose keys.
    """
    key = name_key(s)
    if not key.isascii():
        stripped = "".join(ch for ch in unicodedata.normalize("NFD", key) if not _is_mark(ch))
        # đ/Đ are letters of their own, not d plus a mark, so stripping marks leaves them.
        key = unicodedata.normalize("NFC", stripped.replace("đ", "d").replace("Đ", "D"))
    return _join_tokens(key, "va")


# --- collation -------------------------------------------------------------------------------

_ALPHABET = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "f", "g", "h", "i", "j", "k", "l"]
_ALPHABET += ["m", "n", "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "w", "x", "y", "z"]

# Primary weights: whitespace < other non-letters (by code point) < Latin and Vietnamese
# letters (in Vietnamese order) < any other letter (by code point).
_SPACE_WEIGHT = 0
_OTHER_BASE = 1
_LATIN_BASE = 0x110001
_FOREIGN_BASE = _LATIN_BASE + len(_ALPHABET)
_LETTER_WEIGHT = {letter: _LATIN_BASE + i for i, letter in enumerate(_ALPHABET)}
# Vowel shapes that make a separate letter of the alphabet rather than a tone.
_SHAPED = {
    ("a", _BREVE): "ă",
    ("a", _CIRCUMFLEX): "â",
    ("e", _CIRCUMFLEX): "ê",
    ("o", _CIRCUMFLEX): "ô",
    ("o", _HORN): "ơ",
    ("u", _HORN): "ư",
}


@lru_cache(maxsize=_CACHE_SIZE)
def sort_key(s: str) -> SortKey:
    """Vietnamese collation key: letters a ă â b c d đ e ê … (case-insensitive), then tones
    (unmarked < huyền < hỏi < ngã < sắc < nặng, one per syllable), then the string itself."""
    text = _fold(" ".join(s.split()))
    primary: list[int] = []
    tones: list[int] = []
    tone = 0
    in_syllable = False
    i = 0
    while i < len(text):
        base = text[i]
        i += 1
        marks: list[str] = []
        while i < len(text) and _is_mark(text[i]):
            marks.append(text[i])
            i += 1
        if base.isalpha():
            letter = base
            for mark in marks:
                letter = _SHAPED.get((base, mark), letter)
                tone = tone or _TONE_WEIGHT.get(mark, 0)
            weight = _LETTER_WEIGHT.get(letter)
            primary.append(_FOREIGN_BASE + ord(base) if weight is None else weight)
            in_syllable = True
            continue
        if in_syllable:
            tones.append(tone)
            tone = 0
            in_syllable = False
        primary.append(_SPACE_WEIGHT if base.isspace() else _OTHER_BASE + ord(base))
    if in_syllable:
        tones.append(tone)
    return tuple(primary), tuple(tones), s


# --- legacy encodings ------------------------------------------------------------------------

# TCVN3 (TCVN 5712:1993 VN3, the ".Vn" fonts of ABC): one byte per lowercase letter with its
# tone; of the capitals only Ă Â Ê Ô Ơ Ư Đ have codes (a toned capital is the lowercase code
# drawn by a ".VnTimeH" capitals font). Keys are the characters these bytes
# become when read as cp1252, which equals Latin-1 from 0xA0 up.
_TCVN3 = {
    chr(code): letter
    for code, letter in {
        0xA1: "Ă", 0xA2: "Â", 0xA3: "Ê", 0xA4: "Ô", 0xA5: "Ơ", 0xA6: "Ư", 0xA7: "Đ",
        0xA8: "ă", 0xA9: "â", 0xAA: "ê", 0xAB: "ô", 0xAC: "ơ", 0xAD: "ư", 0xAE: "đ",
        0xB5: "à", 0xB6: "ả", 0xB7: "ã", 0xB8: "á", 0xB9: "ạ",
        0xBB: "ằ", 0xBC: "ẳ", 0xBD: "ẵ", 0xBE: "ắ", 0xC6: "ặ",
        0xC7: "ầ", 0xC8: "ẩ", 0xC9: "ẫ", 0xCA: "ấ", 0xCB: "ậ",
        0xCC: "è", 0xCE: "ẻ", 0xCF: "ẽ", 0xD0: "é", 0xD1: "ẹ",
        0xD2: "ề", 0xD3: "ể", 0xD4: "ễ", 0xD5: "ế", 0xD6: "ệ",
        0xD7: "ì", 0xD8: "ỉ", 0xDC: "ĩ", 0xDD: "í", 0xDE: "ị",
        0xDF: "ò", 0xE1: "ỏ", 0xE2: "õ", 0xE3: "ó", 0xE4: "ọ",
        0xE5: "ồ", 0xE6: "ổ", 0xE7: "ỗ", 0xE8: "ố", 0xE9: "ộ",
        0xEA: "ờ", 0xEB: "ở", 0xEC: "ỡ", 0xED: "ớ", 0xEE: "ợ",
        0xEF: "ù", 0xF1: "ủ", 0xF2: "ũ", 0xF3: "ú", 0xF4: "ụ",
        0xF5: "ừ", 0xF6: "ử", 0xF7: "ữ", 0xF8: "ứ", 0xF9: "ự",
        0xFA: "ỳ", 0xFB: "ỷ", 0xFC: "ỹ", 0xFD: "ý", 0xFE: "ỵ",
    }.items()
}  # fmt: skip

# VNI-Windows: a base letter followed by a modifier byte (shape and/or tone); ơ ư đ and the
# toned i/y have single bytes. Capitals use the modifier's capital (its code minus 0x20).
_VNI_LOWER = {
    "â": _CIRCUMFLEX, "ê": _BREVE,
    "ù": _ACUTE, "ø": _GRAVE, "û": _HOOK, "õ": _TILDE, "ï": _DOT,
    "á": _CIRCUMFLEX + _ACUTE, "à": _CIRCUMFLEX + _GRAVE, "å": _CIRCUMFLEX + _HOOK,
    "ã": _CIRCUMFLEX + _TILDE, "ä": _CIRCUMFLEX + _DOT,
    "é": _BREVE + _ACUTE, "è": _BREVE + _GRAVE, "ú": _BREVE + _HOOK,
    "ü": _BREVE + _TILDE, "ë": _BREVE + _DOT,
    "ô": "ơ", "ö": "ư", "ñ": "đ",
    "í": "í", "ì": "ì", "æ": "ỉ", "ó": "ĩ", "ò": "ị", "î": "ỵ",
}  # fmt: skip
_VNI = {**_VNI_LOWER, **{key.upper(): value.upper() for key, value in _VNI_LOWER.items()}}

_LEGACY_CHARS = frozenset(_TCVN3) | frozenset(_VNI)
# A word is letters, combining marks and every character either table uses (some of them,
# like "¸" or the soft hyphen that TCVN3 makes of "ư", are not letters in Unicode).
_WORD_RE = re.compile(
    "(?:[^\\W\\d_]|[\u0300-\u036f" + re.escape("".join(sorted(_LEGACY_CHARS))) + "])+"
)

_ONSETS = [
    "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
    "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
]  # fmt: skip
# Vietnamese rhymes without tone, one line per main vowel.
_RHYMES = [
    "a", "ai", "ao", "au", "ay", "ac", "ach", "am", "an", "ang", "anh", "ap", "at",
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt",
    "âu", "ây", "âc", "âm", "ân", "âng", "âp", "ât",
    "e", "eo", "ec", "em", "en", "eng", "ep", "et",
    "ê", "êu", "êch", "êm", "ên", "ênh", "êp", "êt",
    "i", "ia", "iu", "ich", "im", "in", "inh", "ip", "it",
    "iêu", "iêc", "iêm", "iên", "iêng", "iêp", "iêt",
    "o", "oi", "oc", "om", "on", "ong", "op", "ot", "ooc", "oong",
    "oa", "oai", "oay", "oac", "oach", "oam", "oan", "oang", "oanh", "oap", "oat", "oao",
    "oăc", "oăm", "oăn", "oăng", "oăt",
    "oe", "oeo", "oem", "oen", "oet",
    "ô", "ôi", "ôc", "ôm", "ôn", "ông", "ôp", "ôt",
    "ơ", "ơi", "ơm", "ơn", "ơp", "ơt",
    "u", "ui", "uc", "um", "un", "ung", "up", "ut",
    "ua", "uôi", "uôc", "uôm", "uôn", "uông", "uôt",
    "uân", "uâng", "uât", "uây",
    "uê", "uêch", "uênh",
    "uy", "uya", "uyu", "uych", "uyn", "uynh", "uyp", "uyt", "uyên", "uyêt",
    "uơ",
    "ư", "ưi", "ưu", "ưc", "ưm", "ưn", "ưng", "ưt",
    "ưa", "ươi", "ươu", "ươc", "ươm", "ươn", "ương", "ươp", "ươt",
    "y", "yêu", "yêm", "yên", "yêng", "yêt",
]  # fmt: skip
# An optional onset then a rhyme, looked up in sets: the same test as a regex alternation of
# them all, without the ~2.5 ms it takes to compile that regex on every run of the CLI.
_ONSETS_OR_NONE = ("", *_ONSETS)
_RHYME_SET = frozenset(_RHYMES)


def _onset_and_rhyme(bare: str) -> bool:
    return any(
        bare.startswith(onset) and bare[len(onset) :] in _RHYME_SET for onset in _ONSETS_OR_NONE
    )


_STOP_CODAS = ("c", "ch", "p", "t")

# Thresholds: a legacy encoding is reported when at least _MIN_WORDS words only read as
# Vietnamese once decoded, and those words make up _MIN_RATIO of all words, or there are
# at least _MANY_WORDS of them (a legacy paragraph pasted into a long Unicode text).
_MIN_WORDS = 2
_MIN_RATIO = 0.2
_MANY_WORDS = 10


def _is_syllable(word: str) -> bool:
    """Whether word spells one Vietnamese syllable (tone placement not checked)."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    tones = [ch for ch in decomposed if ch in _TONE_WEIGHT]
    if len(tones) > 1:
        return False
    bare = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in tones))
    if not _onset_and_rhyme(bare):
        return False
    # Syllables closed by a stop consonant carry only the sắc or nặng tone.
    return not (tones and tones[0] not in (_ACUTE, _DOT) and bare.endswith(_STOP_CODAS))


def _decode_tcvn3(word: str) -> str:
    return "".join(_TCVN3.get(ch, ch) for ch in word)


def _decode_vni(word: str) -> str:
    return unicodedata.normalize("NFC", "".join(_VNI.get(ch, ch) for ch in word))


@lru_cache(maxsize=_CACHE_SIZE)
def _legacy_reading(word: str) -> tuple[bool, bool]:
    """(reads as TCVN3, reads as VNI): the word is no Vietnamese syllable as it stands but
    becomes one once decoded from that encoding."""
    if _LEGACY_CHARS.isdisjoint(word):
        return False, False
    # Unicode words are lower, upper or title case; TCVN3 shows many toned vowels as Latin-1
    # capitals inside lowercase words ("tÕ" for "tế"), which would otherwise pass as "tõ".
    plain_case = word.islower() or word.isupper() or word.istitle()
    if plain_case and _is_syllable(word):
        return False, False
    return _is_syllable(_decode_tcvn3(word)), _is_syllable(_decode_vni(word))


def detect_legacy_encoding(text: str) -> str | None:
    """Name the legacy encoding ("TCVN3" or "VNI") the text was typed in, or None.

    Works on text whose legacy bytes were read as cp1252 or Latin-1 (or pasted into a UTF-8
    file that way). Counts the words that are not Vietnamese as written but are once decoded,
    so stray symbols ("©", "µm") and foreign words ("café", "naïve") do not trigger it.
    """
    if text.isascii():
        return None
    # Every plan file passes through here, so count distinct tokens rather than regex-scan the
    # whole text: no word spans whitespace (neither table maps a space), so the words of the
    # text are exactly the words of its whitespace-separated tokens, and a 10k-task file has a
    # few thousand distinct tokens among half a million.
    total = tcvn3 = vni = 0
    for token, count in Counter(text.split()).items():
        for word in _WORD_RE.findall(token):
            total += count
            as_tcvn3, as_vni = _legacy_reading(word)
            tcvn3 += as_tcvn3 * count
            vni += as_vni * count
    # A tie only happens when every telling word reads both ways; TCVN3 is the commoner.
    name, hits = ("TCVN3", tcvn3) if tcvn3 >= vni else ("VNI", vni)
    if hits >= _MIN_WORDS and (hits >= _MIN_RATIO * total or hits >= _MANY_WORDS):
        return name
    return None


_ROMAN_VALUES = (1000, 900, 500, 400, 100, 90, 50, 40, 10, 9, 5, 4, 1)
_ROMAN_LETTERS = ("M", "CM", "D", "CD", "C", "XC", "L", "XL", "X", "IX", "V", "IV", "I")


def roman(n: int) -> str:
    """Section and heading numbers: I … MMMCMXCIX (a roll-up of many plans passes XX); other
    numbers as digits."""
    if not 0 < n < 4000:
        return str(n)
    letters = []
    for value, numeral in zip(_ROMAN_VALUES, _ROMAN_LETTERS, strict=True):
        count, n = divmod(n, value)
        letters.append(numeral * count)
    return "".join(letters)
