from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

admin.site.site_header = _("Leernetwerk management")
admin.site.site_title = _("Leernetwerk management")
admin.site.index_title = _("Management of the VO-academie")

urlpatterns = [
    path("", TemplateView.as_view(template_name="home.html"), name="home"),
    path("account/", include("leernetwerk.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
    path("", include("networks.urls")),
    path("bijeenkomsten/", include("meetings.urls")),
    path("deelnemers/", include("participants.urls")),
    path("evaluaties/", include("evaluations.urls")),
    path("mail/", include("mails.urls")),
    path("api/", include("networks.api_urls")),
]
