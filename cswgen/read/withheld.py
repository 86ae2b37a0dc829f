"""Files under content/ that are neither content nor published as they are, and why.

Everything under content/ that cswgen does not read is copied to the output, so a file that
should not be seen must be caught here: a spreadsheet anywhere (an HR export may hold columns
nobody should publish), a list of people in testimonials/ or honour-roll/ saved in a form
cswgen does not read (`staff.tsv`, `staff - Copy.csv.txt`, `staff.csv.bak`, `.ods`), and a
Markdown file that Notepad saved with `.txt` added, TextEdit as rich text (`lunes.rtf`), an
editor with another ending (`.mdown`, `.mkd`) or someone as a backup (`monday.fr.md.bak`):
its source would be published, and no page built; a document or email kept beside the
entries it concerns (`nomination.docx`, `thank-you.msg`), and either kept in a people's
folder further down, which cswgen does not read (`archive/testimonials/old.csv`); and,
anywhere, an email (`RE Complaint.msg`) and a shortcut (`Intranet.url`, `Leave form.lnk`),
which hold addresses, or a path on this computer; and what an iPhone saves beside a photo
(a Live Photo's video, `IMG_1234.MOV`, and the Photos app's record of an edit, `.AAE`);
and the link Google Drive for desktop shows for a Google Docs or Sheets file (`.gdoc`,
`.gsheet`), which holds its owner's email address.
Each is left out with a warning that says what to do.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from cswgen.read.sheetadvice import DOWNLOAD

WORKBOOKS = frozenset({"xlsx", "xlsm", "xls", "xlsb", "ods", "numbers"})
# the words in a file name's suffixes that mark a list of rows (or a copy of one)
_DATA = WORKBOOKS | {"csv", "tsv", "tab", "txt", "bak", "old", "json", "xml", "dat"}
_PEOPLE = ("testimonials", "honour-roll")
# a document or an email saved beside the entries it concerns: a customer's letter, a
# nomination, a consent form: a record for the team, never read as content
_DOCUMENTS = frozenset({"docx", "doc", "docm", "dotx", "rtf", "odt", "pages", "wpd", "msg",
                        "eml", "oft"})
# an email saved from Outlook (`.msg`), Windows Mail or Thunderbird (`.eml`), Apple Mail
_EMAILS = frozenset({"msg", "eml", "emlx"})
# a shortcut, which Windows (`.url`, `.lnk`) or macOS (`.webloc`) saves when an address or
# a file is dragged into a folder: no visitor can open it, and it holds an intranet address
# or a path on this computer (`C:\Users\...`)
_SHORTCUTS = frozenset({"url", "lnk", "webloc", "website"})
# what Google Drive for desktop shows in a folder for a Google Docs, Sheets or Slides file
# (a few lines of JSON, not the document): it holds the owner's email address
_GOOGLE = {"gdoc": ("Google Docs document", "PDF Document (.pdf)"),
           "gsheet": ("Google Sheets spreadsheet", "PDF (.pdf)"),
           "gslides": ("Google Slides presentation", "PDF Document (.pdf)"),
           "gform": ("Google Form", ""), "gdraw": ("Google Drawing", "PNG image (.png)"),
           "gsite": ("Google Site", ""), "gmap": ("Google My Maps map", ""),
           "gjam": ("Jamboard", ""), "gtable": ("Google Tables table", ""),
           "gscript": ("Apps Script project", "")}
# the endings of a copy kept before a change (`monday.fr.md.bak`, `policy.md.orig`)
_BACKUP = frozenset({"bak", "old", "orig", "save", "backup", "tmp", "prev", "copy"})
# the other endings editors give Markdown files: their source would be published as it is
_OTHER_MARKDOWN = frozenset({"mdown", "mkd", "mkdn", "mdwn", "mdtxt", "mdtext", "mkdown"})


def withheld(relative: str) -> str | None:
    """Why the content-relative file `relative`, which is not content, is not published
    (the warning's text), or None when it is copied as it is."""
    parts = relative.split("/")
    name = parts[-1]
    suffixes = [s.lower() for s in name.split(".")[1:]]
    if name.lower().endswith((".md.txt", ".markdown.txt")):
        fixed = name[:-len(".txt")]
        return (f"\"{name}\" looks like a Markdown file saved with an extra .txt at the end "
                f"(Notepad adds it), so it is not a page and is not published; rename it to "
                f"\"{fixed}\" (in Windows Explorer, turn on View > File name extensions to "
                "see the .txt)")
    if len(suffixes) > 1 and suffixes[-2] in ("md", "markdown") and suffixes[-1] in _BACKUP:
        return ("looks like a backup of a Markdown file, so it is not a page, and it is not "
                "published either (that would publish its text as it is, drafts and all); "
                f"if it is the page, rename it to \"{name[:-len(suffixes[-1]) - 1]}\", and if "
                "it is an old version, move it out of content/")
    if suffixes and suffixes[-1] in _OTHER_MARKDOWN:
        fixed = name[:-len(suffixes[-1])] + "md"
        return (f"\"{name}\" is a Markdown file by its ending, but cswgen reads only .md and "
                f".markdown files, so it is not a page and is not published; rename it to "
                f"\"{fixed}\"")
    if suffixes and suffixes[-1] in _GOOGLE:
        return _google_link(parts, suffixes[-1])
    if suffixes and suffixes[-1] in _SHORTCUTS:
        return ("is a shortcut (saved when a web address or a file is dragged into a folder), "
                "so it is not published: no visitor could open it, and it holds an address or "
                "a path on this computer that is not for the site; to send visitors to that "
                "address, write a link in a page, like [Our intranet](https://...), and move "
                "the shortcut out of content/")
    # (by the last suffix: `staff.csv.bak` is a list, `card.2027.old.pdf` a PDF)
    if parts[0] in _PEOPLE and len(parts) > 1 and suffixes and suffixes[-1] in _DATA:
        return (f"is not published: in content/{parts[0]}/ cswgen reads only Markdown, .csv "
                "and .xlsx files, and a list like this (an export, a copy or a backup) may "
                "hold columns nobody should see; to add its rows, save it as CSV UTF-8 "
                f"(.csv) or as an Excel Workbook (.xlsx) directly in content/{parts[0]}/ (from "
                f"Google Sheets: {DOWNLOAD}), and "
                "if it is not for the site, move it out of content/")
    if parts[0] in _PEOPLE and len(parts) > 1 and suffixes and suffixes[-1] in _DOCUMENTS:
        kind = "testimonial" if parts[0] == "testimonials" else "honour"
        return (f"is not published: in content/{parts[0]}/ cswgen reads only Markdown, .csv "
                "and .xlsx files, and a document or email kept here (a letter, a nomination, "
                "a consent form) is a record for the team that may hold what nobody should "
                f"see; to publish its words, copy them into a new file (cswgen add {kind} "
                "\"Name\"), and if it is not for the site, move it out of content/")
    # (a people's folder further down, `archive/testimonials/`, `2026/honour-roll/`: not
    # read, so its list or letter would be published as it is, every column with it)
    nested = next((f"content/{'/'.join(parts[:depth + 1])}/" for depth, part
                   in enumerate(parts[1:-1], start=1) if part in _PEOPLE), None)
    if nested and suffixes and suffixes[-1] in _DATA | _DOCUMENTS:
        section = next(part for part in parts[1:-1] if part in _PEOPLE)
        return (f"is not published: it is in {nested}, which cswgen does not read (only "
                f"content/{section}/ itself), and a list or a letter kept there may hold what "
                f"nobody should see; to publish its entries, put them in content/{section}/, "
                "and if it is not for the site, move it out of content/")
    if suffixes and suffixes[-1] in _EMAILS:  # (anywhere: a document elsewhere is a download)
        return ("is an email saved from Outlook or another mail program, so it is not "
                "published: it holds the name and email address of everyone it was from and "
                "to, which are not for the site; to publish its words, copy them into a page, "
                "and move the email out of content/")
    if suffixes and suffixes[-1] in WORKBOOKS:
        return ("is a spreadsheet, which cswgen never publishes (it may hold columns nobody "
                "should see); to offer it as a download, save what people should see as a "
                "PDF, and if it is not for the site, move it out of content/")
    return None


def text_with_front_matter(relative: str, head: bytes) -> str | None:
    """Why a `.txt` file whose first bytes (`head`) are front matter (`---`, then a
    field) is not published: a Markdown file that TextEdit or Notepad saved as `.txt`.
    Its source would be published as it is, and no page built.  None for any other."""
    if not relative.lower().endswith(".txt") \
            or relative.lower().endswith((".md.txt", ".markdown.txt")):  # (see `withheld`)
        return None
    lines = head.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "replace").splitlines()
    if len(lines) < 2 or lines[0].rstrip() not in ("---", "+++") \
            or not re.match(r"^[A-Za-z_][\w-]*\s*[:=]", lines[1]):
        return None
    name = relative.rpartition("/")[2]
    fixed = name[:-len(".txt")] + ".md"
    return (f"\"{name}\" starts with front matter, so it is meant as a Markdown file, but "
            "its name ends in .txt, as TextEdit and Notepad save a file; it is not a page and "
            f"is not published: rename it to \"{fixed}\" (on a Mac: select it in Finder, "
            "File > Get Info, Name & Extension)")


# a line of front matter as TextEdit writes it in rich text: `---\` (its line break), then
# a field on the next line; `\\'97` or `\\u8212` when its smart dashes made --- a dash
_RTF_FENCE = re.compile(rb"(?:---|\\'97|\\u8212 ?-?)\\\r?\n\s*[A-Za-z_][\w-]*\s*:")


def rich_text_page(relative: str, head: bytes) -> str | None:
    """Why an `.rtf` file is not published when it is a page TextEdit saved as rich text,
    its default for a new document (`.rtfd` with pictures): `lunes.md.rtf` or `index.rtf`,
    or any `.rtf` whose first bytes (`head`) hold front matter.  Its source would be
    published as it is, and no page built.  None for any other (a download)."""
    name = relative.rpartition("/")[2]
    lowered = name.lower()
    if not lowered.endswith((".rtf", ".rtfd")):  # (.rtfd: with pictures, a folder)
        return None
    stem = name.rpartition(".")[0]
    page = stem.lower().endswith(".md") or relative.lower().startswith("days/") or \
        stem.lower() in ("index", "policy")
    if not page and not _RTF_FENCE.search(head):
        return None
    fixed = stem if stem.lower().endswith(".md") else stem + ".md"
    return (f"\"{name}\" is saved as rich text (RTF), as TextEdit saves a new document, so "
            "it is not a page and is not published; open it in TextEdit, choose Format > "
            f"Make Plain Text, then File > Save as \"{fixed}\" (choose \"Use .md\" if "
            "TextEdit asks)")


# what an iPhone saves beside a photo of the same name: a Live Photo's few seconds of video,
# and the Photos app's record of the edits made to it (an edited copy is `IMG_E1234.JPG`)
_BESIDE_A_PHOTO = (".mov", ".aae")
_PHOTO_ENDINGS = (".heic", ".HEIC", ".heif", ".HEIF", ".jpg", ".JPG", ".jpeg", ".JPEG",
                  ".png", ".PNG")


def beside_a_photo(relative: str, exists: Callable[[str], bool]) -> str | None:
    """Why a file an iPhone saved beside one of its photos (`IMG_1234.MOV` or `.AAE` beside
    `IMG_1234.HEIC`) is not published, or None for any other file: no page shows it, a Live
    Photo's video costs a visitor megabytes and records where it was taken, and no browser
    reads an AAE.  `exists`: whether a content-relative file is there."""
    stem, dot, ending = relative.rpartition(".")
    if not dot or f".{ending.lower()}" not in _BESIDE_A_PHOTO:
        return None
    photo = next((stem + other for other in _PHOTO_ENDINGS if exists(stem + other)), None)
    if photo is None:
        return None
    name = photo.rpartition("/")[2]
    if ending.lower() == "mov":
        return (f"is the video an iPhone records with a Live Photo ({name}, beside it), so "
                "it is not published: no page shows it, it would cost visitors megabytes, "
                "and it may record where it was taken; delete it or move it out of content/ "
                "(to offer it as a video, give it a name of its own and link to it)")
    return (f"is the iPhone Photos app's record of the edits made to {name} (the edited "
            "photo is saved as a copy of its own, IMG_E...), which no browser reads, so it "
            "is not published; delete it or move it out of content/")


def _google_link(parts: list[str], ending: str) -> str:
    """Why a Google Drive for desktop placeholder (`Testimonios.gsheet`) is not published,
    and how to download what it stands for (`parts`: its content-relative path's)."""
    kind, download = _GOOGLE[ending]
    said = (f"is Google Drive's link to a {kind}, not the file itself, so it is not "
            "published: it holds your Google account's email address; ")
    if ending == "gsheet" and parts[0] in _PEOPLE and len(parts) == 2:
        return said + (f"to add its rows, open it in Google Sheets, choose {DOWNLOAD} and "
                       f"put the downloaded file in content/{parts[0]}/")
    if ending == "gdoc" and parts[0] in ("days", "pages", "testimonials", "honour-roll"):
        return said + ("to publish its words, copy them from Google Docs into a Markdown "
                       "(.md) file here, and move the link out of content/")
    if download:
        return said + (f"to offer it as a download, open it and choose File > Download > "
                       f"{download}, and move the link out of content/")
    return said + ("to send visitors to it, share it and write a link to its address in a "
                   "page, like [Our form](https://...), and move the link out of content/")


def mac_package(relative: str) -> str:
    """Why a document macOS keeps as a folder (`Personal.numbers`, `Programa.pages`, a
    Keynote `.key`, TextEdit's `.rtfd`) is not published: each of its parts would be, the
    whole spreadsheet's data with them, and no visitor could open it."""
    return ("is a document that macOS keeps as a folder (a Numbers, Pages or Keynote file, "
            "or TextEdit's rich text with pictures), so it is not published: its parts hold "
            "everything in it, and no visitor could open them; to offer it as a download, "
            "open it and choose File > Export To > PDF, and for a list of people, export it "
            "as CSV (File > Export To > CSV, Text Encoding Unicode (UTF-8))")
