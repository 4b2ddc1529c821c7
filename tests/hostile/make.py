"""Writes the small files of the hostile-input catalogue from base.yaml (a valid plan).

Run it from the repository root after changing base.yaml or a case below:

    python tests/hostile/make.py

The large or generated cases (50 MB, billion laughs, nesting thousands deep, .docx) are made at
test time in a temporary folder instead; see tests/test_hostile.py. Each file's expected
problems are written by hand in tests/test_hostile.py.

The legacy Vietnamese encodings are encoded here with their code tables written out (TCVN3 from
TCVN 5712:1993, VNI Windows from VNI's table), not with cchc's detector, so the tests check the
detector against real bytes.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
BASE = (HERE / "base.yaml").read_text(encoding="utf-8")
LINES = BASE.splitlines(keepends=True)

# --- TCVN3 (ABC): one byte per toned lowercase letter; seven capitals of its own ---------
TCVN3 = {
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
    "ă": 0xA8, "â": 0xA9, "ê": 0xAA, "ô": 0xAB, "ơ": 0xAC, "ư": 0xAD, "đ": 0xAE,
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9,
    "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD, "ắ": 0xBE, "ặ": 0xC6,
    "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB,
    "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1,
    "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4, "ế": 0xD5, "ệ": 0xD6,
    "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE,
    "ò": 0xDF, "ỏ": 0xE1, "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4,
    "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
    "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE,
    "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2, "ú": 0xF3, "ụ": 0xF4,
    "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9,
    "ỳ": 0xFA, "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
}  # fmt: skip


def tcvn3(text: str) -> bytes:
    return bytes(ord(ch) if ord(ch) < 0x80 else TCVN3[ch] for ch in text)


# --- VNI Windows: base letter, then a modifier byte for shape and tone ----------------------
GRAVE, ACUTE, TILDE, HOOK, DOT = "\u0300", "\u0301", "\u0303", "\u0309", "\u0323"
CIRCUMFLEX, BREVE, HORN = "\u0302", "\u0306", "\u031b"
VNI_MODIFIER = {
    ("", ACUTE): 0xF9, ("", GRAVE): 0xF8, ("", HOOK): 0xFB, ("", TILDE): 0xF5, ("", DOT): 0xEF,
    (CIRCUMFLEX, ""): 0xE2, (CIRCUMFLEX, ACUTE): 0xE1, (CIRCUMFLEX, GRAVE): 0xE0,
    (CIRCUMFLEX, HOOK): 0xE5, (CIRCUMFLEX, TILDE): 0xE3, (CIRCUMFLEX, DOT): 0xE4,
    (BREVE, ""): 0xEA, (BREVE, ACUTE): 0xE9, (BREVE, GRAVE): 0xE8,
    (BREVE, HOOK): 0xFA, (BREVE, TILDE): 0xFC, (BREVE, DOT): 0xEB,
}  # fmt: skip
VNI_SINGLE = {  # letters with a byte of their own (capital: the byte minus 0x20)
    ("o", HORN, ""): 0xF4, ("u", HORN, ""): 0xF6,
    ("i", "", ACUTE): 0xED, ("i", "", GRAVE): 0xEC, ("i", "", HOOK): 0xE6,
    ("i", "", TILDE): 0xF3, ("i", "", DOT): 0xF2, ("y", "", DOT): 0xEE,
}  # fmt: skip


def vni(text: str) -> bytes:
    out = bytearray()
    for ch in text:
        if ord(ch) < 0x80:
            out.append(ord(ch))
            continue
        if ch in "đĐ":
            out.append(0xF1 if ch == "đ" else 0xD1)
            continue
        base, *marks = unicodedata.normalize("NFD", ch)
        shape = next((m for m in marks if m in (CIRCUMFLEX, BREVE, HORN)), "")
        tone = next((m for m in marks if m not in (CIRCUMFLEX, BREVE, HORN)), "")
        upper = base.isupper()
        shift = 0x20 if upper else 0
        if (base.lower(), shape, "") in VNI_SINGLE and shape == HORN:
            out.append(VNI_SINGLE[(base.lower(), shape, "")] - shift)
            if tone:
                out.append(VNI_MODIFIER[("", tone)] - shift)
            continue
        if (base.lower(), shape, tone) in VNI_SINGLE:
            out.append(VNI_SINGLE[(base.lower(), shape, tone)] - shift)
            continue
        out.append(ord(base))
        out.append(VNI_MODIFIER[(shape, tone)] - shift)
    return bytes(out)


# --- Windows-1258: precomposed where the code page has the letter, else a combining tone ----
def cp1258(text: str) -> bytes:
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            base, *marks = unicodedata.normalize("NFD", ch)
            tones = [m for m in marks if m in (GRAVE, ACUTE, TILDE, HOOK, DOT)]
            shape = "".join(m for m in marks if m not in tones)
            shaped = unicodedata.normalize("NFC", base + shape)
            out += (shaped + "".join(tones)).encode("cp1258")
    return bytes(out)


def replace_line(number: int, new: str, text: str = BASE) -> str:
    lines = text.splitlines(keepends=True)
    lines[number - 1] = new + "\n"
    return "".join(lines)


def insert_after(number: int, new: str, text: str = BASE) -> str:
    lines = text.splitlines(keepends=True)
    lines.insert(number, new + "\n")
    return "".join(lines)


def cases() -> dict[str, bytes]:
    utf8 = str.encode
    return {
        # the ISO form as the issue writes it, and the day-first form in a progress record
        "date-feb-30.yaml": utf8(
            replace_line(24, "        deadline: 2023-02-30") + "      - id: I.3\n"
            "        title: Nhiệm vụ có tiến độ\n"
            "        lead:\n"
            "          - SNV\n"
            "        deadline: Quý IV/2023\n"
            "        progress:\n"
            "          - status: hoàn thành\n"
            "            date: 30/02/2023\n"
        ),
        "integer-5000-digits.yaml": utf8(
            replace_line(1, "version: " + "9" * 5000).replace(
                "title: Đề án thử thứ nhất", "title: " + "1" * 5000
            )
        ),
        "tag-python-object.yaml": utf8(
            replace_line(3, '  title: !!python/object/apply:os.system ["echo pwned"]')
        ),
        "tag-int.yaml": utf8(replace_line(1, "version: !!int abc")),
        "tag-timestamp.yaml": utf8(replace_line(24, "        deadline: !!timestamp IV/2023")),
        "tag-bool.yaml": utf8(replace_line(19, "        title: !!bool maybe")),
        "tag-local.yaml": utf8(replace_line(4, "  source: !local Phụ lục thử")),
        "anchor-alias.yaml": utf8(
            replace_line(21, "          - *snv", replace_line(10, "  - name: &snv Sở Nội vụ"))
        ),
        "self-reference.yaml": utf8(
            replace_line(22, "        partners: &x [*x]").replace("          - Sở Tư pháp\n", "")
        ),
        "duplicate-key.yaml": utf8(insert_after(3, "  title: Kế hoạch khác")),
        "duplicate-key-1.yaml": utf8(insert_after(1, '1: một\n"1": hai')),
        "control-characters.yaml": utf8(
            replace_line(3, "  title: Kế\x00hoạch\x1b[31m thử\x7f").replace(
                "Công tác", "Công\x86tác"
            )
        ),
        "escaped-controls.yaml": utf8(
            replace_line(3, '  title: "Kế hoạch \\e]0;pwned\\a thử"')
            .replace("source: Phụ lục thử", 'source: "Phụ lục \\u202e thử"')
            .replace("title: Nhiệm vụ hằng năm", 'title: "Nhiệm vụ\\r hằng năm"')
        ),
        "lone-surrogate.yaml": utf8(replace_line(3, '  title: "Kế hoạch \\ud800 thử"')),
        "utf16-le-bom.yaml": codecs.BOM_UTF16_LE + BASE.encode("utf-16-le"),
        "utf16-be-bom.yaml": codecs.BOM_UTF16_BE + BASE.encode("utf-16-be"),
        "utf16-no-bom.yaml": BASE.encode("utf-16-le"),
        "utf32-bom.yaml": codecs.BOM_UTF32_LE + BASE.encode("utf-32-le"),
        "utf8-bom.yaml": codecs.BOM_UTF8 + utf8(BASE),
        "crlf.yaml": utf8(BASE.replace("\n", "\r\n")),
        "crlf-duplicate-key.yaml": utf8(
            insert_after(3, "  title: Kế hoạch khác").replace("\n", "\r\n")
        ),
        "cr-only.yaml": utf8(BASE.replace("\n", "\r")),
        "line-separator.yaml": utf8(
            replace_line(4, "  source: Phụ lục\u2028thử", insert_after(4, "  title: lặp"))
        ),
        "latin1.yaml": replace_line(4, "  source: Café crème")
        .encode("utf-8")
        .replace("Café crème".encode(), "Café crème".encode("latin-1")),
        "windows-1258.yaml": cp1258(BASE),
        "tcvn3.yaml": tcvn3(BASE),
        "vni.yaml": vni(BASE),
        "tcvn3-in-utf8.yaml": utf8(
            BASE.replace("Kế hoạch thử", tcvn3("Kế hoạch thử").decode("cp1252")).replace(
                "Phụ lục thử", tcvn3("Phụ lục thử").decode("cp1252")
            )
        ),
        "nfd.yaml": utf8(unicodedata.normalize("NFD", BASE)),
        "tab-indent.yaml": utf8(replace_line(4, "\tsource: Phụ lục thử")),
        "multi-document.yaml": utf8(BASE + "---\n" + BASE),
        "empty.yaml": b"",
        "only-comments.yaml": utf8("# Kế hoạch\n# chưa có nội dung\n\n   # thụt lề\n"),
        "json.yaml": utf8(
            '{"version": "1", "plan": {"title": "Kế hoạch thử", "source": "Phụ lục thử",\n'
            ' "period": {"from": "Quý I/2022", "to": "Quý IV/2025"}},\n'
            ' "agencies": [{"name": "Sở Nội vụ"}],\n'
            ' "sections": [{"id": "I", "title": "Mục một", "tasks": [\n'
            '  {"id": "I.1", "title": "Nhiệm vụ", "lead": ["Sở Nội vụ"],\n'
            '   "deadline": "Năm 2024"}]}]}\n'
        ),
        "not-yaml.pdf": b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n"
        b"endobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n",
    }


def main() -> None:
    for name, data in cases().items():
        (HERE / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")


if __name__ == "__main__":
    main()
