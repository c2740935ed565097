"""The test kit shared by ``tests/`` and ``bench/`` (neither imports the other).

- :mod:`testkit.server`: the app on a free port, optionally from a throw-away app
  tree with its own database and static folder.
- :mod:`testkit.browser`: Debian's Chromium, offline: every request to another host
  is blocked and recorded.
- :mod:`testkit.expected`: the Malmö dimension ids and an independent ranking.
- :mod:`testkit.sessions`: many concurrent browser sessions against one server.
"""
