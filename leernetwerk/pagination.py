"""One way to paginate a list page, shared by every app."""

from django.core.paginator import Paginator
from django.utils.functional import SimpleLazyObject


def paginate(request, queryset, per_page: int = 25) -> dict:
    """The requested page of a list plus the query string without `page`, so the links of
    templates/includes/pagination.html keep the list's filters.

    The page is lazy: counting and fetching happen when the template first uses it, so a list
    served from the fragment cache (leernetwerk.datacache) runs no query for it."""
    page = SimpleLazyObject(lambda: Paginator(queryset, per_page).get_page(request.GET.get("page")))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page_obj": page,
        "object_list": SimpleLazyObject(lambda: page.object_list),
        "query_string": query.urlencode(),
    }
