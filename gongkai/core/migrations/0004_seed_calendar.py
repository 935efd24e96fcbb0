"""Seed the official-day table 2004–2026 from the pinned chinesecalendar package."""

from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.core.calendar_service import seed_from_chinesecalendar

    seed_from_chinesecalendar(apps)


class Migration(migrations.Migration):
    dependencies = [("core", "0003_calendar")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
