"""The clinic's treatment content, in English, from ../shared/content/clinic-source-en.txt.

Dutch and French translations: `treatments/content_translations/`. Medically cautious on purpose: nothing here
claims more than the clinic's source text, hypotheses stay hypotheses, and there is no financial argument.
The legal sections (contraindications, risks, follow-up, alternatives) are the conservative general facts a
patient must know; the practitioner's name and the medical review are for the clinic to confirm before launch.
"""

import datetime
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model

from editorial.workflows import assign_workflow
from home.content_loading import content_builder, stable_uuid, stream
from home.models import HomePage
from treatments.models import (
    FAQ,
    MEDICAL_REVIEW,
    ConditionPage,
    ConditionTreatment,
    FAQPage,
    FAQTreatment,
    Practitioner,
    SearchPage,
    TreatmentIndexPage,
    TreatmentPage,
    TreatmentPractitioner,
)

REVIEWED_ON = datetime.date(2026, 11, 24)


@content_builder(order=20)
def build_treatments(loader):
    home = HomePage.objects.get(locale=loader.source_locale)
    practitioner = loader.snippet(
        Practitioner,
        {"name": "Name to be confirmed by the clinic"},
        professional_title="Doctor of medicine",
    )
    loader.translate_later(practitioner, "practitioner-1")

    index = loader.page(
        home,
        TreatmentIndexPage,
        slug="treatments",
        title="Treatments",
        search_description="The treatments offered at Face Clinic Belgium, with their indications and risks.",
        intro="Information about each treatment offered at Face Clinic Belgium: who it is for, how it is carried "
        "out, its risks and side effects, and the alternatives.",
    )
    loader.translate_later(index, "treatments")
    # Every English treatment page is published through the medical review (migration 0002 made the workflow).
    assign_workflow(index, MEDICAL_REVIEW)

    prp = build_prp_page(loader, index, practitioner)
    condition = build_condition_page(loader, home, prp, practitioner)
    faq_page = build_faqs(loader, home, prp)

    search = loader.page(home, SearchPage, slug="search", title="Search", show_in_menus=False)
    loader.translate_later(search, "search")
    loader.main_menu_pages += [(index, ""), (condition, ""), (faq_page, "FAQ"), (search, "")]


def build_prp_page(loader, index, practitioner):
    hero = generated_image(loader, "PRP treatment: platelets", draw_platelets)
    tubes = generated_image(loader, "PRP preparation: centrifuged blood", draw_tubes)
    prp = loader.page(
        index,
        TreatmentPage,
        slug="prp-hair-loss",
        title="PRP treatment for hair loss",
        seo_title="PRP (platelet-rich plasma) for hair loss",
        summary="Platelet-rich plasma (PRP) is prepared from your own blood and injected into the scalp to "
        "potentially stimulate thinning hair to grow thicker. At Face Clinic Belgium it is prepared with a "
        "double-centrifuge technique.",
        hero_image=hero,
        hero_image_alt="",
        body=stream("prp-hair-loss", prp_body(tubes)),
        indications=PRP_INDICATIONS,
        contraindications=PRP_CONTRAINDICATIONS,
        risks_and_side_effects=PRP_RISKS,
        follow_up_care=PRP_FOLLOW_UP,
        alternatives=PRP_ALTERNATIVES,
        medical_reviewed_on=REVIEWED_ON,
        medical_reviewer=practitioner,
        practitioners=[TreatmentPractitioner(practitioner=practitioner)],
    )
    loader.translate_later(prp, "prp-hair-loss")
    return prp


def build_condition_page(loader, home, prp, practitioner):
    condition = loader.page(
        home,
        ConditionPage,
        slug="androgenetic-alopecia",
        title="Androgenetic alopecia and DHT",
        summary="Androgenetic alopecia is the most common form of hair loss in men and women. It is inherited, "
        "and it develops when hair follicles are damaged by the hormone DHT.",
        body=stream("androgenetic-alopecia", CONDITION_BODY),
        medical_reviewed_on=REVIEWED_ON,
        medical_reviewer=practitioner,
        treatment_links=[ConditionTreatment(treatment=prp)],
    )
    loader.translate_later(condition, "androgenetic-alopecia")
    return condition


def build_faqs(loader, home, prp):
    for position, (question, answer, about_prp) in enumerate(FAQS):
        faq = loader.snippet(
            FAQ,
            {"translation_key": stable_uuid(f"faq:{position}")},
            question=question,
            answer=answer,
            sort_order=(position + 1) * 10,
        )
        if about_prp and not faq.treatment_links.exists():
            FAQTreatment.objects.create(faq=faq, treatment=prp)
        loader.translate_later(faq, f"faq-{position + 1:02d}")
    faq_page = loader.page(
        home,
        FAQPage,
        slug="faq",
        title="Frequently asked questions",
        search_description="Answers to the questions patients ask about PRP treatment for hair loss.",
        intro="Answers to the questions patients often ask. They do not replace a consultation with a doctor.",
    )
    loader.translate_later(faq_page, "faq")
    return faq_page


# Images the loader makes itself: no downloads, no stock photos of people.


def generated_image(loader, title, draw):
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    canvas = PillowImage.new("RGB", (1600, 900), "#eef5f4")
    draw(canvas)
    buffer = BytesIO()
    canvas.save(buffer, format="JPEG", quality=82, optimize=True, progressive=True)
    name = f"{title.lower().replace(':', '').replace(' ', '-')}.jpg"
    image = image_model(title=title, file=ImageFile(buffer, name=name))
    image.save()
    return image


def draw_platelets(canvas):
    """Soft discs in the site's colours: an abstract of platelets in plasma."""
    layer = PillowImage.new("RGB", canvas.size, "#f7efd9")
    draw = ImageDraw.Draw(layer)
    discs = [(260, 220, 120), (620, 520, 170), (1050, 260, 140), (1340, 640, 110), (880, 760, 80), (420, 700, 90)]
    for x, y, radius in discs:
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill="#e9c46a", outline="#d4a373", width=12)
        draw.ellipse((x - radius // 2, y - radius // 2, x + radius // 2, y + radius // 2), fill="#f4dfa8")
    canvas.paste(layer.filter(ImageFilter.GaussianBlur(3)))


def draw_tubes(canvas):
    """Three tubes after centrifugation: red cells at the bottom, a thin white layer, yellow plasma on top."""
    draw = ImageDraw.Draw(canvas)
    for left in (430, 730, 1030):
        top, bottom, width = 120, 800, 140
        draw.rounded_rectangle((left, top, left + width, bottom), radius=60, outline="#4a5857", width=8)
        draw.rectangle((left + 8, 470, left + width - 8, bottom - 40), fill="#9b2226")
        draw.rounded_rectangle((left + 8, 600, left + width - 8, bottom - 8), radius=52, fill="#9b2226")
        draw.rectangle((left + 8, 450, left + width - 8, 470), fill="#f8f9fa")
        draw.rectangle((left + 8, 200, left + width - 8, 450), fill="#e9c46a")


def prp_body(tubes_image):
    return [
        ("heading", {"text": "What is PRP?", "level": "h2"}),
        (
            "paragraph",
            "<p>The platelet-rich plasma (PRP) used for hair loss is autologous: it is made from the patient's "
            "own blood. With a thin needle, the PRP is injected into the scalp, where the growth factors it "
            "contains are intended to stimulate hair growth. PRP treatment for hair loss is used for both men "
            "and women.</p>"
            "<p>At Face Clinic Belgium, PRP is prepared with a double-centrifuge technique: the blood is "
            "processed twice, to give the active biological factors of the plasma in a concentrated form.</p>",
        ),
        (
            "definition_list",
            {
                "title": "What is in your blood",
                "items": [
                    {"term": "Red blood cells", "description": "Carry oxygen."},
                    {"term": "White blood cells", "description": "Fight disease and infection."},
                    {"term": "Platelets", "description": "Help repair damage and injuries."},
                    {"term": "Plasma", "description": "Contains water and nutrients."},
                ],
            },
        ),
        (
            "steps",
            {
                "title": "How is PRP made and given?",
                "steps": [
                    {"title": "A small amount of blood is taken", "text": "The blood comes from the patient."},
                    {
                        "title": "The blood is centrifuged",
                        "text": "The centrifuge separates the red and white blood cells from the platelets and "
                        "the plasma.",
                    },
                    {
                        "title": "The platelet-rich plasma is collected",
                        "text": "The result is a liquid concentrate of your own platelets and plasma. Depending on "
                        "the system, platelet activators such as thrombin or calcium chloride may be added.",
                    },
                    {
                        "title": "The scalp is numbed",
                        "text": "Before the injections, doctors often numb the area with a ring block of local "
                        "anaesthetic (1% lidocaine).",
                    },
                    {
                        "title": "The PRP is injected",
                        "text": "With a thin needle, the PRP is injected into the areas where the hair is thinning.",
                    },
                ],
            },
        ),
        (
            "figure",
            {
                "image": {
                    "image": tubes_image.pk,
                    "decorative": False,
                    "alt_text": "Illustration of three tubes of centrifuged blood: red blood cells at the bottom, "
                    "a thin white layer, and yellow plasma on top.",
                },
                "caption": "After centrifugation, the blood separates into layers.",
            },
        ),
        ("heading", {"text": "How is PRP thought to work?", "level": "h2"}),
        (
            "paragraph",
            "<p>The injections cause a small, controlled injury to the scalp. This is thought to signal the body "
            "to send platelets and plasma to the area to repair it, and the added PRP increases the amount of "
            "platelets and nutrients there.</p>"
            "<p>It is conjectured that this amplifies the body's natural wound-healing mechanism and stimulates "
            "the hair follicles, reversing the miniaturisation of hair seen in androgenetic alopecia. It is also "
            "proposed that PRP may stimulate the dermal papilla of newly transplanted hair follicles. These "
            "mechanisms are hypotheses.</p>",
        ),
        (
            "timeline",
            {
                "title": "Treatment schedule",
                "periods": [
                    {
                        "period": "Every 1 to 9 months",
                        "text": "Most doctors schedule the injections at intervals of 1 to 9 months. Your doctor "
                        "sets the interval with you.",
                    },
                    {
                        "period": "After 2 to 6 months",
                        "text": "Some improvement in reversing the thinning of the hair may be seen in the "
                        "first 2 to 6 months. Results differ from person to person and cannot be guaranteed.",
                    },
                    {
                        "period": "Afterwards",
                        "text": "The treatments must be continued periodically to maintain any improvement.",
                    },
                ],
            },
        ),
        ("heading", {"text": "PRP and hair transplantation", "level": "h2"}),
        (
            "paragraph",
            "<p>During a hair transplant, PRP can be injected into or sprayed onto the recipient area, to "
            "theoretically stimulate the healing of the transplanted grafts, and into the donor area, to help "
            "the incision heal and potentially limit scarring. PRP is sometimes combined with A-Cell, although "
            "the benefit of this combination is speculative.</p>",
        ),
        (
            "callout",
            {
                "kind": "caution",
                "title": "What is not yet known",
                "text": "<p>PRP for hair loss is a relatively new treatment with a limited number of scientific "
                "studies to show its efficacy. The long-term benefits of PRP treatments for hair loss are not yet "
                "known.</p>",
            },
        ),
    ]


PRP_INDICATIONS = (
    "<p>Androgenetic alopecia (male and female pattern hair loss). Patients whose hair is thinning, but who are "
    "not totally bald in the area concerned, are the best candidates.</p>"
    "<p>PRP is also used during hair transplantation, where it may support the healing of the recipient and "
    "donor areas.</p>"
)
PRP_CONTRAINDICATIONS = (
    "<p>PRP is not given, or only after the doctor's assessment, in case of:</p>"
    "<ul><li>a blood clotting disorder, a low platelet count or a platelet disorder</li>"
    "<li>treatment with anticoagulant medicines</li>"
    "<li>an infection or skin disease on the scalp</li>"
    "<li>cancer or a blood disease</li>"
    "<li>pregnancy or breastfeeding</li>"
    "<li>an allergy to local anaesthetics such as lidocaine</li></ul>"
    "<p>This list is not complete: tell the doctor about your health and the medicines you take.</p>"
)
PRP_RISKS = (
    "<ul><li>Pain during the injections and tenderness of the scalp afterwards</li>"
    "<li>Temporary redness, swelling, small bleeding points or bruises</li>"
    "<li>A headache after the treatment</li>"
    "<li>Rarely, an infection at an injection site</li>"
    "<li>A reaction to the local anaesthetic</li></ul>"
    "<p>PRP may not improve your hair loss. The long-term benefits of PRP treatments for hair loss are not yet "
    "known.</p>"
)
PRP_FOLLOW_UP = (
    "<p>All patients receiving PRP treatments at Face Clinic Belgium are followed closely to determine "
    "effectiveness and whether other therapeutic options may be needed. The doctor explains how to look after "
    "your scalp in the days after the injections and when to come back.</p>"
    "<p>The treatments must be continued periodically to maintain any improvement.</p>"
)
PRP_ALTERNATIVES = (
    "<p>Other options for androgenetic alopecia include medicines prescribed or advised by a doctor, hair "
    "transplantation, and choosing not to treat the hair loss. The doctor can discuss with you which option "
    "suits your situation.</p>"
)

CONDITION_BODY = [
    ("heading", {"text": "An inherited condition", "level": "h2"}),
    (
        "paragraph",
        "<p>The most common form of hair loss in men and women is androgenetic alopecia. It is inherited: the "
        "hair loss gene can be passed on by either the mother or the father. A person may carry the gene without "
        "experiencing hair loss.</p>"
        "<p>The gene makes hair follicles weaken when they come into contact with a hormone called DHT. Only the "
        "hair follicles along the frontal hairline, the mid-scalp and the crown are damaged by DHT.</p>",
    ),
    ("heading", {"text": "What is DHT?", "level": "h2"}),
    (
        "paragraph",
        "<p>DHT stands for dihydrotestosterone. It is formed when testosterone is converted by an enzyme called "
        "5-alpha reductase. Because this enzyme is freely available in the body, an increase in testosterone "
        "levels can lead to an increase in DHT. Only people who have inherited the hair loss gene experience hair "
        "loss caused by DHT.</p>",
    ),
    ("heading", {"text": "How does DHT cause hair loss?", "level": "h2"}),
    (
        "paragraph",
        "<p>DHT damages the hair follicles slowly over time. The follicles become smaller and weaker and receive "
        "less blood supply. It is thought that, because the damage is slow, the body does not recognise it as an "
        "injury and does not try to heal the follicles.</p>"
        "<p>As the damage continues, the hair becomes thinner, weaker, finer and flatter. In the end a hair "
        "follicle can die, which causes permanent hair loss.</p>",
    ),
]

# (question, answer, belongs to the PRP treatment)
FAQS = [
    (
        "What is PRP?",
        "<p>Platelet-rich plasma (PRP) is a concentrate of your own platelets and plasma, made from a small amount "
        "of your blood in a centrifuge. Because it comes from your own blood, it is called autologous.</p>",
        True,
    ),
    (
        "Who is a good candidate for PRP for hair loss?",
        "<p>PRP is used for androgenetic alopecia in men and women. Patients whose hair is thinning, but who are "
        "not totally bald in the area concerned, are the best candidates. Only a doctor can tell, after a "
        "consultation, whether it may suit you.</p>",
        True,
    ),
    (
        "How is PRP made?",
        "<p>A small amount of your blood is taken and placed in a centrifuge, which separates the red and white "
        "blood cells from the platelets and the plasma. At Face Clinic Belgium the blood is processed twice "
        "(double centrifuge) to concentrate the growth factors.</p>",
        True,
    ),
    (
        "Does the treatment hurt?",
        "<p>The PRP is injected with a thin needle. Before the injections, doctors often numb the scalp with a "
        "ring block of local anaesthetic (1% lidocaine). The scalp may be tender for a short time afterwards.</p>",
        True,
    ),
    (
        "How often is the treatment repeated?",
        "<p>Most doctors schedule the injections at intervals of 1 to 9 months. Your doctor sets the schedule "
        "with you.</p>",
        True,
    ),
    (
        "When can I expect to see a difference?",
        "<p>Some improvement in reversing the thinning of the hair may be seen in the first 2 to 6 months. "
        "Results differ from person to person and cannot be guaranteed.</p>",
        True,
    ),
    (
        "Is the result permanent?",
        "<p>No. The treatments must be continued periodically to maintain any improvement, and the long-term "
        "benefits of PRP treatments for hair loss are not yet known.</p>",
        True,
    ),
    (
        "Can PRP be combined with a hair transplant?",
        "<p>Yes. During a hair transplant, PRP can be injected into or sprayed onto the recipient area, to "
        "theoretically stimulate the healing of the grafts, and into the donor area, to help the incision heal "
        "and potentially limit scarring.</p>",
        True,
    ),
    (
        "How well has PRP for hair loss been studied?",
        "<p>PRP for hair loss is a relatively new treatment with a limited number of scientific studies to show "
        "its efficacy. Every patient treated at Face Clinic Belgium is followed closely to determine whether it "
        "is effective and whether other treatments may be needed.</p>",
        True,
    ),
    (
        "Is hair loss inherited?",
        "<p>The most common form, androgenetic alopecia, is inherited from either parent. A person may carry the "
        "gene without experiencing hair loss.</p>",
        False,
    ),
    (
        "Is PRP used in other areas of medicine?",
        "<p>Yes. PRP is used in many areas of medicine, including the healing of tendon injuries, the treatment of "
        "osteoarthritis, some aspects of dental work such as jaw reconstruction, and cardiovascular medicine.</p>",
        False,
    ),
    (
        "What does the treatment cost?",
        "<p>Every treatment is priced on quotation, after a consultation in which the doctor assesses your "
        "situation.</p>",
        False,
    ),
]
