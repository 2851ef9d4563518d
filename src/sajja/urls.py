from django.urls import include, path
from django.views.i18n import set_language

from sajja.api.api import api

urlpatterns = [
    path("i18n/setlang/", set_language, name="set_language"),
    path("api/", api.urls),
    path("", include("sajja.welfare.urls")),
    path("", include("sajja.contributions.urls")),
    path("", include("sajja.meetings.urls")),
    path("", include("sajja.knowledge.urls")),
    path("", include("sajja.contributions.month_end.urls")),
    path("", include("sajja.sustainability.urls")),
    path("", include("sajja.rollup.urls")),
    path("", include("sajja.pooling.urls")),
    path("", include("sajja.cofunding.urls")),
    path("", include("sajja.registry.urls")),
    path("", include("sajja.ledger.urls")),
    path("", include("sajja.web.urls")),
]
