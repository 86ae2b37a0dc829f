"""A Word or PowerPoint file put up as a download with what it was never meant to show.

The communications team saves the customer-service policy as
`content/downloads/customer-service-policy.docx`; cswgen copies it as it is, with the
wording a manager struck out (tracked changes), the comments ("Legal says we can't promise
24h") and the names of who made them, which anyone who downloads it can read.  Each test
writes a real document with zipfile, as Word, PowerPoint or LibreOffice save one (the
parts that matter), and runs the real command line.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from cswgen.core.digest import file_digest_of
from cswgen.read import officedocs
from tests.helpers import AS_OF, GOOD, MakeSite, Outcome, Run, with_theme

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
TYPES = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns='
         '"http://schemas.openxmlformats.org/package/2006/content-types">'
         '<Default Extension="xml" ContentType="application/xml"/></Types>')


def zipped(parts: dict[str, str]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return out.getvalue()


def word(body: str, comments: str | None = None) -> bytes:
    parts = {"[Content_Types].xml": TYPES,
             "word/document.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                                  f"<w:document {W}><w:body>{body}</w:body></w:document>"}
    if comments is not None:
        parts["word/comments.xml"] = f"<w:comments {W}>{comments}</w:comments>"
    return zipped(parts)


def run_text(text: str) -> str:
    return f"<w:r><w:t>{text}</w:t></w:r>"


def change(tag: str, author: str, text: str, number: int) -> str:
    inner = (f"<w:r><w:delText>{text}</w:delText></w:r>" if tag in ("del", "moveFrom")
             else run_text(text))
    return (f'<w:{tag} w:id="{number}" w:author="{author}" w:date="2026-09-01T10:00:00Z">'
            f"{inner}</w:{tag}>")


def comment(author: str, text: str, number: int) -> str:
    return (f'<w:comment w:id="{number}" w:author="{author}" w:initials="X">'
            f"<w:p>{run_text(text)}</w:p></w:comment>")


# the policy as the comms team left it: a promise struck out, another written in, a
# paragraph moved, a word made bold, and two comments
POLICY = word(
    "<w:p>" + run_text("We answer every call ")
    + change("del", "Tendai Moyo", "within 24 hours", 1)
    + change("ins", "Tendai Moyo", "as soon as we can", 2) + "</w:p>"
    + "<w:p>" + change("moveFrom", "Rudo Chikore", "Complaints go to the manager.", 3) + "</w:p>"
    + "<w:p>" + change("moveTo", "Rudo Chikore", "Complaints go to the manager.", 4) + "</w:p>"
    + '<w:p><w:r><w:rPr><w:b/><w:rPrChange w:id="5" w:author="Farai Dube"><w:rPr/>'
    "</w:rPrChange></w:rPr><w:t>Thank you.</w:t></w:r></w:p>",
    comment("Rudo Chikore", "Legal says we can't promise 24h", 6)
    + comment("Tendai Moyo", "Agreed, struck it out", 7))
POLICY_PATH = "content/downloads/customer-service-policy.docx"

POLICY_SAID = (
    "content/downloads/customer-service-policy.docx: warning: still holds 4 tracked changes "
    "and 2 comments (by Tendai Moyo, Rudo Chikore and Farai Dube), and it is published as it "
    "is: anyone who downloads it can read them, struck-out wording and names included; to "
    "remove them, open it in Word, choose Review > Accept > Accept All Changes (and read the "
    "wording left), then Review > Delete > Delete All Comments in Document, then File > Info "
    "> Check for Issues > Inspect Document > Inspect and Remove All beside each thing it "
    "finds; save it and build again")


def built(make_site: MakeSite, run: Run, files: dict[str, str | bytes],
          command: str = "build") -> tuple[Path, Outcome]:
    site = make_site(with_theme({**GOOD, **files}))
    outcome = run(site, command, *AS_OF)
    assert "Traceback" not in outcome.stdout + outcome.stderr
    return site, outcome


def warned(outcome: Outcome) -> list[str]:
    return [line for line in outcome.lines if "content/downloads/" in line]


def test_a_word_file_with_tracked_changes_and_comments_is_published_with_a_warning(
        make_site: MakeSite, run: Run) -> None:
    site, outcome = built(make_site, run, {POLICY_PATH: POLICY})
    assert outcome.exit_code == 0, outcome.stderr
    assert warned(outcome) == [POLICY_SAID]
    # published as it is: the warning is the whole of what cswgen does to it
    assert (site / "output/downloads/customer-service-policy.docx").read_bytes() == POLICY


def test_check_says_the_same_as_an_error_once(make_site: MakeSite, run: Run) -> None:
    """A file that publishes struck-out wording and names is not ready to publish."""
    _, outcome = built(make_site, run, {POLICY_PATH: POLICY}, "check")
    assert outcome.exit_code == 1
    said = POLICY_SAID.replace(": warning: ", ": ")
    assert said in outcome.stdout + outcome.stderr
    assert (outcome.stdout + outcome.stderr).count("customer-service-policy.docx") == 1


def test_only_comments_and_only_changes_name_only_their_own_fix(make_site: MakeSite,
                                                                run: Run) -> None:
    _, outcome = built(make_site, run, {
        "content/downloads/comments.docm": word(run_text("Hello"),
                                                comment("Nyasha Goré", "Too long?", 1)),
        "content/downloads/changes.dotx": word(change("ins", "Tendai Moyo", "Hello", 1))})
    assert outcome.exit_code == 0, outcome.stderr
    changes, comments = warned(outcome)
    assert changes.startswith("content/downloads/changes.dotx: warning: still holds 1 tracked "
                              "change (by Tendai Moyo), and it is published as it is: anyone "
                              "who downloads it can read them, struck-out wording and names "
                              "included; to remove them, open it in Word, choose Review > "
                              "Accept > Accept All Changes (and read the wording left), then "
                              "File > Info > Check for Issues > Inspect Document")
    assert "Delete All Comments" not in changes
    assert comments.startswith("content/downloads/comments.docm: warning: still holds 1 "
                               "comment (by Nyasha Goré), and it is published as it is: anyone "
                               "who downloads it can read them, names included; to remove "
                               "them, open it in Word, choose Review > Delete > Delete All "
                               "Comments in Document, then File > Info")
    assert "Accept All" not in comments


def test_a_clean_document_and_one_that_cannot_be_opened_are_published_in_silence(
        make_site: MakeSite, run: Run) -> None:
    """A finished document says nothing; so do one protected by a password (Word saves it
    as an OLE file, not a zip) and a damaged one: no one can read what they hold."""
    clean = word("<w:p>" + run_text("We answer every call within a day.") + "</w:p>")
    protected = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000
    damaged = POLICY[:len(POLICY) // 2]
    site, outcome = built(make_site, run, {
        "content/downloads/policy.docx": clean,
        "content/downloads/locked.docx": protected,
        "content/downloads/damaged.pptx": damaged})
    assert outcome.exit_code == 0, outcome.stderr
    assert warned(outcome) == []
    assert (site / "output/downloads/policy.docx").read_bytes() == clean
    assert (site / "output/downloads/locked.docx").read_bytes() == protected
    assert (site / "output/downloads/damaged.pptx").read_bytes() == damaged


P = 'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
P188 = 'xmlns:p188="http://schemas.microsoft.com/office/powerpoint/2018/8/main"'


def test_a_presentation_with_old_and_modern_comments(make_site: MakeSite, run: Run) -> None:
    """PowerPoint keeps comments two ways: the old (`ppt/comments/comment1.xml`, authors in
    `commentAuthors.xml`) and the modern, with replies (`modernComment_*.xml`, authors in
    `authors.xml`)."""
    deck = zipped({
        "[Content_Types].xml": TYPES,
        "ppt/presentation.xml": f"<p:presentation {P}/>",
        "ppt/commentAuthors.xml": f'<p:cmAuthorLst {P}><p:cmAuthor id="0" name="Tendai Moyo" '
                                  'initials="TM" lastIdx="1" clrIdx="0"/>'
                                  '<p:cmAuthor id="1" name="Never Commented" initials="NC" '
                                  'lastIdx="0" clrIdx="1"/></p:cmAuthorLst>',
        "ppt/comments/comment1.xml": f'<p:cmLst {P}><p:cm authorId="0" idx="1"><p:text>'
                                     "Is this the right photo?</p:text></p:cm></p:cmLst>",
        "ppt/authors.xml": f'<p188:authorLst {P188}><p188:author id="{{A1}}" '
                           'name="Rudo Chikore" initials="RC" userId="rudo@example.com" '
                           'providerId="AD"/><p188:author id="{B2}" name="Farai Dube" '
                           'initials="FD" userId="farai" providerId="None"/></p188:authorLst>',
        "ppt/comments/modernComment_101_6A5B4C3D.xml":
            f'<p188:cmLst {P188}><p188:cm id="{{C1}}" authorId="{{A1}}"><p188:txBody/>'
            '<p188:replyLst><p188:reply id="{R1}" authorId="{B2}"><p188:txBody/>'
            "</p188:reply></p188:replyLst></p188:cm></p188:cmLst>"})
    site, outcome = built(make_site, run, {"content/downloads/Opening day.pptx": deck})
    assert outcome.exit_code == 0, outcome.stderr
    assert warned(outcome) == [
        "content/downloads/Opening day.pptx: warning: still holds 3 comments (by Tendai Moyo, "
        "Rudo Chikore and Farai Dube), and it is published as it is: anyone who downloads it "
        "can read them, names included; to remove them, open it in PowerPoint, choose Review "
        "> Delete > Delete All Comments in This Presentation, then File > Info > Check for "
        "Issues > Inspect Document > Inspect and Remove All beside each thing it finds; save "
        "it and build again"]
    assert (site / "output/downloads/Opening day.pptx").read_bytes() == deck


def test_an_opendocument_text_with_tracked_changes_and_a_comment(make_site: MakeSite,
                                                                 run: Run) -> None:
    names = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
             'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
             'xmlns:dc="http://purl.org/dc/elements/1.1/"')
    region = ('<text:changed-region text:id="ct{0}"><text:{1}><office:change-info>'
              "<dc:creator>{2}</dc:creator><dc:date>2026-09-01T10:00:00</dc:date>"
              "</office:change-info></text:{1}></text:changed-region>")
    content = (f"<office:document-content {names}><office:body><office:text>"
               "<text:tracked-changes>" + region.format(1, "deletion", "Tendai Moyo")
               + region.format(2, "insertion", "Tendai Moyo") + "</text:tracked-changes>"
               "<text:p>We answer <office:annotation><dc:creator>Rudo Chikore</dc:creator>"
               "<text:p>Legal says we can't promise 24h</text:p></office:annotation>every "
               "call.</text:p></office:text></office:body></office:document-content>")
    odt = zipped({"mimetype": "application/vnd.oasis.opendocument.text",
                  "content.xml": content})
    _, outcome = built(make_site, run, {"content/downloads/policy.odt": odt})
    assert outcome.exit_code == 0, outcome.stderr
    assert warned(outcome) == [
        "content/downloads/policy.odt: warning: still holds 2 tracked changes and 1 comment "
        "(by Tendai Moyo and Rudo Chikore), and it is published as it is: anyone who downloads "
        "it can read them, struck-out wording and names included; to remove them, open it in "
        "LibreOffice Writer, choose Edit > Track Changes > Accept All (and read the wording "
        "left), then right-click a comment > Delete All Comments, then File > Properties > "
        "General > Reset Properties (which clears who wrote and saved it); save it and build "
        "again"]


def _opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The documents the build opens to look inside, from now on, in order."""
    opened: list[Path] = []
    look_inside = officedocs.look_inside

    def counted(path: Path, kind: str) -> officedocs.Found | None:
        opened.append(path)
        return look_inside(path, kind)

    monkeypatch.setattr(officedocs, "look_inside", counted)
    return opened


def test_a_rebuild_after_an_edit_elsewhere_does_not_open_the_document_again(
        make_site: MakeSite, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a document holds is kept by the digest of its bytes: a site of many downloads
    is not unzipped again at each build, and the warning is still said each time."""
    opened = _opened(monkeypatch)
    read: list[str | Path] = []  # (the digest is the fingerprint's: the file is not read)
    monkeypatch.setattr(officedocs, "file_digest_of", read.append)
    site, first = built(make_site, run, {POLICY_PATH: POLICY})
    assert warned(first) == [POLICY_SAID]
    assert [p.name for p in opened] == ["customer-service-policy.docx"]
    (site / "content/days/monday.md").write_text(
        "---\ntitle: Opening Monday\nday: monday\n---\nHello again.\n", "utf-8")
    again = run(site, "build", *AS_OF)
    assert again.exit_code == 0, again.stderr
    assert any("Hello again." in page.read_text("utf-8")
               for page in (site / "output").rglob("*.html"))
    assert warned(again) == [POLICY_SAID]
    assert len(opened) == 1
    # and the file itself changed: opened again, and found clean now
    (site / POLICY_PATH).write_bytes(word("<w:p>" + run_text("Done.") + "</w:p>"))
    fixed = run(site, "build", *AS_OF)
    assert warned(fixed) == []
    assert len(opened) == 2
    assert read == []


def test_a_part_is_read_only_within_a_limit(make_site: MakeSite, run: Run) -> None:
    """A zip can unpack to far more than it holds: a document whose text unpacks past the
    limit is read that far and no further (what it holds beyond is not counted), and one
    with a DTD, which no Office part has (entities can expand a few bytes into gigabytes),
    is not read at all."""
    huge = word(change("ins", "Tendai Moyo", "Hello", 1) + " " * officedocs.PART_LIMIT
                + change("del", "Rudo Chikore", "Goodbye", 2))
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">'
        for n in range(1, 4))  # (a thousand: Python's expat stops a billion at once)
    laughs = zipped({"word/document.xml": (
        f'<?xml version="1.0"?><!DOCTYPE lolz [{entities}]><w:document {W}><w:body><w:p>'
        '<w:ins w:author="&lol3;"/></w:p></w:body></w:document>')})
    assert len(huge) < officedocs.PART_LIMIT // 100
    _, outcome = built(make_site, run, {"content/downloads/huge.docx": huge,
                                        "content/downloads/laughs.docx": laughs})
    assert outcome.exit_code == 0, outcome.stderr
    said = warned(outcome)
    assert len(said) == 1
    assert said[0].startswith("content/downloads/huge.docx: warning: still holds 1 tracked "
                              "change (by Tendai Moyo),")


def test_check_and_serve_know_an_unchanged_document_by_its_status(
        make_site: MakeSite, run: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """`cswgen check` and `cswgen serve` build without the fingerprint that gives a build
    each file's digest: they know a document unchanged by its status, as the fingerprint
    does, so a second check does not read it, nor open it, again."""
    monkeypatch.setattr(officedocs, "RACY", 0)  # (the test's files are all brand new)
    opened = _opened(monkeypatch)
    read: list[str | Path] = []

    def digested(path: str | Path) -> str:
        read.append(path)
        return file_digest_of(path)

    monkeypatch.setattr(officedocs, "file_digest_of", digested)
    site, first = built(make_site, run, {POLICY_PATH: POLICY}, "check")
    # (the build check runs, then its own reading: once)
    assert len(opened) == 1
    assert len(read) == 1
    again = run(site, "check", *AS_OF)
    said = POLICY_SAID.replace(": warning: ", ": ")
    assert said in first.stdout and said in again.stdout
    assert len(opened) == 1
    assert len(read) == 1
