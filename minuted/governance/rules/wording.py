"""Wording shared by the rules, so every result reads the same way."""

from __future__ import annotations

from fractions import Fraction
from math import gcd


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """``1 group``, ``2 groups``."""
    word = singular if count == 1 else (plural_form or singular + "s")
    return f"{count} {word}"


def fraction_words(numerator: int, denominator: int) -> str:
    """Name a fraction as the terms of reference would: "one third", "one quarter", "2/5"."""
    divisor = gcd(numerator, denominator)
    reduced = (numerator // divisor, denominator // divisor)
    names = {(1, 1): "all", (1, 2): "one half", (1, 3): "one third", (1, 4): "one quarter"}
    return names.get(reduced, f"{numerator}/{denominator}")


def decimal_text(value: Fraction) -> str:
    """Show an exact share to at most two decimal places, without using floats."""
    hundredths = (2 * value.numerator * 100 + value.denominator) // (2 * value.denominator)
    whole, part = divmod(hundredths, 100)
    return f"{whole}" if part == 0 else f"{whole}.{part:02d}".rstrip("0")


def round_half_up(value: Fraction) -> int:
    """Nearest whole number, halves rounded up (value is never negative here)."""
    return (2 * value.numerator + value.denominator) // (2 * value.denominator)
