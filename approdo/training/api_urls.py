"""/api/v1/ endpoints of the app."""

from django.urls import URLPattern, URLResolver, path

from approdo.training import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("training/courses/", api.CourseListView.as_view(), name="api-training-course-list"),
    path(
        "training/courses/<int:pk>/",
        api.CourseDetailView.as_view(),
        name="api-training-course-detail",
    ),
    path(
        "training/courses/<int:pk>/sessions/",
        api.CourseSessionView.as_view(),
        name="api-training-course-sessions",
    ),
    path(
        "training/sessions/<int:pk>/attendance/",
        api.SessionAttendanceView.as_view(),
        name="api-training-session-attendance",
    ),
    path(
        "training/cases/<int:case_id>/",
        api.CaseTrainingView.as_view(),
        name="api-training-case",
    ),
    path(
        "training/cases/<int:case_id>/orientation/",
        api.CaseOrientationView.as_view(),
        name="api-training-case-orientation",
    ),
    path(
        "training/cases/<int:case_id>/assessments/",
        api.CaseAssessmentView.as_view(),
        name="api-training-case-assessments",
    ),
    path(
        "training/cases/<int:case_id>/enrolments/",
        api.CaseEnrolmentView.as_view(),
        name="api-training-case-enrolments",
    ),
    path(
        "training/enrolments/<int:pk>/outcome/",
        api.EnrolmentOutcomeView.as_view(),
        name="api-training-enrolment-outcome",
    ),
]
