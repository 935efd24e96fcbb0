"""`{% load labels %}` … `{{ code|label:"event" }}`: the template side of gongkai.core.labels."""

from django import template

from gongkai.core import labels

register = template.Library()


@register.filter(name="label")
def label_filter(code, namespace: str):
    return labels.label(namespace, code)
