"""A small, separate Django project: a real OpenID Connect provider (django-oauth-toolkit)
that the school sign-in tests start on 127.0.0.1 (see tests/oidc_provider/server.py).

It stands in for a school federation: people log in there with their school account and
consent to share name and address; the provider signs ID tokens with an RS256 key the test
run generates."""
