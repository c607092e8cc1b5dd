"""The clinic's treatment content, in English, as the clinic wrote it.

Dutch and French translations: `treatments/content_translations/`. Medically cautious on purpose: nothing here
claims more than the clinic's source text, hypotheses stay hypotheses, and there is no financial argument.
The legal sections (contraindications, risks, follow-up, alternatives) are the conservative general facts a
patient must know, written for the clinic's doctor to confirm. No practitioner and no medical review are created:
those are the clinic's facts, and the launch gate (home/launch.py) names them until they are entered.
"""

from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFilter

from editorial.workflows import assign_workflow
from home.content_loading import content_builder, generated_image, stable_uuid, stream
from home.models import HomePage
from treatments.models import (
    FAQ,
    MEDICAL_REVIEW,
    ConditionPage,
    ConditionTreatment,
    FAQPage,
    FAQTreatment,
    SearchPage,
    TreatmentIndexPage,
    TreatmentPage,
)


@content_builder(order=20)
def build_treatments(loader):
    home = HomePage.objects.get(locale=loader.source_locale)
    # No practitioner and no medical review are made up here: the clinic enters its doctors (name, particular
    # professional title, RIZIV/INAMI number) and records the review; until then the launch gate names the gap.
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

    prp = build_prp_page(loader, index)
    condition = build_condition_page(loader, home, prp)
    # A condition page is medical content too: the doctors approve it, and the approval records the review.
    assign_workflow(condition, MEDICAL_REVIEW)
    faq_page = build_faqs(loader, home, prp)

    search = loader.page(home, SearchPage, slug="search", title="Search", show_in_menus=False)
    loader.translate_later(search, "search")
    loader.main_menu_pages += [(index, ""), (condition, ""), (faq_page, ""), (search, "")]


def build_prp_page(loader, index):
    hero = generated_image(loader, "PRP treatment: platelets", draw_platelets)
    prp = loader.page(
        index,
        TreatmentPage,
        slug="prp-hair-loss",
        title="PRP treatment for hair loss",
        seo_title="PRP (platelet-rich plasma) for hair loss",
        summary="Platelet-rich plasma (PRP) is prepared from your own blood by double centrifugation and "
        "injected into the scalp, with the aim of possibly helping thinning hair to grow thicker again.",
        sessions="Injections every 1 to 9 months; the doctor sets the interval with you.",
        first_effects="Some change may be seen after 2 to 6 months; results cannot be guaranteed.",
        hero_image=hero,
        hero_image_alt="",
        body=stream("prp-hair-loss", prp_body()),
        indications=PRP_INDICATIONS,
        contraindications=PRP_CONTRAINDICATIONS,
        risks_and_side_effects=PRP_RISKS,
        follow_up_care=PRP_FOLLOW_UP,
        alternatives=PRP_ALTERNATIVES,
    )
    loader.translate_later(prp, "prp-hair-loss")
    return prp


def build_condition_page(loader, home, prp):
    condition = loader.page(
        home,
        ConditionPage,
        slug="androgenetic-alopecia",
        title="Androgenetic alopecia and DHT",
        summary="Androgenetic alopecia is the most common form of hair loss in men and women. It is inherited, "
        "and it develops when hair follicles are damaged by the hormone DHT.",
        body=stream("androgenetic-alopecia", CONDITION_BODY),
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


def draw_platelets(canvas):
    """Soft discs in the site's colours: an abstract of platelets in plasma."""
    layer = PillowImage.new("RGB", canvas.size, "#f7efd9")
    draw = ImageDraw.Draw(layer)
    discs = [(260, 220, 120), (620, 520, 170), (1050, 260, 140), (1340, 640, 110), (880, 760, 80), (420, 700, 90)]
    for x, y, radius in discs:
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill="#e9c46a", outline="#d4a373", width=12)
        draw.ellipse((x - radius // 2, y - radius // 2, x + radius // 2, y + radius // 2), fill="#f4dfa8")
    canvas.paste(layer.filter(ImageFilter.GaussianBlur(3)))


def prp_body():
    return [
        ("heading", {"text": "What is PRP?", "level": "h2"}),
        (
            "paragraph",
            "<p>The platelet-rich plasma (PRP) used for hair loss is autologous: it is made from the patient's "
            "own blood. With a thin needle, the PRP is injected into the scalp, where the growth factors it "
            "contains are intended to stimulate hair growth. PRP treatment for hair loss is used for both men "
            "and women.</p>"
            "<p>The blood is centrifuged twice (double centrifugation), to give the active biological factors of "
            "the plasma in a concentrated form.</p>",
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
                    {"title": "A small amount of blood is taken", "text": "The blood is taken from your arm."},
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
                        "text": "Before the injections, the doctor may numb the area with a ring-shaped local "
                        "anaesthetic (ring block, 1% lidocaine).",
                    },
                    {
                        "title": "The PRP is injected",
                        "text": "With a thin needle, the PRP is injected into the areas where the hair is thinning.",
                    },
                ],
            },
        ),
        (
            "illustration",
            {"illustration": "prp_tube", "caption": "After centrifugation, the blood separates into layers."},
        ),
        ("heading", {"text": "How is PRP thought to work?", "level": "h2"}),
        (
            "paragraph",
            "<p>The injections cause a small, controlled injury to the scalp. This is thought to signal the body "
            "to send platelets and plasma to the area to repair it, and the added PRP increases the amount of "
            "platelets and nutrients there.</p>"
            "<p>It is conjectured that this amplifies the body's natural wound-healing mechanism and stimulates "
            "the hair follicles, which might reverse the miniaturisation of hair seen in androgenetic alopecia. "
            "It is also proposed that PRP may stimulate the dermal papilla of newly transplanted hair follicles. These "
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
                        "text": "In the first 2 to 6 months, the thinning of the hair may sometimes be partly "
                        "reversed. Results differ from person to person and cannot be guaranteed.",
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
            "<p>During a hair transplant, PRP can be injected into or sprayed onto the recipient area, in theory "
            "to help the transplanted hair follicles (grafts) heal, and into the donor area, to help the incision "
            "heal and possibly limit scarring. PRP is sometimes combined with a wound-healing matrix of animal "
            "origin (ACell), although the benefit of this combination is speculative.</p>",
        ),
        (
            "callout",
            {
                "kind": "caution",
                "title": "What is not yet known",
                "text": "<p>PRP for hair loss is a relatively new treatment, and only a limited number of "
                "scientific studies support its efficacy. The long-term benefits of PRP treatments for hair loss are "
                "not yet known.</p>",
            },
        ),
    ]


PRP_INDICATIONS = (
    "<p>Androgenetic alopecia (male or female pattern hair loss). The treatment may suit mainly patients whose "
    "hair is thinning but who are not totally bald in the area concerned.</p>"
    "<p>PRP is also used during hair transplantation, where it may support the healing of the recipient and "
    "donor areas.</p>"
)
# For the clinic's doctor to confirm before launch (the launch gate asks for a recorded medical review).
PRP_CONTRAINDICATIONS = (
    "<p>PRP is not given, or only after the doctor's assessment, in case of:</p>"
    "<ul><li>a blood clotting disorder, a low platelet count (thrombocytopenia) or a platelet function "
    "disorder</li>"
    "<li>anticoagulant or antiplatelet treatment</li>"
    "<li>aspirin or anti-inflammatory medicines (NSAIDs) taken in the days before the treatment</li>"
    "<li>systemic corticosteroids (tablets or injections)</li>"
    "<li>fever or an acute infection</li>"
    "<li>marked anaemia</li>"
    "<li>an infection or skin disease on the scalp</li>"
    "<li>cancer or a blood disease</li>"
    "<li>pregnancy or breastfeeding</li>"
    "<li>an allergy to local anaesthetics such as lidocaine</li></ul>"
    "<p>This list is not complete: tell the doctor about your health and every medicine you take.</p>"
)
PRP_RISKS = (
    "<p>Most side effects are mild and pass within a few days:</p>"
    "<ul><li>Pain during the injections and tenderness of the scalp afterwards</li>"
    "<li>Redness, swelling, small bleeding points or bruises, which pass</li>"
    "<li>Headache after the treatment</li>"
    "<li>Itching of the scalp</li>"
    "<li>Temporarily increased hair shedding in the weeks after a treatment</li>"
    "<li>At the blood draw: a bruise at the puncture site, dizziness or, rarely, fainting</li>"
    "<li>A reaction to the local anaesthetic or, if one is used, to the platelet activator</li>"
    "<li>Rarely, an infection at the injection site</li></ul>"
    "<p>PRP may not improve your hair loss. The long-term benefits of PRP treatments for hair loss are not yet "
    "known.</p>"
)
PRP_FOLLOW_UP = (
    "<p>After the injections, and unless the doctor advises otherwise:</p>"
    "<ul><li>Wait until the next day before washing your hair, with a mild shampoo.</li>"
    "<li>For 24 to 48 hours, avoid sport, the sauna, strong sun and colouring your hair.</li>"
    "<li>If the scalp is painful, take paracetamol rather than aspirin or anti-inflammatory medicines, which may "
    "affect how the platelets work.</li>"
    "<li>Contact the clinic if you have a fever, redness or swelling that spreads or gets worse, or pus at an "
    "injection site. Outside opening hours, call the GP on duty via 1733; in an emergency, call 112.</li></ul>"
    "<p>All patients receiving PRP treatments at Face Clinic Belgium are followed closely to determine "
    "effectiveness and whether other therapeutic options may be needed. The treatments must be continued "
    "periodically to maintain any improvement.</p>"
)
PRP_ALTERNATIVES = (
    "<p>Other options for androgenetic alopecia include:</p>"
    "<ul><li>medicines with established evidence, which are the usual first-line treatment: a lotion or foam "
    "applied to the scalp, and, on prescription, tablets that slow down the effect of hormones on the hair "
    "follicles</li>"
    "<li>hair transplantation</li>"
    "<li>camouflage, such as hair fibres or a hairpiece</li>"
    "<li>choosing not to treat the hair loss</li></ul>"
    "<p>The doctor can discuss with you which option suits your situation.</p>"
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
    (
        "illustration",
        {"illustration": "follicle_dht", "caption": "Under DHT, a follicle slowly shrinks and its hair becomes finer."},
    ),
    ("heading", {"text": "How is it treated?", "level": "h2"}),
    (
        "paragraph",
        "<p>The usual first-line treatment is a medicine: a lotion or foam applied to the scalp, or, on "
        "prescription, tablets that slow down the effect of hormones on the hair follicles. These medicines have "
        "been studied far more than PRP. A doctor, your GP or a dermatologist can tell you which one may suit "
        "you, and how long it takes before an effect may be seen.</p>"
        "<p>Other options are hair transplantation, camouflage, and choosing not to treat the hair loss. PRP, "
        "described below, is a newer option with fewer studies behind it.</p>",
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
        "Who may PRP for hair loss suit?",
        "<p>PRP is used for androgenetic alopecia in men and women. It may suit mainly patients whose hair is "
        "thinning but who are not totally bald in the area concerned. Only a doctor can tell, after a "
        "consultation, whether it may suit you.</p>",
        True,
    ),
    (
        "How is PRP made?",
        "<p>A small amount of your blood is taken and placed in a centrifuge, which separates the red and white "
        "blood cells from the platelets and the plasma. The blood is centrifuged twice (double centrifugation) "
        "to concentrate the growth factors.</p>",
        True,
    ),
    (
        "Does the treatment hurt?",
        "<p>The PRP is injected with a thin needle. Before the injections, the doctor may numb the scalp with a "
        "ring-shaped local anaesthetic (ring block, 1% lidocaine). The scalp may be tender for a short time "
        "afterwards.</p>",
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
        "<p>In the first 2 to 6 months, the thinning of the hair may sometimes be partly reversed. Results "
        "differ from person to person and cannot be guaranteed.</p>",
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
        "<p>Yes. During a hair transplant, PRP can be injected into or sprayed onto the recipient area, in "
        "theory to help the transplanted hair follicles (grafts) heal, and into the donor area, to help the "
        "incision heal and possibly limit scarring.</p>",
        True,
    ),
    (
        "How well has PRP for hair loss been studied?",
        "<p>PRP for hair loss is a relatively new treatment, and only a limited number of scientific studies "
        "support its efficacy. Every patient treated at Face Clinic Belgium is followed closely to determine "
        "whether it is effective and whether other treatments may be needed.</p>",
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
        "<p>Yes, with varying evidence: among other uses, to help tendon injuries heal, in the treatment of "
        "osteoarthritis, for some dental surgery such as jaw reconstruction, and in cardiovascular medicine.</p>",
        False,
    ),
    (
        "What does the treatment cost?",
        "<p>The price is given in a written quote, after a consultation in which the doctor assesses your "
        "situation; when you book, we tell you whether the consultation itself is charged. PRP for hair loss is "
        "not reimbursed by the health insurance fund, and VAT applies to aesthetic procedures without a "
        "therapeutic purpose. The quote states the VAT.</p>",
        False,
    ),
]
