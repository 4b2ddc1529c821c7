"""Agency cells → the agencies they name, and the registry of every distinct name.

A cell is split on paragraphs and semicolons, then on commas, except inside the group phrases
that hold commas themselves ("Sở, ban, ngành", "UBND các huyện, thành phố, thị xã"). "UBND
cấp huyện, cấp xã" names two bodies: "cấp xã" takes the head of the name before it. "X chủ trì
triển khai đối với Y" names X for the part Y (its scope). Every name is kept as written; the
registry maps each wording to one official name (abbreviations written out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..quarter import fold
from ..text import name_key, nfc
from .model import Party, RegistryEntry

_BULLET = re.compile(r"^\s*(?:[-–—+•*▪·]|\d+[.)]|[a-zđ]\))\s*", re.IGNORECASE)
_LEADS = re.compile(r"^(?P<name>.+?)\s+(?:chủ trì|phụ trách|làm đầu mối)\b\s*(?P<rest>.*)$", re.I)
_SCOPE_WORDS = re.compile(
    r"^(?:(?:triển khai|thực hiện|tổ chức|xây dựng)\s+)?(?:(?:đối với|tại|ở|về|cho)\s+)?", re.I
)
_PAREN = re.compile(r"^(?P<name>.+?)\s*\((?P<inner>[^()]+)\)$")
_CAP = re.compile(r"^(?P<head>.*?\S)\s+cấp\s+\S", re.I)
# First words (folded) that begin the name of a body; a comma-separated piece beginning with
# another word continues the name before it ("Sở Văn hóa, Thể thao và Du lịch").
_HEAD_WORDS = (
    "so ban ubnd uy vp van vpubnd cong cuc chi bao bhxh hiep lien hoi cac tat dai truong benh "
    "tinh kho ngan vien trung bo thanh mat hdnd doan quy toa phong dang khoi co don doanh thi "
    "huyen xa phuong nguoi chu giam lanh cang bql buu hop mttq ubmttq tong"
)
_HEADS = frozenset(_HEAD_WORDS.split())
# Pieces that are only group words: "ban", "ngành" in "Sở, ban, ngành"; "thành phố" in "UBND
# các huyện, thành phố, thị xã". They stay with the name before them.
_GROUP_PIECES = (
    "ban|nganh|huyen|thi xa|thanh pho|xa|phuong|thi tran|dia phuong|doan the|don vi|co quan|"
    "to chuc|hoi|cac dia phuong|ban nganh"
)
_GROUP_WORDS = frozenset(_GROUP_PIECES.split("|"))
# Heads that make " và " separate two bodies ("Sở Nội vụ và Sở Tài chính"); other " và " stay
# inside a name ("Sở Giáo dục và Đào tạo").
_STRONG = re.compile(r"\s+và\s+(?=(?:Sở|UBND|Ủy ban|Uỷ ban|Văn phòng|Công an|Cục|Ban|Các)\s)")
_UBND_BARE = re.compile(r"(?:ubnd|uy ban nhan dan) cap (?:tinh|huyen|xa)")
_UBND_LEVEL = re.compile(
    r"^(?P<body>(?:ubnd|uy ban nhan dan) cap (?:tinh|huyen|xa))\s+(?P<tail>.+)$"
)


@dataclass
class Split:
    parties: list[Party] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)  # names that begin with no known head
    shared_scope: list[str] = field(default_factory=list)  # names given a neighbour's scope


def _first_word(text: str) -> str:
    words = fold(text).replace(",", " ").split()
    return words[0] if words else ""


def _pieces(segment: str) -> list[str]:
    names: list[str] = []
    for raw in segment.split(","):
        piece = raw.strip()
        if not piece:
            continue
        key = fold(piece)
        if names and key.startswith("cap ") and (head := _CAP.match(names[-1])):
            names.append(f"{head.group('head')} {piece}")
        elif names and (key in _GROUP_WORDS or _first_word(piece) not in _HEADS):
            names[-1] = f"{names[-1]}, {piece}"
        else:
            names.append(piece)
    return [n for part in names for n in _STRONG.split(part)]


def _scoped(segment: str) -> tuple[str, str | None]:
    found = _LEADS.match(segment)
    if found:
        rest = _SCOPE_WORDS.sub("", found.group("rest")).strip(" .,:")
        return found.group("name").strip(), rest or None
    return segment, None


def split_agencies(lines: list[str]) -> Split:
    """The agencies a lead or partners cell names, in order, each once per scope."""
    result = Split()
    seen: set[tuple[str, str | None]] = set()
    for line in lines:
        for segment in " ".join(nfc(_BULLET.sub("", line)).split()).split(";"):
            segment = _BULLET.sub("", segment).strip().rstrip(".,").strip()
            if not segment:
                continue
            name, scope = _scoped(segment)
            batch: list[Party] = []
            for piece in _pieces(name):
                party = Party(piece, scope)
                level = _UBND_LEVEL.match(fold(piece))
                if scope is None and level and not level.group("tail").startswith(("cap ", ",")):
                    words = piece.split()
                    size = len(level.group("body").split())
                    party = Party(" ".join(words[:size]), " ".join(words[size:]))
                batch.append(party)
            # "UBND cấp xã, UBND cấp huyện đạt chuẩn nông thôn mới": the qualifier of the last
            # name is read as covering the bare names of the same level before it.
            last = batch[-1] if batch else None
            if last and last.scope and scope is None:
                for party in batch[:-1]:
                    if party.scope is None and _UBND_BARE.fullmatch(fold(party.name)):
                        party.scope = last.scope
                        result.shared_scope.append(party.name)
            for party in batch:
                if (party.name, party.scope) in seen:
                    continue
                seen.add((party.name, party.scope))
                if _first_word(party.name) not in _HEADS:
                    result.unknown.append(party.name)
                result.parties.append(party)
    return result


# --- the registry ---------------------------------------------------------------------------------
def _squash(text: str) -> str:
    return re.sub(r"[^a-z]", "", fold(text).replace(" va ", ""))


# Departments written as initials: "Sở TTTT", "Sở GD&ĐT", "Sở KH&CN" … (squashed: no marks,
# no "&", no spaces).
_DEPARTMENTS = {
    "tttt": "Thông tin và Truyền thông",
    "gddt": "Giáo dục và Đào tạo",
    "khcn": "Khoa học và Công nghệ",
    "khdt": "Kế hoạch và Đầu tư",
    "tnmt": "Tài nguyên và Môi trường",
    "nnptnt": "Nông nghiệp và Phát triển nông thôn",
    "nnmt": "Nông nghiệp và Môi trường",
    "ldtbxh": "Lao động - Thương binh và Xã hội",
    "vhttdl": "Văn hóa, Thể thao và Du lịch",
    "gtvt": "Giao thông vận tải",
    "xd": "Xây dựng",
    "nv": "Nội vụ",
    "tc": "Tài chính",
    "tp": "Tư pháp",
    "yt": "Y tế",
    "ct": "Công Thương",
}
_WHOLE = {"snv": "Sở Nội vụ", "stc": "Sở Tài chính", "stp": "Sở Tư pháp"}
_WORDS = (
    (re.compile(r"\bVPUBND\b"), "Văn phòng Ủy ban nhân dân"),
    (re.compile(r"^VP\s"), "Văn phòng "),
    (re.compile(r"\bUBMTTQ(?:VN)?\b"), "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    (re.compile(r"\bUBND\b"), "Ủy ban nhân dân"),
    (re.compile(r"\bHĐND\b"), "Hội đồng nhân dân"),
    (re.compile(r"\bBHXH\b"), "Bảo hiểm xã hội"),
    (re.compile(r"\bTP\.?(?=\s)"), "thành phố"),
    (re.compile(r"\bTX\.?(?=\s)"), "thị xã"),
    (re.compile(r"\bUỷ\b"), "Ủy"),
)
# Groups standing for many bodies, by their folded wording.
_GROUPS = (
    (re.compile(r"(?:cac |tat ca cac )?so, ?ban, ?nganh(?: (?:cap )?tinh)?"), "Sở, ban, ngành"),
    (
        re.compile(
            r"(?:ubnd|uy ban nhan dan) (?:cap huyen|(?:cac )?(?:huyen|thanh pho|thi xa)"
            r"(?:,? (?:cac )?(?:huyen|thanh pho|thi xa))+)"
        ),
        "Ủy ban nhân dân cấp huyện",
    ),
    (
        re.compile(
            r"(?:ubnd|uy ban nhan dan) (?:cap xa|(?:cac )?(?:xa|phuong|thi tran)"
            r"(?:,? (?:cac )?(?:xa|phuong|thi tran))+)"
        ),
        "Ủy ban nhân dân cấp xã",
    ),
    (re.compile(r"cac co quan(?:, don vi)? (?:co )?lien quan"), "Các cơ quan liên quan"),
)
_KINDS = re.compile(r"\b(?:so|ban|nganh), (?:ban|nganh|dia phuong|don vi)\b")
_SO_BAN_NGANH = "Sở, ban, ngành"
_DISTRICTS = "Ủy ban nhân dân cấp huyện"
_DISTRICT_BODY = re.compile(r"uy ban nhan dan (?:thanh pho|thi xa|huyen) ")


def official(written: str) -> tuple[str, bool]:
    """(official name, is a group) for one wording."""
    name = " ".join(nfc(written).split())
    key = fold(name)
    for pattern, group in _GROUPS:
        if pattern.fullmatch(key):
            return group, True
    if _squash(name) in _WHOLE:
        return _WHOLE[_squash(name)], False
    if key.startswith("so ") and _squash(name[3:]) in _DEPARTMENTS:
        return "Sở " + _DEPARTMENTS[_squash(name[3:])], False
    for pattern, words in _WORDS:
        name = pattern.sub(words, name)
    # plural ("các …") or naming several kinds of body ("Sở, ban, ngành, địa phương")
    is_group = key.startswith(("cac ", "tat ca ", "nhung ")) or bool(_KINDS.search(key))
    if is_group:
        name = name[0].upper() + name[1:]
    return name, is_group


def registry(names: list[str]) -> list[RegistryEntry]:
    """One entry per body, in order of first mention (groups first); every wording that is not
    the official name becomes an alias."""
    entries: dict[str, RegistryEntry] = {}
    spellings: dict[str, set[str]] = {}
    for written in names:
        name, is_group = official(written)
        key = name_key(name)
        entry = entries.setdefault(key, RegistryEntry(name, group=is_group))
        known = spellings.setdefault(key, {key})
        if name_key(written) not in known:
            known.add(name_key(written))
            entry.aliases.append(" ".join(written.split()))
    present = {e.name for e in entries.values() if e.group}
    for entry in entries.values():
        folded = fold(entry.name)
        if entry.group:
            continue
        if _SO_BAN_NGANH in present and folded.startswith(("so ", "van phong uy ban nhan dan")):
            entry.member_of.append(_SO_BAN_NGANH)
        if _DISTRICTS in present and _DISTRICT_BODY.match(folded):
            entry.member_of.append(_DISTRICTS)
    # The usual short forms too, so that `--agency "vp ubnd tinh"` finds the body whichever
    # way the table wrote it; a form another entry already answers to is left to that entry.
    claimed = {k: e for e in entries.values() for k in spellings[name_key(e.name)]}
    for entry in entries.values():
        for short in short_forms(entry.name):
            if name_key(short) not in claimed:
                claimed[name_key(short)] = entry
                entry.aliases.append(short)
    return sorted(entries.values(), key=lambda e: not e.group)  # stable: first mention


# The initials departments are written with, by their full name.
_INITIALS = {
    "Thông tin và Truyền thông": "TTTT",
    "Giáo dục và Đào tạo": "GD&ĐT",
    "Khoa học và Công nghệ": "KH&CN",
    "Kế hoạch và Đầu tư": "KH&ĐT",
    "Tài nguyên và Môi trường": "TN&MT",
    "Nông nghiệp và Phát triển nông thôn": "NN&PTNT",
    "Nông nghiệp và Môi trường": "NN&MT",
    "Lao động - Thương binh và Xã hội": "LĐTB&XH",
    "Văn hóa, Thể thao và Du lịch": "VHTT&DL",
    "Giao thông vận tải": "GTVT",
}
_INITIALS_BY_KEY = {name_key(k): v for k, v in _INITIALS.items()}


def short_forms(name: str) -> list[str]:
    """The abbreviations an official name is usually written as: "UBND cấp huyện",
    "VP UBND tỉnh", "Sở TTTT", "BHXH tỉnh"."""
    forms = []
    if name.startswith("Sở ") and name_key(name[3:]) in _INITIALS_BY_KEY:
        forms.append("Sở " + _INITIALS_BY_KEY[name_key(name[3:])])
    short = re.sub("Ủy ban nhân dân", "UBND", name, flags=re.I)
    short = re.sub("Bảo hiểm xã hội", "BHXH", short, flags=re.I)
    if short != name:
        forms.append(short)
    if short.startswith("Văn phòng UBND"):
        forms.append("VP" + short[len("Văn phòng") :])
    return forms
