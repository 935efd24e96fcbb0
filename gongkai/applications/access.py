"""How applications' views, API and services read and check their objects: through core.permissions only, so a
view cannot forget the check. `get_case` / `get_letter` are `permissions.fetch` for one object type."""

from gongkai.core import permissions

from .models import Application, Letter


def get_case(user, action: str, pk: int) -> Application:
    """The application `pk` if `user` may `action` it; 404 if there is none; 403 if it is not theirs."""
    return permissions.fetch(user, action, Application.objects.select_related("agency"), pk=pk)


def get_letter(user, action: str, case_pk: int, letter_pk: int) -> Letter:
    """A letter of application `case_pk`, checked like its application."""
    return permissions.fetch(user, action, Letter.objects.select_related("application__agency"), pk=letter_pk,
                             application_id=case_pk)


# What each case action asks of the person: 承办 (HANDLE) for all, except an extension, which needs an approver
# (MANAGE, art. 33: 经政府信息公开工作机构负责人同意). One table for the page, the API and the services.
CASE_ACTION_PERMISSION = {"extension_granted": permissions.MANAGE}


def permission_for(case_action: str) -> str:
    return CASE_ACTION_PERMISSION.get(case_action, permissions.HANDLE)


def require(actor, action: str, obj) -> None:
    """Services check the acting person; `actor` None is the applicant or the system, who act on their own case."""
    if actor is not None:
        permissions.require(actor, action, obj)
