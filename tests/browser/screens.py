"""The screens the app is shown on, and the geometry of what a person sees on them.

Boxes are Playwright's bounding boxes ({x, y, width, height} in CSS pixels of the viewport).
"""

PHONE = {"is_mobile": True, "has_touch": True}
SCREENS = {
    "1280x720": {"width": 1280, "height": 720},
    "1366x768": {"width": 1366, "height": 768},
    "1920x1080": {"width": 1920, "height": 1080},
    "phone-390x844": {"width": 390, "height": 844},
}


def options(name):
    """A browser context's options for the screen `name`: its viewport, and on a phone, touch."""
    return {"viewport": SCREENS[name]} | (PHONE if name.startswith("phone") else {})


def overlap(a, b, edge=0):
    """Whether two boxes share more than `edge` pixels (0: any point inside both)."""
    return (
        a["x"] < b["x"] + b["width"] - edge
        and b["x"] < a["x"] + a["width"] - edge
        and a["y"] < b["y"] + b["height"] - edge
        and b["y"] < a["y"] + a["height"] - edge
    )


def inside(inner, outer, slack=0.5):
    """Whether `inner` lies within `outer`, give or take `slack` pixels of rounding."""
    return (
        inner["x"] >= outer["x"] - slack
        and inner["y"] >= outer["y"] - slack
        and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + slack
        and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + slack
    )


def contains(box, point):
    """Whether `point` ({x, y}) is in `box`, its edges included."""
    return (
        box["x"] <= point["x"] <= box["x"] + box["width"]
        and box["y"] <= point["y"] <= box["y"] + box["height"]
    )
