class RemembersLoadedValues:
    """A model mixin: the instance keeps the values its row had when loaded (or last saved).

    ``content_changed`` carries them as ``previous``, so that a receiver can tell
    what a save changed (a story leaving a section, going public...) without a
    query. Only the fields actually loaded are kept (deferred ones are missing).
    The pattern is Django's own (Model.from_db in the model instance reference).
    """

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance.loaded_values = dict(zip(field_names, values, strict=True))
        return instance

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)  # post_save, sent in there, still sees the loaded values
        self.loaded_values = {f.attname: getattr(self, f.attname) for f in self._meta.concrete_fields}
