#!/usr/bin/env python3
"""Fresh renderings of the *tuning* documents only, to tune on layouts and scans the corpus does not hold.

    python3 corpus/tools/tuning_variants.py --out /tmp/variants [--jobs 2]

Writes a structure corpus that `diarium evaluate segment` reads (truth/, pdf/<path>/, split.json):
  word, html, typeset   render.py --variant v2: every house-style choice drawn afresh for the same texts
  scan2                 the corpus's typeset PDFs scanned another way: 200 or 300 dpi, more blur, noise and JPEG
                        loss, a skew of up to 0.8 degrees, read by tesseract -l swe or swe+eng
Held-out documents are never rendered here: these variants are for tuning, not for the figures the README reports.
"""
import argparse
import concurrent.futures
import json
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile

CORPUS = pathlib.Path(__file__).resolve().parents[1]


def slug(text):
    return re.sub(r"[^a-z0-9]+", "-", text.lower().translate(str.maketrans("åäöéü", "aaoeu"))).strip("-")


def tuning_ids():
    tuning = set(json.loads((CORPUS / "split.json").read_text())["tuning"])
    ids = []
    for f in sorted((CORPUS / "truth").glob("*.json")):
        truth = json.loads(f.read_text(encoding="utf-8"))
        if slug(truth["organisation"]) in tuning:
            ids.append(truth["id"])
    return ids


def scan(doc_id, out):
    r = random.Random(doc_id + "scan2")
    target = out / "pdf" / "scan2" / f"{doc_id}.pdf"
    if target.exists():
        return
    tmp = pathlib.Path(tempfile.mkdtemp(prefix="scan2-"))
    try:
        dpi = r.choice([200, 300])
        subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", str(CORPUS / "pdf" / "typeset" / f"{doc_id}.pdf"), str(tmp / "pg")],
                       check=True, timeout=300)
        pages = []
        for n, page in enumerate(sorted(tmp.glob("pg-*.pgm"))):
            jpg = tmp / f"p{n:03d}.jpg"
            subprocess.run(["convert", str(page), "-seed", str(r.randint(1, 10 ** 6)), "-rotate", f"{r.uniform(-0.8, 0.8):.2f}",
                            "-attenuate", f"{r.uniform(0.05, 0.2):.2f}", "+noise", "Gaussian", "-blur", f"0x{r.uniform(0.7, 1.5):.2f}",
                            "+level", f"{r.randint(5, 18)}%,{r.randint(85, 95)}%", "-density", str(dpi), "-units", "PixelsPerInch",
                            "-quality", str(r.randint(25, 60)), str(jpg)], check=True, timeout=120)
            base = tmp / f"o{n:03d}"
            subprocess.run(["tesseract", str(jpg), str(base), "-l", r.choice(["swe", "swe", "swe+eng"]), "--dpi", str(dpi), "pdf"],
                           env=dict(os.environ, OMP_THREAD_LIMIT="1"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           check=True, timeout=600)
            pages.append(str(base) + ".pdf")
        part = tmp / "joined.pdf"
        subprocess.run(["qpdf", "--empty", "--deterministic-id", "--pages"] + pages + ["--", str(part)], check=True, timeout=120)
        os.replace(part, target)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("--jobs", type=int, default=2)
    a = ap.parse_args(argv)
    out = pathlib.Path(a.out).resolve()
    if out == CORPUS:
        ap.error("--out must be a folder of its own")
    (out / "pdf" / "scan2").mkdir(parents=True, exist_ok=True)
    shutil.copy(CORPUS / "split.json", out / "split.json")
    ids = tuning_ids()
    subprocess.run([sys.executable, str(CORPUS / "tools" / "render.py"), "--variant", "v2", "--out", str(out),
                    "--paths", "word,html,typeset", "--jobs", str(a.jobs), "--only"] + ids, check=True)
    with concurrent.futures.ThreadPoolExecutor(max(1, a.jobs)) as pool:
        list(pool.map(lambda doc_id: scan(doc_id, out), ids))
    print(f"{len(ids)} tuning documents -> {out}; measure with: diarium evaluate segment {out} --details")


if __name__ == "__main__":
    main(sys.argv[1:])
