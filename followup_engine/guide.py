"""Where the guide explains each action: site-relative URLs with pinned anchors."""

from __future__ import annotations

__all__ = ["GUIDE_ANCHORS", "guide_for"]

#: Every guide section the site pins, by rule id (the guide pages carry these ids).
GUIDE_ANCHORS: dict[str, tuple[str, ...]] = {
    "G1": ("before-you-leave/#ask-about-the-timeline",),
    "G2": ("before-you-leave/#agree-a-check-in",),
    "G3": ("before-you-leave/#keep-to-what-you-agreed",),
    "G4": ("thank-you-note/#send-it-within-24-hours",),
    "G5": ("promised-date-passed/#silence-is-normal",),
    "G6": ("promised-date-passed/#check-in-by-email",),
    "G7": ("no-timeline/#wait-a-week",),
    "G8": ("no-timeline/#when-to-ask",),
    "G9": ("no-timeline/#who-to-contact",),
    "G10": ("no-timeline/#ask-an-inside-contact", "no-timeline/#ask-your-references"),
    "G11": ("second-check-in/#one-more-note", "second-check-in/#let-it-go"),
    "G12": ("keep-applying/#keep-your-search-moving",),
    "G13": ("how-we-count-days/#business-days",),
    "G14": ("how-we-count-days/#latest-round-counts",),
    "G15": ("when-they-answer/#record-what-happened",),
    "G16": (
        "if-you-are-late/#never-several-at-once",
        "if-you-are-late/#a-late-thank-you",
        "if-you-are-late/#only-what-happened",
    ),
    "G17": ("when-they-answer/#a-new-date",),
    "G18": ("when-they-answer/#still-deciding",),
    "G19": ("when-they-answer/#a-new-round",),
    "G20": ("when-they-answer/#a-rejection",),
    "G21": ("when-they-answer/#an-offer",),
    "G22": ("when-they-answer/#withdrawing",),
    "G23": ("second-check-in/#reply-in-the-same-thread",),
    "G24": (
        "who-to-write-to/#recruiters",
        "who-to-write-to/#agency-recruiters",
        "who-to-write-to/#phone-and-video-interviews",
        "who-to-write-to/#greetings",
    ),
}

# The section that explains one kind of action; a follow-up depends on why it is due.
_BY_KIND_AND_RULE: dict[tuple[str, str], str] = {
    ("thank_you", "G4"): "thank-you-note/#send-it-within-24-hours",
    ("thank_you", "G16"): "if-you-are-late/#a-late-thank-you",
    ("follow_up", "G3"): "before-you-leave/#keep-to-what-you-agreed",
    ("follow_up", "G6"): "promised-date-passed/#check-in-by-email",
    ("follow_up", "G8"): "no-timeline/#when-to-ask",
    ("follow_up", "G17"): "when-they-answer/#a-new-date",
    ("follow_up", "G18"): "when-they-answer/#still-deciding",
    ("second_follow_up", "G11"): "second-check-in/#one-more-note",
    ("ask_inside_contact", "G10"): "no-timeline/#ask-an-inside-contact",
    ("ask_references", "G10"): "no-timeline/#ask-your-references",
    ("keep_applying", "G12"): "keep-applying/#keep-your-search-moving",
    ("reply_to_rejection", "G20"): "when-they-answer/#a-rejection",
    ("reply_to_offer", "G21"): "when-they-answer/#an-offer",
    ("withdraw", "G22"): "when-they-answer/#withdrawing",
}


def guide_for(kind: str, rule: str) -> str:
    """The guide section for an action of `kind` planned under `rule`.

    >>> guide_for("follow_up", "G6")
    'promised-date-passed/#check-in-by-email'
    """
    return _BY_KIND_AND_RULE[(kind, rule)]
