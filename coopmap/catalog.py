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
    "page_table": {"fr": "Tableau des partenariats", "en": "Table of partnerships"},
    "page_summary": {"fr": "Synthèse par région", "en": "Summary by region"},
    "page_programme": {"fr": "Le dispositif conjoint", "en": "The joint programme"},
    "page_expertise": {"fr": "Bourse à projet", "en": "Project exchange"},
    "col_morocco": {"fr": "Collectivité marocaine", "en": "Moroccan authority"},
    "col_morocco_type": {"fr": "Type (Maroc)", "en": "Type (Morocco)"},
    "col_morocco_region": {"fr": "Région (Maroc)", "en": "Region (Morocco)"},
    "col_france": {"fr": "Collectivité française", "en": "French authority"},
    "col_france_type": {"fr": "Type (France)", "en": "Type (France)"},
    "col_france_region": {"fr": "Région (France)", "en": "Region (France)"},
    "col_source_text": {"fr": "Texte de la source", "en": "Text of the source"},
    "col_pairings": {"fr": "Partenariats", "en": "Pairings"},
    "col_territory": {"fr": "Territoire", "en": "Territory"},
    "col_requests": {"fr": "Demandes", "en": "Requests"},
    "col_authorities": {"fr": "Collectivités", "en": "Authorities"},
    "col_rural_communes": {"fr": "Communes rurales", "en": "Rural communes"},
    "col_urban_communes": {"fr": "Communes urbaines", "en": "Urban communes"},
    "col_groupings": {"fr": "Groupements", "en": "Groupings"},
    "col_requester": {"fr": "Demandeur", "en": "Requester"},
    "col_name": {"fr": "Nom", "en": "Name"},
    "col_role": {"fr": "Fonction", "en": "Role"},
    "col_phone": {"fr": "Téléphone", "en": "Phone"},
    "col_email": {"fr": "Courriel", "en": "E-mail"},
    "download_csv": {"fr": "Télécharger (CSV)", "en": "Download (CSV)"},
    "download_xlsx": {"fr": "Télécharger (Excel)", "en": "Download (Excel)"},
    "download_name": {"fr": "partenariats", "en": "partnerships"},
    "table_help": {
        "fr": "Cliquez sur un en-tête pour trier ; cochez une ligne pour voir ce partenariat.",
        "en": "Click a heading to sort; tick a row to see that pairing.",
    },
    "show_on_map": {"fr": "Voir sur la carte", "en": "Show on the map"},
    "summary_by_side": {"fr": "Partenariats par région", "en": "Pairings by region"},
    "col_morocco_regions": {"fr": "Région marocaine", "en": "Moroccan region"},
    "col_france_regions": {"fr": "Région française", "en": "French region"},
    "summary_matrix": {
        "fr": "Quelle région marocaine avec quelle région française",
        "en": "Which Moroccan region with which French region",
    },
    "summary_note": {
        "fr": "Une région de 2013 à cheval sur plusieurs régions actuelles est comptée une fois, "
        "sous l'ensemble de ces régions (« A + B ») : chaque tableau totalise {count} "
        "partenariat(s).",
        "en": "A 2013 region that lies in several of today's regions is counted once, under "
        "all of them (\u201cA + B\u201d): every table adds up to {count} pairing(s).",
    },
    "programme_figures": {"fr": "Chiffres clés (2013)", "en": "Key figures (2013)"},
    "more_than": {"fr": "plus de {value}", "en": "more than {value}"},
    "rank": {"fr": "{value}e", "en": "{value}th"},
    "coverage": {
        "fr": "La carte montre {mapped} partenariats. La présentation de 2013 en nomme "
        "{presentation}, sur les plus de {reported} relations partenariales qu'elle recense (sa "
        "ventilation par niveau totalise {breakdown}) ; des pages publiques (communes, "
        "régions, ministère, presse) en nomment {public_pages}, dont {both} déjà dans la "
        "présentation. {dated} ont une année de première signature connue, {undated} non. Ce "
        "n'est pas un inventaire complet : ce sont les partenariats qu'une source publique "
        "nomme explicitement, chacun avec sa source.",
        "en": "The map shows {mapped} pairings. The 2013 presentation names {presentation} of "
        "them, of the more than {reported} partnership relations it reports (its breakdown by "
        "level adds up to {breakdown}); public pages (of communes, regions, the ministry, the "
        "press) name {public_pages}, {both} of them also in the presentation. {dated} have a "
        "known year of first signature, {undated} do not. It is not a complete inventory: "
        "these are the pairings that a public source names explicitly, each with its source.",
    },
    "section_serves": {
        "fr": "La coopération décentralisée au service de",
        "en": "What decentralised cooperation serves",
    },
    "section_strands": {"fr": "Les trois volets", "en": "The three strands"},
    "section_priorities": {"fr": "Priorités", "en": "Priorities"},
    "section_state_of_play": {"fr": "État actuel du dispositif", "en": "State of play"},
    "section_expertise_objectives": {
        "fr": "Objectifs des échanges d'expertise",
        "en": "Objectives of the expertise exchanges",
    },
    "contacts": {"fr": "Contacts (2013)", "en": "Contacts (2013)"},
    "source_note": {
        "fr": "Source : présentation du programme de coopération décentralisée "
        "franco-marocaine, 2013.",
        "en": "Source: presentation of the Franco-Moroccan decentralised cooperation "
        "programme, 2013.",
    },
    "translation_note": {
        "fr": "Textes de la source ; traductions anglaises de l'équipe.",
        "en": "Texts of the source; English translations by the team.",
    },
    "expertise_intro": {
        "fr": "Demandes d'expertise déposées au titre de la « bourse à projet », par territoire, "
        "telles que la source les donne.",
        "en": "Expertise requests filed under the \u201cproject exchange\u201d, by territory, "
        "as the source gives them.",
    },
    "metric_requests": {"fr": "Demandes", "en": "Requests"},
    "metric_authorities": {"fr": "Collectivités demandeuses", "en": "Requesting authorities"},
    "metric_territories": {"fr": "Territoires", "en": "Territories"},
    "expertise_reported": {
        "fr": "La source rapporte {requests} demandes de {authorities} collectivités, de "
        "{regions} régions et {provinces} provinces.",
        "en": "The source reports {requests} requests from {authorities} authorities, in "
        "{regions} regions and {provinces} provinces.",
    },
    "export_html": {
        "fr": "Exporter la carte (HTML, hors ligne)",
        "en": "Export the map (HTML, offline)",
    },
    "export_html_file": {"fr": "carte-cooperation", "en": "cooperation-map"},  # a name's stem
    "export_geojson": {
        "fr": "Exporter la sélection (GeoJSON)",
        "en": "Export the selection (GeoJSON)",
    },
    "export_caption": {
        "fr": "{count} partenariat(s). Sources : présentation du programme de coopération "
        "décentralisée franco-marocaine (2013) et pages publiques citées pour chaque "
        "partenariat. Carte exportée le {date}.",
        "en": "{count} pairing(s). Sources: presentation of the Franco-Moroccan decentralised "
        "cooperation programme (2013) and the public pages cited for each pairing. Map "
        "exported on {date}.",
    },
    "ignored_params": {
        "fr": "Paramètres du lien ignorés (inconnus ou invalides) : {names}.",
        "en": "Link parameters ignored (unknown or invalid): {names}.",
    },
    "pairings_short": {"fr": "partenariat(s)", "en": "pairing(s)"},
    "aggregated": {
        "fr": "{count} partenariats : la carte montre leurs {flows} flux entre régions "
        "(épaisseur selon le nombre). Cliquez sur une région, ou filtrez, pour voir les "
        "partenariats un à un (jusqu'à {limit}).",
        "en": "{count} pairings: the map shows their {flows} flows between regions (width by "
        "number). Click a region, or filter, to see single pairings (up to {limit}).",
    },
    "requests_short": {"fr": "demande(s)", "en": "request(s)"},
    "legend_requests": {"fr": "Demandes d'expertise", "en": "Expertise requests"},
    "legend_requests_size": {
        "fr": "Surface du cercle : nombre de demandes",
        "en": "Circle area: number of requests",
    },
    "page_data": {"fr": "Vos données", "en": "Your data"},
    "data_intro": {
        "fr": "Chargez une liste de partenariats (CSV ou Excel, au format du modèle) : elle est "
        "vérifiée, ses nouveaux lieux sont placés, et vous pouvez explorer l'application avec "
        "elle pendant cette session. Les fichiers de l'application ne changent que si vous "
        "enregistrez.",
        "en": "Load a list of pairings (CSV or Excel, in the template's format): it is checked, "
        "its new places are placed, and you can explore the app with it during this session. "
        "The app's files change only if you save.",
    },
    "template_download": {
        "fr": "Télécharger le modèle (Excel)",
        "en": "Download the template (Excel)",
    },
    "template_guide": {"fr": "aide", "en": "help"},
    "col_column": {"fr": "Colonne", "en": "Column"},
    "col_meaning": {"fr": "Ce qu'elle contient", "en": "What it holds"},
    "upload_label": {"fr": "Votre liste de partenariats", "en": "Your list of pairings"},
    "upload_ok": {
        "fr": "{valid} partenariat(s) valide(s), {errors} ligne(s) écartée(s).",
        "en": "{valid} valid pairing(s), {errors} row(s) left out.",
    },
    "unexpected_error": {
        "fr": "Cette page a rencontré une erreur inattendue. Le reste de l'application "
        "fonctionne ; l'erreur a été notée pour l'équipe.",
        "en": "This page met an unexpected error. The rest of the app works; the error has "
        "been noted for the team.",
    },
    "no_valid_row": {
        "fr": "Aucune ligne de cette liste n'est valide : corrigez-la d'après les messages "
        "ci-dessus, puis chargez-la à nouveau.",
        "en": "No row of this list is valid: correct it from the messages above, then load it "
        "again.",
    },
    "new_places": {"fr": "Nouveaux lieux", "en": "New places"},
    "no_new_places": {
        "fr": "Tous les lieux de la liste sont déjà placés.",
        "en": "Every place of the list is already placed.",
    },
    "geocode_new": {"fr": "Placer les nouveaux lieux", "en": "Place the new places"},
    "geocode_cancel": {"fr": "Arrêter", "en": "Stop"},
    "geocoding": {"fr": "Placement de {name}…", "en": "Placing {name}…"},
    "col_status": {"fr": "Résultat", "en": "Outcome"},
    "col_reason": {"fr": "Détail", "en": "Detail"},
    "status_placed": {"fr": "placé", "en": "placed"},
    "status_ambiguous": {"fr": "ambigu : à confirmer", "en": "ambiguous: to confirm"},
    "choose_place": {
        "fr": "Plusieurs lieux s'appellent {name} : lequel ?",
        "en": "Several places are called {name}: which one?",
    },
    "status_not found": {"fr": "introuvable", "en": "not found"},
    "status_unavailable": {
        "fr": "service indisponible, réessayez plus tard",
        "en": "service unavailable, try again later",
    },
    "correct_points": {
        "fr": "Corrigez un point à la main si besoin (latitude, longitude) :",
        "en": "Correct a point by hand if need be (latitude, longitude):",
    },
    "preview": {"fr": "Aperçu", "en": "Preview"},
    "use_for_session": {
        "fr": "Explorer l'application avec cette liste (cette session seulement)",
        "en": "Explore the app with this list (this session only)",
    },
    "using_session_data": {
        "fr": "Vous explorez votre liste « {name} » (cette session seulement).",
        "en": "You are exploring your list \u201c{name}\u201d (this session only).",
    },
    "back_to_shipped": {"fr": "Revenir aux données publiées", "en": "Back to the published data"},
    "save_confirm": {
        "fr": "Je veux publier ces changements",
        "en": "I want to publish these changes",
    },
    "save_to_files": {"fr": "Publier", "en": "Publish"},
    "saved": {
        "fr": "Publié : version {number} (voir l'historique).",
        "en": "Published: version {number} (see the history).",
    },
    "save_change_title": {
        "fr": "Ce que la publication change",
        "en": "What publishing changes",
    },
    "change_added": {"fr": "{count} partenariat(s) ajouté(s)", "en": "{count} pairing(s) added"},
    "change_changed": {
        "fr": "{count} partenariat(s) modifié(s)",
        "en": "{count} pairing(s) changed",
    },
    "change_removed": {
        "fr": "{count} partenariat(s) publié(s) absent(s) de votre liste",
        "en": "{count} published pairing(s) not in your list",
    },
    "change_kept": {
        "fr": "Par défaut, ils restent publiés : la publication ajoute et met à jour.",
        "en": "By default they stay published: publishing adds and updates.",
    },
    "save_replace": {
        "fr": "Remplacer toute la liste publiée : retirer ces {count} partenariat(s)",
        "en": "Replace the whole published list: remove these {count} pairing(s)",
    },
    "editor_only": {
        "fr": "Seuls les éditeurs connectés publient dans les données. Vous pouvez explorer "
        "l'application avec votre liste, pour votre session.",
        "en": "Only editors who are signed in publish to the data. You can explore the app "
        "with your list, for your session.",
    },
    "editor_area": {"fr": "Espace des éditeurs", "en": "Editors"},
    "editor_name": {"fr": "Nom d'éditeur", "en": "Editor's name"},
    "password": {"fr": "Mot de passe", "en": "Password"},
    "sign_in": {"fr": "Se connecter", "en": "Sign in"},
    "sign_out": {"fr": "Se déconnecter", "en": "Sign out"},
    "signed_in_as": {
        "fr": "Connecté en tant qu'éditeur : {name}",
        "en": "Signed in as an editor: {name}",
    },
    "sign_in_refused": {
        "fr": "Nom ou mot de passe incorrect.",
        "en": "Wrong name or password.",
    },
    "sign_in_locked": {
        "fr": "Trop d'essais manqués pour ce nom : réessayez dans quinze minutes.",
        "en": "Too many failed attempts for this name: try again in fifteen minutes.",
    },
    "not_editor": {
        "fr": "Seul un éditeur connecté peut publier. Rien n'a été écrit.",
        "en": "Only an editor who is signed in can publish. Nothing was written.",
    },
    "stale_data": {
        "fr": "Les données publiées ont changé depuis que vous les avez chargées ({since}). "
        "Rien n'a été écrit : chargez à nouveau votre liste pour voir la différence, puis "
        "publiez.",
        "en": "The published data changed since you loaded it ({since}). Nothing was written: "
        "load your list again to see the difference, then publish.",
    },
    "stale_outside": {
        "fr": "fichiers modifiés hors de l'application",
        "en": "files edited outside the app",
    },
    "busy": {
        "fr": "Une autre modification est en cours d'écriture ; réessayez dans un instant.",
        "en": "Another change is being written; try again in a moment.",
    },
    "page_history": {"fr": "Historique", "en": "History"},
    "history_intro": {
        "fr": "Chaque publication, restauration ou ajout de lieux est une version : qui, "
        "quand, ce qui a changé, et les fichiers tels qu'ils étaient. Une version peut être "
        "restaurée ; la restauration est elle-même une nouvelle version.",
        "en": "Every publication, restoration or addition of places is a version: who, when, "
        "what changed, and the files as they were. A version can be restored; the "
        "restoration is itself a new version.",
    },
    "no_history": {
        "fr": "Aucune version enregistrée : les données sont celles d'origine.",
        "en": "No version recorded: the data is as it was shipped.",
    },
    "version_title": {
        "fr": "Version {number} — {kind}, par {who}, le {when}",
        "en": "Version {number} — {kind}, by {who}, on {when}",
    },
    "kind_origin": {"fr": "données d'origine", "en": "the data as it was"},
    "kind_save": {"fr": "publication", "en": "publication"},
    "kind_restore": {"fr": "restauration", "en": "restoration"},
    "kind_geocode": {"fr": "lieux placés", "en": "places placed"},
    "summary_added": {"fr": "Ajoutés", "en": "Added"},
    "summary_changed": {"fr": "Modifiés", "en": "Changed"},
    "summary_removed": {"fr": "Retirés", "en": "Removed"},
    "summary_placed": {"fr": "Placés", "en": "Placed"},
    "summary_restored": {"fr": "Version restaurée", "en": "Version restored"},
    "current_version": {"fr": "(version publiée)", "en": "(published version)"},
    "restore_button": {"fr": "Restaurer la version {number}", "en": "Restore version {number}"},
    "restored": {
        "fr": "Version {number} restaurée : c'est la nouvelle version {new}.",
        "en": "Version {number} restored: it is the new version {new}.",
    },
    "help_pairing_id": {
        "fr": "Un numéro qui identifie la ligne.",
        "en": "A number that identifies the row.",
    },
    "help_morocco_name": {
        "fr": "La collectivité marocaine (Fès, Souss-Massa-Drâa).",
        "en": "The Moroccan authority (Fès, Souss-Massa-Drâa).",
    },
    "help_morocco_authority_type": {
        "fr": "commune urbaine, commune rurale, groupement de communes, province ou région.",
        "en": "commune urbaine, commune rurale, groupement de communes, province or région.",
    },
    "help_morocco_seat": {
        "fr": "Pour un groupement : la ville où le placer. Sinon vide.",
        "en": "For a grouping: the town to place it at. Empty otherwise.",
    },
    "help_morocco_region_2013": {
        "fr": "Sa région parmi les 16 régions d'avant 2015.",
        "en": "Its region among the 16 regions before 2015.",
    },
    "help_morocco_region_current": {
        "fr": "Sa région actuelle (plusieurs, séparées par |, pour une région de 2013 à cheval).",
        "en": "Its region today (several, separated by |, for a 2013 region that spans several).",
    },
    "help_france_name": {
        "fr": "La collectivité française (Nantes Métropole, Isère).",
        "en": "The French authority (Nantes Métropole, Isère).",
    },
    "help_france_authority_type": {
        "fr": "commune, métropole, communauté urbaine, communauté d'agglomération, "
        "communauté de communes, parc naturel régional, département ou région.",
        "en": "commune, métropole, communauté urbaine, communauté d'agglomération, "
        "communauté de communes, parc naturel régional, département or région.",
    },
    "help_france_seat": {
        "fr": "Pour une intercommunalité ou un parc : son siège. Sinon vide.",
        "en": "For an inter-municipal body or a park: its seat. Empty otherwise.",
    },
    "help_france_region_2013": {
        "fr": "Sa région parmi les 22 régions d'avant 2016.",
        "en": "Its region among the 22 regions before 2016.",
    },
    "help_france_region_current": {
        "fr": "Sa région parmi les 13 régions actuelles.",
        "en": "Its region among today's 13.",
    },
    "help_source_file": {
        "fr": "Le document d'où vient la ligne.",
        "en": "The document the row comes from.",
    },
    "help_source_section": {"fr": "La partie de ce document.", "en": "The part of that document."},
    "help_source_text": {
        "fr": "Le texte de la source, tel quel.",
        "en": "The text of the source, as written.",
    },
    "help_notes": {"fr": "Ce qu'un lecteur doit savoir.", "en": "What a reader should know."},
    "page_about": {"fr": "Données et sources", "en": "Data and sources"},
    # Both languages: whoever reads it may not read the one shown.
    "language": {"fr": "Langue / Language", "en": "Langue / Language"},
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
    "online_basemap": {"fr": "Tuiles en ligne", "en": "Online tiles"},
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
    "map_as_table": {
        "fr": "Le contenu de la carte, en tableau",
        "en": "The map's content, as a table",
    },
    "copy_link": {"fr": "Copier le lien", "en": "Copy link"},
    "typed_several": {
        "fr": "{count} lieux contiennent « {typed} » : {names}. Choisissez-en un dans la liste.",
        "en": "{count} places hold “{typed}”: {names}. Choose one in the list.",
    },
    "typed_none": {
        "fr": "Aucun lieu de la carte ne contient « {typed} ».",
        "en": "No place on the map holds “{typed}”.",
    },
    "copy_link_manual": {
        "fr": "Le lien est sélectionné : appuyez sur Ctrl+C (⌘+C sur Mac) pour le copier.",
        "en": "The link is selected: press Ctrl+C (⌘+C on a Mac) to copy it.",
    },
    "copy_link_help": {
        "fr": "Copie un lien qui rouvre cette vue : filtres, lieu, langue et cadrage.",
        "en": "Copies a link that reopens this view: filters, place, language and map view.",
    },
    "link_copied": {"fr": "Lien copié ✓", "en": "Link copied ✓"},
    "present": {"fr": "Mode présentation", "en": "Presentation mode"},
    "present_help": {
        "fr": "Carte pleine largeur, gros caractères, traits épais, sans barre latérale ; "
        "parcourez les partenariats au clavier (← →, ↑ ↓ par région, Échap pour tout voir).",
        "en": "Full-width map, large type, thick lines, no sidebar; step through the pairings "
        "with the keyboard (← →, ↑ ↓ by region, Esc for the whole map).",
    },
    "present_exit": {"fr": "Quitter la présentation", "en": "Leave presentation"},
    "steps_label": {"fr": "Parcourir les partenariats", "en": "Step through the pairings"},
    "step_previous": {"fr": "Partenariat précédent (←)", "en": "Previous pairing (←)"},
    "step_next": {"fr": "Partenariat suivant (→)", "en": "Next pairing (→)"},
    "step_hint": {
        "fr": "→ pour parcourir les partenariats, ↓ par région, Échap pour tout voir",
        "en": "→ to step through the pairings, ↓ by region, Esc for the whole map",
    },
    "step_none": {"fr": "Aucun partenariat sur la carte", "en": "No pairing on the map"},
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
        "fr": "{count} lieu(x) n'ont pas encore de point sur la carte ; leurs partenariats "
        "restent dans les chiffres. Une personne qui tient les données les place depuis la "
        "page « Données et sources » (ou `python -m coopmap geocode`) :",
        "en": "{count} place(s) have no point on the map yet; their pairings still count. "
        "Someone who keeps the data places them from the page \u201cData and sources\u201d "
        "(or `python -m coopmap geocode`):",
    },
    "data_problems": {
        "fr": "{count} ligne(s) des données sont écartées :",
        "en": "{count} row(s) of the data are left out:",
    },
    "more_problems": {
        "fr": "- … et {count} autre(s) : corrigez celles-ci, puis rechargez le fichier.",
        "en": "- … and {count} more: fix these, then load the file again.",
    },
    "data_notices": {
        "fr": "{count} remarque(s) sur les fichiers de données :",
        "en": "{count} remark(s) on the data files:",
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
    "place_missing": {"fr": "Placer les lieux sans point", "en": "Place the places with no point"},
    "place_missing_button": {
        "fr": "Placer les lieux (répertoire hors ligne, puis Nominatim)",
        "en": "Place them (offline gazetteer, then Nominatim)",
    },
    "about_basemap": {
        "fr": "Fond hors ligne : {provenance}",
        "en": "Offline basemap: {provenance}",
    },
    # issue 13: summary, downloads, programme pages
    "summary_division": {
        "fr": "Régions du découpage choisi dans la barre latérale : {division}.",
        "en": "Regions of the division chosen in the sidebar: {division}.",
    },
    "col_morocco_region_current": {
        "fr": "Région actuelle (Maroc)",
        "en": "Region today (Morocco)",
    },
    "col_morocco_region_2013": {"fr": "Région de 2013 (Maroc)", "en": "2013 region (Morocco)"},
    "col_france_region_current": {
        "fr": "Région actuelle (France)",
        "en": "Region today (France)",
    },
    "col_france_region_2013": {"fr": "Région de 2013 (France)", "en": "2013 region (France)"},
    "download_csv_excel": {
        "fr": "Télécharger (CSV pour Excel français, ;)",
        "en": "Download (CSV for French Excel, ;)",
    },
    "download_csv_help": {
        "fr": "CSV standard, séparé par des virgules : pour les tableurs et les programmes.",
        "en": "Standard CSV, separated by commas: for spreadsheets and programs.",
    },
    "download_csv_excel_help": {
        "fr": "Séparé par des points-virgules : Excel réglé en français l'ouvre en colonnes.",
        "en": "Separated by semicolons: Excel set to French opens it in columns.",
    },
    "about_sheet": {"fr": "À propos", "en": "About"},
    "about_filters": {"fr": "Filtres appliqués", "en": "Filters applied"},
    "about_no_search": {"fr": "(aucune)", "en": "(none)"},
    "about_region_columns": {"fr": "Colonnes « Région »", "en": "\u201cRegion\u201d columns"},
    "about_region_columns_text": {
        "fr": "Chaque côté a deux colonnes : sa région actuelle (Maroc : 12 régions depuis "
        "2015 ; France : 13 depuis 2016) et sa région de 2013, le découpage de la source "
        "(Maroc : 16 ; France : 22). Les filtres de région suivent le découpage ci-dessus.",
        "en": "Each side has two columns: its region today (Morocco: 12 regions since 2015; "
        "France: 13 since 2016) and its 2013 region, the division of the source (Morocco: 16; "
        "France: 22). The region filters follow the division above.",
    },
    "about_source_published": {
        "fr": "présentation du programme de coopération décentralisée franco-marocaine, 2013 "
        "(données publiées de l'application)",
        "en": "presentation of the Franco-Moroccan decentralised cooperation programme, 2013 "
        "(the app's published data)",
    },
    "about_source_own": {
        "fr": "liste chargée par l'utilisateur pour sa session : {name}",
        "en": "list loaded by the user for their session: {name}",
    },
    "about_date": {"fr": "Téléchargé le", "en": "Downloaded on"},
    # Ordinals that differ from "rank" (see programme.ordinal).
    "rank_first": {"fr": "{value}re", "en": "{value}st"},
    "rank_second": {"fr": "{value}e", "en": "{value}nd"},
    "rank_third": {"fr": "{value}e", "en": "{value}rd"},
    "upload_help": {
        "fr": "Un fichier CSV ou Excel (.xlsx) de {size} Mo au plus : déposez-le sur la zone, "
        "ou cliquez sur le bouton « Upload » pour le choisir.",
        "en": "A CSV or Excel (.xlsx) file of at most {size} MB: drop it on the area, or click "
        "the \u201cUpload\u201d button to choose it.",
    },
    # The sources and years of the pairings (issue 14).
    "help_year": {
        "fr": "L'année de première signature (jumelage, convention, protocole, charte) qu'une "
        "source indique ; vide si aucune ne la donne.",
        "en": "The year of first signature (twinning, agreement, protocol, charter) that a "
        "source states; empty if none gives it.",
    },
    "help_agreement_kind": {
        "fr": "Le type d'accord, parmi ceux de agreement_kinds.csv ; vide s'il n'est pas connu.",
        "en": "The kind of agreement, one of agreement_kinds.csv; empty if it is not known.",
    },
    "years": {"fr": "Année de première signature", "en": "Year of first signature"},
    "years_help": {
        "fr": "Les partenariats signés entre ces deux années. Ceux dont aucune source ne donne "
        "l'année sont comptés à part : la case ci-dessous les montre ou les cache.",
        "en": "The pairings first signed between these two years. Those whose year no source "
        "gives are counted apart: the box below shows or hides them.",
    },
    "undated": {
        "fr": "Montrer aussi les {count} partenariats sans année connue",
        "en": "Also show the {count} pairings with no known year",
    },
    "sources_filter": {"fr": "Sources", "en": "Sources"},
    "source_presentation_2013": {
        "fr": "La présentation de 2013",
        "en": "The 2013 presentation",
    },
    "source_public_pages": {
        "fr": "Autres sources publiques",
        "en": "Other public sources",
    },
    "dated_counts": {
        "fr": "{dated} avec une année de première signature connue, {undated} sans année connue.",
        "en": "{dated} with a known year of first signature, {undated} with no known year.",
    },
    "source_quoted": {
        "fr": "La présentation de 2013 : « {text} »",
        "en": "The 2013 presentation: \u201c{text}\u201d",
    },
    "about_undated": {
        "fr": "Partenariats sans année connue",
        "en": "Pairings with no known year",
    },
    "about_True": {"fr": "inclus", "en": "included"},
    "about_False": {"fr": "exclus", "en": "left out"},
    "year": {"fr": "Année", "en": "Year"},
    "year_unknown": {"fr": "année inconnue", "en": "year unknown"},
    "agreement": {"fr": "Accord", "en": "Agreement"},
    "sources_label": {"fr": "Sources", "en": "Sources"},
    "col_year": {"fr": "Année", "en": "Year"},
    "col_agreement_kind": {"fr": "Accord", "en": "Agreement"},
    "col_sources": {"fr": "Sources", "en": "Sources"},
    "col_source_urls": {"fr": "Pages sources", "en": "Source pages"},
    "col_source_groups": {"fr": "Nommé par", "en": "Named by"},
    "play": {"fr": "Lecture : les années une à une", "en": "Play: the years one by one"},
    "pause": {"fr": "Pause", "en": "Pause"},
    # Filled in by the map's script (static/map/timeline.js): braces doubled here.
    "play_caption": {
        "fr": "{{year}} · {{count}} partenariats",
        "en": "{{year}} · {{count}} pairings",
    },
    "play_undated": {
        "fr": "+ {{count}} sans année connue",
        "en": "+ {{count}} with no known year",
    },
    "summary_per_year": {
        "fr": "Accords par année de première signature, par niveau",
        "en": "Agreements by year of first signature, by level",
    },
    "summary_per_year_note": {
        "fr": "{undated} partenariat(s) de la sélection n'ont pas d'année connue : ils ne sont "
        "pas dans ce graphique.",
        "en": "{undated} pairing(s) of the selection have no known year: they are not in this "
        "chart.",
    },
    "summary_no_year": {
        "fr": "Aucun partenariat de la sélection n'a d'année connue.",
        "en": "No pairing of the selection has a known year.",
    },
}


def text(key, language=DEFAULT_LANGUAGE, **values):
    """The string `key` in `language`, with `values` filled in."""
    entry = STRINGS[key]
    return entry.get(language, entry[DEFAULT_LANGUAGE]).format(**values)
