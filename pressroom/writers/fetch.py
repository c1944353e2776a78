"""The only way WeasyPrint may load a resource: files inside the project.

Sources are scraped from the web, so their HTML is untrusted. This fetcher
refuses the network and any path outside the project tree (for example a
``file:///etc/passwd`` image); WeasyPrint then skips the resource.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote, urlparse

from .templating import PROJECT


class RefusedResource(ValueError):
    pass


def project_url_fetcher(url: str, *args, **kwargs):
    import weasyprint
    parsed = urlparse(url)
    if parsed.scheme == "data":
        return weasyprint.default_url_fetcher(url, *args, **kwargs)
    if parsed.scheme != "file":
        raise RefusedResource(f"refused non-local resource: {url}")
    path = Path(unquote(parsed.path)).resolve()
    if not path.is_relative_to(PROJECT):
        raise RefusedResource(f"refused file outside the project: {path}")
    return weasyprint.default_url_fetcher(url, *args, **kwargs)
