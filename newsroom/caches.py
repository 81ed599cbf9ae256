"""The default cache backend: Django's file cache, with its size checked now and then.

Django's ``FileBasedCache`` lists its whole folder on every write to see
whether it has passed ``MAX_ENTRIES``: a cost that grows with the number of
files. The page cache writes one small file per key it bumps (the version of a
story, topic, author or list), so an import batch bumping 800 keys listed a
folder of a few thousand files 800 times, about a minute on the benchmark
machine, longer than saving the stories. Here a process looks at the folder
on its first write and then every ``CHECK_EVERY`` writes, so the folder may
hold a few times ``CHECK_EVERY`` files more than the cap; past it, a third of
the files are dropped, as before.
"""

from django.core.cache.backends.filebased import FileBasedCache


class CullingFileBasedCache(FileBasedCache):
    CHECK_EVERY = 100

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._writes = 0

    def _cull(self):
        self._writes += 1
        if self._writes % self.CHECK_EVERY == 1:
            super()._cull()
