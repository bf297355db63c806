from django.views.generic import DetailView, ListView

from programs.models import Edition, Program


class ProgramListView(ListView):
    template_name = "programs/program_list.html"
    context_object_name = "programs"

    def get_queryset(self):
        return Program.objects.published().select_related("regional_office")


class ProgramDetailView(DetailView):
    template_name = "programs/program_detail.html"
    context_object_name = "program"

    def get_queryset(self):
        return Program.objects.published().select_related("regional_office")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            editions=Edition.objects.published().filter(program=self.object), **kwargs
        )


class EditionDetailView(DetailView):
    template_name = "programs/edition_detail.html"
    context_object_name = "edition"

    def get_queryset(self):
        return (
            Edition.objects.published()
            .filter(program__slug=self.kwargs["program_slug"])
            .select_related("venue_country")
            .prefetch_related(
                "topics", "site_visits", "participants__country", "co_organisers", "contacts"
            )
        )
