"""Factories: objects made through the services, as users make them (so paths and audit events exist)."""

import itertools

import factory

from gongkai.core import services
from gongkai.core.codes import make_uscc
from gongkai.core.models import Agency, AgencyKind, User

_seq = itertools.count(1)
PASSWORD = "Factory-pass-2026"


def new_uscc() -> str:
    return make_uscc("11", "990200", f"F{next(_seq):07d}")


class AgencyFactory(factory.Factory):
    class Meta:
        model = Agency

    full_name = factory.Sequence(lambda n: f"测试市第{n}局")
    kind = AgencyKind.DEPARTMENT
    uscc = factory.LazyFunction(new_uscc)
    parent = None

    @classmethod
    def _create(cls, model_class, parent=None, **kwargs):
        return services.create_agency(None, parent=parent, **kwargs)


class UserFactory(factory.Factory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    display_name = factory.Sequence(lambda n: f"测试用户{n}")

    @classmethod
    def _create(cls, model_class, agency=None, role=None, password=PASSWORD, **kwargs):
        return services.create_staff(None, kwargs["username"], password, kwargs.get("display_name", ""),
                                     agency=agency, role=role)
