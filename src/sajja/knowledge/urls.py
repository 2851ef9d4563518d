"""Web routes of the knowledge area. Every route is listed in tests/access/areas/meetings.py (where they were
first served): the notes and the models are the same pages for everyone, their addresses name no fund."""

from django.urls import path

from sajja.knowledge import views

app_name = "knowledge"

urlpatterns = [
    path("knowledge/", views.knowledge_search, name="knowledge-search"),
    path("knowledge/new/", views.knowledge_new, name="knowledge-new"),
    path("knowledge/<int:pk>/", views.knowledge_note, name="knowledge-note"),
    path("knowledge/<int:pk>/files/", views.note_attachment_add, name="knowledge-attachment-add"),
    path("knowledge/<int:pk>/files/<int:file_id>/", views.note_attachment, name="knowledge-attachment"),
    path("models/", views.model_profiles, name="model-profiles"),
    path("models/<slug:network>/", views.model_profile, name="model-profile"),
]
