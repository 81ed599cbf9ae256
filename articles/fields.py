"""Small helpers about the content model's fields, for code that fills them from outside."""

from functools import cache


@cache
def max_length(model, field_name):
    return model._meta.get_field(field_name).max_length


def fit(model, field_name, value):
    """``value`` cut to what ``model.field_name`` holds: wire copy is not refused for a long title."""
    return (value or "")[: max_length(model, field_name)]
