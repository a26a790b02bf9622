#!/usr/bin/env python3
"""Open a .docx in a private, headless LibreOffice, accept or reject every
tracked change, and print the document's paragraphs as a JSON list of {"text", "style"}
(the style as LibreOffice names it: its display name, e.g. "Res_No").

    lo-accept-reject.py DOCX accept|reject [--soffice PATH] [--timeout SECONDS] [--notes] [--pictures] [--formats]

This is an independent check of our tracked-change output: LibreOffice's own
import and its own accept/reject logic, driven through UNO. It needs the
Python-UNO bridge (Debian: python3-uno), so run it with a Python that can
`import uno` (usually /usr/bin/python3, not a pyenv or venv one).

Robustness: a private user profile (never the user's own), a pipe name of our
own, a watchdog that kills LibreOffice's whole process group when the
timeout passes, and clean-up of the profile on every exit path.
Exit status: 0 with JSON on stdout; 2 with a one-line reason on stderr.
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid

import uno  # noqa: F401  (sets up the bridge; the imports below need it)
from com.sun.star.beans import PropertyValue
from com.sun.star.connection import NoConnectException

DISPATCH = {"accept": ".uno:AcceptAllTrackedChanges", "reject": ".uno:RejectAllTrackedChanges"}


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def connect(resolver, pipe, office, deadline):
    url = "uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe
    while True:
        if office.poll() is not None:
            raise RuntimeError("LibreOffice exited early with status %d" % office.returncode)
        try:
            return resolver.resolve(url)
        except NoConnectException:
            if time.monotonic() > deadline:
                raise RuntimeError("LibreOffice did not accept a connection in time")
            time.sleep(0.2)


def shown_format(portion, values=False):
    """What a text portion shows of the formats a redline compares, as a short tag: "b", "i", "u", "s", "sup",
    "sub", "sc", joined with "," (empty when plain). With `values`, also whether it is hidden ("hidden"), its colour ("c=FF0000", none when
    automatic), highlight ("hl=FFFF00", none when none), the kind of an underline other than single ("u=2",
    com.sun.star.awt.FontUnderline), size ("pt=12") and font ("f=Arial")."""
    tags = []
    if portion.CharWeight > 100:  # com.sun.star.awt.FontWeight: NORMAL is 100, BOLD 150
        tags.append("b")
    if portion.CharPosture.value != "NONE":
        tags.append("i")
    if portion.CharUnderline != 0:
        tags.append("u")
    if portion.CharStrikeout != 0:
        tags.append("s")
    if portion.CharEscapement > 0:
        tags.append("sup")
    elif portion.CharEscapement < 0:
        tags.append("sub")
    if portion.CharCaseMap == 4:  # com.sun.star.style.CaseMap.SMALLCAPS
        tags.append("sc")
    if values:
        if portion.CharHidden:
            tags.append("hidden")
        if portion.CharColor != -1:  # -1: automatic
            tags.append("c=%06X" % (portion.CharColor & 0xFFFFFF))
        if portion.CharHighlight != -1:  # -1: no highlight
            tags.append("hl=%06X" % (portion.CharHighlight & 0xFFFFFF))
        if portion.CharUnderline not in (0, 1):  # NONE, SINGLE
            tags.append("u=%d" % portion.CharUnderline)
        tags.append("pt=%g" % portion.CharHeight)
        tags.append("f=" + portion.CharFontName)
    return ",".join(tags)


def paragraph_text(part, pictures, formats=False):
    """A paragraph's text; with `pictures`, a picture anchored as a character shows as "[]" where it stands (as
    pandoc shows it); with `formats`, each stretch of formatted text is followed by its tags in braces
    ("10{}3{sup} per second{}")."""
    if not pictures and not formats:
        return part.getString()
    s = ""
    last = None
    portions = part.createEnumeration()
    while portions.hasMoreElements():
        portion = portions.nextElement()
        if portion.TextPortionType == "Frame":
            s += "[]"
            continue
        value = portion.getString()
        if formats and value:
            tag = shown_format(portion, formats == "values")
            if last is not None and tag != last:
                s += "{" + last + "}"
            last = tag
        s += value
    if formats and last is not None:
        s += "{" + last + "}"
    return s


def paragraphs_of(text, pictures=False, formats=False):
    """The paragraphs of a text (tables cell by cell) as {"text", "style"}."""
    out = []
    enum = text.createEnumeration()
    while enum.hasMoreElements():
        part = enum.nextElement()
        if part.supportsService("com.sun.star.text.Paragraph"):
            out.append({"text": paragraph_text(part, pictures, formats), "style": part.ParaStyleName})
        elif part.supportsService("com.sun.star.text.TextTable"):
            for name in part.getCellNames():
                out.extend(paragraphs_of(part.getCellByName(name).getText(), pictures, formats))
    return out


def run(path, mode, soffice, timeout, notes=False, pictures=False, formats=False):
    profile = tempfile.mkdtemp(prefix="redline-lo-profile-")
    pipe = "redline_%d_%s" % (os.getpid(), uuid.uuid4().hex[:8])
    office = subprocess.Popen(
        [
            soffice,
            "--headless",
            "--invisible",
            "--nologo",
            "--norestore",
            "--nodefault",
            "--nolockcheck",
            "-env:UserInstallation=" + uno.systemPathToFileUrl(profile),
            "--accept=pipe,name=%s;urp;StarOffice.ComponentContext" % pipe,
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )

    def kill_office(*_):
        try:
            os.killpg(office.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    def on_alarm(*_):
        kill_office()
        try:
            office.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        sys.stderr.write("LibreOffice did not finish within %d seconds; killed it\n" % timeout)
        shutil.rmtree(profile, ignore_errors=True)
        os._exit(2)

    signal.signal(signal.SIGALRM, on_alarm)
    signal.signal(signal.SIGTERM, on_alarm)
    signal.alarm(timeout)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = connect(resolver, pipe, office, time.monotonic() + timeout)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        # LibreOffice opens a copy in the private profile's folder: the lock file it makes beside the
        # document it opens (and leaves there if it is killed) must never land next to the caller's file
        copy = os.path.join(profile, "input" + os.path.splitext(path)[1])
        shutil.copyfile(path, copy)
        url = uno.systemPathToFileUrl(copy)
        # The Word filter by name: with type detection, a broken package would open as plain text.
        doc = desktop.loadComponentFromURL(url, "_blank", 0, (prop("Hidden", True), prop("FilterName", "MS Word 2007 XML")))
        if doc is None:
            raise RuntimeError("LibreOffice could not open %s" % path)
        frame = doc.getCurrentController().getFrame()
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        dispatcher.executeDispatch(frame, DISPATCH[mode], "", 0, ())
        remaining = doc.getRedlines().createEnumeration().hasMoreElements()
        if remaining:
            raise RuntimeError("tracked changes remain after %s all" % mode)
        result = paragraphs_of(doc.getText(), pictures, formats)
        if notes:
            # footnotes, then endnotes, each as LibreOffice numbers them; their labels are in the text's anchors
            for collection in (doc.getFootnotes(), doc.getEndnotes()):
                for i in range(collection.getCount()):
                    result.extend(paragraphs_of(collection.getByIndex(i), pictures, formats))
        doc.close(True)
        try:
            desktop.terminate()
        except Exception:  # the bridge drops as the office quits
            pass
        return result
    finally:
        signal.alarm(0)
        try:
            office.wait(timeout=10)
        except subprocess.TimeoutExpired:
            pass
        kill_office()
        shutil.rmtree(profile, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("docx")
    parser.add_argument("mode", choices=sorted(DISPATCH))
    parser.add_argument("--soffice", default="soffice")
    parser.add_argument("--timeout", type=int, default=90)
    parser.add_argument("--notes", action="store_true", help="also print the footnotes' and endnotes' paragraphs, after the text's")
    parser.add_argument("--pictures", action="store_true", help='show each picture anchored as a character as "[]" in its paragraph')
    parser.add_argument("--formats", action="store_true", help="follow each stretch of text with the formats it shows, in braces")
    parser.add_argument("--values", action="store_true", help="with the formats, the values too: colour, highlight, underline kind, size, font")
    args = parser.parse_args()
    try:
        paragraphs = run(args.docx, args.mode, args.soffice, args.timeout, args.notes, args.pictures, "values" if args.values else args.formats)
    except Exception as e:  # one line on stderr, as our tools report trouble
        sys.stderr.write("%s: %s\n" % (args.docx, e))
        return 2
    json.dump(paragraphs, sys.stdout, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
