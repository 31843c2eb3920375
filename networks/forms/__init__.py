"""Forms of the networks app, by area: the application, the review, the directory, the short name."""

from .applications import ApplicationForm
from .directory import InterestForm
from .naming import ShortNameForm
from .review import ReviewForm

__all__ = ["ApplicationForm", "InterestForm", "ReviewForm", "ShortNameForm"]
