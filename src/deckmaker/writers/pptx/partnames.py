"""Free part names without a walk of the whole package for each new part.

python-pptx's ``OpcPackage.next_partname`` walks every relationship of the package
for each new part (scanny/python-pptx#644): for a deck's notes pages (one per slide,
each named by ``next_partname``) that is quadratic, a seventh of a large deck's time.
``PartNames`` walks once per name pattern and then counts on, choosing the names
``next_partname`` would choose. ``PartNames.of(package)`` also answers the package's
own ``next_partname`` calls (an attribute of that one package object: python-pptx's
code is not changed), so every part name python-pptx chooses that way and every part
the deck adds itself (charts, workbooks) come from one record. Part names python-pptx
chooses otherwise (slides by their count, images by their own search) use other
patterns."""

from __future__ import annotations

from pptx.opc.packuri import PackURI


class PartNames:
    """The next free part names of ``package`` (a python-pptx ``OpcPackage``)."""

    def __init__(self, package) -> None:
        self.package = package
        self._used: dict[str, set[str]] = {}

    @classmethod
    def of(cls, package) -> PartNames:
        """The part names of ``package``, which then names its new parts from them."""
        names = cls(package)
        package.next_partname = names.next  # scanny/python-pptx#644, see the module
        return names

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
