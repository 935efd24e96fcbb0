"""Permission matrix: every role × own agency / child agency / unrelated agency × every action."""

import pytest

from gongkai.core import permissions as P
from gongkai.core.models import AgencyKind, Role
from tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

# Expected answers written out by hand (V=view H=handle R=review M=manage S=supervise).
MATRIX = {
    #                  own       child     unrelated
    Role.OFFICE_ADMIN: ("VHRMS", "VHRMS", ""),
    Role.AGENCY_ADMIN: ("VHM",   "",      ""),
    Role.HANDLER:      ("VH",    "",      ""),
    Role.REVIEWER:     ("VR",    "",      ""),
    Role.READONLY:     ("V",     "",      ""),
}
LETTERS = {"V": P.VIEW, "H": P.HANDLE, "R": P.REVIEW, "M": P.MANAGE, "S": P.SUPERVISE}


@pytest.fixture
def tree():
    own = AgencyFactory(full_name="甲县人民政府", kind=AgencyKind.GOVERNMENT)
    child = AgencyFactory(full_name="甲县教育局", parent=own)
    grandchild = AgencyFactory(full_name="甲县某镇人民政府", parent=child, kind=AgencyKind.TOWNSHIP)
    unrelated = AgencyFactory(full_name="乙县人民政府", kind=AgencyKind.GOVERNMENT)
    return own, child, grandchild, unrelated


@pytest.mark.parametrize("role", list(MATRIX))
def test_matrix(tree, role):
    own, child, grandchild, unrelated = tree
    user = UserFactory(agency=own, role=role)
    for target, allowed in zip((own, child, unrelated), MATRIX[role]):
        for letter, action in LETTERS.items():
            assert P.can(user, action, target) is (letter in allowed), (role, target.full_name, action)
    # reach below the child follows the child
    assert P.can(user, P.VIEW, grandchild) is ("V" in MATRIX[role][1])


@pytest.mark.parametrize("role", list(MATRIX))
def test_visible_agencies_agrees_with_can(tree, role):
    user = UserFactory(agency=tree[0], role=role)
    for action in P.ACTIONS:
        visible = set(P.visible_agencies(user, action))
        assert visible == {a for a in tree if P.can(user, action, a)}


def test_objects_with_an_agency_attribute(tree):
    own = tree[0]
    user = UserFactory(agency=own, role=Role.HANDLER)

    class Case:
        agency = own

    assert P.can(user, P.HANDLE, Case()) and not P.can(user, P.REVIEW, Case())


def test_anonymous_inactive_and_superuser(tree):
    from django.contrib.auth.models import AnonymousUser

    own = tree[0]
    assert not P.can(AnonymousUser(), P.VIEW, own)
    user = UserFactory(agency=own, role=Role.OFFICE_ADMIN)
    user.is_active = False
    assert not P.can(user, P.VIEW, own)
    boss = UserFactory()
    boss.is_superuser = True
    assert all(P.can(boss, a, t) for a in P.ACTIONS for t in tree)
    assert not P.can(UserFactory(), P.VIEW, own)  # no role anywhere


def test_unknown_action_is_an_error(tree):
    user = UserFactory(agency=tree[0], role=Role.HANDLER)
    with pytest.raises(ValueError):
        P.can(user, "delete", tree[0])


def test_unknown_role_is_refused_in_chinese(tree):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        UserFactory(agency=tree[0], role="局长")
    assert "未知角色" in exc.value.message_dict["role"][0]


def test_role_given_by_chinese_label(tree):
    user = UserFactory(agency=tree[0], role="审核人")
    assert P.can(user, P.REVIEW, tree[0])
