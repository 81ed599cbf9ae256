"""The default cache (files shared by the machine's processes) still keeps to about its size."""

from newsroom.caches import CullingFileBasedCache


def test_the_file_cache_drops_files_once_well_past_its_cap(tmp_path):
    cache = CullingFileBasedCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 100}})
    cache.set_many({f"version:{number}": number for number in range(2000)}, None)
    files = len(list(tmp_path.glob("*.djcache")))
    # Counted every CHECK_EVERY writes rather than on each: past the cap by a few times that.
    assert files <= 100 + 3 * CullingFileBasedCache.CHECK_EVERY
    assert cache.get("version:1999") == 1999
