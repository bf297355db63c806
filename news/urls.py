from django.urls import path

from news import views

app_name = "news"

urlpatterns = [
    path("", views.PostListView.as_view(), name="post_list"),
    path("tag/<slug:slug>/", views.PostTagView.as_view(), name="post_tag"),
    path("<int:year>/", views.PostYearView.as_view(), name="post_year"),
    path("<int:year>/<slug:slug>/", views.PostDetailView.as_view(), name="post_detail"),
]
