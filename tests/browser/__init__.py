import pytest

# The journey's steps assert as its test does: pytest explains a failing assert there too.
pytest.register_assert_rewrite("tests.browser.visitor_journey_steps")
