"""Private: colour difference as people see it (CIEDE2000, Sharma, Wu and Dalal 2005), so that no
two arrangements in one map get colours that are hard to tell apart."""

from __future__ import annotations

import math

_WHITE = (0.95047, 1.0, 1.08883)  # D65
_RGB_TO_XYZ = ((0.4124564, 0.3575761, 0.1804375), (0.2126729, 0.7151522, 0.0721750), (0.0193339, 0.1191920, 0.9503041))


def hex_to_lab(colour: str) -> tuple[float, float, float]:
    """CIELAB (D65) of an sRGB hex colour such as ``"#77AADD"``."""
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92 for c in rgb]
    xyz = [sum(m * c for m, c in zip(row, linear)) / w for row, w in zip(_RGB_TO_XYZ, _WHITE)]
    f = [math.cbrt(t) if t > (6 / 29) ** 3 else t / (3 * (6 / 29) ** 2) + 4 / 29 for t in xyz]
    return (116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2]))


def _hue(b: float, a: float) -> float:
    return math.degrees(math.atan2(b, a)) % 360 if (a or b) else 0.0


def ciede2000(lab1: tuple[float, float, float], lab2: tuple[float, float, float]) -> float:  # noqa: C901
    """ΔE00 between two CIELAB colours (1 is a just-noticeable difference).

    The formula's case analysis of hue angles makes it longer and more branched than the rest of
    the package; it follows the published equations step by step so that it can be checked
    against them (and is, against their test data)."""
    (l1, a1, b1), (l2, a2, b2) = lab1, lab2
    c_mean = (math.hypot(a1, b1) + math.hypot(a2, b2)) / 2
    g = 0.5 * (1 - math.sqrt(c_mean**7 / (c_mean**7 + 25**7)))
    a1p, a2p = (1 + g) * a1, (1 + g) * a2
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p, h2p = _hue(b1, a1p), _hue(b2, a2p)
    dh = 0.0 if c1p * c2p == 0 else h2p - h1p
    if dh > 180:
        dh -= 360
    elif dh < -180:
        dh += 360
    d_l, d_c = l2 - l1, c2p - c1p
    d_h = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    l_mean, c_mean_p = (l1 + l2) / 2, (c1p + c2p) / 2
    if c1p * c2p == 0:
        h_mean = h1p + h2p
    elif abs(h1p - h2p) <= 180:
        h_mean = (h1p + h2p) / 2
    else:
        h_mean = (h1p + h2p + 360) / 2 if h1p + h2p < 360 else (h1p + h2p - 360) / 2
    t = (
        1
        - 0.17 * math.cos(math.radians(h_mean - 30))
        + 0.24 * math.cos(math.radians(2 * h_mean))
        + 0.32 * math.cos(math.radians(3 * h_mean + 6))
        - 0.20 * math.cos(math.radians(4 * h_mean - 63))
    )
    d_theta = 30 * math.exp(-(((h_mean - 275) / 25) ** 2))
    r_c = 2 * math.sqrt(c_mean_p**7 / (c_mean_p**7 + 25**7))
    s_l = 1 + 0.015 * (l_mean - 50) ** 2 / math.sqrt(20 + (l_mean - 50) ** 2)
    s_c, s_h = 1 + 0.045 * c_mean_p, 1 + 0.015 * c_mean_p * t
    r_t = -math.sin(math.radians(2 * d_theta)) * r_c
    return math.sqrt((d_l / s_l) ** 2 + (d_c / s_c) ** 2 + (d_h / s_h) ** 2 + r_t * (d_c / s_c) * (d_h / s_h))


def difference(colour1: str, colour2: str) -> float:
    """ΔE00 between two hex colours."""
    return ciede2000(hex_to_lab(colour1), hex_to_lab(colour2))


def _linear(colour: str) -> list[float]:
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    return [((c + 0.055) / 1.055) ** 2.4 if c > 0.04045 else c / 12.92 for c in rgb]


def _encode(linear: list[float]) -> str:
    out = []
    for c in linear:
        c = min(1.0, max(0.0, c))
        out.append(round(255 * (1.055 * c ** (1 / 2.4) - 0.055 if c > 0.0031308 else 12.92 * c)))
    return "#" + "".join(f"{c:02X}" for c in out)


def luminance(colour: str) -> float:
    """Relative luminance of an sRGB hex colour (WCAG 2.1)."""
    r, g, b = _linear(colour)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(colour1: str, colour2: str) -> float:
    """WCAG 2.1 contrast ratio (1 to 21): text needs 4.5, lines and shapes that carry meaning 3."""
    a, b = sorted((luminance(colour1), luminance(colour2)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def over(colour: str, opacity: float, background: str) -> str:
    """``colour`` at ``opacity`` over ``background``, as seen (blended in sRGB, as browsers do)."""
    top = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    under = [int(background[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(opacity * t + (1 - opacity) * u):02X}" for t, u in zip(top, under))


#: Colour-vision deficiencies as dichromacy (severity 1), in linear RGB: Machado, Oliveira and
#: Fernandes (2009), "A physiologically-based model for simulation of color vision deficiency".
DEFICIENCIES = {
    "protanopi": ((0.152286, 1.052583, -0.204868), (0.114503, 0.786281, 0.099216), (-0.003882, -0.048116, 1.051998)),
    "deuteranopi": ((0.367322, 0.860646, -0.227968), (0.280085, 0.672501, 0.047413), (-0.011820, 0.042940, 0.968881)),
    "tritanopi": ((1.255528, -0.076749, -0.178779), (-0.078411, 0.930809, 0.147602), (0.004733, 0.691367, 0.303900)),
}


def simulate(colour: str, deficiency: str) -> str:
    """How ``colour`` looks to a person with ``deficiency`` (a key of :data:`DEFICIENCIES`)."""
    linear = _linear(colour)
    return _encode([sum(m * c for m, c in zip(row, linear)) for row in DEFICIENCIES[deficiency]])


def least_difference(colour1: str, colour2: str) -> float:
    """The smallest ΔE00 between two colours as seen with normal vision and with each deficiency."""
    return min(
        [difference(colour1, colour2)] + [difference(simulate(colour1, d), simulate(colour2, d)) for d in DEFICIENCIES]
    )
