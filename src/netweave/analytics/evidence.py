"""How sure a share is: a Beta posterior and its credible interval.

A share (of value given, of asks answered) is estimated as the mean of a
Beta(prior_a + successes, prior_b + failures) distribution, with the central
80 % credible interval. Labels are given only when the interval says so:
thin evidence gives a wide interval, and the answer is "not enough to tell".
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

CREDIBLE = 0.8
"""The central mass of the credible interval."""


def _log_beta(a: float, b: float) -> float:
    return math.lgamma(a) + math.lgamma(b) - math.lgamma(a + b)


def _fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1)
    d = 1 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 300):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1 + numerator * d
            d = 1 / (d if abs(d) > tiny else tiny)
            c = 1 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= c * d
        if abs(c * d - 1) < 1e-12:
            break
    return result


@functools.lru_cache(maxsize=1 << 16)
def beta_cdf(x: float, a: float, b: float) -> float:
    """P(X ≤ x) for X ~ Beta(a, b): the regularized incomplete beta function.

    Kept for repeated arguments: thousands of people share the same few counts.
    """
    if x <= 0:
        return 0.0
    if x >= 1:
        return 1.0
    front = math.exp(a * math.log(x) + b * math.log1p(-x) - _log_beta(a, b))
    if x < (a + 1) / (a + b + 2):
        return front * _fraction(a, b, x) / a
    return 1 - front * _fraction(b, a, 1 - x) / b


def beta_quantile(q: float, a: float, b: float) -> float:
    """The x with P(X ≤ x) = q, by bisection (40 steps: within 1e-12)."""
    low, high = 0.0, 1.0
    for _ in range(40):
        middle = (low + high) / 2
        if beta_cdf(middle, a, b) < q:
            low = middle
        else:
            high = middle
    return (low + high) / 2


@dataclass(frozen=True, slots=True)
class Share:
    """An estimated share: the Beta(a, b) posterior after the evidence.

    Labels test the posterior at a point (``below``), which is cheap; the
    interval is computed only when shown.
    """

    successes: float
    failures: float
    a: float
    b: float

    @property
    def evidence(self) -> float:
        return self.successes + self.failures

    @property
    def mean(self) -> float:
        return self.a / (self.a + self.b)

    def below(self, x: float) -> float:
        """The posterior probability that the share is below ``x``."""
        return beta_cdf(x, self.a, self.b)

    @property
    def low(self) -> float:
        return beta_quantile((1 - CREDIBLE) / 2, self.a, self.b)

    @property
    def high(self) -> float:
        return beta_quantile((1 + CREDIBLE) / 2, self.a, self.b)

    def surely_above(self, x: float) -> bool:
        """Whether the whole credible interval lies above ``x``."""
        return self.below(x) <= (1 - CREDIBLE) / 2

    def surely_below(self, x: float) -> bool:
        return self.below(x) >= (1 + CREDIBLE) / 2

    def interval(self) -> str:
        return f"{self.low:.0%}–{self.high:.0%}"


def estimate(successes: float, failures: float, *, prior: tuple[float, float] = (1, 1)) -> Share:
    """The posterior share after ``successes`` and ``failures`` (fractions allowed)."""
    if successes < 0 or failures < 0:
        raise ValueError("evidence cannot be negative")
    return Share(successes, failures, prior[0] + successes, prior[1] + failures)


__all__ = ["CREDIBLE", "Share", "beta_cdf", "beta_quantile", "estimate"]
