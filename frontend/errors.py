"""Friendly error pages that still look like the site."""

from django.http import HttpResponseServerError
from django.shortcuts import render
from django.template import loader


def not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No context processors here: the error may be the database itself.
    return HttpResponseServerError(loader.get_template("500.html").render())
