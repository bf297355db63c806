from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path, re_path

from pages import discovery, place_pages, views
from pages.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.LandingView.as_view(), name="landing"),
    # The call's pages sit under its edition (/programs/<program>/<edition>/apply/).
    path("", include("applications.urls")),
    path("programs/", include("pages.program_urls")),
    path("news/", include("news.urls")),
    path("testimonials/", include("testimonials.urls")),
    # Where the training has reached: the map, a page per place and per country.
    path("cities/", place_pages.PlaceListView.as_view(), name="place_list"),
    path("cities/<slug:slug>/", place_pages.PlaceDetailView.as_view(), name="place_detail"),
    # A country by its ISO code in lower case: each country has one address. The code in
    # capitals redirects there; anything else is no match (a 404) before any query.
    re_path(
        r"^countries/(?P<iso>[a-z]{2})/$",
        place_pages.CountryDetailView.as_view(),
        name="country_detail",
    ),
    re_path(r"^countries/(?P<iso>[A-Za-z]{2})/$", place_pages.country_in_lower_case),
    # The open data: the API under /api/v1/, the data sets under /data/.
    path("", include("opendata.urls")),
    # Discovery: search, sitemap, robots.txt, the icon.
    path("search/", discovery.SearchView.as_view(), name="search"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", discovery.RobotsTxtView.as_view(), name="robots_txt"),
    path("favicon.ico", discovery.favicon, name="favicon"),
    # Health check, and the admin under DJANGO_ADMIN_URL.
    path("healthz", views.healthz, name="healthz"),
    path(settings.ADMIN_URL, admin.site.urls),
]
# A database that cannot answer gives a 503 with Retry-After; anything else a 500.
handler500 = "wego_site.core.error_pages.server_error"
# A request the site cannot read (too many fields, a damaged form): the site's own page.
handler400 = "wego_site.core.error_pages.bad_request"
# A page the signed-in user has no permission for: the site's page, saying whom to ask.
handler403 = "wego_site.core.error_pages.permission_denied"

# With debug on (`make run`), Django serves uploads and social cards itself; in
# production the web server does (docs/deployment.md). static() adds nothing otherwise.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
