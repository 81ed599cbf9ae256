from api.endpoints import api

urlpatterns = api.urls[0]
