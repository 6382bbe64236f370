"""Writes the Pillow reference images for io.sparkinfer.engine.vision.preprocess tests (see MANIFEST.md).

Run with Pillow 9.4 (Debian bookworm python3-pil): python3 make_references.py
"""
import json
import random

from PIL import Image

random.seed(20261122)


def noise(w, h, mode="RGB"):
    bands = len(mode)
    data = bytes(random.randrange(256) for _ in range(w * h * bands))
    return Image.frombytes(mode, (w, h), data)


def checker(w, h, cell):
    im = Image.new("RGB", (w, h))
    im.putdata([(255, 0, 255) if ((x // cell) + (y // cell)) % 2 else (0, 255, 0)
                for y in range(h) for x in range(w)])
    return im


# Bicubic: (source, target (w, h)) pairs covering down, up, one-axis and mixed resizes.
sources = {"noise_97x61.png": noise(97, 61), "checker_40x30.png": checker(40, 30, 3)}
for name, im in sources.items():
    im.save("bicubic/" + name)
cases = [
    ("noise_97x61.png", (32, 32)),
    ("noise_97x61.png", (200, 96)),
    ("noise_97x61.png", (50, 61)),
    ("noise_97x61.png", (97, 13)),
    ("noise_97x61.png", (23, 150)),
    ("noise_97x61.png", (7, 5)),
    ("noise_97x61.png", (96, 64)),
    ("checker_40x30.png", (128, 96)),
    ("checker_40x30.png", (13, 11)),
    ("checker_40x30.png", (64, 32)),
]
manifest = []
for src, (w, h) in cases:
    out = "%s_to_%dx%d.png" % (src[:-4], w, h)
    sources[src].resize((w, h), Image.BICUBIC).save("bicubic/" + out)
    manifest.append({"source": src, "width": w, "height": h, "expected": out})
with open("bicubic/cases.json", "w") as f:
    json.dump(manifest, f, indent=1)

# RGBA composited over white, as transformers' convert_to_rgb does.
rgba = noise(19, 11, "RGBA")
rgba.save("decode/rgba_19x11.png")
white = Image.new("RGBA", rgba.size, (255, 255, 255))
Image.alpha_composite(white, rgba).convert("RGB").save("decode/rgba_19x11_on_white.png")

# Lossless WebP: decodes to exactly its source pixels.
webp_src = noise(9, 7)
webp_src.save("decode/webp_9x7.png")
webp_src.save("decode/webp_9x7_lossless.webp", lossless=True)

# CMYK JPEG (Adobe APP14), which the JDK's JPEG reader cannot read.
Image.new("CMYK", (8, 8), (10, 20, 30, 40)).save("decode/cmyk_8x8.jpg", quality=95)

# Gray + alpha and palette + transparency, each composited over white like the RGBA case.
la = noise(13, 7, "LA")
la.save("decode/la_13x7.png")
Image.alpha_composite(Image.new("RGBA", la.size, (255, 255, 255)), la.convert("RGBA")).convert("RGB").save(
    "decode/la_13x7_on_white.png")
pal = Image.frombytes("P", (13, 7), bytes(random.randrange(16) for _ in range(13 * 7)))
pal.putpalette(bytes(random.randrange(256) for _ in range(16 * 3)))
pal.info["transparency"] = 7
pal.save("decode/palette_trns_13x7.png", transparency=7, optimize=False)
pal.save("decode/palette_trns_13x7.gif", transparency=7, optimize=False)
Image.alpha_composite(Image.new("RGBA", pal.size, (255, 255, 255)), pal.convert("RGBA")).convert("RGB").save(
    "decode/palette_trns_13x7_on_white.png")

# Lossy WebP of a smooth picture and Pillow's (libwebp's) decoding of it; decoders may differ slightly.
grad = Image.new("RGB", (24, 16))
grad.putdata([(x * 10, y * 15, (x + y) * 6) for y in range(16) for x in range(24)])
grad.save("decode/webp_24x16_lossy.webp", quality=90)
Image.open("decode/webp_24x16_lossy.webp").convert("RGB").save("decode/webp_24x16_lossy_pillow.png")
