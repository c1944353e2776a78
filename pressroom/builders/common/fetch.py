"""The only way WeasyPrint may load a resource: pressroom's own files.

Sources are scraped from the web, so their HTML is untrusted. This fetcher
refuses the network and any path outside pressroom's package, which holds
the styles and fonts (for example a ``file:///etc/passwd`` image: a book's
images are embedded as data: URIs); WeasyPrint then skips the resource with a
warning. ``project_url_fetcher`` is what writers pass as ``url_fetcher=``:
on WeasyPrint >= 68 an instance of its ``URLFetcher`` class (which is
callable), on older versions a plain function.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from pressroom.paths import PACKAGE


class RefusedResource(ValueError):
    pass


def check_url(url: str) -> None:
    """Raise RefusedResource unless ``url`` is data: or a file of pressroom's package."""
    parsed = urlparse(url)
    if parsed.scheme == "data":
        return
    if parsed.scheme != "file":
        raise RefusedResource(f"refused non-local resource: {url}")
    if parsed.netloc not in ("", "localhost"):
        raise RefusedResource(f"refused file on another host: {url}")
    path = Path(unquote(parsed.path)).resolve()
    if not path.is_relative_to(PACKAGE):
        raise RefusedResource(f"refused file outside pressroom's styles: {path}")


try:
    from weasyprint import URLFetcher as _URLFetcher
except ImportError:                                         # pragma: no cover
    _URLFetcher = None

if _URLFetcher is not None:
    class ProjectURLFetcher(_URLFetcher):
        def fetch(self, url, headers=None):
            check_url(url)
            return super().fetch(url, headers)

    project_url_fetcher = ProjectURLFetcher(allowed_protocols=("file", "data"),
                                            allow_redirects=False)
else:                                                       # pragma: no cover
    def project_url_fetcher(url: str, *args, **kwargs):
        import weasyprint
        check_url(url)
        return weasyprint.default_url_fetcher(url, *args, **kwargs)
