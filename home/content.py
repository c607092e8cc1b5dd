"""The home page, legal pages, menus, footer and disclaimer of Face Clinic Belgium, in English.

Their Dutch and French translations are the PO files in `home/content_translations/`. Belgian law forbids
advertising aesthetic procedures: these texts inform, they do not promote, and they make no financial argument.
"""

import datetime

from PIL import ImageDraw, ImageFilter

from home.content_loading import content_builder, generated_image, stable_uuid, stream
from home.models import Disclaimer, Footer, HomePage, Menu, MenuItem, StandardPage

LEGAL_PAGES_UPDATED_ON = datetime.date(2026, 11, 30)


@content_builder(order=10)
def build_home_and_legal_pages(loader):
    home = loader.root_page(
        HomePage,
        slug="home",
        title="Face Clinic Belgium",
        seo_title="Face Clinic Belgium: medical information on PRP treatment for hair loss",
        search_description=(
            "Professional information on platelet-rich plasma (PRP) treatment for hair loss at "
            "Face Clinic Belgium: how it works, who it may suit, its risks and its alternatives."
        ),
        intro=(
            "Face Clinic Belgium gives patients factual information about platelet-rich plasma (PRP) "
            "treatment for hair loss, in Dutch, French and English."
        ),
        body=stream("home", home_body(generated_image(loader, "Face Clinic Belgium: calm shapes", draw_home))),
    )
    loader.set_site_root(home)
    loader.translate_later(home, "home")

    privacy = loader.page(
        home,
        StandardPage,
        slug="privacy-policy",
        title="Privacy policy",
        search_description=(
            "How Face Clinic Belgium handles your personal and health data, and your rights under the GDPR."
        ),
        intro="How Face Clinic Belgium handles the personal data you share with us, and what your rights are.",
        body=stream("privacy-policy", PRIVACY_BODY),
        updated_on=LEGAL_PAGES_UPDATED_ON,
        show_in_menus=False,
    )
    loader.translate_later(privacy, "privacy-policy")

    legal_notice = loader.page(
        home,
        StandardPage,
        slug="legal-notice",
        title="Legal notice",
        search_description=(
            "Who publishes this website, the legal framework of its medical information and its terms of use."
        ),
        intro="Who publishes this website and on what terms.",
        body=stream("legal-notice", LEGAL_NOTICE_BODY),
        updated_on=LEGAL_PAGES_UPDATED_ON,
        show_in_menus=False,
    )
    loader.translate_later(legal_notice, "legal-notice")


@content_builder(order=90)
def build_menus_footer_and_disclaimer(loader):
    """Menus come last: every app's pages exist by now, so later builders can add their links first."""
    home = HomePage.objects.get(locale=loader.source_locale)
    legal_pages = StandardPage.objects.child_of(home).filter(locale=loader.source_locale)

    main_menu = loader.snippet(Menu, {"handle": "main"}, title="Main menu")
    ensure_menu_links(main_menu, [(home, "Home"), *loader.main_menu_pages])
    loader.translate_later(main_menu, "menu-main")

    footer_menu = loader.snippet(Menu, {"handle": "footer"}, title="Legal information")
    ensure_menu_links(
        footer_menu, [(legal_pages.get(slug="privacy-policy"), ""), (legal_pages.get(slug="legal-notice"), "")]
    )
    loader.translate_later(footer_menu, "menu-footer")

    footer = loader.snippet(Footer, {}, text=FOOTER_TEXT)
    loader.translate_later(footer, "footer")

    disclaimer = loader.snippet(
        Disclaimer, {"handle": "general"}, title="Medical information, not advertising", text=GENERAL_DISCLAIMER
    )
    loader.translate_later(disclaimer, "disclaimer-general")


def ensure_menu_links(menu, links):
    """Give a new menu its (page, label) links; a menu that has links is the editors' and is left alone.

    An empty label shows the page's own translated title.
    """
    if menu.items.exists():
        return
    for position, (page, label) in enumerate(links):
        MenuItem.objects.create(
            menu=menu,
            link_page=page,
            label=label,
            sort_order=position,
            locale=menu.locale,
            translation_key=stable_uuid(f"menu-{menu.handle}:{position}"),
        )


def home_body(hero_image):
    """The clinic's home, composed of the blocks Marketing uses: each leads on, to the treatments and the quote form.

    The treatment cards, the FAQ teaser and the contact block find their pages in each language by themselves.
    """
    return [
        (
            "hero",
            {
                "heading": "Medical information on PRP treatment for hair loss",
                "text": "Face Clinic Belgium gives patients factual information about platelet-rich plasma (PRP) "
                "treatment for hair loss: how it works, who it may suit, its risks and its alternatives.",
                "image": {"image": hero_image.pk, "decorative": True, "alt_text": ""},
                "primary_label": "Ask for a quote",
                "primary_page": None,
                "secondary_label": "",
                "secondary_page": None,
            },
        ),
        (
            "treatment_cards",
            {
                "heading": "Treatments",
                "intro": "Each treatment page describes the indications, the risks and side effects, the "
                "contraindications, the follow-up care and the alternatives.",
                "treatments": [],
            },
        ),
        ("heading", {"text": "About this website", "level": "h2"}),
        (
            "paragraph",
            "<p>This website gives patients factual information about the treatments offered at Face Clinic "
            "Belgium: what they are for, how they are carried out, their risks, side effects and contraindications, "
            "the follow-up care they need and the alternatives to them.</p>"
            "<p>It does not replace a consultation. Whether a treatment is suitable for you can only be decided by a "
            "doctor after a personal medical assessment.</p>",
        ),
        ("heading", {"text": "PRP treatment for hair loss", "level": "h2"}),
        (
            "paragraph",
            "<p>Platelet-rich plasma (PRP) is prepared from the patient's own blood, by double centrifugation, which "
            "concentrates the platelets and their growth factors.</p>"
            "<p>PRP is used for androgenetic alopecia, the most common form of hair loss in men and women. It may "
            "suit mainly patients whose hair is thinning but who are not totally bald in the area concerned. "
            "Medicines are the usual first treatment of this condition.</p>",
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
        ("heading", {"text": "Cost", "level": "h2"}),
        (
            "paragraph",
            "<p>The price of a treatment is given in a written quote, after a consultation in which the doctor "
            "assesses your situation; when you book, we tell you whether the consultation itself is charged. PRP for "
            "hair loss is not reimbursed by the health insurance fund, and VAT applies to aesthetic procedures "
            "without a therapeutic purpose.</p>",
        ),
        (
            "call_to_action",
            {
                "heading": "Price on quotation",
                "text": "Every treatment is priced on quotation, after a consultation in which the doctor assesses "
                "your situation.",
                "button_label": "Ask for a quote",
                "page": None,
            },
        ),
        (
            "faq_teaser",
            {"heading": "Questions patients ask", "count": 4, "link_label": "All frequently asked questions"},
        ),
        ("contact", {"heading": "Contact", "text": "We answer in Dutch, French and English."}),
    ]


def draw_home(canvas):
    """Soft overlapping circles in the site's colours: calm, abstract, no people and no promise."""
    draw = ImageDraw.Draw(canvas)
    for x, y, radius, colour in [
        (420, 300, 330, "#cfe5e2"),
        (1080, 560, 420, "#b7d8d4"),
        (760, 180, 160, "#e9c46a"),
        (1300, 220, 120, "#f4dfa8"),
        (300, 760, 200, "#9fd4cf"),
    ]:
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    canvas.paste(canvas.filter(ImageFilter.GaussianBlur(6)))


PRIVACY_BODY = [
    ("heading", {"text": "Who is responsible for your data", "level": "h2"}),
    (
        "paragraph",
        "<p>The controller of the personal data processed through this website is the company that runs Face "
        "Clinic Belgium:</p>",
    ),
    ("clinic_details", {"details": "controller"}),
    ("heading", {"text": "What we collect, why, and on what legal basis", "level": "h2"}),
    (
        "paragraph",
        "<p>When you ask for a consultation or a quote, we receive your name, your e-mail address, your phone "
        "number, the treatment you ask about, your preferred language and contact time, and your message. We use "
        "them to contact you, to arrange a consultation and to prepare your quote.</p>"
        "<p>A question about hair loss or a treatment can reveal information about your health. Health data "
        "is a special category of personal data (Article 9 of the General Data Protection Regulation, GDPR). We "
        "process it only with your explicit consent (Article 9(2)(a) GDPR), which you give with the consent box "
        "of the form. Your other details are processed on the same consent (Article 6(1)(a) GDPR) and to take "
        "the steps you ask for before a treatment (Article 6(1)(b) GDPR).</p>"
        "<p>If you become a patient, your medical record is kept under the law on patients' rights and the law "
        "of 22 April 2019 on the quality of healthcare (Article 9(2)(h) GDPR).</p>"
        "<p>The server records the IP address of each request, to protect the website and the form against abuse "
        "and to investigate faults. This is our legitimate interest (Article 6(1)(f) GDPR). These records "
        "are kept only as long as that purpose requires.</p>"
        "<p>You do not have to give us your data, but without a way to reach you we cannot answer your request. "
        "We take no decision about you by automated means alone, and we do not profile you.</p>",
    ),
    ("heading", {"text": "Who sees your data", "level": "h2"}),
    (
        "paragraph",
        "<p>Only the clinic staff who handle requests see them, and they are bound by medical confidentiality "
        "(Article 458 of the Criminal Code). We do not sell your data, we do not use it for advertising, and we "
        "do not pass it to third parties, except the providers who host this website and deliver its e-mail on "
        "our behalf, under a processing agreement (Article 28 GDPR). If a provider processes data outside the "
        "European Economic Area, it does so only with the safeguards of the GDPR (an adequacy decision of the "
        "European Commission or its standard contractual clauses).</p>",
    ),
    ("heading", {"text": "How long we keep it", "level": "h2"}),
    (
        "paragraph",
        "<p>A request for a consultation or a quote is deleted automatically twelve months after we receive it. "
        "If you become a patient, your medical record is kept for at least 30 and at most 50 years after your "
        "last contact with the clinic, as Belgian law prescribes.</p>",
    ),
    ("heading", {"text": "Cookies", "level": "h2"}),
    (
        "paragraph",
        "<p>This website sets no cookies for analytics or advertising. The only cookie a visitor receives is "
        "csrftoken, on the form page: it protects the form against forged submissions and is needed for it to "
        "work.</p>",
    ),
    ("heading", {"text": "Your rights", "level": "h2"}),
    (
        "paragraph",
        "<p>You may ask to see, correct or delete your data, to restrict its processing, to receive it in a "
        "portable form, and to object to processing based on our legitimate interest. You may withdraw your "
        "consent at any time, without affecting what was done before. Write to the data protection contact "
        "given above; we answer within one month.</p>"
        "<p>If you believe we do not respect your rights, you may lodge a complaint with the Belgian Data "
        "Protection Authority, Drukpersstraat 35 / rue de la Presse 35, 1000 Brussels, "
        "www.dataprotectionauthority.be.</p>",
    ),
]

LEGAL_NOTICE_BODY = [
    ("heading", {"text": "Publisher", "level": "h2"}),
    ("paragraph", "<p>This website is published by:</p>"),
    ("clinic_details", {"details": "publisher"}),
    ("heading", {"text": "Regulated profession", "level": "h2"}),
    (
        "paragraph",
        "<p>The doctors of the clinic practise medicine under a professional title granted in Belgium and are "
        "registered with the Order of Physicians. They are bound by the Code of Medical Ethics of the Order, "
        "which can be read at www.ordomedic.be.</p>",
    ),
    ("heading", {"text": "Information, not advertising", "level": "h2"}),
    (
        "paragraph",
        "<p>The Belgian law of 23 May 2013 regulating the qualifications required to perform non-surgical "
        "aesthetic medicine and aesthetic surgery, and regulating advertising and information about these "
        "procedures, forbids advertising for aesthetic procedures. The pages of this website are professional "
        "information for patients. For each treatment they describe the indications, the risks and side effects, "
        "the contraindications, the follow-up care and the alternatives, and they name the practitioners with "
        "their professional titles.</p>",
    ),
    ("heading", {"text": "Medical information", "level": "h2"}),
    (
        "paragraph",
        "<p>The information on this website is general. It does not replace a consultation with a doctor, "
        "who alone can decide whether a treatment is suitable for you. Results differ from person to person "
        "and cannot be guaranteed.</p>",
    ),
    ("heading", {"text": "Use of this website", "level": "h2"}),
    (
        "paragraph",
        "<p>The texts and images of this website belong to Face Clinic Belgium. You may quote them for "
        "personal, non-commercial use with a reference to the source. We take care that the information is "
        "accurate and up to date, and we correct errors as soon as we learn of them. Belgian law applies to "
        "this website.</p>",
    ),
]

FOOTER_TEXT = (
    "<p>This website gives professional medical information. In accordance with Belgian law, it does not "
    "advertise aesthetic procedures.</p>"
)

GENERAL_DISCLAIMER = (
    "<p>The information on this website is general and does not replace a consultation with a doctor. "
    "Results differ from person to person and cannot be guaranteed.</p>"
)
