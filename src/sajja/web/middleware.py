"""Middleware of the web pages: Thai first, and domain errors translated at the edge."""

from django.conf import settings
from django.http import Http404
from django.middleware.locale import LocaleMiddleware
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language

from sajja.core.errors import DomainError, NotFound, NotPermitted


class ThaiFirstLocaleMiddleware(LocaleMiddleware):
    """Pages are in Thai unless the user chose another language with the switch (its cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, so a treasurer whose phone is
    set to English would land on an English login page; Sajja is Thai first. Use it in MIDDLEWARE in
    place of django.middleware.locale.LocaleMiddleware.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        try:
            language = translation.get_supported_language_variant(chosen) if chosen else None
        except LookupError:
            language = None
        translation.activate(language or settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()


class DomainErrorMiddleware:
    """Not found is a 404 (the same page whether the thing exists elsewhere or not), not permitted a 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.path.startswith("/api/"):
            return None
        if isinstance(exception, NotFound):
            raise Http404(exception.message(get_language() or "th"))
        if isinstance(exception, NotPermitted):
            return render(request, "web/error.html", {"error": exception}, status=403)
        if isinstance(exception, DomainError):
            return render(request, "web/error.html", {"error": exception}, status=exception.status)
        return None
