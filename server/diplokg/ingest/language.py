"""The language of a page: German, English or Russian, the languages the rules read. Detected by
langdetect (Google's language-detection profiles, seeded so that the result is the same every run);
a Cyrillic page with the letters of Tajik (ҳ, қ, ғ, ҷ, ӣ, ӯ), which langdetect has no profile for,
is Tajik, not Russian."""

from __future__ import annotations

import re

from langdetect import DetectorFactory, LangDetectException, detect_langs

from diplokg.ingest.errors import PageError

LANGUAGES = ("de", "en", "ru")
NAMES = {"de": "German", "en": "English", "ru": "Russian", "tg": "Tajik", "uk": "Ukrainian", "fr": "French",
         "mk": "Macedonian", "bg": "Bulgarian"}
_TAJIK = re.compile(r"[ҳқғҷӣӯҲҚҒҶӢӮ]")
#: a language must account for this share of the text to be the page's language
MIN_SHARE = 0.8

DetectorFactory.seed = 0


def detect_language(text: str) -> str:
    """``de``, ``en`` or ``ru``; PageError naming the language of any other page."""
    if len(_TAJIK.findall(text)) >= 3:
        raise PageError("the page is in Tajik; diplokg ingest reads German, English and Russian pages")
    try:
        candidates = detect_langs(text)
    except LangDetectException:
        raise PageError("the page's language cannot be recognised (too little text)") from None
    best = candidates[0]
    if best.lang in LANGUAGES and best.prob >= MIN_SHARE:
        return str(best.lang)
    name = NAMES.get(best.lang, best.lang)
    raise PageError(f"the page is in {name} (or a mixture of languages); diplokg ingest reads German, English and "
                    "Russian pages (give --lang if the page is one of them)")
