"""The desk: the Django admin as the newsroom's editorial tool.

``story`` holds the story admin (declarative), ``views`` its own screens
(workflow buttons, preview, versions, corrections), ``actions`` the bulk
actions, ``related`` the "More on this" suggestions panel, ``records`` the
shared records (sections, authors, outlets), ``images`` the picture library.
"""

from django.contrib import admin

from desk.admin import images, records, story, wire  # noqa: F401  (registers the model admins)

admin.site.site_header = "Newsroom"
admin.site.site_title = "Newsroom admin"
admin.site.index_title = "Newsroom desk"
