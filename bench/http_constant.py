"""Settings for the framework floor of bench/http.py: Minuted's own settings and middleware,
with URLs (bench/http_constant_urls.py) that add one view returning constant bytes."""

from minuted.settings import *  # noqa: F403

ROOT_URLCONF = "bench.http_constant_urls"
