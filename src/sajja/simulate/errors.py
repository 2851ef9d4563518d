"""The one error a projection raises for bad input: what is wrong, and where, in English and Thai."""

from __future__ import annotations

GENERIC_TH = "ข้อมูลสำหรับการคาดการณ์ไม่ถูกต้อง"


class SimulationError(ValueError):
    """Bad input to a projection (a negative rate, an unknown benefit, too many paths...).

    `str()` is the English text; `th` the Thai one (a generic Thai line where none was written).
    """

    def __init__(self, en: str, th: str = ""):
        super().__init__(en)
        self.en = en
        self.th = th or f"{GENERIC_TH}: {en}"

    def both(self) -> str:
        return f"{self.th}\n{self.en}"
