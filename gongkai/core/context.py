from django.conf import settings


def site(request):
    from .permissions import is_staff_member

    return {"SITE_NAME": settings.SITE_NAME, "is_staff_member": is_staff_member(getattr(request, "user", None))}
