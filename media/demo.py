"""The demo newsroom's pictures, drawn with Pillow at seed time: scenes, a chart and maps.

Nothing is downloaded. Each picture is drawn from a fixed seed, so seeding again
draws the same bytes and finds the same library image (``store_once``). What each
picture shows and says (caption, credit, alt text) is the demo's own writing, in
articles/demo/pictures.json.
"""

import io
import json
import math
import random
from pathlib import Path

from PIL import Image as PILImage
from PIL import ImageDraw, ImageFilter

from articles.models import Story
from media.uploads import check, store_once

PICTURES = Path(__file__).resolve().parent.parent / "articles" / "demo" / "pictures.json"
SIZE = (1600, 1000)


def _gradient(top, bottom, size=SIZE):
    height = size[1]
    column = PILImage.new("RGB", (1, height))
    for y in range(height):
        mix = y / (height - 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * mix) for a, b in zip(top, bottom, strict=True)))
    return column.resize(size)


def _grain(picture, rng, amount=10):
    """Film-like grain and a slight blur, so scenes read as photographs rather than diagrams.
    The grain comes from ``rng``, so the same seed draws the same bytes."""
    width, height = picture.size
    noise = PILImage.frombytes("L", (width, height), rng.randbytes(width * height)).convert("RGB")
    return PILImage.blend(picture, noise, amount / 160).filter(ImageFilter.GaussianBlur(1.2))


def harbour(rng):
    sky = _gradient((250, 170, 90), (120, 80, 140))
    draw = ImageDraw.Draw(sky)
    draw.ellipse([1080, 260, 1260, 440], fill=(255, 220, 140))
    draw.rectangle([0, 620, 1600, 1000], fill=(40, 50, 90))
    for _ in range(90):  # the sun's light broken on the water
        x, y = rng.randint(900, 1450), rng.randint(640, 980)
        draw.line([x, y, x + rng.randint(20, 90), y], fill=(230, 150, 110), width=4)
    for left in (260, 700):  # hulls and cranes in silhouette
        draw.polygon([(left, 620), (left + 360, 620), (left + 320, 540), (left + 30, 540)], fill=(25, 20, 35))
        draw.rectangle([left + 120, 200, left + 140, 540], fill=(25, 20, 35))
        draw.line([left + 130, 210, left + 420, 210], fill=(25, 20, 35), width=14)
    return _grain(sky, rng)


def city(rng):
    sky = _gradient((20, 30, 70), (60, 70, 120))
    draw = ImageDraw.Draw(sky)
    x = 0
    while x < 1600:
        width, height = rng.randint(90, 200), rng.randint(300, 800)
        draw.rectangle([x, 1000 - height, x + width, 1000], fill=(25, 25, 40))
        for wy in range(1000 - height + 30, 990, 40):
            for wx in range(x + 15, x + width - 20, 30):
                if rng.random() < 0.55:
                    draw.rectangle([wx, wy, wx + 14, wy + 20], fill=(255, 214, 120))
        x += width + rng.randint(4, 20)
    return _grain(sky, rng)


def river(rng):
    land = _gradient((150, 200, 240), (80, 140, 70))
    draw = ImageDraw.Draw(land)
    draw.rectangle([0, 0, 1600, 380], fill=(160, 205, 240))
    points = [(x, 520 + 120 * ((x / 1600) ** 2) + rng.randint(-20, 20)) for x in range(-100, 1800, 100)]
    for offset, colour in ((170, (60, 120, 110)), (120, (90, 150, 140))):
        draw.polygon([*points, *[(x, y + offset) for x, y in reversed(points)]], fill=colour)
    draw.rectangle([0, 380, 1600, 420], fill=(70, 120, 60))
    return _grain(land, rng, 14)


def desert(rng):
    ground = _gradient((200, 220, 245), (225, 205, 170))
    draw = ImageDraw.Draw(ground)
    mountains = [
        (0, 430),
        (300, 300),
        (620, 420),
        (900, 280),
        (1250, 410),
        (1600, 330),
        (1600, 470),
        (0, 470),
    ]
    draw.polygon(mountains, fill=(140, 100, 80))
    for row in range(4):
        for col in range(5):
            left, top = 120 + col * 290 + row * 20, 520 + row * 110
            draw.rectangle([left, top, left + 240, top + 80], fill=(70 + 20 * row, 200, 200 - 10 * col))
    return _grain(ground, rng)


def court(rng):
    floor = _gradient((40, 30, 30), (200, 140, 80))
    draw = ImageDraw.Draw(floor)
    draw.rectangle([0, 0, 1600, 380], fill=(30, 25, 30))
    for x in range(100, 1600, 220):
        draw.ellipse([x, 40, x + 60, 100], fill=(255, 250, 220))
    draw.polygon([(200, 460), (1400, 460), (1580, 1000), (20, 1000)], outline=(250, 250, 250), width=8)
    draw.line([800, 460, 800, 1000], fill=(250, 250, 250), width=8)
    draw.ellipse([620, 640, 980, 860], outline=(250, 250, 250), width=8)
    return _grain(floor, rng)


def stadium(rng):
    sky = _gradient((10, 20, 50), (40, 50, 90))
    draw = ImageDraw.Draw(sky)
    for x in (150, 1350):  # floodlight towers
        draw.rectangle([x, 120, x + 16, 520], fill=(30, 30, 40))
        draw.rectangle([x - 60, 90, x + 76, 150], fill=(255, 250, 220))
    draw.polygon([(0, 520), (1600, 520), (1600, 640), (0, 640)], fill=(60, 45, 60))  # the stands
    for _ in range(900):
        x, y = rng.randint(0, 1600), rng.randint(525, 635)
        draw.point((x, y), fill=rng.choice([(230, 230, 230), (200, 60, 60), (60, 90, 200)]))
    draw.rectangle([0, 640, 1600, 1000], fill=(40, 130, 60))
    draw.polygon([(800, 690), (1130, 850), (800, 1000), (470, 850)], fill=(180, 130, 80))  # the infield
    draw.polygon([(800, 740), (1020, 850), (800, 960), (580, 850)], fill=(50, 145, 70))
    return _grain(sky, rng)


def space(rng):
    sky = _gradient((10, 15, 45), (230, 150, 110))
    draw = ImageDraw.Draw(sky)
    for _ in range(260):
        x, y = rng.randint(0, 1600), rng.randint(0, 520)
        draw.point((x, y), fill=(255, 255, 255))
    draw.pieslice([860, 170, 1140, 450], 180, 360, fill=(240, 120, 40))
    draw.pieslice([930, 170, 1070, 450], 180, 360, fill=(250, 245, 235))
    for x in (870, 1130):
        draw.line([x, 310, 1000, 560], fill=(220, 220, 220), width=3)
    draw.polygon([(970, 560), (1030, 560), (1045, 620), (955, 620)], fill=(60, 60, 70))
    draw.polygon([(0, 860), (400, 780), (900, 880), (1300, 800), (1600, 850), (1600, 1000), (0, 1000)],
                 fill=(190, 130, 90))  # fmt: skip
    return _grain(sky, rng)


def stage(rng):
    hall = PILImage.new("RGB", SIZE, (18, 14, 20))
    draw = ImageDraw.Draw(hall)
    draw.polygon([(800, 80), (430, 1000), (1170, 1000)], fill=(90, 70, 40))
    draw.rectangle([560, 330, 1040, 640], outline=(200, 170, 110), width=10)
    draw.ellipse([700, 400, 900, 580], fill=(255, 220, 140))
    draw.rectangle([0, 880, 1600, 1000], fill=(50, 30, 25))
    return _grain(hall.filter(ImageFilter.GaussianBlur(6)), rng)


def bakery(rng):
    room = _gradient((120, 70, 30), (60, 35, 20))
    draw = ImageDraw.Draw(room)
    for shelf in range(4):
        y = 180 + shelf * 210
        draw.rectangle([80, y + 110, 1520, y + 120], fill=(170, 170, 175))
        for x in range(110, 1480, 150):
            jitter = rng.randint(-10, 10)
            draw.ellipse([x, y + 20 + jitter, x + 130, y + 110], fill=(205 + jitter, 140, 60))
            draw.arc([x + 20, y + 35, x + 110, y + 85], 200, 340, fill=(160, 100, 40), width=4)
    return _grain(room, rng)


def chart(rng):
    picture = PILImage.new("RGB", SIZE, (253, 252, 249))
    draw = ImageDraw.Draw(picture)
    left, top, right, bottom = 140, 100, 1500, 860
    for step in range(6):  # gridlines every 2 points, 0 to 10 percent
        y = bottom - step * (bottom - top) / 5
        draw.line([left, y, right, y], fill=(220, 216, 207), width=2)
        draw.text((60, y - 12), f"{step * 2}%", fill=(74, 77, 85), font_size=28)
    for month, label in ((0, "2022"), (12, "2023"), (24, "2024"), (35, "2025")):
        draw.text(
            (left + month * (right - left) / 35 - 30, bottom + 20), label, fill=(74, 77, 85), font_size=28
        )
    colours = [(163, 33, 26), (15, 76, 129), (46, 125, 50), (120, 80, 160)]
    for index, colour in enumerate(colours):
        peak, end = 7 + index * 0.9, 2 + index * 0.6
        points = []
        for month in range(36):
            rise = min(month / 14, 1)
            value = 3 + (peak - 3) * rise - (peak - end) * max(0, (month - 14) / 21) + rng.uniform(-0.2, 0.2)
            points.append((left + month * (right - left) / 35, bottom - value / 10 * (bottom - top)))
        draw.line(points, fill=colour, width=7, joint="curve")
        draw.rectangle([1180, 110 + index * 48, 1220, 130 + index * 48], fill=colour)
        draw.text((1235, 102 + index * 48), LEGEND[index], fill=(22, 23, 26), font_size=30)
    draw.line([left, top, left, bottom, right, bottom], fill=(22, 23, 26), width=3)
    return picture


LEGEND = ["United States", "Euro area", "United Kingdom", "Japan"]


def map_(rng):
    picture = PILImage.new("RGB", SIZE, (236, 232, 222))
    draw = ImageDraw.Draw(picture)
    for x in range(0, 1600, 110):  # streets
        draw.line(
            [x + rng.randint(-10, 10), 0, x + rng.randint(-30, 30), 700], fill=(255, 255, 255), width=10
        )
    for y in range(40, 700, 95):
        draw.line([0, y, 1600, y + rng.randint(-20, 20)], fill=(255, 255, 255), width=10)
    bay = [(0, 700), (500, 640), (900, 760), (1600, 620), (1600, 1000), (0, 1000)]
    draw.polygon(bay, fill=(170, 205, 230))
    draw.line([(0, 300), (500, 380), (800, 330), (1600, 420)], fill=(170, 205, 230), width=60)  # the river
    # A loop through the city: stops taken in order round its centre, so the line never crosses itself.
    stops = [(rng.randint(200, 1400), rng.randint(100, 600)) for _ in range(6)]
    route = sorted(stops, key=lambda p: math.atan2(p[1] - 350, p[0] - 800))
    draw.line([*route, route[0]], fill=(200, 30, 30), width=16, joint="curve")
    for x, y in route:
        draw.ellipse([x - 16, y - 16, x + 16, y + 16], fill=(200, 30, 30))
    return picture


KINDS = {"stadium": stadium, "harbour": harbour, "city": city, "river": river, "desert": desert,
         "court": court, "space": space, "stage": stage, "bakery": bakery, "chart": chart,
         "map": map_}  # fmt: skip


def draw(kind, seed):
    """The picture of ``kind`` drawn from ``seed``, as JPEG bytes."""
    out = io.BytesIO()
    KINDS[kind](random.Random(seed)).save(out, "JPEG", quality=88)
    return out.getvalue()


def seed_pictures(user=None):
    """Draw the demo's pictures, add them to the library and give them to their stories."""
    plan = json.loads(PICTURES.read_text(encoding="utf-8"))
    stories = Story.objects.in_bulk([p["story"] for p in plan["pictures"]], field_name="slug")
    added = 0
    for entry in plan["pictures"]:
        story = stories.get(entry["story"])
        if story is None:
            continue
        image = store_once(
            check(io.BytesIO(draw(entry["kind"], entry["seed"])), f"{entry['kind']}-{entry['seed']}.jpg"),
            uploaded_by=user, title=entry["title"], caption=entry["caption"], alt_text=entry["alt"],
            credit=plan["credit"], focal_x=entry.get("focal", [0.5, 0.5])[0],
            focal_y=entry.get("focal", [0.5, 0.5])[1],
        )  # fmt: skip
        if entry.get("role") == "figure":
            if f'data-image="{image.pk}"' not in story.body:
                story.body = _after_second_paragraph(story.body, f'<figure data-image="{image.pk}"></figure>')
                story.save()
        elif story.lead_image_id != image.pk:
            story.lead_image = image
            story.save()
        added += 1
    return added


def _after_second_paragraph(body, figure):
    parts = body.split("</p>", 2)
    if len(parts) < 3:
        return body + figure
    return f"{parts[0]}</p>{parts[1]}</p>{figure}{parts[2]}"
