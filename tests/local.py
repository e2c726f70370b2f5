"""Where in-process test clients send their requests.

The app answers only the host names it serves (netweave.web.hosts); TestClient's own
default, ``testserver``, is not one of them.
"""

LOCAL = "http://localhost"
