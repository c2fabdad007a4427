from django.http import HttpRequest, HttpResponse


def directory(request: HttpRequest) -> HttpResponse:
    return HttpResponse("directory")


def node_map(request: HttpRequest) -> HttpResponse:
    return HttpResponse("map")


def totals(request: HttpRequest) -> HttpResponse:
    return HttpResponse("totals")
