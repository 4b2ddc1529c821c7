"""The refusal: a file cchc could not read or would not write (exit code 2, never a traceback).

Its own module so that the process guard in `cli` can catch every refusal without importing
the modules that raise them (the write path is not loaded by the commands that only read)."""


class Refusal(Exception):
    """The user's situation, not a bug: carries the file shown and the reason in both languages."""

    def __init__(self, path: str, vi: str, en: str) -> None:
        super().__init__(path, vi, en)
        self.path, self.vi, self.en = path, vi, en

    def message(self, lang: str) -> str:
        return f"{self.path}: {self.en if lang == 'en' else self.vi}"
