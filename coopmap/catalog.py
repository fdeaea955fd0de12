"""Every string of the interface, in French (the default) and English.

Pages never hold literal text: they ask `text(key, language)`. Labels of authority types come
from data/authority_types.csv, since they belong with the types themselves.
"""

LANGUAGES = {"fr": "Français", "en": "English"}
DEFAULT_LANGUAGE = "fr"

STRINGS = {
    "app_title": {
        "fr": "Coopération décentralisée franco-marocaine",
        "en": "Franco-Moroccan decentralised cooperation",
    },
    "page_map": {"fr": "Carte des partenariats", "en": "Map of partnerships"},
    "page_about": {"fr": "Données et sources", "en": "Data and sources"},
    "language": {"fr": "Langue", "en": "Language"},
    "filters": {"fr": "Filtres", "en": "Filters"},
    "division": {"fr": "Découpage régional", "en": "Regional division"},
    "division_current": {"fr": "Régions actuelles", "en": "Today's regions"},
    "division_2013": {"fr": "Régions de 2013 (source)", "en": "2013 regions (source)"},
    "morocco_region": {"fr": "Région marocaine", "en": "Moroccan region"},
    "france_region": {"fr": "Région française", "en": "French region"},
    "morocco_type": {"fr": "Collectivité marocaine", "en": "Moroccan authority"},
    "france_type": {"fr": "Collectivité française", "en": "French authority"},
    "level": {"fr": "Niveau", "en": "Level"},
    "level_town": {"fr": "Villes et groupements", "en": "Towns and groupings"},
    "level_territory": {"fr": "Régions et provinces", "en": "Regions and provinces"},
    "search": {"fr": "Rechercher un lieu", "en": "Search a place"},
    "search_help": {
        "fr": "Sans tenir compte des accents ni des majuscules : « fes » trouve Fès.",
        "en": "Accents and case do not matter: 'fes' finds Fès.",
    },
    "all": {"fr": "Tous", "en": "All"},
    "reset": {"fr": "Réinitialiser les filtres", "en": "Reset the filters"},
    "basemap": {"fr": "Fond de carte", "en": "Basemap"},
    "basemap_auto": {
        "fr": "En ligne, contours hors ligne en secours",
        "en": "Online, offline outlines as fallback",
    },
    "basemap_tiles": {"fr": "En ligne (OpenStreetMap)", "en": "Online (OpenStreetMap)"},
    "basemap_offline": {"fr": "Hors ligne (contours)", "en": "Offline (outlines)"},
    "online_basemap": {"fr": "OpenStreetMap (en ligne)", "en": "OpenStreetMap (online)"},
    "offline_basemap": {"fr": "Contours (hors ligne)", "en": "Outlines (offline)"},
    "metric_pairings": {"fr": "Partenariats", "en": "Pairings"},
    "metric_morocco_places": {"fr": "Collectivités marocaines", "en": "Moroccan authorities"},
    "metric_france_places": {"fr": "Collectivités françaises", "en": "French authorities"},
    "empty_result": {
        "fr": "Aucun partenariat ne correspond à ces filtres.",
        "en": "No pairing matches these filters.",
    },
    "map_help": {
        "fr": "Cliquez sur un lieu pour voir ses partenaires.",
        "en": "Click a place to see its partners.",
    },
    "selected_place": {"fr": "Lieu sélectionné", "en": "Selected place"},
    "no_selection": {"fr": "Aucun", "en": "None"},
    "partners_of": {"fr": "Partenaires de {name}", "en": "Partners of {name}"},
    "col_partner": {"fr": "Partenaire", "en": "Partner"},
    "col_type": {"fr": "Type", "en": "Type"},
    "col_region": {"fr": "Région", "en": "Region"},
    "col_level": {"fr": "Niveau", "en": "Level"},
    "col_place": {"fr": "Lieu", "en": "Place"},
    "col_country": {"fr": "Pays", "en": "Country"},
    "col_latitude": {"fr": "Latitude", "en": "Latitude"},
    "col_longitude": {"fr": "Longitude", "en": "Longitude"},
    "col_precision": {"fr": "Précision", "en": "Precision"},
    "col_source": {"fr": "Source", "en": "Source"},
    "col_note": {"fr": "Remarque", "en": "Note"},
    "unplaced_warning": {
        "fr": "{count} lieu(x) ne peuvent pas être placés sur la carte ; leurs partenariats "
        "restent dans les chiffres :",
        "en": "{count} place(s) cannot be placed on the map; their pairings still count:",
    },
    "data_problems": {
        "fr": "{count} ligne(s) des données sont écartées :",
        "en": "{count} row(s) of the data are left out:",
    },
    "data_error": {
        "fr": "Les données ne peuvent pas être lues : {error}",
        "en": "The data cannot be read: {error}",
    },
    "legend_title": {"fr": "Partenariats", "en": "Pairings"},
    "legend_size": {
        "fr": "Taille du cercle : nombre de partenaires",
        "en": "Circle size: number of partners",
    },
    "country_MA": {"fr": "Collectivité marocaine", "en": "Moroccan authority"},
    "country_FR": {"fr": "Collectivité française", "en": "French authority"},
    "partners": {"fr": "Partenaires", "en": "Partners"},
    "partners_short": {"fr": "partenaire(s)", "en": "partner(s)"},
    "source": {"fr": "Source", "en": "Source"},
    "approximate": {"fr": "Position approximative", "en": "Approximate position"},
    "about_intro": {
        "fr": "Les partenariats viennent de la présentation de 2013 du programme de "
        "coopération décentralisée franco-marocaine ; les types de collectivités, les régions "
        "et les positions sont ajoutés, avec leur source ci-dessous.",
        "en": "The pairings come from the 2013 presentation of the Franco-Moroccan "
        "decentralised cooperation programme; authority types, regions and positions are "
        "added, with their source below.",
    },
    "about_places": {"fr": "Lieux et positions", "en": "Places and positions"},
    "about_basemap": {
        "fr": "Fond hors ligne : {provenance}",
        "en": "Offline basemap: {provenance}",
    },
}


def text(key, language=DEFAULT_LANGUAGE, **values):
    """The string `key` in `language`, with `values` filled in."""
    entry = STRINGS[key]
    return entry.get(language, entry[DEFAULT_LANGUAGE]).format(**values)
