"""`{% datacache "name" vary... %}...{% enddatacache %}`: a fragment cached until the data
changes (see leernetwerk.datacache).

The key always holds the data version, the language and the viewer, so a fragment is never
shown to another person; add what else the fragment depends on (usually the full path, which
holds the filters and the page). Only GET requests use the cache. The viewer's CSRF token
is not cached: it is stored as a placeholder and filled in for each request."""

from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from .. import datacache

register = template.Library()


class DataCacheNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        request = context.get("request")
        # Only pages asked for with GET: an answer to a POST shows that form's errors.
        cacheable = datacache.enabled() and request is not None and request.method == "GET"
        version = datacache.current_version() if cacheable else None
        if version is None:
            return self.nodelist.render(context)
        user = getattr(request, "user", None)
        viewer = user.pk if user is not None and user.is_authenticated else "-"
        key = datacache.fragment_key(
            self.name.resolve(context),
            [version, get_language(), viewer, *(var.resolve(context) for var in self.vary_on)],
        )
        token = context.get("csrf_token")
        cached = datacache.get(key)
        if cached is not None:
            if datacache.CSRF_SENTINEL in cached:
                cached = cached.replace(datacache.CSRF_SENTINEL, str(token))
            return mark_safe(cached)  # noqa: S308 - our own rendered template output
        content = self.nodelist.render(context)
        stored = str(content)
        if token is not None and str(token) in stored:
            stored = stored.replace(str(token), datacache.CSRF_SENTINEL)
        datacache.put(key, stored)
        return content


@register.tag("datacache")
def do_datacache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("'datacache' needs a fragment name.")
    nodelist = parser.parse(("enddatacache",))
    parser.delete_first_token()
    return DataCacheNode(
        nodelist, parser.compile_filter(bits[1]), [parser.compile_filter(b) for b in bits[2:]]
    )
