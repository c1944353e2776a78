"""What several builders share: section HTML, templating, one WeasyPrint entry, the URL fetcher."""
