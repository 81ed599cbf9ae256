"""The system account that imports act as.

Every status change an import makes (publishing with ``--publish``, a
provider's withdrawal) is a workflow action taken by this account, so it is
checked by the permission policy and recorded as a transition "by wire" like
an editor's. The account is created on first use in the Editor role; it has no
password and cannot log in. Take the role away and imports can no longer
publish or withdraw: they fail with the policy's reason.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from articles.roles import EDITOR, sync_roles


def wire_account():
    user, created = get_user_model().objects.get_or_create(
        username=settings.NEWSROOM_WIRE_USERNAME, defaults={"is_staff": False, "is_active": True}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
        sync_roles(Group, Permission)  # the groups may be missing right after a flush (tests)
        user.groups.add(Group.objects.get(name=EDITOR))
    return user
