"""The daily staff email: one draft for one day of the week, ready to send.

A draft is a `multipart/related` message: a `multipart/alternative` (plain text, then
HTML) and the pictures the HTML shows by `cid:`.  `X-Unsent: 1` makes Outlook open it as
a draft; it has a Date and no From (the sender's mail program fills that in).  The HTML
is rendered by the theme's `email.html` for email clients: tables, inline styles, no
script or web fonts.  Pictures are the photo pipeline's smallest JPEG or PNG copies
(which carry no metadata); SVG pictures are left out, since most mail programs do not
show SVG.  The email is headed by the brand's logo drawn as a PNG (with no logo, the
puzzle-piece emblem the site's header shows); an SVG logo cannot be drawn, and the
organisation's name, which heads the email in text anyway, stands alone.

What a day's email holds (decisions of ours where the SPEC is silent):
- the subject "Customer Service Week, day N: <title>" (`email_subject`), N counting from
  the week's first day;
- the day's title, date, summary, dress code and events, and its picture;
- a featured testimonial: the featured ones in turn, one a day (any testimonial when
  none is featured);
- the day's honours: the honour roll's awards in turn, one award a day, up to
  `HONOURS_PER_DAY` of its people (when the week has more days than awards, an award's
  next people on its second turn);
- a link to the day's page when `[site] base_url` is set.
A day not yet revealed (reveal = "daily") gets its title and date only, as its page.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from email.message import EmailMessage, MIMEPart
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from cswgen.core import langmarks
from cswgen.core.bidi import plain
from cswgen.model import cards, decoder, images, logos
from cswgen.render.links import absolute
from cswgen.render.templates import Renderer
from cswgen.render.views import View, Views

HONOURS_PER_DAY = 3
AVATAR = 128  # pixels: a person's photo, shown 64 px wide on a sharp screen
LOGO = 80  # pixels high: the logo, shown 40 px high on a sharp screen
PICTURE = 552  # pixels wide: the day's picture, across the email's column (see email.html)
PICTURE_BYTES = 45_000  # at most, where a lower JPEG quality can keep it so
EMAIL_FOLDER = "email"  # beside the site's config.toml, never in the output folder


@dataclass(frozen=True)
class Picture:
    cid: str
    data: bytes
    subtype: str  # "jpeg" or "png"
    name: str


@dataclass
class Draft:
    name: str  # `<date>-<slug>`, the files' name
    subject: str
    html: str
    text: str
    pictures: list[Picture]
    language: str = ""  # the BCP 47 tag the draft is written in ("sw", "pt-MZ")

    def standalone(self, folder: str) -> tuple[str, dict[str, bytes]]:
        """The HTML on its own (`cswgen email --html`, for newsletter tools and a browser),
        each picture by its file in `folder` beside it instead of by `cid:`, and those
        files' bytes by name."""
        html, files = self.html, {}
        for picture in self.pictures:
            html = html.replace(f'src="cid:{picture.cid}"', f'src="{folder}/{picture.name}"')
            files[picture.name] = picture.data
        return html, files

    def message(self, now: datetime) -> EmailMessage:
        message = EmailMessage(policy=SMTP)
        message["Subject"] = self.subject
        message["Date"] = format_datetime(now)
        message["X-Unsent"] = "1"
        body = MIMEPart(policy=SMTP)
        body.set_content(self.text)
        body.add_alternative(self.html, subtype="html")
        if not self.pictures:
            message.set_content(self.text)
            message.add_alternative(self.html, subtype="html")
        else:
            message["MIME-Version"] = "1.0"
            message.add_header("Content-Type", "multipart/related",
                               type="multipart/alternative")
            message.set_payload([body])
            for picture in self.pictures:
                part = EmailMessage(policy=SMTP)  # an EmailMessage: what `attach` is typed for
                part.set_content(picture.data, "image", picture.subtype, disposition="inline",
                                 filename=picture.name, cid=f"<{picture.cid}>")
                del part["MIME-Version"]  # said once, at the top
                message.attach(part)
        # (after the content: `set_content` clears every Content-* header, this one too)
        if self.language:  # (RFC 3282: screen readers and translators in mail programs)
            message["Content-Language"] = self.language
        return message


class Mailer:
    """Drafts for the days of one site's week."""

    def __init__(self, views: Views, renderer: Renderer, common: dict[str, Any]) -> None:
        self.views = views
        self.renderer = renderer
        self.common = common
        self.files = views.photos.files()  # output path -> the copy on disk
        self.featured = [t for t in views.testimonials if t["featured"]] or views.testimonials
        self.logo = self._logo()

    def draft(self, day: View) -> Draft:
        views = self.views
        when = date.fromisoformat(day["date"])
        dates = list(views.config.week.dates)
        index = dates.index(when) if when in dates else 0
        number = index + 1
        pictures: list[Picture] = []
        testimonial = None if day["teaser"] or not self.featured else \
            self.featured[index % len(self.featured)]
        people = [] if day["teaser"] else self.honours(index)
        base = views.config.site.base_url
        # (a mail program shows the subject as it is: no direction isolates in it)
        subject = plain(views.say("email_subject", n=number, title=day["title"]))
        view: View = {
            "day": {**day, "picture": None if day["teaser"] else
                    self.picture(day["image"], "day", pictures)},
            "number": number,
            "subject": subject,
            "link": absolute(base, day["path"]),
            "testimonial": testimonial and {
                **testimonial, "link": absolute(base, testimonial["path"])},
            "award": people[0]["award"] if people else "",
            "people": [{**p, "picture": self.avatar(p["photo"], f"person{i}", pictures),
                        "link": absolute(base, p["path"])}
                       for i, p in enumerate(people)],
        }
        view["logo"] = None
        if self.logo is not None:
            data, width = self.logo
            site = views.config.site
            view["logo"] = {"cid": attach(pictures, "logo", data, "png", ".png"),
                            "alt": site.organisation or site.title,
                            "width": width // 2, "height": LOGO // 2}
        page = {"kind": "email", "path": "email/", "title": view["subject"], **view}
        html = self.renderer.render(page, self.common)
        return Draft(name=f"{day['date']}-{day['slug']}", subject=subject, html=html,
                     text=self.text(view), pictures=pictures,
                     language=views.language.tag)

    def _logo(self) -> tuple[bytes, int] | None:
        """The logo as a PNG LOGO pixels high, and its width; None for an SVG logo (or one
        this Pillow cannot read: the build warns)."""
        config = self.views.config
        logo = config.brand.logo
        if logo and not logos.drawable(logo):
            return None
        try:
            return cards.email_logo(config.root / "content" / logo if logo else None, LOGO,
                                    config.brand.primary, config.brand.secondary)
        except (decoder.Unreadable, OSError):  # (the build says what is wrong with it)
            return None

    def honours(self, index: int) -> list[View]:
        """The day's honour-roll people: one award a day, in turn."""
        groups = [g for g in self.views.award_groups if g["people"]]
        if not groups:
            return []
        group = groups[index % len(groups)]
        start = (index // len(groups)) * HONOURS_PER_DAY
        people: list[View] = group["people"][start:start + HONOURS_PER_DAY] \
            or group["people"][:HONOURS_PER_DAY]
        return people

    def picture(self, image: View | None, name: str,
                pictures: list[Picture]) -> View | None:
        """A picture as wide as the email's column (PICTURE pixels, a JPEG of at most
        PICTURE_BYTES), made from the site's smallest copy that is as wide, attached by
        `cid:`; None for an SVG or a picture without copies.  (The smallest copy, 160
        pixels wide, was stretched blurred across the column, or shown that small by
        Outlook, which goes by the `width` attribute.)"""
        copies = image.get("srcset") if image else None
        if image is None or not copies:
            return None
        wide = [c for c in copies if c["width"] >= PICTURE]
        path = self.files.get((wide[0] if wide else copies[-1])["src"])
        if path is None:
            return None
        data, width, height = images.email_picture(path, PICTURE, PICTURE_BYTES)
        cid = attach(pictures, name, data, "jpeg", ".jpg")
        return {"cid": cid, "alt": image.get("alt", ""), "width": width, "height": height}

    def avatar(self, image: View | None, name: str,
               pictures: list[Picture]) -> View | None:
        """A person's photo as a small square JPEG, attached by `cid:` (email programs
        cannot crop a portrait into a circle); None for an SVG or a picture without copies."""
        path = self.smallest(image)
        if image is None or path is None:
            return None
        cid = attach(pictures, name, images.avatar(path, AVATAR), "jpeg", ".jpg")
        return {"cid": cid, "alt": image.get("alt", ""), "width": AVATAR, "height": AVATAR}

    def smallest(self, image: View | None) -> Path | None:
        """The smallest raster copy of a picture on disk; None for an SVG or a picture
        without copies."""
        if not image or not image.get("srcset"):
            return None
        return self.files.get(image["srcset"][0]["src"])

    def text(self, view: View) -> str:
        """The plain-text part: what the HTML says, in the same order."""
        say = self.views.say
        day = view["day"]
        lines = [view["subject"], "", day["long_label"]]
        if day["teaser"]:
            lines += ["", say("details_on", weekday=day["weekday"])]
        else:
            if day["summary"]:
                lines += ["", day["summary"]]
            if day["dress_code"]:
                lines += ["", say("dress_code"), day["dress_code"]]
            if day["events"]:
                lines += ["", say("programme")]
                for e in day["events"]:
                    when = e["times_label"] or say("all_day")
                    lines.append(f"- {when} · {e['title']}")
                    lines += [f"  {text}" for text in (e["place"], e["description"]) if text]
            if view["testimonial"]:
                t = view["testimonial"]
                lines += ["", say("what_our_customers_say"), say("quoted", text=t["excerpt"]),
                          f"— {t['customer']}"]
            if view["people"]:
                lines += ["", say("email_honours")] + ([view["award"]] if view["award"] else [])
                for p in view["people"]:
                    lines.append("- " + say("comma").join(
                        filter(None, [p["name"], p["role"], p["department"]])))
        if view["link"]:
            lines += ["", say("email_see_site"), view["link"]]
        return langmarks.plain("\n".join(lines)) + "\n"  # (plain text has no `lang`)


def attach(pictures: list[Picture], name: str, data: bytes, subtype: str, suffix: str) -> str:
    """Add a picture to a draft's list; its Content-ID, for `cid:` in the HTML."""
    cid = make_msgid(name, domain="cswgen.invalid")[1:-1]
    pictures.append(Picture(cid, data, subtype, f"{name}{suffix}"))
    return cid
