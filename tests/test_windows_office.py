"""A site kept as a comms officer on Windows 11 and Microsoft 365 keeps it: the folder in
OneDrive (which leaves a conflict copy when two computers changed a file before syncing),
shortcuts dragged in from the browser or Explorer, and text pasted from Word and Outlook.

Each test builds a small site, its files written byte for byte as Windows writes them
(CRLF, a byte-order mark, upper-case endings), with the real command line.
"""

from __future__ import annotations

from pathlib import Path

from tests.helpers import AS_OF, MakeSite, Outcome, Run

BOM = "\ufeff"


def crlf(text: str) -> bytes:
    return (BOM + text.replace("\n", "\r\n")).encode("utf-8")


def built(make_site: MakeSite, run: Run, files: dict[str, str | bytes]) -> tuple[Path, Outcome]:
    site = make_site(files)
    outcome = run(site, "build", *AS_OF)
    assert "Traceback" not in outcome.stdout + outcome.stderr
    return site, outcome


TESTIMONIAL = crlf("---\ncustomer: Rudo M.\ndate: 2026-09-01\nstaff: Tatenda Maré\n---\n"
                   "Farai phoned us every Friday.\n")
STAFF = crlf("name;role;award\nTatenda Maré;Teller;Rising Star\nNyasha Goré;Agent;Team Spirit\n")


def test_a_onedrive_conflict_copy_is_neither_published_nor_a_clash(make_site: MakeSite,
                                                                   run: Run) -> None:
    """OneDrive keeps `ruvarashe-m-DESKTOP-4F2K9QL.md` when the file was changed on two
    computers: the testimonial was published twice, and a conflict copy of the staff list
    stopped the build with "this would be published as ..., which STAFF.CSV also claims"
    for every row, as if they were two people each."""
    site, outcome = built(make_site, run, {
        "content/testimonials/rudo-m.md": TESTIMONIAL,
        "content/testimonials/rudo-m-DESKTOP-4F2K9QL.md": TESTIMONIAL,
        "content/honour-roll/STAFF.CSV": STAFF,
        "content/honour-roll/STAFF-LAPTOP-7Q2M1AB-2.CSV": STAFF,
        "content/pages/faq.md": "---\ntitle: FAQ\n---\nQ\n",
        "content/pages/faq (Tendai Moyo's conflicted copy 2026-09-10).md":
            "---\ntitle: FAQ\n---\nQ\n",
        # a name of its own, though it ends in capitals: published
        "content/pages/report.md": "---\ntitle: Report\n---\nR\n",
        "content/pages/report-Q3FY.md": "---\ntitle: Report for Q3\n---\nR\n"})
    assert outcome.exit_code == 0, outcome.stderr
    said = ("warning: is the copy OneDrive (or Dropbox) keeps when content/{} was changed on "
            "two computers before they synced, so it is neither read nor published (what it "
            "holds would be on the site twice); open both, keep the right version in {}, then "
            "delete this copy")
    assert outcome.lines == [
        "content/honour-roll/STAFF-LAPTOP-7Q2M1AB-2.CSV: "
        + said.format("honour-roll/STAFF.CSV", "STAFF.CSV"),
        "content/pages/faq (Tendai Moyo's conflicted copy 2026-09-10).md: "
        + said.format("pages/faq.md", "faq.md"),
        "content/testimonials/rudo-m-DESKTOP-4F2K9QL.md: "
        + said.format("testimonials/rudo-m.md", "rudo-m.md")]
    out = site / "output"
    assert sorted(p.name for p in (out / "testimonials").iterdir() if p.is_dir()) == ["rudo-m"]
    assert (out / "honour-roll/tatenda-mare/index.html").is_file()
    assert (out / "report-q3fy/index.html").is_file()
    assert not [p for p in out.rglob("*") if "DESKTOP" in p.name.upper()
                or "conflicted" in p.name]


def test_a_shortcut_dragged_into_content_is_not_published(make_site: MakeSite,
                                                          run: Run) -> None:
    """An address dragged from Edge into the site's folder is saved as `Intranet.url`, a
    file dragged with Alt as `Leave form.lnk`: both were published as downloads, one with
    an intranet address, the other with the path of a file on Tendai's computer."""
    lnk = (b"L\x00\x00\x00\x01\x14\x02\x00" + b"\x00" * 68
           + "C:\\Users\\tendai.moyo\\OneDrive - Msasa\\HR\\Leave form.docx".encode("utf-16-le"))
    site, outcome = built(make_site, run, {
        "content/pages/Intranet.url": crlf("[InternetShortcut]\n"
                                           "URL=https://intranet.msasa.example/hr/\n"),
        "content/downloads/Leave form.lnk": lnk,
        "content/downloads/leave-form.pdf": b"%PDF-1.4"})
    said = ("warning: is a shortcut (saved when a web address or a file is dragged into a "
            "folder), so it is not published: no visitor could open it, and it holds an "
            "address or a path on this computer that is not for the site; to send visitors to "
            "that address, write a link in a page, like [Our intranet](https://...), and move "
            "the shortcut out of content/")
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == ["content/downloads/Leave form.lnk: " + said,
                                  "content/pages/Intranet.url: " + said]
    out = site / "output"
    assert not (out / "pages/Intranet.url").exists()
    assert not (out / "downloads/Leave form.lnk").exists()
    assert (out / "downloads/leave-form.pdf").is_file()


def test_a_list_pasted_from_word_or_outlook_as_text_is_a_list(make_site: MakeSite,
                                                              run: Run) -> None:
    """Word's "Keep Text Only" paste keeps a bullet as `•` and a tab, a numbered item as
    `1)` and a tab; Outlook's as `·` and spaces.  They ran into one paragraph, bullets and
    all, the items on one line in the browser."""
    body = ("I came in with three problems:\n•\tmy card was blocked\n•\tmy PIN was wrong\n\n"
            "What happened next:\n1)\tTawanda phoned the card centre\n2)\tKudzai reset my PIN\n"
            "\nAnd from the branch:\n·         the queue was short\n·         the tea was hot\n"
            "\nIn the form:\n1.\tName\n2.\tBranch\n\n"
            "```\n•\tkept as it is in code\n```\n\n"
            "1) was the best.\n")
    site, outcome = built(make_site, run, {
        "content/testimonials/chipo-n.MD": crlf(
            "---\ncustomer: Chipo N.\ndate: 2026-09-10\n---\n" + body)})
    assert outcome.exit_code == 0, outcome.stderr
    html = (site / "output/testimonials/chipo-n/index.html").read_text("utf-8")
    assert ("<p>I came in with three problems:</p>\n<ul>\n<li>my card was blocked</li>\n"
            "<li>my PIN was wrong</li>\n</ul>") in html
    assert ("<p>What happened next:</p>\n<ol>\n<li>Tawanda phoned the card centre</li>\n"
            "<li>Kudzai reset my PIN</li>\n</ol>") in html
    assert "<ul>\n<li>the queue was short</li>\n<li>the tea was hot</li>\n</ul>" in html
    assert "<ol>\n<li>Name</li>\n<li>Branch</li>\n</ol>" in html
    assert "<pre><code>•   kept as it is in code" in html
    assert "•\tmy" not in html and "·   " not in html
    assert "<p>1) was the best.</p>" in html


def test_a_heading_or_list_mark_with_a_non_breaking_space_after_it_is_one(
        make_site: MakeSite, run: Run) -> None:
    """Text pasted from Outlook or Teams has a non-breaking space where a space was typed:
    `##\u00a0Our team` was published as it was, `##` and all, and `-\u00a0one` items ran
    into one paragraph."""
    site, outcome = built(make_site, run, {
        "content/pages/team.md": crlf(
            "---\ntitle: Team\n---\n##\u00a0Our team\n\nWe are:\n\n-\u00a0Rudo\n"
            "-\u202fFarai\n\n1.\u00a0first\n2.\u00a0second\n\n```\n-\u00a0code\n```\n")})
    assert outcome.exit_code == 0, outcome.stderr
    html = (site / "output/team/index.html").read_text("utf-8")
    assert '<h2 id="our-team">Our team</h2>' in html
    assert "<ul>\n<li>Rudo</li>\n<li>Farai</li>\n</ul>" in html
    assert "<ol>\n<li>first</li>\n<li>second</li>\n</ol>" in html
    assert "<pre><code>-\u00a0code" in html or "<pre><code>-&nbsp;code" in html


def test_an_email_pasted_from_outlook_with_its_header_is_pointed_out(make_site: MakeSite,
                                                                     run: Run) -> None:
    """A customer's email copied whole from Outlook brought the header of the message it
    answered, and the site published her email address as a link, and `[cid:...]` where
    her signature had a logo."""
    email = ("---\ncustomer: Chipo N.\ndate: 2026-09-10\n---\n"
             "Thank you for the help with my card.\n\nKind regards\n\nChipo Ncube\n"
             "Senior Accountant | Ncube & Partners\n[cid:image001.png@01DA1234.5678ABCD]\n\n"
             "From: Chipo Ncube <chipo@example.com>\nSent: 10 September 2026 09:14\n"
             "To: CSW <csw@msasa.example>\nSubject: RE: Thank you\n\nOur earlier reply.\n")
    survey = ("customer,date,text\n"
              "Rudo M.,2026-09-11,\"Brilliant service.\n\n-----Original Message-----\n"
              "From: rudo@example.com\"\n"
              "Tafadzwa R.,2026-09-12,\"From: the whole Gweru team, thank you.\"\n")
    site, outcome = built(make_site, run, {
        "content/testimonials/chipo-n.MD": crlf(email),
        "content/testimonials/survey.csv": crlf(survey)})
    assert outcome.exit_code == 0, outcome.stderr
    header = ("warning: from here down is the header of an email pasted from Outlook (From:, "
              "Sent:, To:, Subject:) and the message it answered, which would be published as "
              "they are, the sender's email address ({}) with them; keep only the words meant "
              "for the site: delete this line and every line below it (and the signature "
              "above it)")
    assert outcome.lines == [
        "content/testimonials/chipo-n.MD:11: warning: \"[cid:image001.png@01DA1234.5678ABCD]\" "
        "is where the email showed a picture (a logo in a signature): it comes out as this "
        "text, not as the picture; delete it, and to show a picture, save it in content/ and "
        "write ![what it shows](file.jpg)",
        "content/testimonials/chipo-n.MD:13: " + header.format("chipo@example.com"),
        "content/testimonials/survey.csv:2: " + header.format("rudo@example.com")]

    assert (site / "output/testimonials/chipo-n/index.html").is_file()  # (a warning only)
    again = run(site, "build", *AS_OF)  # (from the cache: said again until it is mended)
    assert again.lines == outcome.lines


def test_an_email_saved_from_outlook_is_never_published(make_site: MakeSite,
                                                        run: Run) -> None:
    """An email dragged from Outlook into content/pages/ or content/downloads/ is saved as
    a .msg: it was published for anyone to download, with the addresses of everyone it was
    from and to.  (A Word document there is a download, as before.)"""
    site, outcome = built(make_site, run, {
        "content/pages/RE Complaint about Msasa branch.msg": b"\xd0\xcf\x11\xe0 Outlook",
        "content/downloads/Thank you.eml": crlf("From: Rudo <rudo@example.com>\n"
                                                 "To: csw@msasa.example\n\nThank you.\n"),
        "content/downloads/leave-form.docx": b"PK\x03\x04 a download"})
    assert outcome.exit_code == 0, outcome.stderr
    said = ("warning: is an email saved from Outlook or another mail program, so it is not "
            "published: it holds the name and email address of everyone it was from and to, "
            "which are not for the site; to publish its words, copy them into a page, and "
            "move the email out of content/")
    assert outcome.lines == ["content/downloads/Thank you.eml: " + said,
                             "content/pages/RE Complaint about Msasa branch.msg: " + said]
    out = site / "output"
    assert not (out / "pages/RE Complaint about Msasa branch.msg").exists()
    assert not (out / "downloads/Thank you.eml").exists()
    assert (out / "downloads/leave-form.docx").is_file()


SAFE_LINK = ("https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fmsasa.example"
             "%2Fapp%3Fref%3Dcsw&data=05%7C02%7Ctendai.moyo%40msasa.example%7C8c1e2f%7C0&"
             "sdata=Zm9v%3D&reserved=0")


def test_a_link_copied_from_an_email_in_outlook_goes_where_it_was_meant_to(
        make_site: MakeSite, run: Run) -> None:
    """Outlook wraps every link in an email in its Safe Links address, whose `data` names
    the mailbox it was sent to: copied into a page, it published Tendai's address, and took
    visitors through Microsoft's servers (or nowhere, outside the bank's tenant)."""
    site, outcome = built(make_site, run, {
        "content/pages/app.md": crlf("---\ntitle: Our app\n---\nDownload it:\n\n"
                                     f"[the Msasa app]({SAFE_LINK})\n")})
    assert outcome.exit_code == 0, outcome.stderr
    assert outcome.lines == [
        "content/pages/app.md:6: warning: a link goes to eur01.safelinks.protection.outlook."
        "com, Outlook's Safe Links wrapping of https://msasa.example/app?ref=csw (as a link "
        "copied from an email is), which holds the address of the mailbox the email was sent "
        "to; the page links to https://msasa.example/app?ref=csw itself: write that address "
        "in the link instead"]
    html = (site / "output/app/index.html").read_text("utf-8")
    assert '<a href="https://msasa.example/app?ref=csw">the Msasa app</a>' in html
    assert "safelinks" not in html and "tendai.moyo" not in html


def test_a_safe_links_address_pasted_as_text_is_pointed_out(make_site: MakeSite,
                                                            run: Run) -> None:
    """The same address pasted as it is, not as a link (a customer's email quoted whole):
    it is text, so the page shows it, mailbox and all; the warning gives the address it
    stands for, and a second build says it again (the body is not taken for a clean one)."""
    files: dict[str, str | bytes] = {"content/testimonials/rudo.md": crlf(
        "---\ncustomer: Rudo M.\n---\nThe app helped me.\n\n"
        f"See {SAFE_LINK}.\n")}
    site, outcome = built(make_site, run, files)
    assert outcome.exit_code == 0, outcome.stderr
    said = ("content/testimonials/rudo.md:6: warning: this is an Outlook Safe Links address, "
            "copied from an email read in Outlook: it would be published as text that names "
            "the mailbox the email was sent to; write the address it stands for instead: "
            "https://msasa.example/app?ref=csw")
    assert outcome.lines == [said]
    again = run(site, "build", *AS_OF)
    assert again.exit_code == 0 and said in again.stderr


def test_the_zone_identifier_windows_keeps_for_a_download_is_left_alone(make_site: MakeSite,
                                                                         run: Run) -> None:
    """Photos saved from Outlook and copied into the site under WSL bring Windows' record
    of where each came from as a file of its own, `IMG_1234.JPG:Zone.Identifier`: the
    build stopped, telling her to rename a file she cannot see in Explorer."""
    zone = crlf("[ZoneTransfer]\nZoneId=3\nReferrerUrl=https://outlook.office.com/mail/\n")
    site, outcome = built(make_site, run, {
        "content/images/IMG_1234.JPG": b"\xff\xd8\xff not read",
        "content/images/IMG_1234.JPG:Zone.Identifier": zone,
        "content/downloads/programme.pdf:Zone.Identifier": zone,
        "content/downloads/programme.pdf": b"%PDF-1.4"})
    assert outcome.exit_code == 0, outcome.stderr
    assert not [line for line in outcome.lines if "Zone" in line]
    assert (site / "output/downloads/programme.pdf").is_file()
    assert not [p for p in (site / "output").rglob("*") if "Zone" in p.name]


def test_a_link_to_a_file_that_is_not_published_says_so(make_site: MakeSite,
                                                        run: Run) -> None:
    """A page linked to the shortcut, the email or the conflict copy beside it: each was
    left out with a warning of its own, and the link led to a page not found, without a
    word at the link."""
    site, outcome = built(make_site, run, {
        "content/pages/Intranet.url": crlf("[InternetShortcut]\nURL=https://intranet/\n"),
        "content/pages/Thank you.msg": b"\xd0\xcf\x11\xe0 Outlook",
        "content/pages/links.md": crlf("---\ntitle: Links\n---\nSee [the intranet]"
                                       "(Intranet.url)\nand [the email](Thank%20you.msg).\n")})
    assert outcome.exit_code == 0, outcome.stderr
    said = ("content/pages/links.md:{}: warning: the link to {} goes to content/pages/{}, "
            "which is not published (its own warning says why), so the link does not work; "
            "link to a page or a file that is published instead")
    assert said.format(4, "Intranet.url", "Intranet.url") in outcome.lines
    assert said.format(5, "Thank%20you.msg", "Thank you.msg") in outcome.lines
    html = (site / "output/links/index.html").read_text("utf-8")
    assert "Intranet.url" not in html and ".msg" not in html


def test_check_does_not_call_a_page_with_a_pasted_email_header_ready(make_site: MakeSite,
                                                                    run: Run) -> None:
    site = make_site({"content/testimonials/chipo-n.md": crlf(
        "---\ncustomer: Chipo N.\ndate: 2026-09-10\n---\nThank you.\n\n"
        "From: Chipo Ncube <chipo@example.com>\nSent: 10 September 2026 09:14\n"
        "To: CSW <csw@msasa.example>\nSubject: RE: Thank you\n")})
    outcome = run(site, "check", *AS_OF)
    assert outcome.exit_code == 1, outcome.stdout + outcome.stderr
    said = outcome.stdout + outcome.stderr
    assert "content/testimonials/chipo-n.md:7: from here down is the header of an email" in said
    assert "Ready to publish" not in said
