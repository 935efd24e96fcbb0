"""Small request helpers every app shares."""

from django.conf import settings


def client_address(request) -> str:
    """The client's address for rate limits and logs. Behind N trusted proxies (GONGKAI_TRUSTED_PROXIES) it is the
    N-th address from the right of X-Forwarded-For — the one our own outermost proxy saw; anything further left was
    written by the client and is not trusted. With no trusted proxy the header is ignored."""
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = settings.TRUSTED_PROXIES
    if not proxies:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    if len(forwarded) < proxies:
        return forwarded[0] if forwarded else remote
    return forwarded[-proxies]
