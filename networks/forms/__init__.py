"""Forms of the networks app, by area: the application, the review, the directory."""

from .applications import ApplicationForm
from .directory import InterestForm
from .review import ReviewForm

__all__ = ["ApplicationForm", "InterestForm", "ReviewForm"]
