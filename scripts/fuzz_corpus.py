#!/usr/bin/env python3
"""Writes a corpus of hostile PDFs for the batch to survive, from a fixed seed.

    python3 scripts/fuzz_corpus.py --out /tmp/fuzz --count 200 [--seed 1] [--no-large]

Half the files are mutations of small good PDFs (samples/ and a few corpus PDFs): byte flips,
truncations, deleted and duplicated ranges, a corrupted xref table or startxref, absurd
MediaBox/CropBox/Rotate/UserUnit values. The rest are written by hand: a huge image, deeply
nested arrays and dictionaries, a font program of random bytes, a page tree of 10,000 pages,
a Flate stream that inflates to hundreds of megabytes, reference loops. The same seed and count
give the same files, so a crash found here is reproducible from the command line alone.
`--no-large` leaves out the files that are slow by design (10,000 pages, the inflating stream).
"""
import argparse
import os
import random
import re
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = ["samples/born-digital/tjansteutlatande-2017-54.pdf", "samples/born-digital/utlatande-ks-2025-364.pdf",
         "corpus/pdf/word/kramfors-delegationsbeslut-yttrande-offentlig-plats-2018.pdf",
         "corpus/pdf/html/hultsfred-ks-remissvar-upphandlingspolicy-2013.pdf",
         "corpus/pdf/typeset/karlstad-motion-trafiksakerhet-gc-vagar.pdf"]
ABSURD = ["100000000000000000000", "-100000000000000000000", "0", "-0.0001", "99999999999999999999999999999999",
          "1e20", "NaN", "3.4028235e+38", "-2147483649", "2147483648", "0.0000000001"]


def pdf(objects, trailer_extra=""):
    """A PDF with a correct xref table for the given object bodies (object i+1 = objects[i])."""
    out = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + (body if isinstance(body, bytes) else body.encode("latin-1")) + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += ("trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, trailer_extra, xref)).encode()
    return bytes(out)


def stream(dictionary, data):
    return b"<< %s /Length %d >>\nstream\n" % (dictionary.encode(), len(data)) + data + b"\nendstream"


def one_page(page_extra="", resources="", content=b"BT /F1 12 Tf 72 720 Td (Hej) Tj ET", extra_objects=()):
    objects = ["<< /Type /Catalog /Pages 2 0 R >>",
               "<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
               "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << %s >> %s >>"
               % (resources or "/Font << /F1 5 0 R >>", page_extra),
               stream("", content),
               "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    return pdf(objects + list(extra_objects))


def mutate(data, rng):
    data = bytearray(data)
    kind = rng.choice(["flip", "truncate", "delete", "duplicate", "xref", "startxref", "box", "rotate", "userunit"])
    if kind == "flip":
        for _ in range(rng.randint(1, 400)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif kind == "truncate":
        data = data[:rng.randrange(16, len(data))]
    elif kind == "delete":
        start = rng.randrange(len(data))
        del data[start:start + rng.randint(1, 5000)]
    elif kind == "duplicate":
        start = rng.randrange(len(data))
        piece = data[start:start + rng.randint(1, 5000)]
        at = rng.randrange(len(data))
        data[at:at] = piece * rng.randint(1, 20)
    elif kind == "xref":
        text = bytes(data)
        at = text.rfind(b"xref")
        if at >= 0:
            for _ in range(rng.randint(1, 50)):
                position = at + rng.randrange(min(2000, len(text) - at))
                data[position] = ord(rng.choice("0123456789 fn\n"))
    elif kind == "startxref":
        data = bytearray(re.sub(rb"startxref\s+\d+", b"startxref\n" + str(rng.choice([0, 1, 10**12, len(data) * 2])).encode(),
                                bytes(data)))
    elif kind == "box":
        box = rng.choice([b"MediaBox", b"CropBox"])
        values = " ".join(rng.choice(ABSURD) for _ in range(4)).encode()
        data = bytearray(re.sub(rb"/(MediaBox|CropBox)\s*\[[^\]]*\]", b"/" + box + b" [" + values + b"]", bytes(data), count=0))
    elif kind == "rotate":
        data = bytearray(re.sub(rb"/Type\s*/Page\b", b"/Type /Page /Rotate " + rng.choice(ABSURD + ["37", "-90"]).encode(),
                                bytes(data)))
    elif kind == "userunit":
        data = bytearray(re.sub(rb"/Type\s*/Page\b", b"/Type /Page /UserUnit " + rng.choice(ABSURD + ["75000"]).encode(),
                                bytes(data)))
    return kind, bytes(data)


def handmade(rng, large):
    kinds = ["huge-image", "nested-arrays", "nested-dicts", "bad-font", "reference-loop", "page-tree-loop",
             "absurd-box-image", "image-bad-stream"]
    if large:
        kinds += ["ten-thousand-pages", "inflating-stream"]
    kind = rng.choice(kinds)
    if kind == "huge-image":
        side = rng.choice([100000, 2**31 - 1, 65536])
        image = stream("/Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 "
                       "/Filter /FlateDecode" % (side, side), zlib.compress(b"\0" * 4096))
        return kind, one_page(resources="/XObject << /Im1 6 0 R >>", content=b"q 595 0 0 842 0 0 cm /Im1 Do Q",
                              extra_objects=[image])
    if kind == "absurd-box-image":
        image = stream("/Type /XObject /Subtype /Image /Width 8 /Height 8 /ColorSpace /DeviceGray /BitsPerComponent 8",
                       bytes(64))
        box = " ".join(rng.choice(ABSURD) for _ in range(4))
        body = one_page(resources="/XObject << /Im1 6 0 R >>", content=b"q 595 0 0 842 0 0 cm /Im1 Do Q",
                        extra_objects=[image])
        return kind, body.replace(b"/MediaBox [0 0 595 842]", b"/MediaBox [" + box.encode() + b"]")
    if kind == "image-bad-stream":
        image = stream("/Type /XObject /Subtype /Image /Width 2000 /Height 2000 /ColorSpace /DeviceRGB /BitsPerComponent 8 "
                       "/Filter /DCTDecode", bytes(rng.randrange(256) for _ in range(3000)))
        return kind, one_page(resources="/XObject << /Im1 6 0 R >>", content=b"q 595 0 0 842 0 0 cm /Im1 Do Q",
                              extra_objects=[image])
    if kind == "nested-arrays":
        depth = rng.choice([1000, 100000])
        return kind, one_page(page_extra="/Junk " + "[" * depth + "]" * depth)
    if kind == "nested-dicts":
        depth = rng.choice([1000, 50000])
        return kind, one_page(page_extra="/Junk " + "<< /A " * depth + "1" + " >>" * depth)
    if kind == "bad-font":
        program = bytes(rng.randrange(256) for _ in range(rng.randint(100, 20000)))
        font = "<< /Type /Font /Subtype /TrueType /BaseFont /Broken /FirstChar 32 /LastChar 255 /FontDescriptor 7 0 R >>"
        descriptor = "<< /Type /FontDescriptor /FontName /Broken /Flags 32 /FontBBox [0 0 1000 1000] /ItalicAngle 0 " \
                     "/Ascent 800 /Descent -200 /CapHeight 700 /StemV 80 /FontFile2 8 0 R >>"
        return kind, one_page(resources="/Font << /F1 6 0 R >>", content=b"BT /F1 12 Tf 72 720 Td (Hej pa dig) Tj ET",
                              extra_objects=[font, descriptor, stream("", program)])
    if kind == "reference-loop":
        objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
                   "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources 5 0 R >>",
                   "4 0 R", "<< /Font 5 0 R /XObject 5 0 R >>"]
        return kind, pdf(objects)
    if kind == "page-tree-loop":
        objects = ["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Count 3 /Kids [2 0 R 3 0 R] >>",
                   "<< /Type /Pages /Parent 2 0 R /Count 2 /Kids [2 0 R 3 0 R] >>"]
        return kind, pdf(objects)
    if kind == "ten-thousand-pages":
        count = 10000
        objects = ["<< /Type /Catalog /Pages 2 0 R >>",
                   "<< /Type /Pages /Count %d /Kids [%s] >>" % (count, " ".join("%d 0 R" % (i + 4) for i in range(count))),
                   stream("", b"BT /F1 9 Tf 72 720 Td (Sida) Tj ET")]
        objects += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R /Resources << /Font << /F1 %d 0 R >> >> >>"
                    % (count + 4)] * count
        objects.append("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
        return kind, pdf(objects)
    # inflating-stream: a content stream of 1 MB that inflates to ~400 MB of spaces.
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    packed = b"".join(compressor.compress(chunk) for _ in range(400)) + compressor.flush()
    return kind, pdf(["<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Count 1 /Kids [3 0 R] >>",
                      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                      stream("/Filter /FlateDecode", packed)])


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", required=True)
    parser.add_argument("--count", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-large", action="store_true")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    seeds = [open(os.path.join(ROOT, path), "rb").read() for path in SEEDS if os.path.exists(os.path.join(ROOT, path))]
    os.makedirs(args.out, exist_ok=True)
    for number in range(args.count):
        if seeds and rng.random() < 0.5:
            kind, data = mutate(rng.choice(seeds), rng)
        else:
            kind, data = handmade(rng, large=not args.no_large)
        path = os.path.join(args.out, "fuzz-%05d-%s.pdf" % (number, kind))
        with open(path + ".tmp", "wb") as handle:
            handle.write(data)
        os.replace(path + ".tmp", path)
    print("%d files -> %s (seed %d)" % (args.count, args.out, args.seed))


if __name__ == "__main__":
    main()
