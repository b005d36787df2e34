"""`mkdocs serve` reloads the data after every edit; unchanged files are not read again.

dataset.FileCache keeps what each file gave, by its bytes. Whatever the cache holds, a
load must give exactly what a load without it gives: the edited file's new record or
new problems, every other file's record, and nothing for a file that is gone.
"""
from __future__ import annotations

from conftest import copy_data
from transparency.dataset import FileCache, load

AWARD = "awards/backbeat-youth-music-studio-2025.yml"


def loaded(data, cache=None):
    ds, problems = load(data, cache)
    return ds, [str(p) for p in problems]


def test_a_cached_load_gives_what_a_fresh_load_gives(tmp_path):
    data = copy_data(tmp_path)
    cache = FileCache()
    first, _ = loaded(data, cache)
    again, problems = loaded(data, cache)
    fresh, _ = loaded(data)
    assert problems == [] and again.awards == fresh.awards and again.funds == fresh.funds
    assert again.where.keys() == fresh.where.keys()
    assert all(again.awards[i] is first.awards[i] for i in first.awards)  # not read again


def test_an_edited_file_is_read_again_and_only_that_file(tmp_path):
    data = copy_data(tmp_path)
    cache = FileCache()
    first, _ = loaded(data, cache)
    path = data / AWARD
    path.write_text(path.read_text().replace("amount: 8000", "amount: 8500"))
    second, problems = loaded(data, cache)
    assert problems == []
    assert str(second.awards["backbeat-youth-music-studio-2025"].amount) == "8500"
    others = [i for i in first.awards if i != "backbeat-youth-music-studio-2025"]
    assert others and all(second.awards[i] is first.awards[i] for i in others)


def test_a_mistake_is_reported_every_time_until_it_is_fixed(tmp_path):
    data = copy_data(tmp_path)
    cache = FileCache()
    path = data / AWARD
    good = path.read_text()
    line = good.splitlines().index("amount: 8000") + 1
    path.write_text(good.replace("amount: 8000", "amount: 8,5OO"))
    expected = [f"data/{AWARD}:{line}: amount: `8,5OO` is not an amount of money: write pounds as a plain "
                "number, without £, commas or spaces, for example 1500 or 1500.50"]
    for _ in range(2):  # the second load answers from the cache: same problem, same line
        ds, problems = loaded(data, cache)
        assert problems == expected and not ds.complete
        assert "backbeat-youth-music-studio-2025" in ds.broken["awards"]
    path.write_text(good)
    ds, problems = loaded(data, cache)
    assert problems == [] and ds.complete and str(ds.awards["backbeat-youth-music-studio-2025"].amount) == "8000"


def test_a_deleted_file_is_gone_and_forgotten(tmp_path):
    data = copy_data(tmp_path)
    cache = FileCache()
    loaded(data, cache)
    (data / AWARD).unlink()
    ds, _ = loaded(data, cache)
    assert "backbeat-youth-music-studio-2025" not in ds.awards
    assert not any(key[0] == f"data/{AWARD}" for key in cache._entries)
