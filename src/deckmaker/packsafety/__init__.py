"""What keeps a template pack inside its folder and within bounds: which files it may
name (``files``), what its fonts, logo and deck master may hold (``fontfile``,
``images``, ``master``) and what its jinja2 templates may do (``budget``).

A pack is semi-trusted: someone else's folder, used as it is. Nothing here runs pack
content; every check happens before a file is opened by a library."""
