from django.urls import path

from wire.ingest.push import push

app_name = "wire"
urlpatterns = [path("push/<slug:slug>/", push, name="push")]
