"""Core models. Each noun in its own module; import new modules here so Django finds them."""

from .agency import Agency, AgencyKind  # noqa: F401
from .audit import AuditEvent  # noqa: F401
from .calendar import CalendarYear, OfficialDay  # noqa: F401
from .jobs import Job, JobState  # noqa: F401
from .people import ApiToken, Membership, Role, User  # noqa: F401
from .ratelimit import RateLimit  # noqa: F401
