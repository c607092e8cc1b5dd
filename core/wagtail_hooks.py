from wagtail import hooks


@hooks.register("is_request_cacheable")
def previews_never_read_the_page_cache(request, cacheable):
    """Wagtail marks a preview's request `is_dummy` before the middleware runs (`is_preview` only after), and
    gives it the Site's host name: without this, a preview of a page whose public address matches the Site
    (as every page does once the Site follows WAGTAILADMIN_BASE_URL) would be answered with the cached live page."""
    if getattr(request, "is_dummy", False):
        return False
    return None
