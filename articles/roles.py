"""The newsroom's roles, as Django groups, and the permissions each one holds.

Reporters write and submit; editors review, publish and look after the
newsroom's shared records (sections, authors, tags, sources). Deleting a story
is left to superusers: nobody else holds ``delete_story``.

``sync_roles`` takes the model classes as arguments so that the data migration
(0003) can pass its historical models, and the demo seed and tests the real ones.
A grant added here later must name a model that exists by migration 0003, or
move to a new data migration of its own.
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
        ("articles", "importrecord"): ("view",),
        ("taggit", "tag"): _ALL,
    },
}


def _codename(verb, model):
    return "publish_story" if verb == "publish" else f"{verb}_{model}"


def sync_roles(Group, Permission):
    """Create the role groups and give each exactly the permissions listed above."""
    for name, grants in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        wanted = [
            Permission.objects.get(
                content_type__app_label=app_label, content_type__model=model, codename=_codename(verb, model)
            )
            for (app_label, model), verbs in grants.items()
            for verb in verbs
        ]
        group.permissions.set(wanted)
