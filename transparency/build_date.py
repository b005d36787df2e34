"""The one place the build's "now" comes from.

Tender status ("open", "closes in 3 days") and "no award dated in the future"
depend on it. Set SOURCE_DATE_EPOCH (seconds since 1970, the reproducible-builds
convention MkDocs also reads for the sitemap) to fix it, so two builds of the
same data give the same bytes.
"""
from __future__ import annotations

import os
from datetime import date, datetime, timezone

from .dates import LONDON


def build_moment(environ: dict[str, str] | None = None) -> datetime:
    env = os.environ if environ is None else environ
    epoch = env.get("SOURCE_DATE_EPOCH")
    if epoch:
        return datetime.fromtimestamp(int(epoch), tz=timezone.utc).astimezone(LONDON)
    return datetime.now(tz=LONDON)


def build_date(environ: dict[str, str] | None = None) -> date:
    return build_moment(environ).date()
