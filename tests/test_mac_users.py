"""Content as a comms team on a Mac keeps it: pages TextEdit saved as rich text, lists
Excel for Mac and Numbers exported, and names Finder stored with their accents decomposed.

Each test builds a small site with the real command line and the built-in theme, and
asserts what the user reads: the published page, or the exact `path:line: message`.
"""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from tests.helpers import AS_OF, MINIMAL_CONFIG, MakeSite, Outcome, Run
from tests.linkcheck import broken_links
from tests.photofactory import phone_heic, phone_jpeg

# a day as TextEdit saves it when the document was left as rich text, its default
RICH_DAY = ("{\\rtf1\\ansi\\ansicpg1252\\cocoartf2761\n"
            "\\cocoatextscaling0\\cocoaplatform0{\\fonttbl\\f0\\fswiss\\fcharset0 Helvetica;}\n"
            "{\\colortbl;\\red255\\green255\\blue255;}\n"
            "\\paperw11900\\paperh16840\\margl1440\\margr1440\\vieww11520\\viewh8400\\viewkind0\n"
            "\\pard\\tx566\\tx1133\\tx1700\\tx2267\\tx2834\\tx3401\\tx3968\\tx4535\\pardirnatural"
            "\\partightenfactor0\n\n"
            "\\f0\\fs24 \\cf0 ---\\\ntitle: D\\'eda de la Cooperativa\\\nday: lunes\\\n---\\\n"
            "Bienvenidos.}")


def built(make_site: MakeSite, run: Run, files: dict[str, str | bytes],
          *args: str) -> tuple[Path, Outcome]:
    site = make_site({"config.toml": MINIMAL_CONFIG, **files})
    outcome = run(site, "build", *(args or AS_OF))
    assert "Traceback" not in outcome.stdout + outcome.stderr
    return site, outcome


# --- TextEdit's rich text -------------------------------------------------------------------

def test_a_markdown_file_textedit_saved_as_rich_text_says_how_to_save_it_plain(
        make_site: MakeSite, run: Run) -> None:
    """TextEdit saves a new document as rich text; named `lunes.md` ("Use .md" when it
    asks), the file holds `{\\rtf1...`, and cswgen said it "has no front matter; add these
    lines at the very top": adding them in TextEdit changes nothing."""
    _, outcome = built(make_site, run, {"content/days/lunes.md": RICH_DAY,
                                        "content/policy.md": RICH_DAY})
    assert outcome.exit_code == 1
    said = ("this file is saved as rich text (RTF), with its fonts and formatting, not as "
            "plain text, so cswgen cannot read it; open it in TextEdit, choose Format > Make "
            "Plain Text, then save it again as {} (choose \"Use .md\" if TextEdit asks)")
    assert outcome.lines[:2] == [f"content/days/lunes.md:1: {said.format('lunes.md')}",
                                 f"content/policy.md:1: {said.format('policy.md')}"]


def test_a_page_textedit_saved_as_rtf_is_not_published(make_site: MakeSite,
                                                       run: Run) -> None:
    """Saved with TextEdit's own ending, `lunes.rtf` was published as a download at
    days/lunes.rtf, without a word, and the day had no page.  An RTF file that is a
    download (no front matter, not in days/) is published as it is."""
    site, outcome = built(make_site, run, {
        "content/days/lunes.rtf": RICH_DAY,
        "content/pages/bienvenida.md.rtf": RICH_DAY,
        "content/pages/preguntas.rtf": RICH_DAY,
        "content/downloads/formulario.rtf": "{\\rtf1\\ansi Formulario de inscripci\\'f3n}"})
    assert outcome.exit_code == 0, outcome.stderr
    said = ("is saved as rich text (RTF), as TextEdit saves a new document, so it is not a "
            "page and is not published; open it in TextEdit, choose Format > Make Plain Text, "
            "then File > Save as \"{}\" (choose \"Use .md\" if TextEdit asks)")
    assert outcome.lines == [
        f'content/days/lunes.rtf:1: warning: "lunes.rtf" {said.format("lunes.md")}',
        f'content/pages/bienvenida.md.rtf:1: warning: "bienvenida.md.rtf" '
        f'{said.format("bienvenida.md")}',
        f'content/pages/preguntas.rtf:1: warning: "preguntas.rtf" '
        f'{said.format("preguntas.md")}']
    out = site / "output"
    assert not list(out.rglob("lunes.rtf")) and not list(out.rglob("*.md.rtf"))
    assert not list(out.rglob("preguntas.rtf"))
    assert (out / "downloads/formulario.rtf").is_file()


# --- lists exported from Excel for Mac and Numbers ------------------------------------------

def test_a_date_excel_shows_as_d_mmm_yyyy_is_told_as_the_date_it_is(make_site: MakeSite,
                                                                      run: Run) -> None:
    """Excel's d-mmm-yyyy date format, saved so in a CSV file ("5-oct-2026" in Spanish,
    "5-Oct-2026" in English), was told to be written YYYY-MM-DD with no date offered, as
    "5 de octubre de 2026" is."""
    _, outcome = built(make_site, run, {"content/testimonials/encuesta.csv": (
        "customer;title;date;text\n"
        "Doña Lucía;Excelente atención;5-oct-2026;Me ayudaron con mi crédito.\n"
        "Don Álvaro;Muy amables;6-Oct-2026;Gracias.\n"
        "Doña Inés;Muy amables;07-oct.-2026;Gracias.\n")})
    assert outcome.exit_code == 1
    for line, meant, typed in ((2, "2026-10-05", "5-oct-2026"), (3, "2026-10-06", "6-Oct-2026"),
                               (4, "2026-10-07", "07-oct.-2026")):
        assert any(said.startswith(
            f"content/testimonials/encuesta.csv:{line}: `date` must be a date written "
            f"YYYY-MM-DD, like 2026-10-06, not \"{typed}\"; write {meant}; in Excel")
            for said in outcome.lines), outcome.stderr


# --- what an iPhone saves beside a photo ----------------------------------------------------

def test_a_live_photos_video_and_an_edit_record_are_not_published(make_site: MakeSite,
                                                                  run: Run) -> None:
    """Photos brought from an iPhone come with a Live Photo's video (`IMG_1234.MOV`) and
    the Photos app's record of an edit (`IMG_1240.AAE`): both were published as they are,
    megabytes of video that no page shows.  A video with a name of its own is a download."""
    site, outcome = built(make_site, run, {
        "content/pages/fotos.md": "---\ntitle: Fotos\n---\n![Equipo](../images/IMG_1234.HEIC)\n",
        "content/images/IMG_1234.HEIC": phone_heic(seed=2),
        "content/images/IMG_1234.MOV": b"\x00\x00\x00\x14ftypqt  " + b"\x00" * 64,
        "content/images/IMG_E1240.JPG": phone_jpeg(seed=3, location=False),
        "content/images/IMG_1240.JPG": phone_jpeg(seed=4, location=False),
        "content/images/IMG_1240.AAE": "<?xml version=\"1.0\"?><plist/>",
        "content/downloads/saludo.mov": b"\x00\x00\x00\x14ftypqt  " + b"\x00" * 64})
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == [
        "content/images/IMG_1234.MOV: warning: is the video an iPhone records with a Live "
        "Photo (IMG_1234.HEIC, beside it), so it is not published: no page shows it, it "
        "would cost visitors megabytes, and it may record where it was taken; delete it or "
        "move it out of content/ (to offer it as a video, give it a name of its own and link "
        "to it)",
        "content/images/IMG_1240.AAE: warning: is the iPhone Photos app's record of the "
        "edits made to IMG_1240.JPG (the edited photo is saved as a copy of its own, "
        "IMG_E...), which no browser reads, so it is not published; delete it or move it out "
        "of content/"]
    out = site / "output"
    assert not (out / "images/IMG_1234.MOV").exists() and not (out / "images/IMG_1240.AAE").exists()
    assert (out / "downloads/saludo.mov").is_file()


# --- times as Colombia writes them ----------------------------------------------------------

def test_times_written_the_colombian_way_are_read(make_site: MakeSite, run: Run) -> None:
    """Colombia writes noon "12 m." (meridiano) and many write a 24-hour time "15:00 h" or
    "15:00 hrs."; each was an error asking for HH:MM.  "12:30 m." is no time (m. is noon)."""
    day = ("---\ntitle: Día de la Cooperativa\ndate: 2026-10-05\nevents:\n"
           "  - time: 9:00 a. m.\n    end: 12 m.\n    title: Desayuno\n"
           "  - time: 12:00 m.\n    end: 15:00 h\n    title: Almuerzo\n"
           "  - time: 15:00 hrs.\n    title: Rifa\n---\nHola.\n")
    site, outcome = built(make_site, run, {
        "config.toml": MINIMAL_CONFIG.replace("[site]\n", "[site]\nlanguage = \"es-CO\"\n"),
        "content/days/lunes.md": day})
    assert outcome.exit_code == 0, outcome.stderr
    calendar = (site / "output/week.ics").read_text("utf-8")
    for starts in ("20261005T090000", "20261005T120000", "20261005T150000"):
        assert f"DTSTART;TZID=Africa/Harare:{starts}" in calendar, calendar
    assert "DTEND;TZID=Africa/Harare:20261005T150000" in calendar
    text = (site / "output/days/lunes/index.html").read_text("utf-8")
    assert "9:00\u202fa.\u202fm. a 12:00\u202fp.\u202fm." in text
    _, wrong = built(make_site, run, {"content/days/lunes.md": day.replace(
        "time: 12:00 m.", "time: 12:30 m.")})
    assert "content/days/lunes.md:8: `time` must be a time written HH:MM on the 24-hour " \
        "clock, like 14:30, not \"12:30 m.\"" in wrong.lines


# --- Google Drive for desktop ---------------------------------------------------------------

GOOGLE_LINK = ('{"":"WARNING! DO NOT EDIT THIS FILE! ANY CHANGES MADE WILL BE LOST!",'
               '"doc_id":"1AbCdEf","resource_key":"","email":"valentina@coop.example"}')


def test_google_drives_links_to_docs_and_sheets_are_not_published(make_site: MakeSite,
                                                                  run: Run) -> None:
    """Google Drive for desktop shows a Google Sheets file as `Testimonios.gsheet`, a few
    lines holding the owner's email address: kept in content/, it was published as it is,
    and the sheet's rows were not read, without a word."""
    site, outcome = built(make_site, run, {
        "content/testimonials/Testimonios.gsheet": GOOGLE_LINK,
        "content/pages/Programa.gdoc": GOOGLE_LINK,
        "content/downloads/Presentación.gslides": GOOGLE_LINK})
    assert outcome.exit_code == 0, outcome.stderr
    said = ("warning: is Google Drive's link to a {}, not the file itself, so it is not "
            "published: it holds your Google account's email address; ")
    assert outcome.lines == [
        "content/downloads/Presentación.gslides: "
        + said.format("Google Slides presentation") + "to offer it as a download, open it "
        "and choose File > Download > PDF Document (.pdf), and move the link out of content/",
        "content/pages/Programa.gdoc: " + said.format("Google Docs document")
        + "to publish its words, copy them from Google Docs into a Markdown (.md) file here, "
        "and move the link out of content/",
        "content/testimonials/Testimonios.gsheet: " + said.format("Google Sheets spreadsheet")
        + "to add its rows, open it in Google Sheets, choose File > Download > "
        "Comma-separated values (.csv) and put the downloaded file in content/testimonials/"]
    published = b"".join(p.read_bytes() for p in (site / "output").rglob("*") if p.is_file())
    assert b"valentina@coop.example" not in published


# --- documents macOS keeps as folders -------------------------------------------------------

def test_a_numbers_or_pages_package_is_not_published_piece_by_piece(make_site: MakeSite,
                                                                    run: Run) -> None:
    """Numbers, Pages and Keynote may save a document as a folder that Finder shows as one
    file; TextEdit's rich text with a picture is one too (`.rtfd`).  cswgen walked into
    each and published its parts: a staff list's whole spreadsheet in its Index.zip, its
    preview picture, and, for a day, no page, all without a word."""
    site, outcome = built(make_site, run, {
        "content/honour-roll/Personal.numbers/Index.zip": b"PK\x03\x04 the whole sheet",
        "content/honour-roll/Personal.numbers/Metadata/Properties.plist": "<plist/>",
        "content/honour-roll/Personal.numbers/preview.jpg": phone_jpeg(seed=5, width=400,
                                                                       height=300),
        "content/downloads/Programa.pages/Index.zip": b"PK\x03\x04 the document",
        "content/days/lunes.rtfd/TXT.rtf": RICH_DAY})
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == [
        "content/days/lunes.rtfd:1: warning: \"lunes.rtfd\" is saved as rich text (RTF), as "
        "TextEdit saves a new document, so it is not a page and is not published; open it "
        "in TextEdit, choose Format > Make Plain Text, then File > Save as \"lunes.md\" "
        "(choose \"Use .md\" if TextEdit asks)",
        "content/downloads/Programa.pages: warning: is a document that macOS keeps as a "
        "folder (a Numbers, Pages or Keynote file, or TextEdit's rich text with pictures), so "
        "it is not published: its parts hold everything in it, and no visitor could open "
        "them; to offer it as a download, open it and choose File > Export To > PDF, and "
        "for a list of people, export it as CSV (File > Export To > CSV, Text Encoding "
        "Unicode (UTF-8))",
        "content/honour-roll/Personal.numbers: warning: is not published: in "
        "content/honour-roll/ cswgen reads only Markdown, .csv and .xlsx files, and a list "
        "like this (an export, a copy or a backup) may hold columns nobody should see; to "
        "add its rows, save it as CSV UTF-8 (.csv) or as an Excel Workbook (.xlsx) directly "
        "in content/honour-roll/ (from Google Sheets: File > Download > Comma-separated "
        "values (.csv)), and if it is not for the site, move it out of content/"]
    out = site / "output"
    published = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
    assert not [p for p in published if p.startswith(("honour-roll/Personal", "downloads",
                                                      "days/lunes"))], published


# --- names typed on a Mac -------------------------------------------------------------------

def decomposed(name: str) -> str:
    """A name as macOS may store it: each accent a character of its own after its letter."""
    return unicodedata.normalize("NFD", name)


def test_a_file_macos_named_with_decomposed_accents_has_the_composed_address(
        make_site: MakeSite, run: Run) -> None:
    """A PDF or logo saved on a Mac as `Programación semana.pdf` keeps its `ó` as `o` and
    an accent: it was published under that name, and linked by it, so its address was not
    the one the same file saved on Windows has, nor the one a member types; on a Linux web
    server, a link written `Programaci%C3%B3n` found nothing.  Published names and links
    now have the accents composed (NFC), as pages' addresses do."""
    site, outcome = built(make_site, run, {
        "content/pages/" + decomposed("inscripción.md"): (
            "---\ntitle: Inscripción\n---\n"
            "[El programa](<../downloads/Programación semana.pdf>), "
            "[otra vez](../downloads/" + decomposed("Programación%20semana.pdf") + ")\n\n"
            "![Escudo](<../images/Escudo año.svg>)\n"),
        "content/downloads/" + decomposed("Programación semana.pdf"): b"%PDF-1.4\n%%EOF\n",
        "content/images/" + decomposed("Escudo año.svg"): (
            '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')})
    assert outcome.exit_code == 0, outcome.stderr
    out = site / "output"
    names = [p.relative_to(out).as_posix() for p in out.rglob("*")]
    assert "downloads/Programación semana.pdf" in names, names
    assert "images/Escudo año.svg" in names, names
    assert all(unicodedata.is_normalized("NFC", name) for name in names), names
    text = (out / "inscripcion/index.html").read_text("utf-8")
    assert text.count('href="../downloads/Programación%20semana.pdf"') == 2, text
    assert 'src="../images/Escudo%20año.svg"' in text
    assert broken_links(out) == []


def test_a_file_kept_in_icloud_only_is_an_error_not_a_missing_page(make_site: MakeSite,
                                                                   run: Run) -> None:
    """A site folder on iCloud Drive (Desktop and Documents are, on many Macs) may have a
    file macOS moved to iCloud only, leaving `.reseña.md.icloud`, hidden, in its place:
    the build left the testimonial out without a word, and a publish would then have
    removed its page from the live site."""
    _, outcome = built(make_site, run, {
        "content/testimonials/" + decomposed(".reseña-doña-inés.md.icloud"): b"bplist00\xd3",
        "content/pages/enlaces.md": ("---\ntitle: Enlaces\n---\n"
                                     "[La reseña](../testimonials/reseña-doña-inés.md)\n")})
    assert outcome.exit_code == 1
    name = decomposed("reseña-doña-inés.md")
    assert outcome.lines == [
        f"content/testimonials/{name}: is kept in iCloud Drive only, not on this Mac "
        "(Finder shows it with a cloud), so cswgen cannot read it and the site would be built "
        f"without it; in Finder, Control-click {name} and choose Download Now (or "
        "Control-click the site's folder and choose Keep Downloaded, so that none of it is "
        "left in iCloud only), then build again",
        "Build failed: 1 error. Nothing was written; the output folder is as it was."]


def test_a_photo_kept_in_icloud_only_is_said_once(make_site: MakeSite, run: Run) -> None:
    """A person's photo that macOS moved to iCloud only: the build said so, and said again
    that their `photo:` names a file that is not there (as it did for a page's picture of
    it, or its link to a PDF in iCloud only), which sent her looking for a misspelling.
    The one error says what to do; once downloaded, the site builds."""
    person = ("---\nname: Inés Gómez\naward: Estrella\nphoto: inés.jpg\n"
              "photo_alt: Inés en la sucursal\nconsent: true\n---\n")
    site, outcome = built(make_site, run, {
        "content/honour-roll/ines.md": person,
        "content/honour-roll/" + decomposed(".inés.jpg.icloud"): b"bplist00\xd3",
        "content/pages/" + decomposed(".folleto-año.pdf.icloud"): b"bplist00\xd3",
        "content/pages/equipo.md": ("---\ntitle: Equipo\n---\n![Inés](../honour-roll/inés.jpg)"
                                    "\n\n[El folleto](folleto-año.pdf)\n")})
    assert outcome.exit_code == 1
    said = ("{}: is kept in iCloud Drive only, not on this Mac (Finder shows it with a cloud), "
            "so cswgen cannot read it and the site would be built without it; in Finder, "
            "Control-click {} and choose Download Now (or Control-click the site's folder and "
            "choose Keep Downloaded, so that none of it is left in iCloud only), then build "
            "again")
    photo, leaflet = decomposed("inés.jpg"), decomposed("folleto-año.pdf")
    assert outcome.lines == [
        said.format(f"content/honour-roll/{photo}", photo),
        said.format(f"content/pages/{leaflet}", leaflet),
        "Build failed: 2 errors. Nothing was written; the output folder is as it was."]
    # deleted in iCloud from another device: the placeholders go, and the files are nowhere
    for placeholder in (site / "content/honour-roll" / decomposed(".inés.jpg.icloud"),
                        site / "content/pages" / decomposed(".folleto-año.pdf.icloud")):
        placeholder.unlink()
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 1
    assert [line.split(": ", 1)[0] for line in outcome.lines] == [
        "content/honour-roll/ines.md:4", "content/pages/equipo.md:4",
        "content/pages/equipo.md:6", "Build failed"]
    assert "but there is no such file next to ines.md" in outcome.lines[0]
    # Download Now: each placeholder goes, its file is there
    (site / "content/honour-roll" / photo).write_bytes(phone_jpeg(800, 600))
    (site / "content/pages" / leaflet).write_bytes(b"%PDF-1.4\n%%EOF\n")
    outcome = run(site, "build", *AS_OF)
    assert outcome.exit_code == 0, outcome.stdout + outcome.stderr
    assert broken_links(site / "output") == []


def test_in_serve_a_photo_deleted_in_icloud_is_said_to_be_missing(make_site: MakeSite) -> None:
    """`cswgen serve` keeps what each build read, a failed one's too: after the photo kept
    in iCloud only was deleted there (its placeholder gone), the person's file, unchanged,
    was taken as read before, when the placeholder stood for the photo, and the site was
    built without it and without a word."""
    from datetime import date

    from cswgen.commands.build import build
    from cswgen.core.cache import Cache
    from cswgen.core.errors import SiteError
    from cswgen.write.writer import Preview

    site = make_site({"config.toml": MINIMAL_CONFIG, "content/honour-roll/ines.md": (
        "---\nname: Inés Gómez\naward: Estrella\nphoto: inés.jpg\nalt: Inés\n"
        "consent: true\n---\n"), "content/honour-roll/.inés.jpg.icloud": b"bplist00"})
    cache, preview = Cache(), Preview(site.parent / "preview")
    said = []
    for _ in range(2):
        with pytest.raises(SiteError) as failed:
            build(site, as_of=date(2026, 10, 6), cache=cache, preview=preview)
        said.append([f"{p.path}:{p.line}" for p in failed.value.problems])
        (site / "content/honour-roll/.inés.jpg.icloud").unlink(missing_ok=True)
    assert said == [["content/honour-roll/inés.jpg:0"], ["content/honour-roll/ines.md:4"]]


def test_a_rating_excel_wrote_with_a_decimal_comma_is_read(make_site: MakeSite,
                                                           run: Run) -> None:
    """Excel for Mac in a Spanish-speaking country writes a rating column formatted with
    one decimal as "5,0" (and in English as "5.0"): each was an error asking for a whole
    number.  "1.000", a thousand where the comma is the decimal sign, is still one."""
    _, outcome = built(make_site, run, {"content/testimonials/encuesta.csv": (
        "customer;title;rating;text\n"
        "Doña Rosa;Excelente;5,0;Muy bien.\n"
        "Don Luis;Bien;4.00;Bien.\n"
        "Don Mil;Mal;1.000;Mal.\n")})
    assert outcome.exit_code == 1
    assert outcome.lines[0] == ("content/testimonials/encuesta.csv:4: `rating` must be a "
                                "whole number from 1 to 5, not \"1.000\"")
    fixed, outcome = built(make_site, run, {"content/testimonials/encuesta.csv": (
        "customer;title;rating;text\nDoña Rosa;Excelente;5,0;Muy bien.\n"
        "Don Luis;Bien;4.00;Bien.\n")})
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == []
    listed = (fixed / "output/testimonials/index.html").read_text("utf-8")
    assert "Rated 5 out of 5" in listed and "Rated 4 out of 5" in listed


def test_a_copy_finder_named_in_spanish_is_said_to_be_one(make_site: MakeSite,
                                                          run: Run) -> None:
    """Finder's Duplicate on a Mac in Spanish names the copy `reseña copia.md` (then
    `reseña copia 2.md`), where in English it writes `reseña copy.md`, which was told to
    be a copy: the Spanish one was published as a second testimonial without a word."""
    _, outcome = built(make_site, run, {
        "content/testimonials/" + decomposed("reseña.md"): "---\ncustomer: Inés\n---\nBien.\n",
        "content/testimonials/" + decomposed("reseña copia.md"): "---\ncustomer: Inés\n---\n"
                                                                  "Bien.\n",
        "content/pages/faq.md": "---\ntitle: Preguntas\n---\nHola.\n",
        "content/pages/faq copia 2.md": "---\ntitle: Preguntas\n---\nHola.\n"})
    assert outcome.exit_code == 0, outcome.stderr
    said = ("warning: is named as a copy of {}, as Windows or macOS names a copy, so it is "
            "published as well as that file; if it is a backup, move it out of content/ (or "
            "into a folder whose name starts with _, which is never published); if it is "
            "meant to be published, give it a name of its own")
    assert outcome.lines == [
        "content/pages/faq copia 2.md: " + said.format("faq.md"),
        f"content/testimonials/{decomposed('reseña copia.md')}: "
        + said.format(decomposed("reseña.md"))]
