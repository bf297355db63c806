from django.apps import AppConfig


class TestimonialsConfig(AppConfig):
    name = "testimonials"
    verbose_name = "Testimonials"

    def ready(self):
        from programs.models.places import register_place_evidence
        from testimonials.models import counted_testimonial_q

        # A testimonial names a former participant's city: the place took part in the
        # testimonial's edition (the map, the places' counts and the site's figures).
        register_place_evidence("testimonials", counted_testimonial_q)
