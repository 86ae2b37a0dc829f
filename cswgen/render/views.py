"""Plain, explicit views of the site for templates: dicts of text, numbers and lists.

Templates never see internal objects.  Every page gets `site`, `week`, `nav` (made in
`sitewide`), `page` and `as_of`; `page.kind` says which template renders it and what else
`page` holds, made here but for the list pages (`lists`: the testimonials a page at a time,
the honour roll and a long award's pages) and the programme, posters and lobby screen
(`beyond`).  Paths in views (`path`, `src`) are relative to the site root (`days/monday/`,
`images/x.jpg`); the `url` filter turns them into links relative to the page being rendered.
"""

from __future__ import annotations

from typing import Any

from cswgen.core.cache import SharedViews
from cswgen.core.kept import Kept
from cswgen.model.photos import Photos
from cswgen.model.plaintext import sentences
from cswgen.model.rendered import Rendered
from cswgen.model.site import CERTIFICATE, SHARE_IMAGE, Site, url_of
from cswgen.read.records import Day, Entry, Honour, Policy, Testimonial
from cswgen.render import beyond, lists
from cswgen.render.borrowed import Borrowed
from cswgen.render.links import absolute
from cswgen.render.paging import View as View  # (where every renderer finds it)
from cswgen.render.strings import Words

Bodies = dict[str, Rendered]  # by Entry.key

def excerpt(text: str, limit: int = 160) -> str:
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",.;:—-،؛")  # (Arabic's comma, semicolon)
    return cut + "…"


def initials(name: str) -> str:
    """The first letters of a name's first and last words; a double-barrelled surname
    gives its first part's (Chiwenga-Mupfurutsa: C), a single hyphenated name both parts'
    (Jean-Luc: JL)."""
    words = [w for w in name.split() if w[:1].isalpha()]
    if len(words) == 1:
        words = [w for w in words[0].split("-") if w[:1].isalpha()]
    if not words:
        return "?"
    if len(words) == 1:
        return words[0][:1].upper()
    return (words[0][:1] + words[-1][:1]).upper()


_NO_BODY = Rendered(html="")


def _rendered(bodies: Bodies, entry: Entry) -> Rendered:
    body = bodies.get(entry.key)
    return _NO_BODY if body is None else body


class Views:
    """Builds the view of every page of one `Site`."""

    def __init__(self, site: Site, bodies: Bodies, photos: Photos, words: Words,
                 prefix: str = "") -> None:
        """`prefix`: where this language's pages are (`sw/`; "" for the default one)."""
        self.prefix = prefix
        self.site = site
        self.bodies = bodies
        self.photos = photos
        self.words = words
        self.say = words.say
        self.language = words.language
        self.config = site.config
        self.borrowed = Borrowed(prefix, site.config.site.language, self.language.tag)
        self.lang_of = self.borrowed.lang_of
        self.as_of = site.options.as_of
        self._split: dict[int, tuple[object, str]] = {}  # see `_with_body`
        self._shared: SharedViews | None = None  # see `shared`
        self.days = [self.day(d) for d in site.days]
        self.testimonials = [self.testimonial(t) for t in site.testimonials]
        self.people = [self.person(h) for h in site.honour]
        self.award_groups = lists.groups(self)

    def shared(self) -> SharedViews:
        """The sub-views many pages hold (days, testimonials, people) and the bodies' text,
        each written out once in the pages' keys (made once: `pages` adds views made from
        them, see `SharedViews.derive`)."""
        if self._shared is None:
            self._shared = SharedViews([*self.days, *self.testimonials, *self.people],
                                       self.body_texts(), self._split)
        return self._shared

    def body_texts(self) -> dict[str, str | Kept]:
        """The HTML and plain text of every body, by the digest each was made with (for
        `SharedViews`: views hold these very strings, and may be keyed by the digest);
        those the cache keeps apart are not read for it."""
        texts: dict[str, str | Kept] = {}
        for body in self.bodies.values():
            if body.digest:
                texts[body.digest + ":html"] = body.kept_html
                texts[body.digest + ":text"] = body.kept_text
        return texts

    # --- entries --------------------------------------------------------------------

    def day(self, day: Day) -> View:
        teaser = self.site.is_teaser(day)
        body = _rendered(self.bodies, day)
        lang = self.language
        image = None if teaser else self.picture(day, day.image)
        own = {
            "slug": day.slug, "path": self.url(day), "title": day.title,
            "lang": self.lang_of(day),
            "borrowed": self.borrowed.fields(day, "title", "summary", "dress_code", "body"),
            "date": day.date.isoformat(), "weekday": lang.weekday(day.date),
            "label": lang.short_date(day.date), "long_label": lang.long_date(day.date),
            "teaser": teaser, "today": day.date == self.as_of, "past": day.date < self.as_of,
            "summary": "" if teaser else day.summary,
            "dress_code": "" if teaser else day.dress_code,
            "image": image,
            "events": [] if teaser else [
                {"time": e.time, "end": e.end, "title": e.title, "place": e.place,
                 "description": e.description, **self.times(e.time, e.end),
                 "borrowed": self.borrowed.fields(day, *(f"events.{index}.{key}" for key in
                                                  ("title", "place", "description")))}
                for index, e in enumerate(day.events)],
            "toc": [] if teaser else body.toc,
            "extra": {} if teaser else day.extra,
        }
        return self._with_body(own, _NO_BODY if teaser else body)

    def testimonial(self, t: Testimonial) -> View:
        body = _rendered(self.bodies, t)
        # a name found on the honour roll is shown as the honour roll spells it (the
        # customer's "precious ncube" is "Precious Ncube" there)
        # (one this language leaves out is linked to in the default language: `hreflang`)
        staff = [{"name": link.honour.name if link.honour else link.name,
                  "path": self.site.elsewhere.get(link.honour.key) or self.url(link.honour)
                  if link.honour else None,
                  "hreflang": self.site.config.site.language
                  if link.honour and link.honour.key in self.site.elsewhere else None}
                 for link in self.site.staff_of(t)]
        own = {
            "slug": t.slug, "path": self.url(t), "title": t.title, "lang": self.lang_of(t),
            "heading": t.title or self.say("from_customer", customer=t.customer),
            "customer": t.customer, "organisation": t.organisation, "location": t.location,
            "date": t.date.isoformat() if t.date else None,
            "date_label": self.language.plain_date(t.date) if t.date else "",
            "rating": t.rating, "staff": staff, "featured": t.featured,
            "photo": self.picture(t, t.photo),
            "excerpt": excerpt(body.lead), "extra": t.extra,
        }
        return self._with_body(own, body, text=True)

    def person(self, h: Honour) -> View:
        body = _rendered(self.bodies, h)
        path = self.url(h)
        praised = [{"customer": t.customer, "titled": bool(t.title),
                    "heading": t.title or self.say("from_customer", customer=t.customer),
                    "path": self.url(t), "lang": self.lang_of(t) if t.title else None}
                   for t in self.site.praised.get(url_of(h), [])]
        own = {
            "slug": h.slug, "path": path, "certificate_path": path + CERTIFICATE,
            "lang": self.lang_of(h),
            "borrowed": self.borrowed.fields(h, "role", "department", "award", "citation",
                                             "body"),
            "name": h.name, "role": h.role, "department": h.department, "award": h.award,
            "citation": h.citation, "since": h.since, "photo": self.picture(h, h.photo),
            "initials": initials(h.name), "letter": lists.letter_of(h.name),
            "excerpt": h.citation or excerpt(body.lead), "praised": praised, "extra": h.extra,
        }
        return self._with_body(own, body)

    def picture(self, entry: Entry, photo: Any) -> View | None:
        """A photo's view; marked with the default language (`lang`, which on an `<img>`
        is its alt text's) when the entry shows it without a translation or its
        translation left `alt` out."""
        image = self.photos.view(photo)
        if image and (own := self.lang_of(entry) or (
                self.config.site.language if self.borrowed.fields(entry, "alt") else None)):
            image = {**image, "lang": own}
        return image

    def _with_body(self, own: View, body: Rendered, *, text: bool = False) -> View:
        """A shared view: `own` with its body's HTML (and plain text, with `text`) added.
        Its key is made from `own` and the body's digest (see `SharedViews`), so a body's
        text is not looked through again for it; a body known by no digest (made outside
        a conversion) is looked through, as any other view."""
        view = {**own, "body_html": body.kept_html, "text": body.kept_text} if text else \
            {**own, "body_html": body.kept_html}
        if body.digest or not (body.kept_html or body.kept_text):
            self._split[id(view)] = own, body.digest
        return view

    def policy(self, p: Policy) -> View:
        body = _rendered(self.bodies, p)
        return {
            "title": p.title or self.say("customer_service_policy"), "lang": self.lang_of(p),
            "borrowed": self.borrowed.fields(p, "title", "owner", "commitments", "standards",
                                             "body"),
            "effective": p.effective.isoformat() if p.effective else None,
            "effective_label": self.language.plain_date(p.effective) if p.effective else "",
            "version": p.version, "owner": p.owner, "commitments": p.commitments,
            "standards": [{"measure": m, "target": t} for m, t in p.standards],
            "body_html": body.kept_html, "toc": body.toc, "extra": p.extra,
        }

    # --- pages ----------------------------------------------------------------------

    def pages(self) -> list[View]:
        """The view of every HTML page: `path` says where it is written."""
        site = self.site
        description = self.config.site.description
        pages: list[View] = []
        home = site.home
        intro = _rendered(self.bodies, home) if home else Rendered(html="")
        spotlight: list[View] = []
        for group in self.award_groups:
            spotlight.extend(group["people"][:1])
        pages.append(self._page(
            "home", self.config.site.title, self.prefix, "home", description,
            intro_title=home.title if home else "", body_html=intro.kept_html,
            intro_lang=self.lang_of(home) if home else None,
            featured=[t for t in self.testimonials if t["featured"]],
            spotlight=spotlight[:6], days=self.days,
            commitments=site.policy.commitments if site.policy else [],
            testimonial_count=len(self.testimonials), honour_count=len(self.people)))
        for index, view in enumerate(self.days):
            pages.append(self._page(
                "day", view["title"], view["path"], "days", view["summary"] or description,
                day=view, previous=self.days[index - 1] if index else None,
                next=self.days[index + 1] if index + 1 < len(self.days) else None,
                body_html=view["body_html"], toc=view["toc"],
                image=view["image"]))
        pages.extend(lists.testimonial_pages(self))  # (the list, a page at a time)
        for view in self.testimonials:
            pages.append(self._page("testimonial", view["heading"], view["path"], "testimonials",
                                    view["excerpt"] or description, testimonial=view,
                                    body_html=view["body_html"], image=view["photo"]))
        pages.extend(lists.honour_roll_pages(self))  # (with each long award's pages)
        for view in self.people:
            summary = view["excerpt"] or description
            pages.append(self._page("honour", view["name"], view["path"], "honour-roll",
                                    summary, person=view, body_html=view["body_html"],
                                    image=view["photo"]))
            pages.append(self._page("certificate", self.say("certificate_title",
                                                            name=view["name"]),
                                    view["certificate_path"], "honour-roll", summary,
                                    person=view, fit=beyond.certificate_fit(
                                        view["name"], ", ".join(filter(None, [
                                            view["role"], view["department"]])),
                                        view["award"], view["citation"])))
        if site.policy:
            view = self.policy(site.policy)
            pages.append(self._page("policy", view["title"], self.url(site.policy), "policy",
                                    excerpt(sentences(view["commitments"])) or description,
                                    policy=view, body_html=view["body_html"], toc=view["toc"]))
        for page in site.pages:
            body = _rendered(self.bodies, page)
            path = self.url(page)
            pages.append(self._page("page", page.title, path, path,
                                    excerpt(body.lead) or description,
                                    body_html=body.kept_html,
                                    toc=body.toc, extra=page.extra, lang=self.lang_of(page)))
        pages.append(self._page("404", self.say("page_not_found"), self.prefix + "404.html",
                                "404",
                                description))
        pages.extend(beyond.pages(self))  # the printable programme and the day posters
        return pages

    def url(self, entry: Entry) -> str:
        """Where an entry's page is in this language."""
        return self.prefix + url_of(entry)

    def times(self, start: str | None, end: str | None) -> View:
        """An event's times as the language writes them: shown, and read aloud."""
        lang = self.language
        if not start:
            return {"time_label": "", "times_label": "", "times_spoken": ""}
        shown = lang.time_range(start, end) if end else lang.time(start)
        spoken = self.say("time_from_to", start=lang.time(start), end=lang.time(end)) \
            if end else lang.time(start)
        return {"time_label": lang.time(start), "times_label": shown, "times_spoken": spoken}

    def _page(self, kind: str, title: str, path: str, section: str, description: str,
              **fields: Any) -> View:
        base = self.config.site.base_url
        fields.setdefault("body_html", "")
        fields.setdefault("toc", [])
        fields.setdefault("image", None)
        if not description:  # every page gets one: search results and link previews show it
            w = self.config.week
            description = self.say("default_description", site=self.config.site.title,
                                   dates=self.language.date_range(w.start, w.end))
        fields.setdefault("share_image", self._share_image(kind, path, fields))
        site_title = self.config.site.title
        fields.setdefault("share_image_alt", "" if not fields["share_image"] else
                          site_title if title == site_title else f"{title} · {site_title}")
        fields.setdefault("alternates", [])
        return {"kind": kind, "title": title, "path": path, "section": section,
                "description": description,
                "canonical": absolute(base, path) if kind != "404" else "", **fields}

    def _share_image(self, kind: str, path: str, fields: dict[str, Any]) -> str | None:
        """The picture a link preview shows (made by `share` when base_url is set): each
        day, testimonial and person has their own, a certificate its person's, and the other
        pages the site's."""
        if not self.config.site.base_url or kind == "404":
            return None
        if kind == "certificate":
            return str(fields["person"]["path"]) + SHARE_IMAGE
        if kind in ("day", "testimonial", "honour"):
            return path + SHARE_IMAGE
        return self.prefix + SHARE_IMAGE
