from django.urls import path

from approdo.linkage import views

app_name = "linkage"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.candidate_detail, name="candidate"),
    path("unioni/", views.merge_list, name="merges"),
    path("unioni/<int:pk>/", views.merge_detail, name="merge"),
    path("esecuzioni/", views.runs, name="runs"),
]
