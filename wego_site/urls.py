from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from wego_site.pages import discovery, views
from wego_site.pages.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.LandingView.as_view(), name="landing"),
    path("programs/", include("programs.urls")),
    path("news/", include("news.urls")),
    path("testimonials/", include("testimonials.urls")),
    # Discovery: search, sitemap, robots.txt.
    path("search/", discovery.SearchView.as_view(), name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", discovery.RobotsTxtView.as_view(), name="robots_txt"),
    # Health check, and the admin under DJANGO_ADMIN_URL.
    path("healthz", views.healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
]

if settings.DEBUG:
    # `make run` serves uploads itself; in production the proxy or the storage does.
    from django.views.static import serve

    urlpatterns += [
        path(
            f"{settings.MEDIA_URL.strip('/')}/<path:path>",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]
