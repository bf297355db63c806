from django.http import Http404
from django.views.generic import DetailView, ListView

from news.models import Post


class PostListView(ListView):
    template_name = "news/post_list.html"
    context_object_name = "posts"
    paginate_by = 10

    def get_queryset(self):
        return Post.objects.published()


class PostDetailView(DetailView):
    template_name = "news/post_detail.html"
    context_object_name = "post"

    def get_queryset(self):
        year = self.kwargs["year"]
        if not 2 <= year <= 9998:  # beyond the calendar (in any time zone): a 404, not a 500
            raise Http404("No news from that year.")
        return Post.objects.published().filter(published_at__year=year)
