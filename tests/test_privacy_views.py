"""The findings page and its decisions: links by URL name, confidences in words, objects read through
permissions.fetch, and a `next` that only ever leads back into this site."""

import pytest
from django.urls import reverse

from gongkai.core import labels
from gongkai.core.models import User
from gongkai.privacy import services as privacy
from gongkai.privacy.models import FindingStatus, StoredFinding
from tests.catalog_helpers import make_item


@pytest.fixture
def finding(demo_city):
    handler = User.objects.get(username="fgw_handler")
    item = make_item(demo_city["fgw"], handler, title="表彰名单", body="<p>申请人：王小明 同志获表彰</p>")
    verdict = privacy.check_release(item, User.objects.get(username="fgw_reviewer"))
    assert verdict.blocked
    return verdict.blocking[0]


def test_findings_page_shows_words_and_links_by_name(client, finding):
    client.force_login(User.objects.get(username="fgw_reviewer"))
    page = client.get(reverse("privacy:findings")).content.decode()
    assert f'action="{reverse("privacy:decide", args=[finding.pk, "redact"])}"' in page
    assert f'href="{reverse("catalog_staff:item", args=[finding.object_id])}"' in page
    assert "<td>高</td>" in page and "<td>high</td>" not in page


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/staff/", "javascript:alert(1)"])
def test_next_outside_this_site_lands_on_the_findings_page(client, finding, target):
    client.force_login(User.objects.get(username="fgw_reviewer"))
    response = client.post(reverse("privacy:decide", args=[finding.pk, "not_personal"]),
                           {"reason": "化名，非真实个人", "next": target})
    assert response.status_code == 302 and response.url == reverse("privacy:findings")
    assert StoredFinding.objects.get(pk=finding.pk).status == FindingStatus.NOT_PERSONAL


def test_next_inside_this_site_is_followed(client, finding):
    client.force_login(User.objects.get(username="fgw_reviewer"))
    back = reverse("catalog_staff:item", args=[finding.object_id])
    response = client.post(reverse("privacy:decide", args=[finding.pk, "override"]),
                           {"reason": "本人书面同意公开", "next": back})
    assert response.status_code == 302 and response.url == back
    assert StoredFinding.objects.get(pk=finding.pk).status == FindingStatus.OVERRIDDEN


def test_decisions_read_the_finding_through_permissions(client, finding):
    client.force_login(User.objects.get(username="fgw_handler"))          # a 承办人 may not decide
    url = reverse("privacy:decide", args=[finding.pk, "override"])
    assert client.post(url, {"reason": "本人同意"}).status_code == 403
    client.force_login(User.objects.get(username="fgw_reviewer"))
    assert client.post(reverse("privacy:decide", args=[finding.pk + 1000, "override"]),
                       {"reason": "本人同意"}).status_code == 404
    assert StoredFinding.objects.get(pk=finding.pk).status == FindingStatus.OPEN


def test_a_missing_reason_is_said_in_chinese(client, finding):
    client.force_login(User.objects.get(username="fgw_reviewer"))
    response = client.post(reverse("privacy:decide", args=[finding.pk, "not_personal"]), {"reason": " "},
                           follow=True)
    assert "须写明理由" in response.content.decode()


def test_every_privacy_event_kind_and_confidence_has_a_label():
    kinds = ["privacy.release_blocked", "privacy.redacted"] + [f"privacy.{status}" for status in FindingStatus
                                                                if status != FindingStatus.OPEN]
    assert labels.missing("event", kinds) == []
    assert labels.missing("confidence", ["high", "medium", "low", "info"]) == []
