"""Seed 体裁 and 主题分类 from gongkai.catalog.vocab (deployments edit the tables afterwards)."""

from django.db import migrations


def seed(apps, schema_editor):
    from gongkai.catalog import vocab

    Genre = apps.get_model("catalog", "Genre")
    Topic = apps.get_model("catalog", "Topic")
    for i, name in enumerate(vocab.GENRES):
        Genre.objects.get_or_create(name=name, defaults={"sort_order": i})
    for i, (top, children) in enumerate(vocab.TOPICS.items()):
        parent, _ = Topic.objects.get_or_create(name=top, parent=None, defaults={"sort_order": i})
        for j, child in enumerate(children):
            Topic.objects.get_or_create(name=child, parent=parent, defaults={"sort_order": j})


class Migration(migrations.Migration):
    dependencies = [("catalog", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
