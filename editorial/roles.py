"""The clinic's roles: what each group may do, described for the administrator who assigns them.

The permissions themselves are written by migrations (editorial/migrations/); the descriptions are stored in
`GroupDescription` in English and marked here so that the catalogues translate them for the admin.
"""

from django.utils.translation import gettext_noop

MARKETING = "Marketing"
FRONT_DESK = "Front desk"
TRANSLATORS = "Translators"
MEDICAL_REVIEWERS = "Medical reviewers"

DESCRIPTIONS = {
    MARKETING: gettext_noop(
        "Edits pages, menus, FAQs and images; submits treatments and FAQs to the medical review; sends pages to "
        "translation and publishes translations. Never sees quote requests."
    ),
    FRONT_DESK: gettext_noop(
        "Answers quote requests: the inbox, notes, status and export; erases a patient's requests on demand. "
        "Cannot edit the site."
    ),
    TRANSLATORS: gettext_noop(
        "Translates pages and snippets in the translation editor and saves drafts. Cannot publish, delete or "
        "convert a translation to an alias."
    ),
    MEDICAL_REVIEWERS: gettext_noop(
        "Doctors who approve or reject medical content (treatments, conditions, FAQs, practitioners). Their "
        "approval is recorded on the page as its medical review."
    ),
}
