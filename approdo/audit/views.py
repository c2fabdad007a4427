from django.http import HttpRequest, HttpResponse


def event_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("events")
