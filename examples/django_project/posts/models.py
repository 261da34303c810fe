from django.db import models


class Post(models.Model):
    """A blog post: just enough for a protected list endpoint."""

    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ("id",)

    def __str__(self):
        return self.title
