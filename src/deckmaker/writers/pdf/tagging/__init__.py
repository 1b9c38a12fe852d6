"""Tagged PDF (PDF/UA-1) for reportlab documents, through public APIs only.

reportlab (open source, 4.2 to 5.1) has no tagging API, and deckmaker uses no private
attribute of a library (tests/test_library_api.py). The work is split in two, each part
done where it can be done with public calls:

1. While the document draws (``marks``, ``flowables``, ``canvas``): every piece of real
   content is wrapped in a marked-content sequence with an MCID
   (``/P <</MCID 3>> BDC ... EMC``) and every decoration in an artifact
   (``/Artifact <</Type /Pagination>> BDC ... EMC``), written with ``Canvas.addLiteral``,
   public in every reportlab since 2.x. A ``Recorder`` holds the structure tree, built
   with the story (``open("Sect")``, ``element("P")``, ``table(...)``, ``figure(alt=...)``),
   and notes which MCIDs of which page each element received as its flowables drew. A
   flowable split over two pages is two flowables pointing at one element: one ``P``
   with MCIDs on both pages. Links are noted by a canvas mixin overriding the public
   ``linkURL``/``linkRect`` that reportlab's Paragraph calls, in page order.

2. After the render (``structure``): a post-pass with pikepdf (qpdf) writes what
   reportlab has no public call for: ``/StructTreeRoot`` with the elements, the
   ``/ParentTree``, ``/StructParents`` on pages, ``/StructParent`` + ``/Contents`` on link
   annotations with an ``OBJR`` in a ``Link`` element, ``/Tabs /S``, ``/MarkInfo``,
   ``/Lang``, ``/ViewerPreferences /DisplayDocTitle`` and the XMP metadata (``dc:title``,
   ``pdfuaid:part`` 1). ``Canvas.setCatalogEntry`` is public, but pages and annotations
   have no public way to take extra keys (``LinkAnnotation`` refuses ``StructParent``),
   and a tree half written at build time and half after would be two mechanisms.

Why this split is the robust one: the content stream is written by reportlab, marks
and all, so nearly nothing is parsed or rewritten afterwards (text, fonts, images stay
what reportlab drew: ``pdftotext`` output is unchanged). The one exception is a CJK run
inside a paragraph of another language (``spans``): reportlab's text object has no
public way to take an operator between two runs, so the text objects holding one (noted
by the tagging canvas as it draws them) are parsed and written back by pikepdf with a
``/Span`` and its ``/Lang`` around the run, the rest of their page kept byte for byte.
Otherwise the post-pass only adds objects and keys, appended to reportlab's bytes as an
incremental update written in a fixed order (no date or random value is added; the
``/ID`` is reportlab's).
``check`` is the project's own checker, reading the result back with pikepdf's
content-stream parser.
"""
