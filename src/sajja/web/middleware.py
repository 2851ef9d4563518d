"""Translate domain errors at the edge: not found is a 404, not permitted a 403."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from sajja.core.errors import DomainError, NotFound, NotPermitted


class DomainErrorMiddleware:
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
