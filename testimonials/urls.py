from django.urls import path

from testimonials import views

app_name = "testimonials"

urlpatterns = [
    path("", views.TestimonialListView.as_view(), name="testimonial_list"),
    path("<year:year>/", views.TestimonialYearView.as_view(), name="by_year"),
]
