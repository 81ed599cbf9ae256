"""The one answer to "may this user do that to this story?".

The admin (forms, buttons, bulk actions, querysets), the preview view and the
workflow actions all ask ``policy``; none of them checks a role by itself.

- Reporters create stories, edit their own while they are drafts, and submit
  them for review. They never publish, and see only their own stories.
- Editors (holders of ``articles.publish_story``) edit every story, publish,
  schedule, unpublish, send back and correct.
- Only superusers delete; everyone else unpublishes.
- Live coverage: whoever may edit a live story adds updates to it; editors
  also pin, correct and withdraw updates and close the coverage.
"""

from django.db.models import Q

from articles.models import Story


class StoryPermissionPolicy:
    publish_permission = "articles.publish_story"

    def is_editor(self, user):
        return user.is_active and user.has_perm(self.publish_permission)

    def _is_own_draft(self, user, story):
        return story.created_by_id == user.pk and story.status == Story.Status.DRAFT

    def visible_stories(self, user, queryset=None):
        """The stories this user works with in the admin."""
        queryset = Story.objects.all() if queryset is None else queryset
        if self.is_editor(user):
            return queryset
        if user.is_active and user.has_perm("articles.view_story"):
            return queryset.filter(Q(created_by=user))
        return queryset.none()

    def may_create(self, user):
        return user.is_active and user.has_perm("articles.add_story")

    def may_view(self, user, story):
        return self.visible_stories(user).filter(pk=story.pk).exists()

    def may_edit(self, user, story):
        if not (user.is_active and user.has_perm("articles.change_story")):
            return False
        return self.is_editor(user) or self._is_own_draft(user, story)

    def may_submit(self, user, story):
        return story.status == Story.Status.DRAFT and self.may_edit(user, story)

    def may_publish(self, user, story=None):
        return self.is_editor(user)

    def may_unpublish(self, user, story=None):
        return self.is_editor(user)

    def may_send_back(self, user, story=None):
        return self.is_editor(user)

    def may_correct(self, user, story=None):
        return self.is_editor(user)

    def may_add_live_update(self, user, story):
        return story.is_live_coverage and self.may_edit(user, story)

    def may_manage_live(self, user, story):
        return story.is_live_coverage and self.is_editor(user)

    def may_preview(self, user, story):
        return self.may_view(user, story)

    def may_delete(self, user, story=None):
        return user.is_active and user.is_superuser


policy = StoryPermissionPolicy()
