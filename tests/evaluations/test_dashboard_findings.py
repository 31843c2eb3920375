"""The staff phase dashboard as the tester met it (issue 12, second walk): it flags exactly the
networks the yearly re-check finds short, with the criterion, and the demo data holds that
re-check."""

import re

import pytest
from django.urls import reverse

from demo.load import seed_demo
from networks.models import RecheckResult
from networks.services import recheck_supported_networks
from tests.factories import make_staff
from tests.networks.test_recheck import supported_network

pytestmark = pytest.mark.django_db


def _rows(html: str) -> dict[str, str]:
    """network name -> the text of its criteria cell on the dashboard."""
    table = html[html.index('id="dashboard-table"') :]
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        name = re.search(r'<th scope="row">\s*<a [^>]*>(.*?)</a>', row)
        cell = re.search(r'<td class="criteria-flags">(.*?)</td>', row, re.S)
        if name and cell:
            rows[name.group(1)] = " ".join(re.sub(r"<[^>]+>", " ", cell.group(1)).split())
    return rows


def test_a_network_short_of_six_fixed_members_is_flagged_with_that_criterion(client):
    supported_network(participants=2, name="Lerend Leidinggeven Haarlem")
    supported_network(name="Gezond netwerk")
    recheck_supported_networks()
    client.force_login(make_staff())
    rows = _rows(client.get(reverse("evaluations:dashboard")).content.decode())
    short = rows["Lerend Leidinggeven Haarlem"]
    assert short.startswith("schiet tekort")
    assert "6" in short
    assert "vaste deelnemers" in short
    assert rows["Gezond netwerk"].startswith("geen tekortkomingen (herbeoordeling van het jaar")


def test_the_demo_dashboard_flags_exactly_what_the_recheck_found(client, settings):
    settings.DEBUG = True
    seed_demo()
    results = RecheckResult.objects.select_related("network")
    assert results.exists()  # the demo data holds the re-check
    client.force_login(make_staff())
    html = ""
    page = 1
    while True:
        response = client.get(reverse("evaluations:dashboard"), {"page": page})
        html += response.content.decode()
        if f"page={page + 1}" not in response.content.decode():
            break
        page += 1
    flagged = {name for name, cell in _rows_all(html).items() if cell.startswith("schiet tekort")}
    assert flagged == {r.network.name for r in results if r.flagged}
    assert flagged  # the demo holds a network the re-check finds short


def _rows_all(html: str) -> dict[str, str]:
    rows = {}
    for part in html.split('id="dashboard-table"')[1:]:
        rows.update(_rows('id="dashboard-table"' + part))
    return rows
