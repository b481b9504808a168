"""HTTP content negotiation (RFC 9110 §12.5.1): Accept with q-values, wildcards and media-type
parameters, plus an explicit ``format=`` override for browsers and hand-written links."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from diplokg.core.formats import Format


@dataclass(frozen=True)
class MediaRange:
    type: str
    subtype: str
    q: float
    params: tuple[tuple[str, str], ...]

    def specificity(self, media_type: str) -> int:
        """-1 if this range does not match ``media_type``; otherwise higher = more specific."""
        t, _, s = media_type.partition("/")
        if self.type == "*" and self.subtype == "*":
            return 0
        if self.type != t:
            return -1
        if self.subtype == "*":
            return 1
        if self.subtype != s:
            return -1
        return 2 + len(self.params)


def parse_accept(header: str | None) -> list[MediaRange]:
    """Parse an Accept header leniently: malformed members are skipped, a missing header is */*."""
    if not header or not header.strip():
        return [MediaRange("*", "*", 1.0, ())]
    ranges = []
    for member in header.split(","):
        parts = [p.strip() for p in member.split(";")]
        media = parts[0].lower()
        if "/" not in media:
            continue
        t, _, s = media.partition("/")
        if not t or not s or (t == "*" and s != "*"):
            continue
        q, params = 1.0, []
        for p in parts[1:]:
            key, _, value = p.partition("=")
            key, value = key.strip().lower(), value.strip().strip('"')
            if key == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
            elif key and key != "charset":
                params.append((key, value))
        ranges.append(MediaRange(t, s, q, tuple(params)))
    return ranges


def quality(ranges: Sequence[MediaRange], fmt: Format) -> float:
    """The q-value the client gives a format: from the most specific range matching any of its media types."""
    best_spec, best_q = -1, 0.0
    for media_type in (fmt.media_type, *fmt.aliases):
        for r in ranges:
            spec = r.specificity(media_type)
            # an alias matched exactly counts slightly less than the canonical type
            if spec > best_spec or (spec == best_spec and r.q > best_q):
                best_spec, best_q = spec, r.q
    return best_q if best_spec >= 0 else 0.0


def choose(accept: str | None, offered: Sequence[Format],
           format_param: str | Sequence[str] | None = None) -> Format | None:
    """The format to send, or None when nothing offered is acceptable (→ 406).

    ``format_param`` (a short name like ``json``/``ttl`` or a media type, or several alternatives as
    some clients repeat the parameter) overrides Accept: the first value naming an offered format wins.
    Ties are broken by the server's order of preference (the order of ``offered``)."""
    wanted = [format_param] if isinstance(format_param, str) else list(format_param or [])
    wanted = [w for w in wanted if w.strip()]
    if wanted:
        for value in wanted:
            for fmt in offered:
                if fmt.matches(value):
                    return fmt
        return None
    ranges = parse_accept(accept)
    best, best_q = None, 0.0
    for fmt in offered:
        q = quality(ranges, fmt)
        if q > best_q:
            best, best_q = fmt, q
    return best


def alternate_links(url: str, formats: Sequence[Format]) -> str:
    """A ``Link`` header value naming ``url?format=NAME`` as an alternate representation per format."""
    return ", ".join(f'<{url}?format={f.name}>; rel="alternate"; type="{f.media_type}"' for f in formats)
