from django.db import models


class RateLimit(models.Model):
    """One counter per key for gongkai.core.ratelimit: hits counted in the window that ends at window_end_ms
    (milliseconds since the epoch). Written only by ratelimit.hit's single upsert statement."""

    key = models.CharField(max_length=200, primary_key=True)
    window_end_ms = models.BigIntegerField()
    count = models.PositiveIntegerField()

    class Meta:
        verbose_name = verbose_name_plural = "访问频率计数"
