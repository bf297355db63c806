"""The open data's addresses: the API under /api/v1/, the data sets under /data/."""

from django.urls import path, re_path

from opendata import api, data_views

app_name = "opendata"

urlpatterns = [
    path("api/v1/", api.Root.as_view(), name="api_root"),
    path("api/v1/schema/", api.Schema.as_view(), name="schema"),
    path("api/v1/docs/", data_views.ApiDocsView.as_view(), name="api_docs"),
    path("api/v1/programs/", api.ProgramList.as_view(), name="program_list"),
    path("api/v1/programs/<str:slug>/", api.ProgramDetail.as_view(), name="program_detail"),
    path("api/v1/editions/", api.EditionList.as_view(), name="edition_list"),
    path(
        "api/v1/editions/<str:program_slug>/<str:slug>/",
        api.EditionDetail.as_view(),
        name="edition_detail",
    ),
    path("api/v1/places/", api.PlaceList.as_view(), name="place_list"),
    path("api/v1/places/<str:slug>/", api.PlaceDetail.as_view(), name="place_detail"),
    path("api/v1/countries/", api.CountryList.as_view(), name="country_list"),
    path("api/v1/countries/<str:code>/", api.CountryDetail.as_view(), name="country_detail"),
    path("api/v1/participation/", api.ParticipationList.as_view(), name="participation_list"),
    path("api/v1/news/", api.PostList.as_view(), name="post_list"),
    path("api/v1/news/<str:slug>/", api.PostDetail.as_view(), name="post_detail"),
    path("api/v1/testimonials/", api.TestimonialList.as_view(), name="testimonial_list"),
    path("api/v1/calls/", api.CallList.as_view(), name="call_list"),
    # Any other address under the API: a 404 in JSON, as the API's own answers.
    re_path(r"^api/v1/", api.NotFound.as_view(), name="api_not_found"),
    path("data/", data_views.DataSetsView.as_view(), name="datasets"),
    path("data/datapackage.json", data_views.data_package, name="data_package"),
    path("data/<str:name>.csv", data_views.table_csv, name="table_csv"),
]
