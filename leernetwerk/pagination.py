"""One way to paginate a list page, shared by every app."""

from django.core.paginator import Paginator


def paginate(request, queryset, per_page: int = 25) -> dict:
    """The requested page of a list plus the query string without `page`, so the links of
    templates/includes/pagination.html keep the list's filters."""
    page = Paginator(queryset, per_page).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page_obj": page,
        "object_list": page.object_list,
        "query_string": query.urlencode(),
    }
