"""The newsroom's roles, as Django groups, and the permissions each one holds.

Reporters write and submit; editors review, publish and look after the
newsroom's shared records (sections, authors, tags, sources). Deleting a story
is left to superusers: nobody else holds ``delete_story``.

Apps built on the core add grants for their own models with ``grant()`` from
their ``AppConfig.ready()`` (the wire app lets editors read import records).

``sync_roles`` takes the model classes as arguments so that data migrations
can pass their historical models, and the demo seed and tests the real ones.
A grant whose permission does not exist yet (its app is not migrated) is
skipped; the app's own data migration syncs again once it is.
"""

REPORTER = "Reporter"
EDITOR = "Editor"

_ALL = ("add", "change", "delete", "view")

ROLE_PERMISSIONS = {
    REPORTER: {
        ("articles", "story"): ("add", "change", "view"),
        ("articles", "byline"): _ALL,
        ("articles", "sourceattribution"): _ALL,
        ("articles", "relatedlink"): _ALL,
        ("articles", "correction"): ("view",),
        ("articles", "storytransition"): ("view",),
        ("articles", "section"): ("view",),
        ("articles", "author"): ("view",),
        ("articles", "outlet"): ("view",),
        ("taggit", "tag"): ("view",),
    },
    EDITOR: {
        ("articles", "story"): ("add", "change", "view", "publish"),
        ("articles", "byline"): _ALL,
        ("articles", "sourceattribution"): _ALL,
        ("articles", "relatedlink"): _ALL,
        ("articles", "correction"): _ALL,
        ("articles", "storytransition"): ("view",),
        ("articles", "section"): _ALL,
        ("articles", "author"): _ALL,
        ("articles", "outlet"): _ALL,
        ("taggit", "tag"): _ALL,
    },
}


def grant(role, app_label, model, verbs):
    """Add ``verbs`` on ``app_label.model`` to ``role`` (for apps built on the core)."""
    ROLE_PERMISSIONS[role][(app_label, model)] = tuple(verbs)


def _codename(verb, model):
    return "publish_story" if verb == "publish" else f"{verb}_{model}"


def sync_roles(Group, Permission):
    """Create the role groups and give each exactly the permissions listed above."""
    for name, grants in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = [
            permission
            for (app_label, model), verbs in grants.items()
            for verb in verbs
            for permission in Permission.objects.filter(
                content_type__app_label=app_label, content_type__model=model, codename=_codename(verb, model)
            )
        ]
        group.permissions.set(wanted)
