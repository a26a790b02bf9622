#!/usr/bin/python3
"""LibreOffice Writer's Compare Document, driven headless through UNO (a peer of `redline compare`).

    /usr/bin/python3 bench/peers/lo-compare.py OLD.docx NEW.docx OUT.docx [--warm-up] [--timeout S]

Needs the system python (Debian's python3-uno lives in /usr/lib/python3/dist-packages; a pyenv
python cannot import uno). One comparison per process: starts its own soffice (headless, private
profile -env:UserInstallation=file:///tmp/lo-bench-PID, a pipe named lo-bench-PID), connects, and

    load     loadComponentFromURL(NEW, Hidden)
    compare  dispatch .uno:CompareDocuments with URL = OLD (LibreOffice loads OLD itself and marks,
             in the loaded document, what changed since OLD: text only in NEW as insertions, text
             only in OLD as deletions, so accept all gives NEW and reject all gives OLD)
    store    storeToURL(OUT, FilterName "MS Word 2007 XML")

then closes the document and terminates soffice. With --warm-up, soffice first loads OLD and NEW
and stores each with the same filter (untimed, "warmUpMs"), so that the timed steps run in a soffice
that has read and written documents of this kind before, as redline's in-process runs follow a
warm-up; the compare itself cannot be warmed, as a second one in the same soffice crashes it. (A second .uno:CompareDocuments in the same
soffice 7.4 process crashes it, so repeated runs are separate processes.) Both inputs are
copied into the private profile first: LibreOffice leaves lock files beside what it opens.

Prints one JSON line: {"startMs", "loadMs", "compareMs", "redlines", "storeMs", "totalMs" (load +
compare + store), "endToEndMs" (soffice start to stored, the warm-up included if there was one),
"warmUpMs" (with --warm-up), "bytes", "version"}. A watchdog kills
this script's soffice (the process group it started, nothing else) after --timeout seconds
(default 300) and prints {"timeout": S, "phase": ...}; a failure prints {"error": ...}, followed, when
soffice crashed, by the fatal line it printed and the first named frame of its stack (on H.222.0 x 1%,
soffice 7.4.7 aborts laying out the compared document: "Signal 6, in SwLayoutFrame::ContainsContent()").
"""

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time

sys.path.append("/usr/lib/python3/dist-packages")
sys.path.append("/usr/lib/libreoffice/program")

import uno  # noqa: E402
from com.sun.star.beans import PropertyValue  # noqa: E402
from com.sun.star.connection import NoConnectException  # noqa: E402


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def ms(seconds):
    return round(seconds * 1000, 1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("out")
    ap.add_argument("--timeout", type=float, default=300)
    ap.add_argument("--warm-up", action="store_true")
    ap.add_argument("--soffice", default=shutil.which("soffice") or "/usr/bin/soffice")
    args = ap.parse_args()

    pid = os.getpid()
    profile = f"/tmp/lo-bench-{pid}"
    # soffice's own output: where it says why it died (read back into the error, then removed)
    log_path = f"/tmp/lo-bench-{pid}.log"
    pipe = f"lo-bench-{pid}"
    result = {}
    proc = None
    done = threading.Event()

    def stop_office():
        if proc is not None and proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)  # the group this script started, nothing else
            except ProcessLookupError:
                pass
            try:
                proc.wait(10)
            except subprocess.TimeoutExpired:
                pass
        shutil.rmtree(profile, ignore_errors=True)

    state = {"phase": "start"}

    def watchdog_fired(limit):
        if done.is_set():
            return
        result["timeout"] = limit
        result["phase"] = state["phase"]
        print(json.dumps(result), flush=True)
        stop_office()
        os._exit(3)

    timer = None

    def arm(limit):
        nonlocal timer
        if timer:
            timer.cancel()
        timer = threading.Timer(limit, watchdog_fired, (limit,))
        timer.daemon = True
        timer.start()

    log = open(log_path, "wb")
    try:
        t0 = time.perf_counter()
        arm(120)
        proc = subprocess.Popen(
            [
                args.soffice,
                "--headless",
                "--invisible",
                "--nologo",
                "--norestore",
                "--nodefault",
                "--nolockcheck",
                f"-env:UserInstallation=file://{profile}",
                f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext",
            ],
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        while ctx is None:
            if proc.poll() is not None:
                raise RuntimeError(f"soffice exited with status {proc.returncode} before accepting a connection")
            try:
                ctx = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
            except NoConnectException:
                time.sleep(0.1)
        smgr = ctx.ServiceManager
        desktop = smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        dispatcher = smgr.createInstanceWithContext("com.sun.star.frame.DispatchHelper", ctx)
        result["startMs"] = ms(time.perf_counter() - t0)
        try:
            cp = smgr.createInstanceWithArgumentsAndContext(
                "com.sun.star.configuration.ConfigurationProvider", (), ctx
            )
            node = cp.createInstanceWithArguments(
                "com.sun.star.configuration.ConfigurationAccess",
                (prop("nodepath", "/org.openoffice.Setup/Product"),),
            )
            result["version"] = f"{node.getByName('ooName')} {node.getByName('ooSetupVersionAboutBox')}"
        except Exception:  # version is informative only
            pass

        # private copies: LibreOffice leaves lock files beside what it opens, and a crash leaves them behind
        work = os.path.join(profile, "work")
        os.makedirs(work, exist_ok=True)
        old_copy = os.path.join(work, "old" + os.path.splitext(args.old)[1])
        new_copy = os.path.join(work, "new" + os.path.splitext(args.new)[1])
        shutil.copyfile(args.old, old_copy)
        shutil.copyfile(args.new, new_copy)
        old_url, new_url, out_url = url(old_copy), url(new_copy), url(args.out)
        arm(args.timeout)
        if args.warm_up:
            state["phase"] = "warm-up"
            t = time.perf_counter()
            for source in (old_copy, new_copy):
                warm = desktop.loadComponentFromURL(url(source), "_blank", 0, (prop("Hidden", True),))
                if warm is None:
                    raise RuntimeError(f"could not load {source}")
                warm.storeToURL(url(os.path.join(work, "warm-up.docx")), (prop("FilterName", "MS Word 2007 XML"), prop("Overwrite", True)))
                warm.close(True)
            result["warmUpMs"] = ms(time.perf_counter() - t)
        state["phase"] = "load"
        t = time.perf_counter()
        doc = desktop.loadComponentFromURL(new_url, "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            raise RuntimeError(f"could not load {args.new}")
        result["loadMs"] = ms(time.perf_counter() - t)
        state["phase"] = "compare"
        t = time.perf_counter()
        frame = doc.getCurrentController().getFrame()
        dispatcher.executeDispatch(frame, ".uno:CompareDocuments", "", 0, (prop("URL", old_url),))
        result["compareMs"] = ms(time.perf_counter() - t)
        result["redlines"] = doc.getRedlines().getCount()
        state["phase"] = "store"
        t = time.perf_counter()
        doc.storeToURL(out_url, (prop("FilterName", "MS Word 2007 XML"), prop("Overwrite", True)))
        result["storeMs"] = ms(time.perf_counter() - t)
        result["totalMs"] = round(result["loadMs"] + result["compareMs"] + result["storeMs"], 1)
        result["endToEndMs"] = ms(time.perf_counter() - t0)
        state["phase"] = "close"
        doc.close(True)
        done.set()
        if timer:
            timer.cancel()
        result["bytes"] = os.path.getsize(args.out)
        try:
            desktop.terminate()
        except Exception:  # the bridge goes away as soffice quits
            pass
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            pass
        print(json.dumps(result), flush=True)
        return 0
    except Exception as e:  # report, do not hang
        done.set()
        result["error"] = f"{state['phase']}: {type(e).__name__}: {e}".splitlines()[0]
        crash = crash_report(proc, log_path)
        if crash:
            result["error"] += f"; soffice: {crash}"
        print(json.dumps(result), flush=True)
        return 2
    finally:
        if timer:
            timer.cancel()
        stop_office()
        log.close()
        try:
            os.remove(log_path)
        except OSError:
            pass


def crash_report(proc, log_path):
    """What soffice printed as it died ("Fatal exception: Signal 6, in SwLayoutFrame::ContainsContent()"), or None."""
    if proc is None:
        return None
    try:
        proc.wait(5)  # a crashing soffice writes its stack before it exits
    except subprocess.TimeoutExpired:
        return None
    try:
        with open(log_path, "rb") as f:
            lines = f.read().decode("utf-8", "replace").splitlines()
    except OSError:
        return None
    fatal = next((i for i, line in enumerate(lines) if line.startswith("Fatal exception")), None)
    if fatal is None:
        return None
    # the first named frame after the signal handlers (libc's and LibreOffice's own) is where it failed
    handlers = ("libc.so", "libuno_sal", "libmergedlo.so(+")
    frames = [line for line in lines[fatal + 1 :] if "(" in line and not any(h in line for h in handlers)]
    where = None
    for line in frames:
        name = line[line.index("(") + 1 :].split("+")[0]
        if name:
            where = name
            break
    if where and where.startswith("_Z") and shutil.which("c++filt"):
        where = subprocess.run(["c++filt", where], capture_output=True, text=True).stdout.strip() or where
    return lines[fatal].strip() + (f", in {where}" if where else "")


if __name__ == "__main__":
    sys.exit(main())
