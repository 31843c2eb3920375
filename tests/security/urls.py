"""Every URL pattern of the root URLconf, by its full name."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, get_resolver


def all_patterns(resolver=None, prefix: str = "", namespace: str | None = None):
    """(full name, route) for every URL pattern, following includes."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            ns = namespace
            if entry.namespace:
                ns = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from all_patterns(entry, prefix + str(entry.pattern), ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield name, prefix + str(entry.pattern)
