"""/api/v1/ endpoints of the helpdesk."""

from django.urls import path

from approdo.helpdesk import api

urlpatterns = [
    path("helpdesk/contacts/", api.ContactListView.as_view(), name="api-helpdesk-contact-list"),
    path(
        "helpdesk/contacts/<int:pk>/",
        api.ContactDetailView.as_view(),
        name="api-helpdesk-contact-detail",
    ),
    path("helpdesk/tasks/", api.TaskListView.as_view(), name="api-helpdesk-task-list"),
    path("helpdesk/services/", api.ServiceListView.as_view(), name="api-helpdesk-service-list"),
]
