"""Free part names without a walk of the whole package for each new part.

python-pptx's ``OpcPackage.next_partname`` walks every relationship of the package
for each new part (scanny/python-pptx#644): for a deck's notes pages (one per slide,
each named by ``next_partname``) that is quadratic, a seventh of a large deck's time.
``PartNames`` walks once per name pattern and then counts on, choosing the names
``next_partname`` would choose, for the parts the deck adds itself (notes pages after
the first, charts, workbooks). The parts python-pptx adds name themselves otherwise
(slides by their count, images by their own search, the first notes page before any
other)."""

from __future__ import annotations

from pptx.opc.packuri import PackURI


class PartNames:
    """The next free part names of ``package`` (a python-pptx ``OpcPackage``)."""

    def __init__(self, package) -> None:
        self.package = package
        self._used: dict[str, set[str]] = {}

    def next(self, template: str) -> PackURI:
        """The next free part name matching ``template`` (a "%d" pattern), now taken."""
        prefix = template[: (template % 42).find("42")]
        used = self._used.get(prefix)
        if used is None:
            used = self._used[prefix] = {str(part.partname) for part in
                                         self.package.iter_parts()
                                         if part.partname.startswith(prefix)}
        name = next(template % n for n in range(len(used) + 1, 0, -1)
                    if template % n not in used)
        used.add(name)
        return PackURI(name)
