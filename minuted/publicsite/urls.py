from django.urls import path

from minuted.publicsite import views

urlpatterns = [
    path("", views.home, name="home"),
    path("boards/", views.board_list, name="board-list"),
    path("boards/<slug:board>/", views.board_detail, name="board"),
    path("boards/<slug:board>/<slug:term>/", views.board_detail, name="board-term"),
    path("people/", views.person_list, name="person-list"),
    path("people/<slug:person>/", views.person_detail, name="person"),
    path("accessibility/", views.accessibility, name="accessibility"),
]
