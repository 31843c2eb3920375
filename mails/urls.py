from django.urls import path

from . import views

app_name = "mails"

urlpatterns = [
    path("voorkeur/", views.PreferenceView.as_view(), name="preference"),
]
