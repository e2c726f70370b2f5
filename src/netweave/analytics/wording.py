"""Small helpers for the reasons the scores give in words."""

from __future__ import annotations


def counted(n: float, one: str, many: str | None = None) -> str:
    """ "1 referral", "2.5 referrals", "3 people" (``many`` when the plural is not +s)."""
    shown = f"{n:.1f}".removesuffix(".0")
    return f"{shown} {one if n == 1 else many or one + 's'}"


__all__ = ["counted"]
