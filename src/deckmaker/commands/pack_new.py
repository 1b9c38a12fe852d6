"""``deckmaker pack new PACK_DIR --from corporate.pptx``: a pack made from an
organisation's PowerPoint template (.pptx or .potx). It extends the default pack, carries
the template's master (its example slides removed), maps the master's layouts to the
deck's slide kinds, takes palette and fonts from the template's theme, copies the logos,
and says what it mapped and what it could not, with the line of pack.yaml to edit.

The pack is written in a temporary folder beside PACK_DIR and renamed into place, so a
failure leaves nothing; an existing PACK_DIR is never touched. Registered on the
``pack`` group (deckmaker.commands.pack); python-pptx loads only when it runs."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import click

from deckmaker import console
from deckmaker.commands.common import reports_errors
from deckmaker.errors import InvalidInput, display_path

IMAGE_SUFFIX = {"png": ".png", "jpeg": ".jpg"}


def _logo(path: str | None, option: str, stem: str) -> tuple[bytes, str] | None:
    """The logo's bytes and its name in the pack, checked as the pack loader checks it."""
    if path is None:
        return None
    from deckmaker.packsafety.files import LOGO_CAP, MB
    from deckmaker.packsafety.images import ImageRefused, check_image

    given = Path(path)
    if not given.is_file():
        what = "is a folder" if given.is_dir() else "does not exist"
        raise InvalidInput(f"{path}: {option} {what}; give a PNG or JPEG file")
    if given.stat().st_size > LOGO_CAP:
        raise InvalidInput(f"{path}: {option} is over {LOGO_CAP // MB} MB; give a smaller "
                           "PNG or JPEG")
    data = given.read_bytes()
    try:
        kind, _width, _height = check_image(data)
    except ImageRefused as exc:
        raise InvalidInput(f"{path}: {option} {exc}; give a PNG or JPEG file") from None
    return data, f"images/{stem}{IMAGE_SUFFIX.get(kind, '.png')}"


def _save_master(presentation, target: Path) -> None:
    """The template's master without its slides (a deck adds its own), at ``target``."""
    from pptx.oxml.ns import qn

    slide_list = presentation.element.find(qn("p:sldIdLst"))
    if slide_list is not None:
        for slide_id in list(slide_list):
            slide_list.remove(slide_id)
            presentation.part.drop_rel(slide_id.get(qn("r:id")))
    target.parent.mkdir(parents=True, exist_ok=True)
    presentation.save(str(target))


@click.command("new")
@click.argument("pack_dir", type=click.Path())
@click.option("--from", "source", required=True, type=click.Path(),
              help="The organisation's PowerPoint template (.pptx or .potx).")
@click.option("--logo", type=click.Path(), help="A PNG or JPEG for the deck and the email.")
@click.option("--memo-logo", type=click.Path(), help="A PNG or JPEG letterhead for the memo.")
@reports_errors
def new_pack(pack_dir: str, source: str, logo: str | None, memo_logo: str | None) -> None:
    """Make a pack in PACK_DIR from a PowerPoint template; PACK_DIR must not exist."""
    from deckmaker.template.mapping import REQUIRED, map_layouts
    from deckmaker.template.opening import TemplateError
    from deckmaker.template.palette import palette_from_theme
    from deckmaker.template.reader import open_template
    from deckmaker.template.scaffold import MASTER, pack_yaml

    target = Path(pack_dir)
    if os.path.lexists(target):
        raise InvalidInput(f"{pack_dir}: already exists; pack new never overwrites a folder, "
                           "give a new folder name")
    if not target.parent.is_dir():
        raise InvalidInput(f"{pack_dir}: the folder {target.parent} does not exist; create it "
                           "first")
    logos = {"logo": _logo(logo, "--logo", "logo"),
             "memo": _logo(memo_logo, "--memo-logo", "letterhead")}
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        try:
            with open_template(Path(source)) as opened:
                info, removed = opened.info, opened.removed
                _save_master(opened.presentation, staging / MASTER)
        except TemplateError as exc:
            raise InvalidInput(f"{source}: {exc}") from None
        mapping = map_layouts(info.layouts, info.slide_box)
        grounds = tuple(layout.background.colour for layout in info.layouts
                        if layout.name in mapping.names.values() and layout.background.colour)
        derived = palette_from_theme(info.theme.colours, grounds)
        for data_and_name in logos.values():
            if data_and_name:
                data, name = data_and_name
                (staging / name).parent.mkdir(parents=True, exist_ok=True)
                (staging / name).write_bytes(data)
        text = pack_yaml(target.name, Path(source).name, info, mapping, derived.colours,
                         logo=logos["logo"][1] if logos["logo"] else None,
                         memo_logo=logos["memo"][1] if logos["memo"] else None)
        (staging / "pack.yaml").write_text(text.text, "utf-8")
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _report(target, info, mapping, derived, removed, text.where, REQUIRED)


def _report(target: Path, info, mapping, derived, removed, where, required) -> None:
    shown = display_path(target / "pack.yaml")
    console.success(f"{display_path(target)}: a pack made from {Path(info.path).name} "
                    f"({len(info.layouts)} layouts, slides {info.slide_size_in[0]:.2f} x "
                    f"{info.slide_size_in[1]:.2f} in)")
    for kind, choice in mapping.chosen.items():
        line = where[f"slide.layouts.{kind}"]
        message = f"{shown}:{line}: slide.layouts.{kind} = '{choice.name}' ({choice.how}: " \
                  f"{choice.reason})"
        (console.warning if choice.how == "fallback" else console.info)(message)
    for kind in mapping.missing:
        line = where[f"slide.layouts.{kind}"]
        severity = console.warning if kind in required else console.info
        severity(f"{shown}:{line}: slide.layouts.{kind}: no layout found; name one of the "
                 "master's layouts here")
    if info.masters > 1:
        console.info(f"the template has {info.masters} slide masters: the mapping chose "
                     "among all their layouts (a later master's repeated names are marked "
                     "'(2)', '(3)')")
    theme = info.theme
    console.info(f"{shown}:{where['fonts.deck']}: fonts.deck = '{theme.body_font}' (the "
                 f"theme's body font; headings '{theme.heading_font}'): its files are not in "
                 "the pack, so the deck is measured with Noto Sans and the memo prints in "
                 "the default pack's Noto Serif and Noto Sans")
    for change in derived.changes:
        role = change.split(":", 1)[0]
        console.warning(f"{shown}:{where[f'palette.{role}']}: palette.{change}")
    for item in removed:
        console.warning(f"{display_path(target / 'deck/master.pptx')}: removed {item}")
    console.info(f"next: deckmaker pack check {display_path(target)}")
